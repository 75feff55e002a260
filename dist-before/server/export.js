/**
 * Export rows (README "Export"): one row per task — a job without iterations, or one iteration — with its
 * inputs, outcome, timing, placement and result. Built from the core's Job/Task objects, so a running
 * manager (the `exportJobs` request) and a stopped one's journal (`pilotmq export --from DIR`) give the same rows.
 */
import { isFinal } from '../protocol/job.js';
import { substitute } from '../protocol/placeholders.js';
import { resultFileOf } from '../protocol/attributes.js';
export const EXPORT_COLUMNS = [
    'name', 'job', 'iteration', 'itval', 'exec', 'args', 'script', 'state', 'exit_code', 'retries',
    'start', 'end', 'rtime', 'allocation', 'nodes', 'wd', 'messages', 'result_file', 'result',
];
/**
 * Rows in registration order, starting at `from` (inclusive), until `maxBytes` of row JSON (at least one row).
 * `next` is where the following page starts, or null at the end. `task(job, idx)` gives an iteration's task
 * (a read-only view for iterations without a record).
 */
export function exportPage(jobs, task, from, maxBytes) {
    const rows = [];
    let bytes = 0;
    let started = from === null;
    for (const job of jobs) {
        if (!started) {
            if (job.name !== from.job)
                continue;
            started = true;
        }
        const first = from && job.name === from.job && from.it !== undefined ? Math.max(from.it, job.start) : job.start;
        const stop = job.isIterative ? job.stop : job.start + 1;
        for (let idx = first; idx < stop; idx++) {
            if (rows.length && bytes >= maxBytes)
                return { rows, next: { job: job.name, it: job.isIterative ? idx : undefined } };
            const row = job.isIterative ? rowOf(job, task(job, idx)) : rowOf(job, job.task);
            bytes += JSON.stringify(row).length;
            rows.push(row);
        }
    }
    if (from && !started)
        throw new Error(`no job '${from.job}' to continue the export from`);
    return { rows, next: null };
}
export function rowOf(job, t) {
    const d = job.desc;
    const idx = t.idx;
    const itval = idx === null ? null : (d.iteration?.values?.[idx] ?? String(idx)); // as launch.ts: values are indexed by idx
    const vars = idx === null ? {} : { it: String(idx), itval: itval };
    const sub = (s) => substitute(s, vars);
    const history = idx === null ? job.history : t.history;
    const messages = idx === null ? job.messages : t.messages;
    const rt = t.runtime;
    const exitCode = rt?.exit_code !== undefined && isFinal(t.state) ? Number(rt.exit_code) : null;
    const resultFile = resultFileOf(d.attributes);
    const allocation = rt?.allocation ?? null;
    return {
        name: t.label,
        job: job.name,
        iteration: idx,
        itval,
        exec: d.execution.exec !== undefined ? sub(d.execution.exec) : null,
        args: d.execution.args.map(sub),
        script: d.execution.script !== undefined ? sub(d.execution.script) : null,
        state: t.state,
        exit_code: exitCode,
        retries: t.failures,
        start: isoOf(lastOf(history, 'EXECUTING')),
        end: isFinal(t.state) ? isoOf(history.at(-1)?.[1]) : null,
        rtime: rt?.rtime !== undefined && isFinal(t.state) ? durationSeconds(rt.rtime) : null,
        allocation,
        nodes: allocation === null ? null : nodesOf(allocation),
        wd: rt?.wd ?? null,
        messages: messages?.length ? messages.join('\n') : null,
        result_file: resultFile ? sub(resultFile) : null,
        result: t.result ?? null,
    };
}
function lastOf(h, state) {
    for (let i = h.length - 1; i >= 0; i--)
        if (h[i][0] === state)
            return h[i][1];
    return undefined;
}
/** epoch µs → `2026-11-22T02:21:00.123456Z` */
export function isoOf(us) {
    if (us === undefined)
        return null;
    return `${new Date(Math.floor(us / 1000)).toISOString().slice(0, 19)}.${String(us % 1_000_000).padStart(6, '0')}Z`;
}
/** `H:MM:SS.ffffff` or `N day(s), H:MM:SS.ffffff` (runtime rtime) → seconds */
export function durationSeconds(text) {
    const m = /^(?:(\d+) days?, )?(\d+):(\d\d):(\d\d(?:\.\d+)?)$/.exec(text);
    if (!m)
        return null;
    return Number(m[1] ?? 0) * 86_400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}
/** `n0[0:1],n1[3]` → `n0,n1` */
export function nodesOf(allocation) {
    return allocation.split(/,(?![^[]*\])/).map((p) => p.replace(/\[.*$/, '')).join(',');
}
//# sourceMappingURL=export.js.map