/**
 * examples/req-listJobs.json, req-jobStatus.json, req-jobInfo.json, req-resourcesInfo.json,
 * req-register-notify.json and the field errors of control/status, against one manager with nodes '4'
 * (protocol.md §3, §4.2–§4.4, §4.7, §4.10, §4.11; jobs.md §8–§9).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { gateJob, openGate } from '../helpers/jobs.js';
import { jobInfo, startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { sleepMarker, waitNoMarker } from '../helpers/procs.js';
import { assertFinalRuntime, assertKeys, assertSameOrdered, historyStates, readText } from '../helpers/util.js';
describe('queries (req-listJobs, req-jobStatus, req-jobInfo, req-resourcesInfo, req-register-notify)', () => {
    let m;
    const marker = sleepMarker();
    before(async () => {
        m = await startManagerProcess({ nodes: '4' });
    });
    after(async () => {
        await m?.stop();
        assert.deepEqual(await waitNoMarker(marker), [], 'no job process outlives the manager');
    });
    test('listJobs: no jobs', async () => {
        assert.deepStrictEqual(await m.request({ request: 'listJobs' }), { code: 0, data: { length: 0, jobs: {} } });
    });
    test('resourcesInfo: idle', async () => {
        const r = await m.request({ request: 'resourcesInfo' });
        assert.deepStrictEqual(r, { code: 0, data: { total_nodes: 1, total_cores: 4, used_cores: 0, free_cores: 4 } });
        assertKeys(r.data, ['total_nodes', 'total_cores', 'used_cores', 'free_cores']);
    });
    test('jobInfo: finished job', async () => {
        await submitOk(m, [{ name: 'date', execution: { exec: '/bin/date', args: ['+%Y-%m-%d'], stdout: 'date.out' } }]);
        assert.equal(await waitForState(m, 'date'), 'SUCCEED');
        const r = await m.request({ request: 'jobInfo', jobNames: ['date'] });
        assert.equal(r.code, 0);
        assertKeys(r, ['code', 'data'], 'reply');
        assertKeys(r.data, ['jobs']);
        assertKeys(r.data.jobs, ['date']);
        assertKeys(r.data.jobs.date, ['status', 'data'], 'entry');
        assert.equal(r.data.jobs.date.status, 0);
        const d = r.data.jobs.date.data;
        assertKeys(d, ['jobName', 'status', 'runtime', 'history'], 'jobInfo date');
        assert.equal(d.jobName, 'date');
        assert.equal(d.status, 'SUCCEED');
        const rt = assertFinalRuntime(d.runtime, { allocation: 'n0[0]', wd: m.wd, exit_code: '0', pname: 'date' });
        assert.match(rt.pid, /^\d+$/);
        assert.notEqual(rt.pid, '-1');
        assert.deepEqual(historyStates(d.history), ['QUEUED', 'SCHEDULED', 'EXECUTING', 'SUCCEED']);
        assert.match(readText(path.join(m.wd, 'date.out')), /^\d{4}-\d\d-\d\d\n$/);
    });
    test('jobInfo: failed jobs (non-zero exit and missing program)', async () => {
        const failing = path.join(m.wd, 'failing');
        await submitOk(m, [
            { name: 'exit3', execution: { exec: '/bin/sh', args: ['-c', 'exit 3'], wd: failing } },
            { name: 'noexe', execution: { exec: '/nonexistent/bin', wd: failing } },
        ]);
        assert.equal(await waitForState(m, 'exit3'), 'FAILED');
        assert.equal(await waitForState(m, 'noexe'), 'FAILED');
        const r = await m.request({ request: 'jobInfo', jobNames: ['exit3', 'noexe'] });
        assert.equal(r.code, 0);
        assertKeys(r.data.jobs, ['exit3', 'noexe'], 'entries in request order');
        const e = r.data.jobs.exit3.data;
        assertKeys(e, ['jobName', 'status', 'runtime', 'history'], 'jobInfo exit3');
        assert.equal(e.status, 'FAILED');
        assertFinalRuntime(e.runtime, { allocation: 'n0[0]', wd: failing, exit_code: '3', pname: 'sh' });
        assert.deepEqual(historyStates(e.history), ['QUEUED', 'SCHEDULED', 'EXECUTING', 'FAILED']);
        const n = r.data.jobs.noexe.data;
        assertKeys(n, ['jobName', 'status', 'messages', 'runtime', 'history'], 'jobInfo noexe');
        assert.equal(n.status, 'FAILED');
        assert.equal(n.messages, "[Errno 2] No such file or directory: '/nonexistent/bin'");
        assertFinalRuntime(n.runtime, { allocation: 'n0[1]', wd: failing, exit_code: '-1', pid: '-1', pname: 'bin' });
        assert.deepEqual(historyStates(n.history), ['QUEUED', 'SCHEDULED', 'EXECUTING', 'FAILED']);
    });
    test('jobInfo: iterative job with and without childs; one iteration', async () => {
        const dir = path.join(m.wd, 'sweep');
        await submitOk(m, [{ name: 'sweep', execution: { exec: '/bin/sh', args: ['-c', 'echo value-${it}'], wd: dir, stdout: 'it_${it}.out' }, iteration: { stop: 4 } }]);
        assert.equal(await waitForState(m, 'sweep'), 'SUCCEED');
        for (let i = 0; i < 4; i++)
            assert.equal(readText(path.join(dir, `it_${i}.out`)), `value-${i}\n`);
        const w = await jobInfo(m, 'sweep', true);
        assertKeys(w, ['jobName', 'status', 'iterations', 'childs', 'history'], 'jobInfo sweep withChilds');
        assert.equal(w.status, 'SUCCEED');
        assertSameOrdered(w.iterations, { start: 0, stop: 4, total: 4, finished: 4, failed: 0 });
        const childs = w.childs;
        assert.equal(childs.length, 4);
        childs.forEach((c, i) => {
            assertKeys(c, ['iteration', 'state', 'runtime'], `child ${i}`);
            assert.equal(c.iteration, i);
            assert.equal(c.state, 'SUCCEED');
            assertFinalRuntime(c.runtime, { allocation: `n0[${i}]`, wd: dir, exit_code: '0', pname: 'sh' });
        });
        assert.deepEqual(historyStates(w.history), ['QUEUED', 'EXECUTING', 'SUCCEED'], 'pilotmq §6 (c): job history includes EXECUTING');
        const wo = await jobInfo(m, 'sweep');
        assertKeys(wo, ['jobName', 'status', 'iterations', 'history'], 'jobInfo sweep without childs');
        assert.equal(wo.history, w.history);
        const off = await m.request({ request: 'jobInfo', jobNames: ['sweep'], params: { withChilds: false } });
        assertKeys(off.data.jobs.sweep.data, ['jobName', 'status', 'iterations', 'history'], 'withChilds false');
        const it3 = await jobInfo(m, 'sweep:3');
        assertKeys(it3, ['jobName', 'status', 'runtime', 'history'], 'jobInfo sweep:3');
        assert.equal(it3.jobName, 'sweep:3');
        assertFinalRuntime(it3.runtime, { allocation: 'n0[3]', wd: dir, exit_code: '0', pname: 'sh' });
        assert.deepEqual(historyStates(it3.history), ['SCHEDULED', 'EXECUTING', 'SUCCEED'], 'an iteration history starts at SCHEDULED');
        // withChilds on a job without iterations adds nothing
        const plain = await m.request({ request: 'jobInfo', jobNames: ['date'], params: { withChilds: true } });
        assertKeys(plain.data.jobs.date.data, ['jobName', 'status', 'runtime', 'history'], 'withChilds on a plain job');
    });
    test('jobInfo: OMITTED job (no runtime)', async () => {
        await submitOk(m, [{ name: 'depD', execution: { exec: '/bin/true' }, dependencies: { after: ['never-registered'] } }]);
        assert.equal(await waitForState(m, 'depD'), 'OMITTED');
        const d = await jobInfo(m, 'depD');
        assertKeys(d, ['jobName', 'status', 'history'], 'jobInfo depD');
        assert.deepEqual(historyStates(d.history), ['QUEUED', 'OMITTED']);
    });
    test('jobInfo: running job (partial runtime)', async () => {
        await submitOk(m, [{ name: 'sleeper', execution: { exec: 'sleep', args: [marker] } }]);
        await waitForState(m, 'sleeper', ['EXECUTING']);
        const d = await jobInfo(m, 'sleeper');
        assertKeys(d, ['jobName', 'status', 'runtime', 'history'], 'jobInfo sleeper');
        assert.equal(d.status, 'EXECUTING');
        assertSameOrdered(d.runtime, { allocation: 'n0[0]', wd: m.wd });
        assert.deepEqual(historyStates(d.history), ['QUEUED', 'SCHEDULED', 'EXECUTING']);
    });
    test('jobInfo: a running iterative job (partial child runtime) and a queued iteration (no history yet)', async () => {
        const gate = path.join(m.wd, 'gates', 'itq');
        // sleeper holds n0[0]: iteration 0 takes the other 3 cores, iteration 1 waits
        await submitOk(m, [gateJob('itq', gate, { iteration: { stop: 2 }, resources: { numCores: 3 } })]);
        await waitForState(m, 'itq:0', ['EXECUTING']);
        const d = await jobInfo(m, 'itq', true);
        assertKeys(d, ['jobName', 'status', 'iterations', 'childs', 'history'], 'jobInfo itq');
        assert.equal(d.status, 'EXECUTING');
        assertSameOrdered(d.iterations, { start: 0, stop: 2, total: 2, finished: 0, failed: 0 });
        assertSameOrdered(d.childs, [
            { iteration: 0, state: 'EXECUTING', runtime: { allocation: 'n0[1:2:3]', wd: m.wd } },
            { iteration: 1, state: 'QUEUED' },
        ]);
        assert.deepEqual(historyStates(d.history), ['QUEUED', 'EXECUTING']);
        assertSameOrdered(await jobInfo(m, 'itq:1'), { jobName: 'itq:1', status: 'QUEUED' });
        openGate(gate);
        assert.equal(await waitForState(m, 'itq'), 'SUCCEED');
    });
    test('jobStatus: whole jobs, one iteration, per-entry errors', async () => {
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: ['date', 'sweep', 'sleeper'] }), {
            code: 0,
            data: {
                jobs: {
                    date: { status: 0, data: { jobName: 'date', status: 'SUCCEED' } },
                    sweep: { status: 0, data: { jobName: 'sweep', status: 'SUCCEED' } },
                    sleeper: { status: 0, data: { jobName: 'sleeper', status: 'EXECUTING' } },
                },
            },
        });
        const one = await m.request({ request: 'jobStatus', jobNames: ['sweep:3'] });
        assert.deepStrictEqual(one, { code: 0, data: { jobs: { 'sweep:3': { status: 0, data: { jobName: 'sweep:3', status: 'SUCCEED' } } } } });
        assertKeys(one.data.jobs['sweep:3'], ['status', 'data']);
        assertKeys(one.data.jobs['sweep:3'].data, ['jobName', 'status']);
        const r = await m.request({ request: 'jobStatus', jobNames: ['date:0', 'date'] });
        assert.deepStrictEqual(r, {
            code: 0,
            data: { jobs: { 'date:0': { status: 1, message: 'Job date has no iterations' }, date: { status: 0, data: { jobName: 'date', status: 'SUCCEED' } } } },
        });
        assertKeys(r.data.jobs, ['date:0', 'date'], 'entries in request order');
        for (const bad of ['sweep:x', 'a:b:c', ':1', 'sweep:', 'sweep:1.5', 'ghost:x']) {
            assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: [bad] }), { code: 0, data: { jobs: { [bad]: { status: 1, message: `Invalid job name '${bad}'` } } } }, `malformed entry ${bad}`);
        }
    });
    test('jobStatus: whole-request errors', async () => {
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: ['date', 'ghost'] }), { code: 1, message: "Job 'ghost' doesn't exist" });
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: ['ghost:2'] }), { code: 1, message: "Job 'ghost:2' doesn't exist" });
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: ['sweep:17'] }), { code: 1, message: 'Unknown iteration 17 for job sweep' });
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: ['sweep:-1'] }), { code: 1, message: 'Unknown iteration -1 for job sweep' });
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: ['sweep:4'] }), { code: 1, message: 'Unknown iteration 4 for job sweep' });
        const missing = { code: 1, message: 'Invalid request: Wrong job status request - missing job names' };
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: [] }), missing);
        assert.deepStrictEqual(await m.request({ request: 'jobStatus' }), missing);
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: 'date' }), missing);
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: null }), missing);
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: ['date', 7] }), {
            code: 1,
            message: 'Invalid request: Wrong job status request - job names must be strings',
        });
    });
    test('jobInfo: whole-request errors and field errors', async () => {
        assert.deepStrictEqual(await m.request({ request: 'jobInfo', jobNames: ['date', 'ghost'] }), { code: 1, message: "Job ['date', 'ghost'] doesn't exist" });
        assert.deepStrictEqual(await m.request({ request: 'jobInfo', jobNames: ["it's", 'date'] }), { code: 1, message: "Job ['it\\'s', 'date'] doesn't exist" });
        assert.deepStrictEqual(await m.request({ request: 'jobInfo', jobNames: ['sweep:7'] }), { code: 1, message: 'Unknown iteration 7 for job sweep' });
        assert.deepStrictEqual(await m.request({ request: 'jobInfo', jobNames: ['date:0'] }), {
            code: 0,
            data: { jobs: { 'date:0': { status: 1, message: 'Job date has no iterations' } } },
        });
        assert.deepStrictEqual(await m.request({ request: 'jobInfo', jobNames: ['sweep:x'] }), {
            code: 0,
            data: { jobs: { 'sweep:x': { status: 1, message: "Invalid job name 'sweep:x'" } } },
        });
        assert.deepStrictEqual(await m.request({ request: 'jobInfo', jobNames: [] }), { code: 1, message: 'Invalid request: Wrong job info request - missing job names' });
        assert.deepStrictEqual(await m.request({ request: 'jobInfo', jobNames: [1] }), { code: 1, message: 'Invalid request: Wrong job info request - job names must be strings' });
        assert.deepStrictEqual(await m.request({ request: 'jobInfo', jobNames: ['sweep'], params: { withChilds: 'yes' } }), {
            code: 1,
            message: 'Invalid request: Wrong job info request - withChilds must be a boolean',
        });
        assert.deepStrictEqual(await m.request({ request: 'jobInfo', jobNames: ['sweep'], params: 'withChilds' }), {
            code: 1,
            message: 'Invalid request: Wrong job info request - params must be an object',
        });
    });
    test('listJobs: registration order, messages, inQueue (absent for OMITTED)', async () => {
        const r = await m.request({ request: 'listJobs' });
        assert.equal(r.code, 0);
        assertKeys(r.data, ['length', 'jobs']);
        assert.deepEqual(Object.keys(r.data.jobs), ['date', 'exit3', 'noexe', 'sweep', 'depD', 'sleeper', 'itq']);
        assert.equal(r.data.length, 7);
        const j = r.data.jobs;
        const expect = { date: 'SUCCEED', exit3: 'FAILED', noexe: 'FAILED', sweep: 'SUCCEED', depD: 'OMITTED', sleeper: 'EXECUTING', itq: 'SUCCEED' };
        for (const [name, state] of Object.entries(expect)) {
            assert.equal(j[name].status, state, name);
            if (name === 'depD')
                assertKeys(j[name], ['status'], 'depD entry');
            else if (name === 'noexe')
                assertKeys(j[name], ['status', 'messages', 'inQueue'], 'noexe entry');
            else
                assertKeys(j[name], ['status', 'inQueue'], `${name} entry`);
            if (name !== 'depD')
                assert.ok(Number.isInteger(j[name].inQueue) && j[name].inQueue >= 0, `${name}.inQueue`);
        }
        assert.equal(j.noexe.messages, "[Errno 2] No such file or directory: '/nonexistent/bin'");
    });
    test('resourcesInfo and status while a 3-core job runs', async () => {
        const gate = path.join(m.wd, 'gates', 'three');
        await m.request({ request: 'cancelJob', jobNames: ['sleeper'] });
        await waitForState(m, 'sleeper');
        await submitOk(m, [gateJob('three', gate, { resources: { numCores: 3 } })]);
        await waitForState(m, 'three', ['EXECUTING']);
        assert.deepStrictEqual(await m.request({ request: 'resourcesInfo' }), { code: 0, data: { total_nodes: 1, total_cores: 4, used_cores: 3, free_cores: 1 } });
        const s = await m.request({ request: 'status' });
        assertSameOrdered(s.data.Resources, { TotalNodes: 1, TotalCores: 4, UsedCores: 3, FreeCores: 1 });
        const three = await jobInfo(m, 'three');
        assertSameOrdered(three.runtime, { allocation: 'n0[0:1:2]', wd: m.wd });
        openGate(gate);
        assert.equal(await waitForState(m, 'three'), 'SUCCEED');
        // used_cores shrinks when the process ends (jobs.md §10.1): final state is visible after the release
        assert.deepStrictEqual(await m.request({ request: 'resourcesInfo' }), { code: 0, data: { total_nodes: 1, total_cores: 4, used_cores: 0, free_cores: 4 } });
    });
    test('register and notify are checked and refused', async () => {
        const params = {
            id: 'd1',
            address: 'tcp://127.0.0.1:5561',
            tags: ['d1'],
            resources: { type: 'LOCAL', binding: false, nodes: [{ name: 'n0', total_cores: 2, core_ids: ['0', '1'], free_cores: ['0', '1'], crs: null }] },
        };
        const cases = [
            [{ request: 'register', entity: 'manager', params }, 'Register manager request not supported in this kind of manager (direct)'],
            [{ request: 'register', entity: 'job', params: {} }, 'Invalid request: Wrong register request - missing/unknown entity'],
            [{ request: 'register', params }, 'Invalid request: Wrong register request - missing/unknown entity'],
            [{ request: 'register', entity: 'manager' }, 'Invalid request: Wrong register request - missing register parameters'],
            [{ request: 'register', entity: 'manager', params: 'x' }, 'Invalid request: Wrong register request - missing register parameters'],
            [{ request: 'register', entity: 'manager', params: { id: 'd1', address: 'tcp://127.0.0.1:1' } }, 'Invalid request: Wrong register request - missing key register parameters'],
            [
                { request: 'notify', entity: 'job', params: { name: 'it', state: 'SUCCEED', attributes: { parent_job_id: 'it', parent_job_part_id: '1' } } },
                'Operation not supported',
            ],
            [{ request: 'notify', entity: 'job' }, 'Invalid request: Wrong notify request - missing notify parameters'],
            [{ request: 'notify', entity: 'manager', params: { name: 'x', state: 'SUCCEED', attributes: {} } }, 'Invalid request: Wrong notify request - missing/unknown entity'],
            [{ request: 'notify', entity: 'job', params: { name: 'x', state: 'SUCCEED' } }, 'Invalid request: Wrong notify request - missing key notify parameters'],
        ];
        for (const [req, message] of cases)
            assert.deepStrictEqual(await m.request(req), { code: 1, message }, JSON.stringify(req));
    });
    test('control and status field errors', async () => {
        assert.deepStrictEqual(await m.request({ request: 'control' }), { code: 1, message: 'Invalid request: Wrong control request - missing command' });
        assert.deepStrictEqual(await m.request({ request: 'control', command: 'reboot' }), { code: 1, message: 'Invalid request: Wrong control request - unknown command "reboot"' });
        assert.deepStrictEqual(await m.request({ request: 'status', options: 'all' }), { code: 1, message: 'Invalid request: Wrong status request - options must be an object' });
        assert.deepStrictEqual(await m.request({ request: 'status', options: { allJobsFinished: 'yes' } }), {
            code: 1,
            message: 'Invalid request: Wrong status request - allJobsFinished must be a boolean',
        });
        assert.deepStrictEqual(await m.request({ request: 'finish', options: { wait: 'yes' } }), { code: 1, message: 'Invalid request: Wrong finish request - wait must be a boolean' });
        assert.deepStrictEqual(await m.request({ request: 'finish', options: 5 }), { code: 1, message: 'Invalid request: Wrong finish request - options must be an object' });
        // none of these started a finish: submits are still accepted
        await submitOk(m, [{ name: 'still-open', execution: { exec: '/bin/true' } }]);
        assert.equal(await waitForState(m, 'still-open'), 'SUCCEED');
        const full = await m.request({ request: 'status', options: { allJobsFinished: false } });
        assertKeys(full.data, ['System', 'Resources', 'JobStats', 'IterationStats'], 'status with allJobsFinished false');
        assertKeys((await m.request({ request: 'status', options: {} })).data, ['System', 'Resources', 'JobStats', 'IterationStats'], 'status with empty options');
    });
});
//# sourceMappingURL=queries.test.js.map