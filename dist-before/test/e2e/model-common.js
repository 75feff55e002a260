/**
 * Shared pieces of the job-model end-to-end tests (test/e2e/model-*.test.ts): history timestamps, allocation
 * strings, interval arithmetic over real start/end times. No timing thresholds anywhere: only the order of
 * timestamps the manager recorded (jobs.md §9: local time, microseconds, non-decreasing).
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { jobInfo, startManagerProcess } from '../helpers/manager-process.js';
import { openGate } from '../helpers/jobs.js';
import { historyStates } from '../helpers/util.js';
import path from 'node:path';
/** History entries of a jobInfo `data` (format and non-decreasing order asserted). */
export function historyOf(info) {
    historyStates(info.history);
    return String(info.history)
        .split('\n')
        .slice(1)
        .map((l) => ({ date: l.slice(0, 26), state: l.slice(28) }));
}
/** Timestamp of the (first) history entry with `state`; throws when absent. */
export function stampOf(info, state) {
    const e = historyOf(info).find((h) => h.state === state);
    assert.ok(e, `${String(info.jobName)}: no ${state} in history ${JSON.stringify(info.history)}`);
    return e.date;
}
/** Timestamp of the last history entry (the final state for a final job). */
export function finalStampOf(info) {
    const h = historyOf(info);
    return h[h.length - 1].date;
}
/** `a[0:1],b[0:1:2]` → [{node: 'a', cores: ['0','1']}, …] (jobs.md §9). */
export function parseAllocation(a) {
    assert.match(a, /^[^[\],]+\[[^\]]+\](,[^[\],]+\[[^\]]+\])*$/, `allocation format: ${a}`);
    return a.split('],').map((part) => {
        const p = part.endsWith(']') ? part.slice(0, -1) : part;
        const i = p.indexOf('[');
        return { node: p.slice(0, i), cores: p.slice(i + 1).split(':') };
    });
}
export function coresIn(a) {
    return parseAllocation(a).reduce((s, n) => s + n.cores.length, 0);
}
/**
 * Maximum number of cores held at the same moment, intervals half-open [start, end) (an interval that ends at
 * the very moment another starts does not overlap it). Also asserts that no core id is held twice at once.
 */
export function maxConcurrentCores(ivs) {
    const points = [];
    for (const iv of ivs) {
        assert.ok(iv.start <= iv.end, `${iv.name}: start ${iv.start} after end ${iv.end}`);
        points.push({ t: iv.start, d: 1, iv }, { t: iv.end, d: -1, iv });
    }
    // ends before starts at the same instant
    points.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.d - b.d));
    let cur = 0;
    let max = 0;
    const held = new Map();
    for (const p of points) {
        if (p.d > 0) {
            for (const c of p.iv.cores) {
                assert.ok(!held.has(c), `core ${c} held by ${held.get(c)} and ${p.iv.name} at the same time (${String(p.t)})`);
                held.set(c, p.iv.name);
            }
            cur += p.iv.cores.length;
            max = Math.max(max, cur);
        }
        else {
            for (const c of p.iv.cores)
                held.delete(c);
            cur -= p.iv.cores.length;
        }
    }
    return max;
}
/** `node/core` ids of an allocation string. */
export function coreIds(a) {
    return parseAllocation(a).flatMap((n) => n.cores.map((c) => `${n.node}/${c}`));
}
/** State of one job or iteration. */
export async function statusOf(m, name) {
    const r = await m.request({ request: 'jobStatus', jobNames: [name] });
    assert.equal(r.code, 0, `jobStatus ${name}: ${JSON.stringify(r)}`);
    return r.data.jobs[name].data.status;
}
/** Names → states of several jobs or iterations at once. */
export async function statesOf(m, names) {
    const r = await m.request({ request: 'jobStatus', jobNames: names });
    assert.equal(r.code, 0, `jobStatus ${names.join(',')}: ${JSON.stringify(r)}`);
    return Object.fromEntries(names.map((n) => [n, r.data.jobs[n].data.status]));
}
/** The listJobs reply data (for before/after comparisons). */
export async function listJobs(m) {
    const r = await m.request({ request: 'listJobs' });
    assert.equal(r.code, 0);
    return r.data;
}
export async function info(m, name, withChilds = false) {
    return jobInfo(m, name, withChilds);
}
export function parseEnv(text) {
    const out = {};
    for (const line of text.split('\n')) {
        const i = line.indexOf('=');
        if (i > 0)
            out[line.slice(0, i)] = line.slice(i + 1);
    }
    return out;
}
/**
 * One manager for a describe block: started in `before`, stopped in `after` (gates opened first so nothing
 * keeps waiting). Use inside `describe`.
 */
export function useManager(opts) {
    let mgr;
    const gates = [];
    before(async () => {
        mgr = await startManagerProcess(opts);
    });
    after(async () => {
        for (const g of gates)
            openGate(g);
        await mgr?.stop();
    });
    return {
        get m() {
            assert.ok(mgr, 'manager not started');
            return mgr;
        },
        gate(name) {
            assert.ok(mgr, 'manager not started');
            const g = path.join(mgr.wd, 'gates', name);
            gates.push(g);
            return g;
        },
    };
}
//# sourceMappingURL=model-common.js.map