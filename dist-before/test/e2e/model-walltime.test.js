/**
 * Wall time against a real manager (jobs.md §3 `wt`, §10.5, §9 exit codes; protocol.md §6 (f)) with
 * `--kill-grace 1`: enforced per iteration, counted from EXECUTING, SIGTERM then SIGKILL after the grace,
 * `wt` formats. Lower bounds only (a job must not be killed before its wall time); no upper timing bounds.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { gateLoop, openGate, shJob } from '../helpers/jobs.js';
import { submitOk, waitForState } from '../helpers/manager-process.js';
import { sleepMarker, waitNoMarker } from '../helpers/procs.js';
import { assertFinalRuntime, assertKeys, assertSameOrdered, historyStates, sleep } from '../helpers/util.js';
import { finalStampOf, info, stampOf, useManager } from './model-common.js';
/** `YYYY-MM-DD HH:MM:SS.ffffff` (local) → microseconds since the epoch. */
function micros(stamp) {
    const [d, t] = stamp.split(' ');
    const [y, mo, da] = d.split('-').map(Number);
    const [h, mi, s] = t.split(':');
    const [sec, frac] = s.split('.');
    return new Date(y, mo - 1, da, Number(h), Number(mi), Number(sec)).getTime() * 1000 + Number(frac);
}
/** `H:MM:SS.ffffff` → seconds */
function rtimeSeconds(rt) {
    const [h, m, s] = rt.split(':');
    return Number(h) * 3600 + Number(m) * 60 + Number(s);
}
describe('wall time (nodes 2, --kill-grace 1)', () => {
    const ctx = useManager({ nodes: '2', extra: ['--kill-grace', '1'] });
    const marker = sleepMarker();
    test('wt "1s" on a long sleep: FAILED, "wall time exceeded", exit_code -15, not killed before 1 s', async () => {
        const { m } = ctx;
        await submitOk(m, [{ name: 'wt1', execution: { exec: 'sleep', args: [marker] }, resources: { numCores: 1, wt: '1s' } }]);
        assert.equal(await waitForState(m, 'wt1'), 'FAILED');
        const d = await info(m, 'wt1');
        assertKeys(d, ['jobName', 'status', 'messages', 'runtime', 'history'], 'wt1');
        assert.equal(d.messages, 'wall time exceeded');
        const rt = assertFinalRuntime(d.runtime, { exit_code: '-15', pname: 'sleep' });
        assert.ok(rtimeSeconds(rt.rtime) >= 1, `rtime ${rt.rtime} ≥ wt`);
        assert.ok(micros(finalStampOf(d)) - micros(stampOf(d, 'EXECUTING')) >= 1_000_000, 'EXECUTING → FAILED spans at least the wall time');
    });
    test('iterations: each iteration has its own wall time; only the slow one FAILED; the job FAILED without messages', async () => {
        const { m } = ctx;
        await submitOk(m, [shJob('wti', `[ \${it} = 1 ] && exec sleep ${marker}; exit 0`, { iteration: { stop: 3 }, resources: { numCores: 1, wt: '1s' } })]);
        assert.equal(await waitForState(m, 'wti'), 'FAILED');
        const d = await info(m, 'wti', true);
        assertKeys(d, ['jobName', 'status', 'iterations', 'childs', 'history'], 'wti');
        assertSameOrdered(d.iterations, { start: 0, stop: 3, total: 3, finished: 3, failed: 1 });
        assert.deepEqual(d.childs.map((c) => c.state), ['SUCCEED', 'FAILED', 'SUCCEED']);
        const it1 = await info(m, 'wti:1');
        assertKeys(it1, ['jobName', 'status', 'messages', 'runtime', 'history'], 'wti:1');
        assert.equal(it1.messages, 'wall time exceeded');
        assertFinalRuntime(it1.runtime, { exit_code: '-15', pname: 'sh' });
        assert.deepEqual(historyStates(it1.history), ['SCHEDULED', 'EXECUTING', 'FAILED']);
        assert.equal((await info(m, 'wti:0')).messages, undefined);
    });
    test('a TERM-trapping iteration: SIGKILL after the kill grace, exit_code -9, "wall time exceeded"', async () => {
        const { m } = ctx;
        const ready = path.join(m.wd, 'trap_${it}.ready');
        await submitOk(m, [shJob('wtt', `trap '' TERM; : > '${ready}'; while :; do sleep 0.1; done # ${marker}`, { iteration: { stop: 2 }, resources: { numCores: 1, wt: '1s' } })]);
        assert.equal(await waitForState(m, 'wtt'), 'FAILED');
        for (const i of [0, 1]) {
            assert.ok(fs.existsSync(path.join(m.wd, `trap_${i}.ready`)), `iteration ${i} ran its trap`);
            const it = await info(m, `wtt:${i}`);
            assert.equal(it.status, 'FAILED');
            assert.equal(it.messages, 'wall time exceeded');
            const rt = assertFinalRuntime(it.runtime, { exit_code: '-9', pname: 'sh' });
            assert.ok(rtimeSeconds(rt.rtime) >= 1, `rtime ${rt.rtime}`);
        }
        assert.deepEqual(await waitNoMarker(marker), [], 'the whole process group is gone');
    });
    test('wall time counts per iteration from its EXECUTING: 5 sequential 1-s iterations under wt "3s" all SUCCEED', async () => {
        const { m } = ctx;
        await submitOk(m, [{ name: 'seqwt', execution: { exec: '/bin/sleep', args: ['1'] }, iteration: { stop: 5 }, resources: { numCores: 2, wt: '3s' } }]);
        assert.equal(await waitForState(m, 'seqwt', undefined, 60_000), 'SUCCEED');
        const parent = await info(m, 'seqwt');
        const last = await info(m, 'seqwt:4');
        // the sweep as a whole ran longer than the wall time: it is not counted from the job's start
        assert.ok(micros(finalStampOf(last)) - micros(stampOf(parent, 'EXECUTING')) > 3_000_000);
    });
    test('time spent QUEUED does not count: a 1-s wall time job queued for longer still SUCCEEDs', async () => {
        const { m } = ctx;
        const g = ctx.gate('wt-hold');
        await submitOk(m, [shJob('wt-hold', gateLoop(g), { resources: { numCores: 2 } })]);
        await waitForState(m, 'wt-hold', ['EXECUTING']);
        await submitOk(m, [{ name: 'wt-queued', execution: { exec: '/bin/true' }, resources: { numCores: 1, wt: '1s' } }]);
        await sleep(1500);
        assert.equal((await info(m, 'wt-queued')).status, 'QUEUED');
        openGate(g);
        assert.equal(await waitForState(m, 'wt-queued'), 'SUCCEED');
        const d = await info(m, 'wt-queued');
        assert.ok(micros(stampOf(d, 'EXECUTING')) - micros(stampOf(d, 'QUEUED')) > 1_000_000, 'it was queued longer than its wall time');
    });
    test('formats: "2s" and "0h0m2s" enforced (-15); "1m", "1h30m", "24h10m5s" accepted and not hit by a 2-s job', async () => {
        const { m } = ctx;
        await submitOk(m, [
            { name: 'f2s', execution: { exec: 'sleep', args: [marker] }, resources: { numCores: 1, wt: '2s' } },
            { name: 'f0h0m2s', execution: { exec: 'sleep', args: [marker] }, resources: { numCores: 1, wt: '0h0m2s' } },
        ]);
        for (const n of ['f2s', 'f0h0m2s']) {
            assert.equal(await waitForState(m, n), 'FAILED', n);
            const d = await info(m, n);
            assert.equal(d.messages, 'wall time exceeded', n);
            const rt = assertFinalRuntime(d.runtime, { exit_code: '-15' });
            assert.ok(rtimeSeconds(rt.rtime) >= 2, `${n}: rtime ${rt.rtime} ≥ 2 s`);
        }
        await submitOk(m, [
            { name: 'f1m', execution: { exec: '/bin/sleep', args: ['2'] }, resources: { numCores: 1, wt: '1m' } },
            { name: 'f1h30m', execution: { exec: '/bin/sleep', args: ['2'] }, resources: { numCores: 1, wt: '1h30m' } },
        ]);
        await submitOk(m, [{ name: 'f24h', execution: { exec: '/bin/true' }, resources: { numNodes: 1, wt: '24h10m5s' } }]);
        for (const n of ['f1m', 'f1h30m', 'f24h']) {
            assert.equal(await waitForState(m, n, undefined, 60_000), 'SUCCEED', n);
            assertKeys(await info(m, n), ['jobName', 'status', 'runtime', 'history'], `${n}: no messages`);
        }
    });
    test('no job process is left', async () => {
        assert.deepEqual(await waitNoMarker(marker), []);
    });
});
//# sourceMappingURL=model-walltime.test.js.map