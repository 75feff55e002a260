/**
 * A summary of parsed report entries (pure): state counts, task run times, makespan, core utilisation over
 * time and the first failures. Tasks are what runs on cores: iterations, and jobs without iterations (a job
 * counts as iterative when the report has `NAME:IDX` entries for it).
 */
import { parseAllocation, parseDuration } from '../job-info.js';
const FAILED_STATES = new Set(['FAILED', 'CANCELED', 'OMITTED']);
/** Iterations, and jobs of which the report has no iterations. */
export function tasksOf(entries) {
    const iterative = new Set(entries.filter((e) => e.iteration !== undefined).map((e) => e.job));
    return entries.filter((e) => e.iteration !== undefined || !iterative.has(e.job));
}
/** `node[core]` keys of an allocation string (`a[0:1],b[2]` → `a[0]`, `a[1]`, `b[2]`). */
export function allocationCores(allocation) {
    if (!allocation)
        return [];
    return Object.entries(parseAllocation(allocation)).flatMap(([node, cores]) => cores.map((c) => `${node}[${c}]`));
}
/** The tasks that reached EXECUTING and a final state, with their interval and cores. */
export function taskIntervals(tasks) {
    const out = [];
    for (const entry of tasks) {
        const exec = entry.history.find((h) => h.state === 'EXECUTING');
        const last = entry.history[entry.history.length - 1];
        if (!exec || last === exec)
            continue;
        out.push({ entry, start: exec.us, end: Math.max(exec.us, last.us), cores: allocationCores(entry.runtime.allocation) });
    }
    return out;
}
export function summarize(entries, opts = {}) {
    const tasks = tasksOf(entries);
    const intervals = taskIntervals(tasks);
    const failures = entries.filter((e) => FAILED_STATES.has(e.state));
    return {
        entries: entries.length,
        jobs: countStates(entries.filter((e) => e.iteration === undefined)),
        tasks: countStates(tasks),
        runtime: runtimeStats(intervals.map((i) => parseDuration(i.entry.runtime.rtime ?? '')).filter((s) => !Number.isNaN(s))),
        makespan: makespanOf(intervals),
        utilisation: utilisation(intervals, entries, opts),
        failures: {
            total: failures.length,
            first: failures.slice(0, opts.maxFailures ?? 20).map((e) => ({
                name: e.name,
                state: e.state,
                ...(e.runtime.exit_code !== undefined ? { exitCode: e.runtime.exit_code } : {}),
                ...(e.messages !== undefined ? { messages: e.messages } : {}),
            })),
        },
    };
}
function countStates(entries) {
    const states = {};
    for (const e of entries)
        states[e.state] = (states[e.state] ?? 0) + 1;
    return { total: entries.length, states };
}
function runtimeStats(seconds) {
    if (seconds.length === 0)
        return null;
    const s = Float64Array.from(seconds).sort();
    const mid = s.length >> 1;
    const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    return { count: s.length, min: s[0], median, max: s[s.length - 1], total: s.reduce((a, b) => a + b, 0) };
}
function span(intervals) {
    if (intervals.length === 0)
        return null;
    let start = Infinity;
    let end = -Infinity;
    for (const i of intervals) {
        if (i.start < start)
            start = i.start;
        if (i.end > end)
            end = i.end;
    }
    return [start, end];
}
function makespanOf(intervals) {
    const s = span(intervals);
    return s && { start: new Date(s[0] / 1000), end: new Date(s[1] / 1000), seconds: (s[1] - s[0]) / 1e6 };
}
/** Cores in use over the makespan: a sweep over start (+cores) and end (−cores) events. */
function utilisation(intervals, entries, opts) {
    const seen = new Set(entries.flatMap((e) => allocationCores(e.runtime.allocation)));
    const cores = opts.cores ?? seen.size;
    const n = Math.max(1, opts.buckets ?? 20);
    const s = span(intervals);
    if (!s)
        return { cores, coresFrom: opts.cores ? 'option' : 'allocations', average: null, peak: 0, coreSeconds: 0, buckets: [] };
    const [start, end] = s;
    const events = [];
    for (const i of intervals) {
        if (i.cores.length === 0)
            continue;
        // times relative to the start: epoch microseconds would cost the sums their precision
        events.push([i.start - start, i.cores.length], [i.end - start, -i.cores.length]);
    }
    // ends before starts at the same instant: a core handed over is not counted twice
    events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const width = (end - start) / n;
    const bounds = Array.from({ length: n + 1 }, (_, k) => (k === n ? end - start : k * width));
    const area = [0];
    let level = 0;
    let acc = 0;
    let last = 0;
    let peak = 0;
    let k = 1;
    const advance = (t) => {
        for (; k <= n && bounds[k] <= t; k++) {
            acc += level * (bounds[k] - last);
            last = bounds[k];
            area.push(acc);
        }
        acc += level * (t - last);
        last = t;
    };
    for (const [t, delta] of events) {
        advance(t);
        level += delta;
        if (level > peak)
            peak = level;
    }
    advance(end - start);
    const coreSeconds = area[n] / 1e6;
    const seconds = (end - start) / 1e6;
    return {
        cores,
        coresFrom: opts.cores ? 'option' : 'allocations',
        average: seconds > 0 && cores > 0 ? coreSeconds / (seconds * cores) : null,
        peak,
        coreSeconds,
        buckets: width > 0 ? bounds.slice(1).map((b, i) => ({ from: bounds[i] / 1e6, to: b / 1e6, cores: Math.min(peak, Math.max(0, (area[i + 1] - area[i]) / width)) })) : [],
    };
}
//# sourceMappingURL=summary.js.map