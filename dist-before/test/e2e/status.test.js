/**
 * status (System section, JobStats/IterationStats buckets, allJobsFinished) and removeJob
 * (examples/req-status.json, req-removeJob.json; protocol.md §4.6, §4.8).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { gateJob, openGate, shJob } from '../helpers/jobs.js';
import { REPO_ROOT, startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { assertKeys, assertSameOrdered, readText, RTIME_RE, TIMESTAMP_RE } from '../helpers/util.js';
const SYSTEM_KEYS = [
    'InstanceId',
    'Started',
    'Generated',
    'Uptime',
    'Zmqaddress',
    'Ifaces',
    'StatusPublisher',
    'Host',
    'Account',
    'Wd',
    'PythonVersion',
    'Python',
    'Platform',
    'Version',
];
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
describe('status and removeJob (req-status.json, req-removeJob.json)', () => {
    let m;
    let gate;
    before(async () => {
        m = await startManagerProcess({ nodes: '4' });
        gate = path.join(m.wd, 'gates', 'run');
    });
    after(async () => {
        if (gate)
            openGate(gate);
        await m?.stop();
    });
    test('System section', async () => {
        const r = await m.request({ request: 'status' });
        assert.equal(r.code, 0);
        assertKeys(r, ['code', 'data'], 'reply');
        assertKeys(r.data, ['System', 'Resources', 'JobStats', 'IterationStats'], 'status data');
        const s = r.data.System;
        assertKeys(s, SYSTEM_KEYS, 'System');
        assert.equal(s.InstanceId, m.instanceId, 'InstanceId names the aux dir');
        assert.match(s.InstanceId, new RegExp(`^${escapeRe(os.hostname())}\\.\\d{1,4}$`), 'default id <host>.<random 0–9999>');
        assert.match(s.Started, TIMESTAMP_RE);
        assert.match(s.Generated, TIMESTAMP_RE);
        assert.ok(s.Started <= s.Generated);
        assert.match(s.Uptime, RTIME_RE);
        assert.equal(s.Zmqaddress, m.address);
        assert.match(m.address, /^tcp:\/\/127\.0\.0\.1:\d+$/);
        assert.deepStrictEqual(s.Ifaces, ['ZMQ']);
        assert.match(s.StatusPublisher, /^tcp:\/\/127\.0\.0\.1:\d+$/);
        assert.notEqual(s.StatusPublisher, s.Zmqaddress);
        const pubPort = Number(s.StatusPublisher.split(':').pop());
        const reqPort = Number(m.address.split(':').pop());
        for (const p of [pubPort, reqPort])
            assert.ok(p >= 20000 && p <= 60000, `port ${p} within --net-port-min/max`);
        assert.equal(s.Host, os.hostname());
        assert.equal(s.Account, os.userInfo().username);
        assert.equal(s.Wd, m.cwd, 'Wd is the process working directory');
        assert.equal(typeof s.PythonVersion, 'string');
        assert.ok(s.PythonVersion.includes(process.version), `PythonVersion ${s.PythonVersion} names the runtime version ${process.version}`);
        assert.equal(s.Python, process.execPath);
        assert.equal(s.Platform, process.platform);
        assert.equal(s.Version, JSON.parse(readText(path.join(REPO_ROOT, 'package.json'))).version);
        assertSameOrdered(r.data.Resources, { TotalNodes: 1, TotalCores: 4, UsedCores: 0, FreeCores: 4 });
        assertSameOrdered(r.data.JobStats, { TotalJobs: 0, InScheduleJobs: 0, FailedJobs: 0, FinishedJobs: 0, ExecutingJobs: 0 });
        assertSameOrdered(r.data.IterationStats, { TotalIterations: 0, InScheduleIterations: 0, FailedIterations: 0, FinishedIterations: 0, ExecutingIterations: 0 });
        assert.deepStrictEqual(await m.request({ request: 'status', options: { allJobsFinished: true } }), { code: 0, data: { AllJobsFinished: true } });
    });
    test('JobStats / IterationStats buckets with work pending', async () => {
        await submitOk(m, [
            { name: 'ok', execution: { exec: '/bin/true' } },
            shJob('bad', 'exit 1'),
            { name: 'om', execution: { exec: '/bin/true' }, dependencies: { after: ['nope'] } },
            shJob('it', '[ ${it} != 1 ]', { iteration: { stop: 3 } }),
        ]);
        for (const n of ['ok', 'bad', 'om', 'it'])
            await waitForState(m, n);
        await submitOk(m, [gateJob('run', gate)]);
        await waitForState(m, 'run', ['EXECUTING']);
        await submitOk(m, [
            { name: 'q', execution: { exec: '/bin/true' }, resources: { numCores: 4 } },
            { name: 'canc', execution: { exec: '/bin/true' }, resources: { numCores: 4 } },
            { name: 'blocked', execution: { exec: '/bin/true' }, dependencies: { after: ['run'] } },
        ]);
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['canc'] }), { code: 0, data: { canceled: 1 } });
        const st = await m.request({ request: 'jobStatus', jobNames: ['ok', 'bad', 'om', 'it', 'run', 'q', 'canc', 'blocked'] });
        const states = Object.fromEntries(Object.entries(st.data.jobs).map(([k, v]) => [k, v.data.status]));
        assert.deepStrictEqual(states, { ok: 'SUCCEED', bad: 'FAILED', om: 'OMITTED', it: 'FAILED', run: 'EXECUTING', q: 'QUEUED', canc: 'CANCELED', blocked: 'QUEUED' });
        const r = await m.request({ request: 'status' });
        assertSameOrdered(r.data.Resources, { TotalNodes: 1, TotalCores: 4, UsedCores: 1, FreeCores: 3 });
        assertSameOrdered(r.data.JobStats, { TotalJobs: 8, InScheduleJobs: 2, FailedJobs: 3, FinishedJobs: 2, ExecutingJobs: 1 });
        assertSameOrdered(r.data.IterationStats, { TotalIterations: 10, InScheduleIterations: 2, FailedIterations: 3, FinishedIterations: 4, ExecutingIterations: 1 });
        assert.deepStrictEqual(await m.request({ request: 'status', options: { allJobsFinished: true } }), { code: 0, data: { AllJobsFinished: false } });
    });
    test('a job blocked only by a dependency counts as queued (AllJobsFinished false)', async () => {
        // 'blocked' waits for 'run'; 'q' waits for cores: both keep AllJobsFinished false
        assert.deepStrictEqual(await m.request({ request: 'status', options: { allJobsFinished: true } }), { code: 0, data: { AllJobsFinished: false } });
    });
    test('everything final: buckets and AllJobsFinished true', async () => {
        openGate(gate);
        for (const n of ['run', 'q', 'blocked'])
            assert.equal(await waitForState(m, n), 'SUCCEED', n);
        const r = await m.request({ request: 'status' });
        assertSameOrdered(r.data.Resources, { TotalNodes: 1, TotalCores: 4, UsedCores: 0, FreeCores: 4 });
        assertSameOrdered(r.data.JobStats, { TotalJobs: 8, InScheduleJobs: 0, FailedJobs: 3, FinishedJobs: 5, ExecutingJobs: 0 });
        assertSameOrdered(r.data.IterationStats, { TotalIterations: 10, InScheduleIterations: 0, FailedIterations: 3, FinishedIterations: 7, ExecutingIterations: 0 });
        assert.deepStrictEqual(await m.request({ request: 'status', options: { allJobsFinished: true } }), { code: 0, data: { AllJobsFinished: true } });
    });
    test('removeJob: finished job removed, then the name can be submitted again', async () => {
        assert.deepStrictEqual(await m.request({ request: 'removeJob', jobNames: ['ok'] }), { code: 0, data: { removed: 1 } });
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: ['ok'] }), { code: 1, message: "Job 'ok' doesn't exist" });
        assert.deepStrictEqual(await m.request({ request: 'jobInfo', jobNames: ['ok'] }), { code: 1, message: "Job ['ok'] doesn't exist" });
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['ok'] }), { code: 0, data: { canceled: 0, errors: { ok: "Job/iteration ok doesn't exist" } } });
        const l = await m.request({ request: 'listJobs' });
        assert.ok(!('ok' in l.data.jobs));
        assert.equal(l.data.length, 7);
        const s = await m.request({ request: 'status' });
        assert.equal(s.data.JobStats.TotalJobs, 7, 'removed jobs are not counted');
        assert.equal(s.data.IterationStats.TotalIterations, 9);
        assert.deepStrictEqual(await m.request({ request: 'submit', jobs: [{ name: 'ok', execution: { exec: '/bin/true' } }] }), {
            code: 0,
            message: '1 jobs submitted',
            data: { submitted: 1, jobs: ['ok'] },
        });
        assert.equal(await waitForState(m, 'ok'), 'SUCCEED');
        const l2 = await m.request({ request: 'listJobs' });
        assert.equal(Object.keys(l2.data.jobs).pop(), 'ok', 'the new job is registered last');
    });
    test('removeJob of an iterative job removes its iterations', async () => {
        assert.deepStrictEqual(await m.request({ request: 'removeJob', jobNames: ['it'] }), { code: 0, data: { removed: 1 } });
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: ['it:0'] }), { code: 1, message: "Job 'it:0' doesn't exist" });
    });
    test('removeJob errors: running, unknown, iteration names, wrong field type', async () => {
        const g2 = path.join(m.wd, 'gates', 'running');
        await submitOk(m, [gateJob('running', g2)]);
        await waitForState(m, 'running', ['EXECUTING']);
        assert.deepStrictEqual(await m.request({ request: 'removeJob', jobNames: ['bad', 'running'] }), {
            code: 0,
            data: { removed: 1, errors: { running: "Job 'running' not finished - can not be removed" } },
        });
        assert.deepStrictEqual(await m.request({ request: 'removeJob', jobNames: ['ghost', 'q:1', 'q'] }), {
            code: 0,
            data: { removed: 1, errors: { ghost: "Job 'ghost' doesn't exist", 'q:1': "Job 'q:1' doesn't exist" } },
        });
        assert.deepStrictEqual(await m.request({ request: 'removeJob', jobNames: 'again' }), { code: 1, message: 'Invalid request: Wrong remove job request - missing job names' });
        assert.deepStrictEqual(await m.request({ request: 'removeJob', jobNames: [] }), { code: 1, message: 'Invalid request: Wrong remove job request - missing job names' });
        assert.deepStrictEqual(await m.request({ request: 'removeJob', jobNames: [3] }), { code: 1, message: 'Invalid request: Wrong remove job request - job names must be strings' });
        openGate(g2);
        assert.equal(await waitForState(m, 'running'), 'SUCCEED');
        assert.deepStrictEqual(await m.request({ request: 'removeJob', jobNames: ['running'] }), { code: 0, data: { removed: 1 } });
    });
});
//# sourceMappingURL=status.test.js.map