/**
 * The client library against real managers: one started in a worker thread (LocalManager), one served by a
 * separate `pilotmq serve` process; plus a socket that never answers (timeouts).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Reply } from 'zeromq';
import { ConnectionError, Jobs, LocalManager, Manager, ServiceError, TimeoutElapsed } from '../../client/index.js';
import { serveManager } from './serve-helper.js';
const sh = (name, code, extra = {}) => ({ name, exec: '/bin/sh', args: ['-c', code], ...extra });
/** assert that `promise` rejects with a ConnectionError carrying the manager's message */
async function rejectsWith(promise, serverMessage) {
    await assert.rejects(promise, (err) => {
        assert.ok(err instanceof ConnectionError, String(err));
        assert.equal(err.message, `Request failed - ${serverMessage}`);
        assert.equal(err.serverMessage, serverMessage);
        return true;
    });
}
describe('LocalManager (manager in a worker thread)', () => {
    let wd;
    let m;
    let finished = false;
    before(async () => {
        wd = mkdtempSync(path.join(tmpdir(), 'pilotmq-local-'));
        m = await LocalManager.create(['--nodes', '2', '--wd', wd]);
    });
    after(async () => {
        if (!finished)
            await m.kill();
        rmSync(wd, { recursive: true, force: true });
    });
    test('resources and systemStatus', async () => {
        assert.deepEqual(await m.resources(), { total_nodes: 1, total_cores: 2, used_cores: 0, free_cores: 2 });
        const status = await m.systemStatus();
        assert.equal(status.System.InstanceId, m.instanceId);
        assert.equal(status.System.Zmqaddress, m.address);
        assert.match(String(status.System.StatusPublisher), /^tcp:\/\//);
        assert.equal(status.Resources.TotalCores, 2);
        assert.equal(m.auxDir, path.join(wd, `.qcgpjm-service-${m.instanceId}`));
    });
    test('submit, wait4, list, status, info, infoParsed', async () => {
        const jobs = new Jobs()
            .add(sh('ok', 'exit 0'))
            .add(sh('bad', 'exit 3'))
            .add(sh('it', 'exit ${it}', { iteration: 2 }));
        const names = await m.submit(jobs);
        assert.deepEqual(names, ['ok', 'bad', 'it']);
        assert.deepEqual(await m.wait4(names), { ok: 'SUCCEED', bad: 'FAILED', it: 'FAILED' });
        assert.deepEqual(await m.wait4(['it:0', 'it:1']), { 'it:0': 'SUCCEED', 'it:1': 'FAILED' });
        assert.deepEqual(await m.wait4('ok'), { ok: 'SUCCEED' });
        const list = await m.list();
        assert.deepEqual(Object.keys(list), ['ok', 'bad', 'it']);
        assert.equal(list.bad.status, 'FAILED');
        const status = await m.status(['ok', 'it:1']);
        assert.deepEqual(status.jobs.ok, { status: 0, data: { jobName: 'ok', status: 'SUCCEED' } });
        assert.deepEqual(status.jobs['it:1'], { status: 0, data: { jobName: 'it:1', status: 'FAILED' } });
        const info = await m.info('bad');
        const entry = info.jobs.bad;
        assert.equal(entry.status, 0);
        assert.equal(entry.status === 0 && entry.data.runtime?.exit_code, '3');
        const parsed = await m.infoParsed(['bad', 'it'], { withChilds: true });
        assert.equal(parsed.bad.status, 'FAILED');
        assert.equal(parsed.bad.exitCode, 3);
        assert.equal(parsed.bad.pname, 'sh');
        assert.equal(parsed.bad.totalCores, 1);
        assert.ok(parsed.bad.rtime >= 0);
        assert.deepEqual(parsed.bad.history.map((h) => h.state), ['QUEUED', 'SCHEDULED', 'EXECUTING', 'FAILED']);
        assert.ok(parsed.bad.history.every((h) => h.date instanceof Date && !Number.isNaN(h.date.getTime())));
        assert.deepEqual(parsed.it.iterations, { start: 0, stop: 2, total: 2, finished: 2, failed: 1 });
        assert.deepEqual(parsed.it.childs.map((c) => [c.name, c.status, c.exitCode]), [
            ['it:0', 'SUCCEED', 0],
            ['it:1', 'FAILED', 1],
        ]);
    });
    test('a code 1 reply becomes ConnectionError with the manager\'s message', async () => {
        await rejectsWith(m.status('ghost'), "Job 'ghost' doesn't exist");
        await rejectsWith(m.info(['ok', 'ghost']), "Job ['ok', 'ghost'] doesn't exist");
        await rejectsWith(m.submit(new Jobs().add(sh('ok', 'true'))), 'Job ok already exist');
        await rejectsWith(m.wait4(['ok', 'ghost']), "Job 'ghost' doesn't exist");
        await rejectsWith(m.control('bogus'), 'Invalid request: Wrong control request - unknown command "bogus"');
        // the client keeps working after errors
        assert.equal((await m.resources()).total_cores, 2);
    });
    test('cancel and remove', async () => {
        await m.submit(new Jobs().add({ name: 'sleeper', exec: '/bin/sleep', args: ['600'] }));
        assert.deepEqual(await m.cancel('sleeper'), { canceled: 1 });
        assert.deepEqual(await m.wait4('sleeper'), { sleeper: 'CANCELED' });
        const again = await m.cancel(['sleeper']);
        assert.deepEqual(again, { canceled: 0, errors: { sleeper: 'Job sleeper already finished (CANCELED)' } });
        const removed = await m.remove(['sleeper', 'ghost']);
        assert.deepEqual(removed, { removed: 1, errors: { ghost: "Job 'ghost' doesn't exist" } });
        assert.ok(!('sleeper' in (await m.list())));
    });
    test('wait4AnyJobFinish and wait4all', async () => {
        await m.submit(new Jobs().add(sh('any', 'exit 0')));
        // finish events not consumed by earlier waits come first; each is a final state
        for (;;) {
            const { name, state } = await m.wait4AnyJobFinish();
            assert.ok(Manager.isStatusFinished(state), `${name} ${state}`);
            if (name === 'any') {
                assert.equal(state, 'SUCCEED');
                break;
            }
        }
        await m.submit(new Jobs().add(sh('a1', 'exit 0')).add(sh('a2', 'exit 0', { iteration: 3 })));
        await m.wait4all();
        assert.equal(await m.allJobsFinished(), true);
        assert.deepEqual(await m.wait4(['a1', 'a2']), { a1: 'SUCCEED', a2: 'SUCCEED' });
    });
    test('finish stops the manager and waits for it to exit', async () => {
        const reply = await m.finish();
        finished = true;
        assert.deepEqual(reply, { when: '2s' });
        assert.equal(await m.exited, 0);
        await assert.rejects(m.list(), ConnectionError);
    });
});
describe('LocalManager without event publisher', () => {
    test('waits poll the state; wait4AnyJobFinish needs events', async () => {
        const wd = mkdtempSync(path.join(tmpdir(), 'pilotmq-nopub-'));
        const m = await LocalManager.create(['--nodes', '1', '--wd', wd, '--no-publisher'], { pollIntervalMs: 100 });
        try {
            assert.equal((await m.systemStatus()).System.StatusPublisher, null);
            await m.submit(new Jobs().add(sh('p', 'exit 0')));
            assert.deepEqual(await m.wait4('p'), { p: 'SUCCEED' });
            await m.wait4all();
            await assert.rejects(m.wait4AnyJobFinish(), ServiceError);
            await m.finish();
            assert.equal(await m.exited, 0);
        }
        finally {
            await m.kill();
            rmSync(wd, { recursive: true, force: true });
        }
    });
});
describe('Manager against a served manager (pilotmq serve child process)', () => {
    let served;
    let m;
    before(async () => {
        served = await serveManager();
        m = new Manager(served.address, { timeoutMs: 30_000 });
    });
    after(async () => {
        m.close();
        await served.stop();
    });
    test('wait4 returns when its job exits, while other work still runs', async () => {
        const names = await m.submit(new Jobs().add({ name: 'slow', exec: '/bin/sleep', args: ['600'] }).add(sh('quick', 'exit 0')));
        assert.deepEqual(names, ['slow', 'quick']);
        assert.deepEqual(await m.wait4('quick'), { quick: 'SUCCEED' });
        // the other job is still running: wait4 did not wait for it
        const status = await m.status('slow');
        const slow = status.jobs.slow;
        assert.ok(slow.status === 0 && ['SCHEDULED', 'EXECUTING'].includes(slow.data.status), JSON.stringify(slow));
        await m.cancel('slow');
        assert.deepEqual(await m.wait4('slow'), { slow: 'CANCELED' });
    });
    test('wait4 with a timeout throws TimeoutElapsed', async () => {
        await m.submit(new Jobs().add({ name: 'long', exec: '/bin/sleep', args: ['600'] }));
        await assert.rejects(m.wait4('long', 200), TimeoutElapsed);
        await assert.rejects(m.wait4all(200), TimeoutElapsed);
        await m.cancel('long');
        assert.deepEqual(await m.wait4('long'), { long: 'CANCELED' });
    });
    test('JSON encoding, address from the environment', async () => {
        const saved = process.env.QCG_PM_ZMQ_ADDRESS;
        process.env.QCG_PM_ZMQ_ADDRESS = served.address;
        const json = new Manager(undefined, { encoding: 'json' });
        try {
            assert.equal(json.address, served.address);
            assert.equal((await json.resources()).total_cores, 2);
        }
        finally {
            json.close();
            if (saved === undefined)
                delete process.env.QCG_PM_ZMQ_ADDRESS;
            else
                process.env.QCG_PM_ZMQ_ADDRESS = saved;
        }
    });
    test('finish with wait: the served process exits with status 0', async () => {
        await m.submit(new Jobs().add(sh('last', 'exit 0')));
        assert.deepEqual(await m.finish({ wait: true }), { when: 'after all jobs finish' });
        assert.equal(await served.exited, 0);
    });
});
describe('Manager against a socket that never answers', () => {
    test('each request times out with TimeoutElapsed, and the client can send again', async () => {
        const silent = new Reply({ linger: 0 });
        await silent.bind('tcp://127.0.0.1:*');
        const m = new Manager(silent.lastEndpoint, { timeoutMs: 200 });
        try {
            await assert.rejects(m.resources(), TimeoutElapsed);
            // a REQ socket that missed its reply would fail with EFSM here; the client re-created it
            await assert.rejects(m.list(), TimeoutElapsed);
            await assert.rejects(m.wait4('x', 300), TimeoutElapsed);
        }
        finally {
            m.close();
            silent.close();
        }
    });
    test('address completion as in QCG', () => {
        assert.equal(Manager.parseAddress('10.0.0.1'), 'tcp://10.0.0.1:5555');
        assert.equal(Manager.parseAddress('host:1234'), 'tcp://host:1234');
        assert.equal(Manager.parseAddress('tcp://h'), 'tcp://h:5555');
    });
});
//# sourceMappingURL=manager.test.js.map