/**
 * Process hygiene on signals (issue 6 item 5; README "CLI" serve, "Configuration" --on-signal): a real
 * `pilotmq serve` process with running jobs. `--on-signal wait`: the first SIGTERM stops new work while the rest
 * runs to its end; a second signal exits at once — in either mode, also while a job ignores SIGTERM and the kill
 * grace is long — and leaves no job process and no agent behind. (The first-signal cancel path is in
 * finish.test.ts, the process-table checks after a normal stop and after SIGKILL in orphans.test.ts.)
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { gateJob, openGate, shJob } from '../helpers/jobs.js';
import { startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { descendants, killAll, procsWithMarker, sleepMarker, waitNoMarker, waitPidsGone } from '../helpers/procs.js';
import { parseTextReport } from '../helpers/report.js';
import { readText, waitFor } from '../helpers/util.js';
const started = [];
after(async () => {
    for (const m of started)
        await m.stop({ killAfterMs: 5_000 });
});
async function start(extra) {
    const m = await startManagerProcess({ nodes: '4', extra });
    started.push(m);
    return m;
}
function finalStatus(m) {
    const f = path.join(m.auxDir, 'final_status');
    assert.ok(fs.existsSync(f), 'final_status written');
    return JSON.parse(readText(f));
}
/** Running jobs that all carry `marker`: a plain sleep, a job with children, one that ignores SIGTERM. */
async function busy(m, marker) {
    const ready = path.join(m.wd, 'trap.ready');
    await submitOk(m, [
        { name: 'plain', execution: { exec: 'sleep', args: [marker] } },
        shJob('children', `sleep ${marker} & sleep ${marker} & wait`),
        shJob('trapper', `trap '' TERM; : > '${ready}'; sleep ${marker}; sleep ${marker}`),
    ]);
    for (const n of ['plain', 'children', 'trapper'])
        await waitForState(m, n, ['EXECUTING']);
    await waitFor(() => fs.existsSync(ready), 30_000, 'trapper ready');
    await waitFor(() => procsWithMarker(marker).filter((p) => p.cmdline.startsWith('sleep ')).length >= 4, 30_000, 'all sleeps started');
}
describe('--on-signal wait', () => {
    test('SIGTERM: submits refused, queries answered, running and queued work finishes; then exit 0 with final_status', async () => {
        const m = await start(['--on-signal', 'wait']);
        const gate = path.join(m.wd, 'gate');
        await submitOk(m, [gateJob('running', gate), gateJob('queued', gate, { resources: { numCores: 4 } })]);
        await waitForState(m, 'running', ['EXECUTING']);
        m.child.kill('SIGTERM');
        await waitFor(() => m.stderr().includes('no new jobs accepted'), 30_000, 'the signal was taken');
        assert.deepStrictEqual(await m.request({ request: 'submit', jobs: [{ name: 'late', execution: { exec: '/bin/true' } }] }), {
            code: 1,
            message: 'Manager is finishing - new jobs are not accepted',
        });
        const list = await m.request({ request: 'listJobs' });
        assert.equal(list.code, 0);
        assert.deepEqual(Object.keys(list.data.jobs).sort(), ['queued', 'running']);
        assert.equal(list.data.jobs.running.status, 'EXECUTING', 'running work is not cancelled');
        openGate(gate);
        // the manager exits once both have finished (so the states are read from its report, not asked)
        assert.deepStrictEqual(await m.exited, { code: 0, signal: null }, m.stderr());
        const states = Object.fromEntries(parseTextReport(readText(path.join(m.auxDir, 'jobs.report'))).map((e) => [e.name, e.state]));
        assert.deepStrictEqual(states, { running: 'SUCCEED', queued: 'SUCCEED' }, 'queued work still ran after the signal');
        assert.deepStrictEqual(finalStatus(m).JobStats, { TotalJobs: 2, InScheduleJobs: 0, FailedJobs: 0, FinishedJobs: 2, ExecutingJobs: 0 });
    });
    test('a second SIGTERM exits at once: every job process and the agent are gone, final_status written', async () => {
        const marker = sleepMarker();
        const m = await start(['--on-signal', 'wait', '--kill-grace', '1000']);
        try {
            await busy(m, marker);
            const before = descendants(m.child.pid);
            m.child.kill('SIGTERM');
            await waitFor(() => m.stderr().includes('no new jobs accepted'), 30_000, 'the first signal was taken');
            assert.equal((await m.request({ request: 'jobStatus', jobNames: ['plain'] })).data.jobs.plain.data.status, 'EXECUTING');
            m.child.kill('SIGTERM');
            assert.deepStrictEqual(await m.exited, { code: 143, signal: null }, m.stderr());
            assert.match(m.stderr(), /SIGTERM again, exiting now/);
            assert.deepEqual((await waitNoMarker(marker)).map((p) => p.cmdline), [], 'no job process survives (not even the one ignoring SIGTERM)');
            assert.deepEqual(await waitPidsGone(before.map((p) => p.pid)), [], 'the agent is gone too');
            assert.equal(finalStatus(m).JobStats.ExecutingJobs, 3, 'final_status: the jobs as they were when killed');
        }
        finally {
            killAll(procsWithMarker(marker));
        }
    });
});
describe('--on-signal cancel (default)', () => {
    test('SIGINT then SIGINT while a job ignores SIGTERM and the kill grace is long: exit at once, nothing left', async () => {
        const marker = sleepMarker();
        const m = await start(['--kill-grace', '1000']);
        try {
            await busy(m, marker);
            const before = descendants(m.child.pid);
            m.child.kill('SIGINT');
            // the cancel has begun: the sleeps that take SIGTERM end; the trapper's (it ignores SIGTERM, and so does
            // its sleep) waits for the 1000 s grace
            const sleeps = () => procsWithMarker(marker).filter((p) => p.cmdline.startsWith('sleep '));
            await waitFor(() => sleeps().length === 1, 30_000, 'only the trapper sleep left after the first signal');
            assert.equal(m.child.exitCode, null, 'the manager still waits for the trapper');
            m.child.kill('SIGINT');
            assert.deepStrictEqual(await m.exited, { code: 130, signal: null }, m.stderr());
            assert.deepEqual((await waitNoMarker(marker)).map((p) => p.cmdline), [], 'no job process survives');
            assert.deepEqual(await waitPidsGone(before.map((p) => p.pid)), [], 'the agent is gone too');
            assert.ok(fs.existsSync(path.join(m.auxDir, 'final_status')), 'final_status written');
        }
        finally {
            killAll(procsWithMarker(marker));
        }
    });
});
//# sourceMappingURL=signals.test.js.map