/**
 * Interoperability: a Python client behaving like QCG-PilotJob's API (test/interop/qcg_client.py, Debian's
 * python3-zmq) drives a real manager: JSON requests, Jobs.add descriptions, IFI/JFI/NOJ subscription, finish.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, startManagerProcess } from '../helpers/manager-process.js';
import { assertFinalRuntime, ev, historyStates } from '../helpers/util.js';
const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(REPO_ROOT, 'test', 'interop', 'qcg_client.py');
function zmqAvailable() {
    const r = spawnSync(PYTHON, ['-c', 'import zmq'], { encoding: 'utf8' });
    if (r.error)
        return `${PYTHON} not runnable: ${r.error.message}`;
    if (r.status !== 0)
        return `${PYTHON} cannot import zmq (install python3-zmq): ${r.stderr.trim().split('\n').pop()}`;
    return null;
}
function runPython(args, cwd, timeoutMs) {
    return new Promise((resolve) => {
        const child = spawn(PYTHON, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
        const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        child.on('exit', (code) => {
            clearTimeout(t);
            resolve({ code, stdout, stderr });
        });
    });
}
describe('QCG-PilotJob Python client interop', () => {
    const missing = zmqAvailable();
    let m;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let s;
    before(async () => {
        if (missing)
            return;
        m = await startManagerProcess({ nodes: '4' });
    });
    after(async () => {
        await m?.stop();
    });
    test('python3-zmq is available', (t) => {
        if (!missing)
            return;
        if (process.env.CI)
            assert.fail(`interop test cannot run in CI: ${missing}`);
        t.skip(`skipped: ${missing} (apt-get install -y python3-zmq); this fails when CI is set`);
    });
    test('the Python client runs its whole session', { skip: missing ? 'python3-zmq missing' : false }, async () => {
        const r = await runPython([SCRIPT, m.address, m.wd], m.wd, 120_000);
        assert.equal(r.code, 0, `python client failed:\n${r.stderr}\nmanager stderr:\n${m.stderr()}`);
        s = JSON.parse(r.stdout.trim().split('\n').pop());
        assert.equal(s.instance_id, m.instanceId);
        assert.match(s.publisher, /^tcp:\/\/127\.0\.0\.1:\d+$/);
    });
    test('descriptions in the Jobs.add format are accepted as sent', { skip: missing ? 'python3-zmq missing' : false }, () => {
        assert.ok(s, 'session ran');
        assert.deepStrictEqual(s.sent_jobs[1], {
            name: 'py_iter',
            execution: { exec: '/bin/sh', args: ['-c', 'echo ${it} > py_iter_${it}.out'] },
            resources: { numCores: { exact: 1 } },
            iteration: { start: 0, stop: 3 },
        });
        assert.deepStrictEqual(s.sent_jobs[2].dependencies, { after: ['py_date'] });
        assert.deepStrictEqual(s.submitted, ['py_date', 'py_iter', 'py_script', 'py_fail', 'py_std']);
    });
    test('final states through wait4 (status polls and JFI/IFI events)', { skip: missing ? 'python3-zmq missing' : false }, () => {
        assert.ok(s, 'session ran');
        assert.deepStrictEqual(s.wait4, { py_date: 'SUCCEED', py_iter: 'SUCCEED', py_script: 'SUCCEED', py_fail: 'FAILED', py_std: 'SUCCEED' });
        assert.deepStrictEqual(s.wait4_iterations, { 'py_iter:0': 'SUCCEED', 'py_iter:1': 'SUCCEED', 'py_iter:2': 'SUCCEED' });
        assert.match(s.files['py_date.out'], /^\d{4}\n$/);
        assert.equal(s.files['py_iter_0.out'], '0\n');
        assert.equal(s.files['py_iter_2.out'], '2\n');
        assert.equal(s.files['py_script.out'], 'script-ok\n');
        assert.equal(s.files['py_std.out'], 'std\n');
    });
    test('events seen by a SUB socket subscribed to IFI, JFI, NOJ', { skip: missing ? 'python3-zmq missing' : false }, () => {
        assert.ok(s, 'session ran');
        const id = m.instanceId;
        const events = s.events;
        for (const f of events)
            assert.match(f, /^(IFI|JFI|NOJ) /, 'only the subscribed topics arrive');
        const jfi = (job, state) => events.filter((f) => f === ev('JFI', id, job, state)).length;
        assert.equal(jfi('py_date', 'SUCCEED'), 1);
        assert.equal(jfi('py_iter', 'SUCCEED'), 1);
        assert.equal(jfi('py_script', 'SUCCEED'), 1);
        assert.equal(jfi('py_fail', 'FAILED'), 1);
        assert.equal(jfi('py_std', 'SUCCEED'), 1);
        assert.equal(jfi('py_sleep', 'CANCELED'), 1);
        for (const i of [0, 1, 2])
            assert.equal(events.filter((f) => f === ev('IFI', id, 'py_iter', 'SUCCEED', i)).length, 1);
        assert.ok(events.includes(`NOJ {"manager": "${id}"}`));
    });
    test('jobStatus, jobInfo withChilds, listJobs, resourcesInfo as the client parses them', { skip: missing ? 'python3-zmq missing' : false }, () => {
        assert.ok(s, 'session ran');
        for (const n of s.submitted)
            assert.deepStrictEqual(s.status.jobs[n].status, 0);
        assert.equal(s.status.jobs.py_fail.data.status, 'FAILED');
        const it = s.info.jobs.py_iter.data;
        assert.deepStrictEqual(Object.keys(it), ['jobName', 'status', 'iterations', 'childs', 'history']);
        assert.deepStrictEqual(it.iterations, { start: 0, stop: 3, total: 3, finished: 3, failed: 0 });
        assert.equal(it.childs.length, 3);
        for (const c of it.childs)
            assertFinalRuntime(c.runtime, { exit_code: '0', pname: 'sh' });
        const f = s.info.jobs.py_fail.data;
        assertFinalRuntime(f.runtime, { exit_code: '2', pname: 'sh' });
        assert.match(f.runtime.allocation, /^n0\[\d(:\d)?\]$/);
        assert.deepEqual(historyStates(f.history), ['QUEUED', 'SCHEDULED', 'EXECUTING', 'FAILED']);
        for (const n of s.submitted)
            assert.ok(n in s.list, `${n} listed`);
        assert.deepStrictEqual(s.resources, { total_nodes: 1, total_cores: 4, used_cores: 0, free_cores: 4 });
    });
    test('errors surface as "Request failed - <message>"', { skip: missing ? 'python3-zmq missing' : false }, () => {
        assert.ok(s, 'session ran');
        assert.deepStrictEqual(s.errors, {
            duplicate: 'Request failed - Job py_iter already exist',
            args_string: 'Request failed - Wrong submit request: Execution arguments must be an array',
            status_unknown: "Request failed - Job 'nope' doesn't exist",
        });
    });
    test('remove, cancel, wait4all, finish', { skip: missing ? 'python3-zmq missing' : false }, async () => {
        assert.ok(s, 'session ran');
        assert.deepStrictEqual(s.remove, { removed: 1 });
        assert.deepStrictEqual(s.cancel, { canceled: 1 });
        assert.deepStrictEqual(s.wait4_cancel, { py_sleep: 'CANCELED' });
        assert.equal(s.wait4all, true);
        assert.deepStrictEqual(s.finish, { when: '2s' });
        const ex = await Promise.race([m.exited, new Promise((_, rej) => setTimeout(() => rej(new Error('manager did not exit after finish')), 60_000).unref())]);
        assert.deepStrictEqual(ex, { code: 0, signal: null });
    });
});
//# sourceMappingURL=interop.test.js.map