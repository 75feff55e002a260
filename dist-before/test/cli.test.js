/** The `pilotmq` CLI as a child process, against a manager served by `pilotmq serve`. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { CLI, serveManager } from './client/serve-helper.js';
function cli(args, env = {}) {
    const childEnv = { ...process.env, ...env };
    if (!('QCG_PM_ZMQ_ADDRESS' in env))
        delete childEnv.QCG_PM_ZMQ_ADDRESS;
    return new Promise((resolve) => {
        execFile(process.execPath, [CLI, ...args], { env: childEnv }, (err, stdout, stderr) => {
            const code = err ? (err.code ?? null) : 0;
            resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
        });
    });
}
/** A TCP port with nothing listening on it. */
async function closedPort() {
    const server = createServer();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = server.address().port;
    await new Promise((resolve) => server.close(resolve));
    return port;
}
describe('pilotmq CLI', () => {
    let served;
    let at;
    before(async () => {
        served = await serveManager(['--json']);
        at = ['--address', served.address];
    });
    after(async () => {
        await served.stop();
    });
    test('serve --json prints its address as a JSON line', async () => {
        const first = JSON.parse(await served.firstLine);
        assert.equal(first.address, served.address);
        assert.equal(first.auxDir, path.join(served.wd, `.qcgpjm-service-${first.instanceId}`));
    });
    test('submit a file, wait for it: exit 0', async () => {
        const file = path.join(served.wd, 'ok.json');
        writeFileSync(file, JSON.stringify([
            { name: 'ok1', execution: { exec: '/bin/sh', args: ['-c', 'exit 0'] } },
            { name: 'ok2', execution: { exec: '/bin/sh', args: ['-c', 'exit 0'] }, iteration: { stop: 2 } },
        ]));
        const submit = await cli([...at, 'submit', file]);
        assert.equal(submit.code, 0, submit.stderr);
        assert.match(submit.stdout, /Submitted 2 job\(s\): ok1, ok2/);
        const wait = await cli([...at, 'wait', 'ok1', 'ok2']);
        assert.equal(wait.code, 0, wait.stderr);
        assert.match(wait.stdout, /2 job\(s\) finished in .*SUCCEED 2/);
        const all = await cli([...at, '--json', 'wait', '--all']);
        assert.equal(all.code, 0, all.stderr);
        assert.deepEqual(JSON.parse(all.stdout).jobs, { ok1: 'SUCCEED', ok2: 'SUCCEED' });
    });
    test('a failed job: wait exits 4', async () => {
        const file = path.join(served.wd, 'fail.json');
        writeFileSync(file, JSON.stringify({ request: 'submit', jobs: [{ name: 'bad', execution: { exec: '/bin/sh', args: ['-c', 'exit 3'] } }] }));
        const submit = await cli([...at, '--json', 'submit', file]);
        assert.equal(submit.code, 0, submit.stderr);
        assert.deepEqual(JSON.parse(submit.stdout), { submitted: 1, jobs: ['bad'] });
        const wait = await cli([...at, '--json', 'wait', 'bad', 'ok1']);
        assert.equal(wait.code, 4, wait.stderr);
        const result = JSON.parse(wait.stdout);
        assert.deepEqual(result.jobs, { bad: 'FAILED', ok1: 'SUCCEED' });
        assert.deepEqual(result.counts, { FAILED: 1, SUCCEED: 1 });
        const all = await cli([...at, 'wait', '--all']);
        assert.equal(all.code, 4);
        assert.match(all.stdout, /bad: FAILED/);
    });
    test('list, status, info, resources: human and --json output', async () => {
        const list = await cli([...at, '--json', 'list']);
        assert.equal(list.code, 0, list.stderr);
        assert.equal(JSON.parse(list.stdout).bad.status, 'FAILED');
        const human = await cli([...at, 'list']);
        assert.match(human.stdout, /^NAME\s+STATUS/);
        assert.match(human.stdout, /\nbad\s+FAILED/);
        const status = await cli([...at, '--json', 'status', 'ok1', 'ok2:1']);
        assert.equal(status.code, 0, status.stderr);
        assert.deepEqual(JSON.parse(status.stdout)['ok2:1'], { status: 0, data: { jobName: 'ok2:1', status: 'SUCCEED' } });
        const info = await cli([...at, 'info', 'ok2', '--with-childs']);
        assert.equal(info.code, 0, info.stderr);
        assert.match(info.stdout, /ok2: SUCCEED/);
        assert.match(info.stdout, /ok2:1\s+SUCCEED/);
        const infoJson = await cli([...at, '--json', 'info', 'bad']);
        assert.equal(JSON.parse(infoJson.stdout).bad.data.runtime.exit_code, '3');
        const resources = await cli([...at, '--json', 'resources']);
        assert.deepEqual(JSON.parse(resources.stdout), { total_nodes: 1, total_cores: 2, used_cores: 0, free_cores: 2 });
    });
    test('status of an unknown job: exit 1 with the manager\'s message', async () => {
        const r = await cli([...at, 'status', 'ghost']);
        assert.equal(r.code, 1);
        assert.match(r.stderr, /Job 'ghost' doesn't exist/);
        const j = await cli([...at, '--json', 'status', 'ghost']);
        assert.equal(j.code, 1);
        assert.deepEqual(JSON.parse(j.stdout), { error: "Request failed - Job 'ghost' doesn't exist", exitCode: 1 });
    });
    test('cancel and remove', async () => {
        const file = path.join(served.wd, 'sleep.json');
        writeFileSync(file, JSON.stringify([{ name: 'sleeper', execution: { exec: '/bin/sleep', args: ['600'] } }]));
        assert.equal((await cli([...at, 'submit', file])).code, 0);
        const cancel = await cli([...at, 'cancel', 'sleeper']);
        assert.equal(cancel.code, 0, cancel.stderr);
        assert.match(cancel.stdout, /Canceled: 1/);
        assert.equal((await cli([...at, 'wait', 'sleeper'])).code, 4);
        const remove = await cli([...at, '--json', 'remove', 'sleeper', 'ghost']);
        assert.equal(remove.code, 1);
        assert.deepEqual(JSON.parse(remove.stdout), { removed: 1, errors: { ghost: "Job 'ghost' doesn't exist" } });
    });
    test('the address can come from QCG_PM_ZMQ_ADDRESS', async () => {
        const r = await cli(['resources'], { QCG_PM_ZMQ_ADDRESS: served.address });
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /cores: 2 \(used 0, free 2\)/);
    });
    test('usage errors exit 2, a bad job file exits 1', async () => {
        assert.equal((await cli([...at, 'wait'])).code, 2);
        assert.equal((await cli([...at, 'bogus'])).code, 2);
        assert.equal((await cli([...at, 'status'])).code, 2);
        const missing = await cli([...at, 'submit', path.join(served.wd, 'missing.json')]);
        assert.equal(missing.code, 1);
        assert.match(missing.stderr, /missing\.json/);
    });
    test('finish: exit 0 and the served manager exits 0', async () => {
        const r = await cli([...at, 'finish']);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(await served.exited, 0);
    });
});
describe('pilotmq CLI without a manager', () => {
    test('unreachable address: exit 3', async () => {
        const port = await closedPort();
        const r = await cli(['--address', `tcp://127.0.0.1:${port}`, '--timeout', '0.5', 'list']);
        assert.equal(r.code, 3);
        assert.match(r.stderr, /No reply from the manager/);
        const j = await cli(['--json', '--address', `tcp://127.0.0.1:${port}`, '--timeout', '0.5', 'wait', 'x']);
        assert.equal(j.code, 3);
        assert.equal(JSON.parse(j.stdout).exitCode, 3);
    });
    test('--help documents the exit codes', async () => {
        const r = await cli(['--help']);
        assert.equal(r.code, 0);
        assert.match(r.stdout, /Exit codes:/);
        assert.match(r.stdout, /4 {2}wait: some waited job ended FAILED, CANCELED or OMITTED/);
    });
});
//# sourceMappingURL=cli.test.js.map