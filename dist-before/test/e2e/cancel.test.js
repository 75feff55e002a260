/**
 * cancelJob (protocol.md §4.5, jobs.md §11.3; examples/req-cancelJob.json): queued work is CANCELED at once,
 * running work is signalled (SIGTERM, SIGKILL after the kill grace), and every error text.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { gateJob, openGate, shJob } from '../helpers/jobs.js';
import { jobInfo, startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { procsWithMarker, sleepMarker, waitNoMarker } from '../helpers/procs.js';
import { assertFinalRuntime, assertKeys, assertSameOrdered, historyStates, waitFor } from '../helpers/util.js';
describe('cancelJob (nodes 4, default kill grace)', () => {
    let m;
    const marker = sleepMarker();
    const gates = [];
    const gate = (n) => {
        const g = path.join(m.wd, 'gates', n);
        gates.push(g);
        return g;
    };
    before(async () => {
        m = await startManagerProcess({ nodes: '4' });
    });
    after(async () => {
        for (const g of gates)
            openGate(g);
        await m?.stop();
        assert.deepEqual(await waitNoMarker(marker), [], 'no job process outlives the manager');
    });
    test('queued job: CANCELED at once, no runtime', async () => {
        const g = gate('blocker');
        await submitOk(m, [gateJob('blocker', g, { resources: { numCores: 4 } }), { name: 'q', execution: { exec: '/bin/true' } }]);
        await waitForState(m, 'blocker', ['EXECUTING']);
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['q'] }), { code: 0, data: { canceled: 1 } });
        const d = await jobInfo(m, 'q');
        assert.equal(d.status, 'CANCELED', 'QUEUED → CANCELED at once (the reply reflects it)');
        assertKeys(d, ['jobName', 'status', 'history'], 'jobInfo q');
        assert.deepEqual(historyStates(d.history), ['QUEUED', 'CANCELED']);
        openGate(g);
        assert.equal(await waitForState(m, 'blocker'), 'SUCCEED');
    });
    test('running job: SIGTERM, CANCELED with exit_code -15', async () => {
        await submitOk(m, [{ name: 'sleeper', execution: { exec: 'sleep', args: [marker] } }]);
        await waitForState(m, 'sleeper', ['EXECUTING']);
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['sleeper'] }), { code: 0, data: { canceled: 1 } });
        assert.equal(await waitForState(m, 'sleeper'), 'CANCELED');
        const d = await jobInfo(m, 'sleeper');
        assertKeys(d, ['jobName', 'status', 'runtime', 'history'], 'jobInfo sleeper');
        const rt = assertFinalRuntime(d.runtime, { exit_code: '-15', pname: 'sleep', allocation: 'n0[0]' });
        assert.notEqual(rt.pid, '-1');
        assert.deepEqual(historyStates(d.history), ['QUEUED', 'SCHEDULED', 'EXECUTING', 'CANCELED']);
    });
    test('cancellation already requested: a job that ignores SIGTERM stays cancelling until SIGKILL', async () => {
        const ready = path.join(m.wd, 'stubborn.ready');
        await submitOk(m, [shJob('stubborn', `trap '' TERM; : > '${ready}'; while :; do sleep 0.1; done # ${marker}`)]);
        await waitFor(() => fs.existsSync(ready), 30_000, 'stubborn ready');
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['stubborn'] }), { code: 0, data: { canceled: 1 } });
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['stubborn'] }), {
            code: 0,
            data: { canceled: 0, errors: { stubborn: 'Job stubborn already canceled' } },
        });
        assert.deepStrictEqual(await m.request({ request: 'removeJob', jobNames: ['stubborn'] }), {
            code: 0,
            data: { removed: 0, errors: { stubborn: "Job 'stubborn' not finished - can not be removed" } },
        });
        // checked at the end of this suite (kill grace 10 s): CANCELED with -9
    });
    test('already finished, unknown, out of range, no iterations, malformed', async () => {
        await submitOk(m, [{ name: 'done', execution: { exec: '/bin/true' } }, { name: 'sweep', execution: { exec: '/bin/true' }, iteration: { stop: 3 } }]);
        assert.equal(await waitForState(m, 'done'), 'SUCCEED');
        assert.equal(await waitForState(m, 'sweep'), 'SUCCEED');
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['sleeper', 'done'] }), {
            code: 0,
            data: { canceled: 0, errors: { sleeper: 'Job sleeper already finished (CANCELED)', done: 'Job done already finished (SUCCEED)' } },
        });
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['ghost:1', 'sweep:9', 'ghost', 'done:0', 'a:b:c', 'sweep:1', 'sweep:x'] }), {
            code: 0,
            data: {
                canceled: 0,
                errors: {
                    'ghost:1': "Job/iteration ghost doesn't exist",
                    'sweep:9': 'Unknown iteration 9 for job sweep',
                    ghost: "Job/iteration ghost doesn't exist",
                    'done:0': 'Job done has no iterations',
                    'a:b:c': "Invalid job name 'a:b:c'",
                    'sweep:1': 'Job sweep:1 already finished (SUCCEED)',
                    'sweep:x': "Invalid job name 'sweep:x'",
                },
            },
        });
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['sweep'] }), { code: 0, data: { canceled: 0, errors: { sweep: 'Job sweep already finished (SUCCEED)' } } });
    });
    test('missing or wrong jobNames', async () => {
        const missing = { code: 1, message: 'Invalid request: Wrong cancel job request - missing job names' };
        assert.deepStrictEqual(await m.request({ request: 'cancelJob' }), missing);
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: [] }), missing);
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: 'done' }), missing);
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: [1] }), { code: 1, message: 'Invalid request: Wrong cancel job request - job names must be strings' });
    });
    test('two queued iterations, then the same again (already final), then the whole job', async () => {
        const g = gate('itcancel');
        await submitOk(m, [gateJob('itcancel', g, { iteration: { stop: 4 }, resources: { numCores: 4 } })]);
        await waitForState(m, 'itcancel:0', ['EXECUTING']);
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['itcancel:2', 'itcancel:3'] }), { code: 0, data: { canceled: 2 } });
        const st = await m.request({ request: 'jobStatus', jobNames: ['itcancel:2', 'itcancel:3', 'itcancel'] });
        assert.equal(st.data.jobs['itcancel:2'].data.status, 'CANCELED');
        assert.equal(st.data.jobs['itcancel:3'].data.status, 'CANCELED');
        assert.equal(st.data.jobs.itcancel.data.status, 'EXECUTING');
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['itcancel:2'] }), {
            code: 0,
            data: { canceled: 0, errors: { 'itcancel:2': 'Job itcancel:2 already finished (CANCELED)' } },
        });
        const it2 = await jobInfo(m, 'itcancel:2');
        assertKeys(it2, ['jobName', 'status', 'history'], 'iteration cancelled while queued');
        assert.deepEqual(historyStates(it2.history), ['CANCELED']);
        openGate(g);
        assert.equal(await waitForState(m, 'itcancel'), 'FAILED', 'some iterations CANCELED: the job ends FAILED');
        const d = await jobInfo(m, 'itcancel', true);
        assertSameOrdered(d.iterations, { start: 0, stop: 4, total: 4, finished: 4, failed: 2 });
        const childs = d.childs;
        assertSameOrdered(childs[2], { iteration: 2, state: 'CANCELED' });
        assertSameOrdered(childs[3], { iteration: 3, state: 'CANCELED' });
        assertFinalRuntime(childs[0].runtime, { allocation: 'n0[0:1:2:3]', exit_code: '0' });
        assertFinalRuntime(childs[1].runtime, { allocation: 'n0[0:1:2:3]', exit_code: '0' });
    });
    test('whole iterative job: queued iterations CANCELED at once, running ones signalled, job CANCELED', async () => {
        await submitOk(m, [{ name: 'itall', execution: { exec: 'sleep', args: [marker] }, iteration: { stop: 3 }, resources: { numCores: 2 } }]);
        await waitForState(m, 'itall:0', ['EXECUTING']);
        await waitForState(m, 'itall:1', ['EXECUTING']);
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['itall'] }), { code: 0, data: { canceled: 1 } });
        assert.equal((await m.request({ request: 'jobStatus', jobNames: ['itall:2'] })).data.jobs['itall:2'].data.status, 'CANCELED');
        assert.equal(await waitForState(m, 'itall'), 'CANCELED');
        const d = await jobInfo(m, 'itall', true);
        assertKeys(d, ['jobName', 'status', 'iterations', 'childs', 'history'], 'jobInfo itall');
        assertSameOrdered(d.iterations, { start: 0, stop: 3, total: 3, finished: 3, failed: 3 });
        const childs = d.childs;
        for (const i of [0, 1]) {
            assert.equal(childs[i].state, 'CANCELED');
            assertFinalRuntime(childs[i].runtime, { exit_code: '-15', pname: 'sleep' });
        }
        assertSameOrdered(childs[2], { iteration: 2, state: 'CANCELED' });
        assert.deepEqual(historyStates(d.history), ['QUEUED', 'EXECUTING', 'CANCELED']);
    });
    test('whole iterative job with many iterations not started yet', async () => {
        await submitOk(m, [{ name: 'many', execution: { exec: 'sleep', args: [marker] }, iteration: { stop: 500 }, resources: { numCores: 4 } }]);
        await waitForState(m, 'many:0', ['EXECUTING']);
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['many'] }), { code: 0, data: { canceled: 1 } });
        assert.equal(await waitForState(m, 'many'), 'CANCELED');
        assertSameOrdered((await jobInfo(m, 'many')).iterations, { start: 0, stop: 500, total: 500, finished: 500, failed: 500 });
        assert.equal((await m.request({ request: 'jobStatus', jobNames: ['many:499'] })).data.jobs['many:499'].data.status, 'CANCELED');
    });
    test('dependants of cancelled work become OMITTED', async () => {
        const g = gate('up');
        await submitOk(m, [gateJob('up', g), { name: 'down', execution: { exec: '/bin/true' }, dependencies: { after: ['up'] } }]);
        await waitForState(m, 'up', ['EXECUTING']);
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['up', 'ghost'] }), {
            code: 0,
            data: { canceled: 1, errors: { ghost: "Job/iteration ghost doesn't exist" } },
        });
        assert.equal(await waitForState(m, 'up'), 'CANCELED');
        assert.equal(await waitForState(m, 'down'), 'OMITTED');
    });
    test('the job that ignored SIGTERM was SIGKILLed after the default kill grace', async () => {
        assert.equal(await waitForState(m, 'stubborn', undefined, 60_000), 'CANCELED');
        const d = await jobInfo(m, 'stubborn');
        assertFinalRuntime(d.runtime, { exit_code: '-9', pname: 'sh' });
        assert.deepEqual(await waitNoMarker(marker, 5_000).then((l) => l.filter((p) => p.cmdline.includes('trap'))), []);
    });
});
describe('cancelJob with --kill-grace 1 (nodes 2)', () => {
    let m;
    const marker = sleepMarker();
    before(async () => {
        m = await startManagerProcess({ nodes: '2', extra: ['--kill-grace', '1'] });
    });
    after(async () => {
        await m?.stop();
        assert.deepEqual(await waitNoMarker(marker), []);
    });
    test('a job that traps TERM is SIGKILLed after the kill grace', async () => {
        const ready = path.join(m.wd, 'trap.ready');
        await submitOk(m, [shJob('trapper', `trap '' TERM; : > '${ready}'; while :; do sleep 0.1; done # ${marker}`)]);
        await waitFor(() => fs.existsSync(ready), 30_000, 'trapper ready');
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['trapper'] }), { code: 0, data: { canceled: 1 } });
        assert.equal(await waitForState(m, 'trapper'), 'CANCELED');
        const d = await jobInfo(m, 'trapper');
        assertFinalRuntime(d.runtime, { exit_code: '-9', pname: 'sh' });
        assert.deepEqual(await waitNoMarker(marker), [], 'the whole process group is gone');
    });
    test('wall time on a job that traps TERM: SIGKILL after the grace, FAILED with "wall time exceeded"', async () => {
        const ready = path.join(m.wd, 'wt.ready');
        await submitOk(m, [shJob('wt-trapper', `trap '' TERM; : > '${ready}'; while :; do sleep 0.1; done # ${marker}`, { resources: { numCores: 1, wt: '2s' } })]);
        assert.equal(await waitForState(m, 'wt-trapper'), 'FAILED');
        assert.ok(fs.existsSync(ready));
        const d = await jobInfo(m, 'wt-trapper');
        assert.equal(d.messages, 'wall time exceeded');
        assertFinalRuntime(d.runtime, { exit_code: '-9', pname: 'sh' });
        assert.deepEqual(await waitNoMarker(marker), []);
    });
    test('after the job exits on TERM, group members still alive are killed', async () => {
        const ready = path.join(m.wd, 'bg.ready');
        await submitOk(m, [shJob('leaver', `(trap '' TERM; exec sleep ${marker}) & : > '${ready}'; wait`)]);
        await waitFor(() => fs.existsSync(ready), 30_000, 'leaver ready');
        await waitFor(() => procsWithMarker(marker).some((p) => p.cmdline.startsWith('sleep ')), 30_000, 'background sleep started');
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['leaver'] }), { code: 0, data: { canceled: 1 } });
        assert.equal(await waitForState(m, 'leaver'), 'CANCELED');
        assertFinalRuntime((await jobInfo(m, 'leaver')).runtime, { exit_code: '-15', pname: 'sh' });
        assert.deepEqual(await waitNoMarker(marker), [], 'the TERM-ignoring background member was killed');
    });
});
//# sourceMappingURL=cancel.test.js.map