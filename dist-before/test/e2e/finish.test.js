/**
 * Shutdown (protocol.md §1 Shutdown, §4.9, §4.10, §6 (h); examples/req-finish.json, req-control.json):
 * finish with its delay, finish with options.wait, control finishAfterAllTasksDone, SIGTERM/SIGINT; the
 * process exits 0, final_status and jobs.report are written, no job process survives.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { gateJob, openGate } from '../helpers/jobs.js';
import { startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { sleepMarker, waitNoMarker } from '../helpers/procs.js';
import { parseTextReport } from '../helpers/report.js';
import { assertKeys, ev, noj, readText, waitFor } from '../helpers/util.js';
const EXIT_TIMEOUT = 60_000;
async function exitStatus(m) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`manager did not exit; stderr:\n${m.stderr()}`)), EXIT_TIMEOUT);
    });
    try {
        return await Promise.race([m.exited, timeout]);
    }
    finally {
        clearTimeout(timer);
    }
}
function finalStatus(m) {
    const f = path.join(m.auxDir, 'final_status');
    assert.ok(fs.existsSync(f), 'final_status written in the aux dir');
    const s = JSON.parse(readText(f));
    assertKeys(s, ['System', 'Resources', 'JobStats', 'IterationStats'], 'final_status');
    assert.equal(s.System.InstanceId, m.instanceId);
    return s;
}
function report(m) {
    const f = path.join(m.auxDir, 'jobs.report');
    assert.ok(fs.existsSync(f), 'jobs.report written in the aux dir');
    const entries = parseTextReport(readText(f));
    const byName = new Map();
    for (const e of entries) {
        if (e.name.startsWith('__probe-'))
            continue; // the subscriber's probe jobs (test helper)
        assert.ok(!byName.has(e.name), `one entry per final state: ${e.name} twice`);
        byName.set(e.name, e);
    }
    return byName;
}
const started = [];
async function start(nodes, extra = []) {
    const m = await startManagerProcess({ nodes, extra });
    started.push(m);
    assert.ok(!m.address.endsWith('\n') && /^tcp:\/\/127\.0\.0\.1:\d+$/.test(m.address), `address file holds the address without a newline: ${JSON.stringify(m.address)}`);
    return m;
}
after(async () => {
    for (const m of started)
        await m.stop();
});
describe('finish (default delay 2 s)', () => {
    test('reply {when: "2s"}; after the delay a running sleep is cancelled and the process exits 0', async () => {
        const marker = sleepMarker();
        const m = await start('2');
        const sub = await m.subscribe();
        await submitOk(m, [{ name: 'sleeper', execution: { exec: 'sleep', args: [marker] } }]);
        await waitForState(m, 'sleeper', ['EXECUTING']);
        assert.deepStrictEqual(await m.request({ request: 'finish' }), { code: 0, data: { when: '2s' } });
        const ex = await exitStatus(m);
        assert.deepStrictEqual(ex, { code: 0, signal: null }, m.stderr());
        assert.deepEqual(await waitNoMarker(marker), [], 'no job process outlives the manager');
        // the last events and NOJ were published before the sockets closed
        const frames = sub.frames;
        const id = m.instanceId;
        assert.ok(frames.includes(ev('JFI', id, 'sleeper', 'CANCELED')), frames.join('\n'));
        assert.equal(frames[frames.length - 1], noj(id));
        const s = finalStatus(m);
        assert.deepStrictEqual(s.JobStats, { TotalJobs: 1, InScheduleJobs: 0, FailedJobs: 0, FinishedJobs: 1, ExecutingJobs: 0 });
        assert.deepStrictEqual(s.Resources, { TotalNodes: 1, TotalCores: 2, UsedCores: 0, FreeCores: 2 });
        const r = report(m);
        const e = r.get('sleeper');
        assert.ok(e, 'report entry for sleeper');
        assert.equal(e.state, 'CANCELED');
        assert.deepEqual(e.history.map((h) => h.state), ['QUEUED', 'SCHEDULED', 'EXECUTING', 'CANCELED']);
        assert.deepEqual(Object.fromEntries(e.runtime).exit_code, '-15');
        assert.deepEqual(Object.fromEntries(e.runtime).pname, 'sleep');
    });
    test('an idle manager exits 0 after finish; final_status and an empty report', async () => {
        const m = await start('1');
        assert.deepStrictEqual(await m.request({ request: 'finish' }), { code: 0, data: { when: '2s' } });
        const t0 = Date.now();
        assert.deepStrictEqual(await exitStatus(m), { code: 0, signal: null });
        // a lower bound only (a slow machine makes it longer): the socket closes after the delay, not before
        assert.ok(Date.now() - t0 >= 1_500, `exited ${Date.now() - t0} ms after the finish reply, before the 2 s delay`);
        const s = finalStatus(m);
        assert.deepStrictEqual(s.JobStats, { TotalJobs: 0, InScheduleJobs: 0, FailedJobs: 0, FinishedJobs: 0, ExecutingJobs: 0 });
    });
});
describe('finish with --kill-grace 1', () => {
    test('a running job that ignores SIGTERM is SIGKILLed after the grace; exit 0, nothing left', async () => {
        const marker = sleepMarker();
        const m = await start('1', ['--kill-grace', '1']);
        const ready = path.join(m.wd, 'trap.ready');
        await submitOk(m, [{ name: 'stubborn', execution: { exec: '/bin/sh', args: ['-c', `trap '' TERM; : > '${ready}'; while :; do sleep 0.1; done # ${marker}`] } }]);
        await waitFor(() => fs.existsSync(ready), 30_000, 'stubborn ready');
        assert.deepStrictEqual(await m.request({ request: 'finish' }), { code: 0, data: { when: '2s' } });
        assert.deepStrictEqual(await exitStatus(m), { code: 0, signal: null }, m.stderr());
        assert.deepEqual(await waitNoMarker(marker), []);
        const e = report(m).get('stubborn');
        assert.equal(e?.state, 'CANCELED');
        assert.equal(Object.fromEntries(e.runtime).exit_code, '-9');
    });
});
describe('finish on an idle manager', () => {
    test('during the delay every request but submit is still answered (protocol.md §4.9 step 1–2)', async () => {
        const m = await start('1', ['--finish-delay', '10']);
        assert.deepStrictEqual(await m.request({ request: 'finish' }), { code: 0, data: { when: '10s' } });
        const t0 = Date.now();
        assert.deepStrictEqual(await m.request({ request: 'finish' }, { timeoutMs: 5_000 }), { code: 1, message: 'Finish request already requested' });
        assert.deepStrictEqual(await m.request({ request: 'submit', jobs: [{ name: 'late', execution: { exec: '/bin/true' } }] }, { timeoutMs: 5_000 }), {
            code: 1,
            message: 'Manager is finishing - new jobs are not accepted',
        });
        assert.equal((await m.request({ request: 'status' }, { timeoutMs: 5_000 })).code, 0);
        assert.deepStrictEqual(await exitStatus(m), { code: 0, signal: null });
        assert.ok(Date.now() - t0 >= 9_000, `exited ${Date.now() - t0} ms after the finish reply, before the 10 s delay`);
    });
});
describe('finish with --finish-delay 10: behaviour during the delay', () => {
    test('second finish, control and submit refused; everything else answered; no new work starts; exit 0', async () => {
        const marker = sleepMarker();
        const m = await start('2', ['--finish-delay', '10']);
        const sub = await m.subscribe();
        await submitOk(m, [{ name: 'done', execution: { exec: '/bin/true' } }]);
        await waitForState(m, 'done');
        await submitOk(m, [
            { name: 'sleeper', execution: { exec: 'sleep', args: [marker] } },
            { name: 'queued', execution: { exec: 'sleep', args: [marker] }, resources: { numCores: 2 } },
        ]);
        await waitForState(m, 'sleeper', ['EXECUTING']);
        assert.deepStrictEqual(await m.request({ request: 'finish' }), { code: 0, data: { when: '10s' } });
        assert.deepStrictEqual(await m.request({ request: 'finish' }), { code: 1, message: 'Finish request already requested' });
        assert.deepStrictEqual(await m.request({ request: 'finish', options: { wait: true } }), { code: 1, message: 'Finish request already requested' });
        assert.deepStrictEqual(await m.request({ request: 'control', command: 'finishAfterAllTasksDone' }), { code: 1, message: 'Finish request already requested' });
        const late = { request: 'submit', jobs: [{ name: 'late', execution: { exec: '/bin/date' } }] };
        assert.deepStrictEqual(await m.request(late), { code: 1, message: 'Manager is finishing - new jobs are not accepted' });
        assert.deepStrictEqual(await m.request(late, { encoding: 'msgpack' }), { code: 1, message: 'Manager is finishing - new jobs are not accepted' });
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: ['late'] }), { code: 1, message: "Job 'late' doesn't exist" });
        // every other request is still answered
        assert.equal((await m.request({ request: 'status' })).code, 0);
        assert.equal((await m.request({ request: 'listJobs' })).data.length, 3);
        assert.deepStrictEqual(await m.request({ request: 'resourcesInfo' }), { code: 0, data: { total_nodes: 1, total_cores: 2, used_cores: 1, free_cores: 1 } });
        assert.deepStrictEqual(await m.request({ request: 'removeJob', jobNames: ['done'] }), { code: 0, data: { removed: 1 } });
        // no new work is started: cancelling sleeper frees the cores, queued must stay QUEUED
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['sleeper'] }), { code: 0, data: { canceled: 1 } });
        assert.equal(await waitForState(m, 'sleeper'), 'CANCELED');
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: ['queued'] }), { code: 0, data: { jobs: { queued: { status: 0, data: { jobName: 'queued', status: 'QUEUED' } } } } });
        // after the delay: queued work CANCELED, exit 0
        assert.deepStrictEqual(await exitStatus(m), { code: 0, signal: null }, m.stderr());
        const id = m.instanceId;
        assert.ok(sub.frames.includes(ev('JFI', id, 'queued', 'CANCELED')), sub.frames.join('\n'));
        assert.ok(!sub.frames.includes(ev('JST', id, 'queued', 'SCHEDULED')), 'queued never started');
        assert.equal(sub.frames[sub.frames.length - 1], noj(id));
        const s = finalStatus(m);
        assert.deepStrictEqual(s.JobStats, { TotalJobs: 2, InScheduleJobs: 0, FailedJobs: 0, FinishedJobs: 2, ExecutingJobs: 0 });
        const r = report(m);
        assert.deepEqual([...r.keys()].sort(), ['done', 'queued', 'sleeper']);
        const q = r.get('queued');
        assert.equal(q.state, 'CANCELED');
        assert.deepEqual(q.history.map((h) => h.state), ['QUEUED', 'CANCELED']);
        assert.equal(q.runtime.length, 0);
        const d = r.get('done');
        assert.equal(d.state, 'SUCCEED');
        assert.equal(d.messages, '');
        assert.deepEqual(d.history.map((h) => h.state), ['QUEUED', 'SCHEDULED', 'EXECUTING', 'SUCCEED']);
        assert.deepEqual(Object.fromEntries(d.runtime).allocation, 'n0[0]');
        assert.deepEqual(await waitNoMarker(marker), []);
    });
});
describe('finish with options.wait', () => {
    test('{when: "after all jobs finish"}; queued work still runs; exit 0 once everything is final', async () => {
        const m = await start('2');
        const sub = await m.subscribe();
        const gate = path.join(m.wd, 'gates', 'w');
        await submitOk(m, [gateJob('running', gate, { resources: { numCores: 2 } }), { name: 'behind', execution: { exec: '/bin/true' } }]);
        await waitForState(m, 'running', ['EXECUTING']);
        assert.deepStrictEqual(await m.request({ request: 'finish', options: { wait: true } }), { code: 0, data: { when: 'after all jobs finish' } });
        assert.deepStrictEqual(await m.request({ request: 'submit', jobs: [{ name: 'late', execution: { exec: '/bin/date' } }] }), {
            code: 1,
            message: 'Manager is finishing - new jobs are not accepted',
        });
        assert.deepStrictEqual(await m.request({ request: 'finish' }), { code: 1, message: 'Finish request already requested' });
        assert.equal((await m.request({ request: 'jobStatus', jobNames: ['behind'] })).data.jobs.behind.data.status, 'QUEUED');
        openGate(gate);
        assert.deepStrictEqual(await exitStatus(m), { code: 0, signal: null }, m.stderr());
        const id = m.instanceId;
        assert.ok(sub.frames.includes(ev('JFI', id, 'running', 'SUCCEED')), sub.frames.join('\n'));
        assert.ok(sub.frames.includes(ev('JFI', id, 'behind', 'SUCCEED')), sub.frames.join('\n'));
        assert.equal(sub.frames[sub.frames.length - 1], noj(id));
        const r = report(m);
        assert.equal(r.get('running')?.state, 'SUCCEED');
        assert.equal(r.get('behind')?.state, 'SUCCEED');
        assert.deepStrictEqual(finalStatus(m).JobStats, { TotalJobs: 2, InScheduleJobs: 0, FailedJobs: 0, FinishedJobs: 2, ExecutingJobs: 0 });
    });
});
describe('control finishAfterAllTasksDone', () => {
    test('accepted without data; submits still accepted; exits 0 once idle', async () => {
        const m = await start('2');
        const sub = await m.subscribe();
        const gate = path.join(m.wd, 'gates', 'c');
        await submitOk(m, [gateJob('c1', gate)]);
        await waitForState(m, 'c1', ['EXECUTING']);
        assert.deepStrictEqual(await m.request({ request: 'control', command: 'finishAfterAllTasksDone' }), { code: 0, message: 'finishAfterAllTasksDone command accepted' });
        assert.deepStrictEqual(await m.request({ request: 'submit', jobs: [gateJob('c2', gate)] }), { code: 0, message: '1 jobs submitted', data: { submitted: 1, jobs: ['c2'] } });
        await waitForState(m, 'c2', ['EXECUTING']);
        assert.deepStrictEqual(await m.request({ request: 'finish' }), { code: 1, message: 'Finish request already requested' });
        assert.equal((await m.request({ request: 'status' })).code, 0);
        openGate(gate);
        assert.deepStrictEqual(await exitStatus(m), { code: 0, signal: null }, m.stderr());
        const id = m.instanceId;
        assert.ok(sub.frames.includes(ev('JFI', id, 'c1', 'SUCCEED')));
        assert.ok(sub.frames.includes(ev('JFI', id, 'c2', 'SUCCEED')));
        assert.equal(sub.frames[sub.frames.length - 1], noj(id));
        assert.deepStrictEqual(finalStatus(m).JobStats, { TotalJobs: 2, InScheduleJobs: 0, FailedJobs: 0, FinishedJobs: 2, ExecutingJobs: 0 });
        assert.equal(report(m).get('c2')?.state, 'SUCCEED');
    });
});
describe('signals', () => {
    test('SIGTERM cancels running and queued jobs and exits 0', async () => {
        const marker = sleepMarker();
        const m = await start('2');
        const sub = await m.subscribe();
        await submitOk(m, [
            { name: 'sleeper', execution: { exec: 'sleep', args: [marker] } },
            { name: 'queued', execution: { exec: 'sleep', args: [marker] }, resources: { numCores: 2 } },
        ]);
        await waitForState(m, 'sleeper', ['EXECUTING']);
        m.child.kill('SIGTERM');
        assert.deepStrictEqual(await exitStatus(m), { code: 0, signal: null }, m.stderr());
        assert.deepEqual(await waitNoMarker(marker), []);
        const id = m.instanceId;
        assert.ok(sub.frames.includes(ev('JFI', id, 'sleeper', 'CANCELED')), sub.frames.join('\n'));
        assert.ok(sub.frames.includes(ev('JFI', id, 'queued', 'CANCELED')), sub.frames.join('\n'));
        assert.equal(sub.frames[sub.frames.length - 1], noj(id));
        const r = report(m);
        assert.equal(r.get('sleeper')?.state, 'CANCELED');
        assert.equal(r.get('queued')?.state, 'CANCELED');
        assert.deepStrictEqual(finalStatus(m).JobStats, { TotalJobs: 2, InScheduleJobs: 0, FailedJobs: 0, FinishedJobs: 2, ExecutingJobs: 0 });
    });
    test('SIGTERM the moment the address file appears is handled like finish (exit 0, final_status)', async () => {
        // the address file tells clients the manager is up: from then on a signal must not kill it outright
        const m = await startManagerProcess({ nodes: '1', tightPoll: true });
        started.push(m);
        m.child.kill('SIGTERM');
        assert.deepStrictEqual(await exitStatus(m), { code: 0, signal: null }, m.stderr());
        finalStatus(m);
    });
    test('SIGINT on an idle manager: exit 0 with final_status', async () => {
        const m = await start('1');
        assert.equal((await m.request({ request: 'status' })).code, 0);
        m.child.kill('SIGINT');
        assert.deepStrictEqual(await exitStatus(m), { code: 0, signal: null }, m.stderr());
        finalStatus(m);
    });
});
//# sourceMappingURL=finish.test.js.map