/**
 * An SVG Gantt chart of report entries (pure): one row per allocated core (`node[core]`), one bar per task
 * from EXECUTING to its final time, coloured by final state, the task as its `<title>` tooltip. Above
 * `mergeAbove` tasks the bars of a core and state are merged into busy intervals, coarser and coarser until
 * at most `maxRects` remain, so that a million tasks still give a file of a few MB.
 */
import { taskIntervals, tasksOf } from './summary.js';
const COLOURS = { SUCCEED: '#43a047', FAILED: '#e53935', CANCELED: '#fb8c00', OMITTED: '#8e24aa' };
const OTHER_COLOUR = '#757575';
const FONT = 'font-family="sans-serif" font-size="11"';
export function gantt(entries, opts = {}) {
    const intervals = taskIntervals(tasksOf(entries)).filter((i) => i.cores.length > 0);
    const rows = [...new Set(intervals.flatMap((i) => i.cores))].sort(compareCores);
    const rowOf = new Map(rows.map((r, i) => [r, i]));
    const states = [...new Set(intervals.map((i) => i.entry.state))].sort((a, b) => rank(a) - rank(b));
    const stateOf = new Map(states.map((s, i) => [s, i]));
    const width = opts.width ?? 1200;
    const labelW = 12 + 7 * rows.reduce((w, r) => Math.max(w, r.length), 5);
    const plotW = width - labelW - 20;
    const rowH = Math.max(2, Math.min(18, Math.floor(720 / Math.max(1, rows.length))));
    const top = 56;
    const height = top + rows.length * rowH + 40;
    const t0 = intervals.length ? intervals.reduce((t, i) => Math.min(t, i.start), Infinity) : 0;
    const t1 = intervals.reduce((t, i) => Math.max(t, i.end), t0 + 1);
    const x = (us) => labelW + ((us - t0) / (t1 - t0)) * plotW;
    const merged = intervals.length > (opts.mergeAbove ?? 5000);
    const bars = merged
        ? mergedBars(intervals, rowOf, stateOf, (t1 - t0) / plotW, opts.maxRects ?? 20000)
        : intervals.flatMap((i) => taskBars(i, rowOf, stateOf.get(i.entry.state)));
    // thin white edges tell adjacent bars apart, where rows are tall enough for them
    const stroke = rowH >= 6 ? ';stroke:#fff;stroke-width:.5' : '';
    const out = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
        `<style>${states.map((s, i) => `.c${i}{fill:${COLOURS[s] ?? OTHER_COLOUR}${stroke}}`).join('')}</style>`,
        `<rect width="100%" height="100%" fill="#fff"/>`,
        `<text x="${labelW}" y="18" font-family="sans-serif" font-size="13">${esc(heading(intervals.length, rows.length, (t1 - t0) / 1e6, merged))}</text>`,
        ...legend(states, labelW),
    ];
    if (intervals.length === 0)
        out.push(`<text x="${labelW}" y="${top + 14}" ${FONT}>no task ran</text>`);
    else
        out.push(...axis(t0, t1, x, top, rows.length * rowH), ...rowLabels(rows, rowH, top, labelW));
    for (const b of bars) {
        const bx = x(b.start);
        const bw = Math.max(0.5, x(b.end) - bx);
        const attrs = `class="c${b.state}" x="${bx.toFixed(1)}" y="${top + b.row * rowH}" width="${bw.toFixed(1)}" height="${b.rows * rowH - (rowH > 4 ? 1 : 0)}"`;
        out.push(`<rect ${attrs}><title>${esc(b.title)}</title></rect>`);
    }
    out.push('</svg>');
    return out.join('\n') + '\n';
}
/** One bar per run of adjacent rows of the task's cores (one bar for a single-node allocation). */
function taskBars(i, rowOf, state) {
    const rows = i.cores.map((c) => rowOf.get(c)).sort((a, b) => a - b);
    const title = `${i.entry.name} (${i.entry.state}) ${seconds((i.end - i.start) / 1e6)} s on ${i.entry.runtime.allocation}`;
    const bars = [];
    for (const r of rows) {
        const prev = bars[bars.length - 1];
        if (prev && prev.row + prev.rows === r)
            prev.rows++;
        else
            bars.push({ row: r, rows: 1, state, start: i.start, end: i.end, title });
    }
    return bars;
}
/** Per core and state, intervals closer than `gap` µs joined; the gap doubles until few enough bars remain. */
function mergedBars(intervals, rowOf, stateOf, gap, maxRects) {
    const groups = new Map();
    const nStates = stateOf.size;
    for (const i of intervals) {
        const state = stateOf.get(i.entry.state);
        for (const c of i.cores) {
            const key = rowOf.get(c) * nStates + state;
            let list = groups.get(key);
            if (!list)
                groups.set(key, (list = []));
            list.push([i.start, i.end]);
        }
    }
    for (const list of groups.values())
        list.sort((a, b) => a[0] - b[0]);
    // successful work first, so that failures are drawn on top of it
    const keys = [...groups.keys()].sort((a, b) => (a % nStates) - (b % nStates) || a - b);
    for (let tolerance = Math.max(1, gap);; tolerance *= 2) {
        const bars = [];
        for (const key of keys) {
            const row = Math.floor(key / nStates);
            const state = key % nStates;
            let cur;
            let count = 0;
            const close = () => cur && bars.push({ ...cur, title: `${count} task(s), ${seconds((cur.end - cur.start) / 1e6)} s` });
            for (const [s, e] of groups.get(key)) {
                if (cur && s - cur.end <= tolerance) {
                    cur.end = Math.max(cur.end, e);
                    count++;
                }
                else {
                    close();
                    cur = { row, rows: 1, state, start: s, end: e, title: '' };
                    count = 1;
                }
            }
            close();
            if (bars.length > maxRects)
                break;
        }
        if (bars.length <= maxRects || bars.length <= keys.length)
            return bars;
    }
}
function heading(tasks, cores, secs, merged) {
    const what = merged ? ', bars merged into busy intervals per core' : '';
    return `${tasks} task(s) on ${cores} core(s), ${seconds(secs)} s from first start to last end${what}`;
}
function legend(states, left) {
    return states.map((s, i) => {
        const lx = left + i * 110;
        return `<rect class="c${i}" x="${lx}" y="28" width="12" height="12"/><text x="${lx + 16}" y="38" ${FONT}>${esc(s)}</text>`;
    });
}
/** Vertical grid lines and labels every 1, 2 or 5 × 10^k seconds. */
function axis(t0, t1, x, top, h) {
    const secs = (t1 - t0) / 1e6;
    const raw = secs / 10;
    const pow = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw);
    const decimals = Math.max(0, -Math.floor(Math.log10(step)));
    const out = [`<text x="${x(t1).toFixed(1)}" y="${top + h + 32}" ${FONT} text-anchor="end">seconds</text>`];
    for (let k = 0; k * step <= secs + 1e-9; k++) {
        const tx = x(t0 + k * step * 1e6).toFixed(1);
        out.push(`<line x1="${tx}" y1="${top}" x2="${tx}" y2="${top + h + 4}" stroke="#ddd"/>`);
        out.push(`<text x="${tx}" y="${top + h + 16}" ${FONT} text-anchor="middle">${(k * step).toFixed(decimals)}</text>`);
    }
    return out;
}
/** Row names; on dense charts only every n-th row, so that labels do not overlap. */
function rowLabels(rows, rowH, top, labelW) {
    const every = Math.ceil(11 / rowH);
    const out = [];
    for (let r = 0; r < rows.length; r += every) {
        const y = top + r * rowH + Math.min(rowH, 11) / 2;
        out.push(`<text x="${labelW - 6}" y="${y}" ${FONT} text-anchor="end" dominant-baseline="middle">${esc(rows[r])}</text>`);
    }
    return out;
}
/** `n2[10]` after `n2[9]`, `n10[0]` after `n9[3]`. */
function compareCores(a, b) {
    return a.localeCompare(b, 'en', { numeric: true });
}
const STATE_ORDER = ['SUCCEED', 'CANCELED', 'OMITTED', 'FAILED'];
const rank = (s) => (STATE_ORDER.includes(s) ? STATE_ORDER.indexOf(s) : STATE_ORDER.length);
const seconds = (s) => (s < 10 ? s.toFixed(3) : s.toFixed(1));
/** XML text and attribute escaping; characters XML 1.0 forbids become `?`. */
const esc = (s) => s.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '?').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]);
//# sourceMappingURL=gantt.js.map