/**
 * The node agent against real processes: a real agent (dist/server/agent/agent.js) driven through
 * AgentConnection, real jobs (/bin/sh, sleep, cat, true), and the process table (/proc) for the no-orphan rules.
 * No timing thresholds: waits are generous and only guard against hangs.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnLocalAgent } from '../server/agent/agent-connection.js';
import { AgentExecutor } from '../server/executor/agent-executor.js';
const TEST_TIMEOUT = 60_000;
const tmpRoot = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-agent-test-')));
let nextId = 1;
let dirCount = 0;
/** A fresh, not yet existing working directory under the test root. */
function freshWd() {
    return path.join(tmpRoot, `wd${++dirCount}`);
}
/** A fresh, existing working directory. */
function madeWd() {
    const wd = freshWd();
    fs.mkdirSync(wd, { recursive: true });
    return wd;
}
function sh(script, extra = {}) {
    return { exec: '/bin/sh', args: ['-c', script], ...extra };
}
// ---- /proc ------------------------------------------------------------------------------------------------
/** Alive = exists and is not a zombie (orphans may wait a while for PID 1 to reap them). */
function isAlive(pid) {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const state = stat.slice(stat.lastIndexOf(')') + 2)[0];
        return state !== 'Z' && state !== 'X';
    }
    catch {
        return false;
    }
}
async function until(cond, what, timeoutMs = 20_000) {
    const end = Date.now() + timeoutMs;
    while (!cond()) {
        if (Date.now() > end)
            throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
    }
}
const waitGone = (pid) => until(() => !isAlive(pid), `process ${pid} to end`);
async function readPidFile(file) {
    await until(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8').endsWith('\n'), file);
    return Number(fs.readFileSync(file, 'utf8').trim());
}
// ---- a real agent -----------------------------------------------------------------------------------------
class TestAgent {
    conn;
    child;
    exit;
    closeErrors = [];
    reports = new Map();
    waiters = new Map();
    /** every report as `t:id`, in arrival order */
    order = [];
    constructor(env) {
        const { connection, child } = spawnLocalAgent({ env });
        this.conn = connection;
        this.child = child;
        this.exit = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
        connection.onReport((r) => this.onReport(r));
        connection.onClose((err) => this.closeErrors.push(err));
    }
    onReport(r) {
        if (r.t === 'ready')
            return;
        this.order.push(`${r.t}:${r.id}`);
        const list = this.reports.get(r.id) ?? [];
        list.push(r);
        this.reports.set(r.id, list);
        if (r.t === 'exited' || r.t === 'wdFailed')
            this.waiters.get(r.id)?.(this.outcome(r.id));
    }
    outcome(id) {
        const list = this.reports.get(id) ?? [];
        const started = list.find((r) => r.t === 'started');
        const end = list.find((r) => r.t === 'exited' || r.t === 'wdFailed');
        return { started, end };
    }
    launch(job) {
        const id = nextId++;
        this.conn.send({ t: 'launch', id, args: [], env: {}, wd: tmpRoot, killGraceMs: 10_000, ...job });
        return id;
    }
    /** resolves with the task's reports once it has ended */
    result(id) {
        const known = this.outcome(id);
        if (known.end)
            return Promise.resolve(known);
        return new Promise((res) => this.waiters.set(id, res));
    }
    run(job) {
        return this.result(this.launch(job));
    }
    /** the pid once `started` was reported */
    async pidOf(id) {
        await until(() => this.outcome(id).started !== undefined || this.outcome(id).end !== undefined, `task ${id} start`);
        const pid = this.outcome(id).started?.pid;
        assert.ok(pid, `task ${id} did not start: ${JSON.stringify(this.outcome(id).end)}`);
        return pid;
    }
    allReports(id) {
        return this.reports.get(id) ?? [];
    }
    async stop() {
        if (this.child.exitCode === null && this.child.signalCode === null)
            this.conn.shutdown();
        await this.exit;
    }
}
function assertExit(o, exitCode, reason) {
    assert.equal(o.end.t, 'exited', JSON.stringify(o.end));
    const end = o.end;
    assert.equal(end.exitCode, exitCode, JSON.stringify(end));
    assert.equal(end.reason, reason, JSON.stringify(end));
    if (end.pid !== -1) {
        assert.equal(end.pid, o.started?.pid);
        assert.ok(end.rtimeUs >= 0);
    }
    return end;
}
function assertLaunchFailure(o, message) {
    assert.equal(o.started, undefined, 'no started report for a failed launch');
    assert.deepEqual(o.end, { t: 'exited', id: o.end.id, pid: -1, exitCode: -1, rtimeUs: 0, reason: 'launch', message });
}
// ---- tests ------------------------------------------------------------------------------------------------
after(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
describe('agent: launching', { timeout: TEST_TIMEOUT }, () => {
    let agent;
    before(async () => {
        agent = new TestAgent({ ...process.env, AGENT_ONLY: 'from-agent', OVERRIDDEN: 'agent' });
        await agent.conn.ready;
    });
    after(() => agent.stop());
    test('ready carries the agent pid', async () => {
        assert.equal((await agent.conn.ready).pid, agent.child.pid);
    });
    test('exit codes 0 and 3, started before exited', async () => {
        const [ok, three] = await Promise.all([agent.run({ exec: '/bin/true' }), agent.run(sh('exit 3'))]);
        assertExit(ok, 0);
        assertExit(three, 3);
        for (const o of [ok, three]) {
            const kinds = agent.allReports(o.end.id).map((r) => r.t);
            assert.deepEqual(kinds, ['started', 'exited']);
        }
    });
    test('stdout and stderr files relative to wd', async () => {
        const wd = madeWd();
        assertExit(await agent.run(sh('echo out; echo err >&2', { wd, stdout: 'o.txt', stderr: 'e.txt' })), 0);
        assert.equal(fs.readFileSync(path.join(wd, 'o.txt'), 'utf8'), 'out\n');
        assert.equal(fs.readFileSync(path.join(wd, 'e.txt'), 'utf8'), 'err\n');
    });
    test('same file for stdout and stderr shares one descriptor (no overwriting)', async () => {
        const wd = madeWd();
        fs.writeFileSync(path.join(wd, 'both.txt'), 'old content that must be truncated\n');
        const job = sh('echo out; echo err >&2; echo out2', { wd, stdout: 'both.txt', stderr: path.join(wd, 'both.txt') });
        assertExit(await agent.run(job), 0);
        assert.equal(fs.readFileSync(path.join(wd, 'both.txt'), 'utf8'), 'out\nerr\nout2\n');
    });
    test('stdin file', async () => {
        const wd = madeWd();
        fs.writeFileSync(path.join(wd, 'in.txt'), 'line 1\nline 2\n');
        assertExit(await agent.run({ exec: 'cat', wd, stdin: 'in.txt', stdout: 'out.txt' }), 0);
        assert.equal(fs.readFileSync(path.join(wd, 'out.txt'), 'utf8'), 'line 1\nline 2\n');
    });
    test('default stdin is /dev/null', async () => {
        const wd = madeWd();
        assertExit(await agent.run({ exec: 'cat', wd, stdout: 'out.txt' }), 0);
        assert.equal(fs.readFileSync(path.join(wd, 'out.txt'), 'utf8'), '');
    });
    test('environment: agent environment overlaid by the job env', async () => {
        const wd = madeWd();
        const job = sh('echo "$AGENT_ONLY $OVERRIDDEN $JOB_ONLY"', {
            wd,
            stdout: 'env.txt',
            env: { OVERRIDDEN: 'job', JOB_ONLY: 'only-job' },
        });
        assertExit(await agent.run(job), 0);
        assert.equal(fs.readFileSync(path.join(wd, 'env.txt'), 'utf8'), 'from-agent job only-job\n');
    });
    test('working directory created with parents, process runs in it', async () => {
        const wd = path.join(freshWd(), 'a', 'b');
        assertExit(await agent.run({ exec: 'pwd', wd, stdout: 'pwd.txt' }), 0);
        assert.ok(fs.statSync(wd).isDirectory());
        assert.equal(fs.readFileSync(path.join(wd, 'pwd.txt'), 'utf8'), wd + '\n');
    });
    test('a working directory removed after use is created again; a removed program is reported', async () => {
        const wd = madeWd();
        fs.copyFileSync('/bin/true', path.join(wd, 'mytrue'));
        fs.chmodSync(path.join(wd, 'mytrue'), 0o755);
        assertExit(await agent.run({ exec: './mytrue', wd, stdout: 'out.txt' }), 0);
        fs.rmSync(wd, { recursive: true });
        assertExit(await agent.run({ exec: '/bin/true', wd, stdout: 'out.txt' }), 0);
        assert.ok(fs.existsSync(path.join(wd, 'out.txt')));
        fs.rmSync(wd, { recursive: true });
        assertExit(await agent.run({ exec: '/bin/true', wd }), 0); // the spawn's chdir fails first
        assert.ok(fs.existsSync(wd));
        assertLaunchFailure(await agent.run({ exec: './mytrue', wd }), "[Errno 2] No such file or directory: './mytrue'");
    });
    test('working directory that cannot be created: wdFailed', async () => {
        const wd = madeWd();
        fs.writeFileSync(path.join(wd, 'file'), '');
        const o = await agent.run({ exec: '/bin/true', wd: path.join(wd, 'file', 'sub') });
        assert.equal(o.started, undefined);
        assert.deepEqual(o.end, {
            t: 'wdFailed',
            id: o.end.id,
            message: `[Errno 20] Not a directory: '${path.join(wd, 'file', 'sub')}'`,
        });
    });
    test('launch failures: missing program (absolute and via PATH)', async () => {
        assertLaunchFailure(await agent.run({ exec: '/nonexistent/bin' }), "[Errno 2] No such file or directory: '/nonexistent/bin'");
        assertLaunchFailure(await agent.run({ exec: 'pilotmq-no-such-program' }), "[Errno 2] No such file or directory: 'pilotmq-no-such-program'");
    });
    test('launch failures: not executable, a directory, not an executable format', async () => {
        const wd = madeWd();
        fs.writeFileSync(path.join(wd, 'noexec.sh'), '#!/bin/sh\nexit 0\n', { mode: 0o644 });
        fs.writeFileSync(path.join(wd, 'noshebang'), 'echo hi\n', { mode: 0o755 });
        assertLaunchFailure(await agent.run({ exec: path.join(wd, 'noexec.sh') }), `[Errno 13] Permission denied: '${path.join(wd, 'noexec.sh')}'`);
        assertLaunchFailure(await agent.run({ exec: wd }), `[Errno 13] Permission denied: '${wd}'`);
        assertLaunchFailure(await agent.run({ exec: '/etc/passwd/x' }), "[Errno 20] Not a directory: '/etc/passwd/x'");
        if (binfmtMiscInUse())
            return; // the kernel may run more than ELF and #! there
        assertLaunchFailure(await agent.run({ exec: './noshebang', wd }), "[Errno 8] Exec format error: './noshebang'");
    });
    test('launch failures: stdin file missing, stdout directory missing', async () => {
        const wd = madeWd();
        assertLaunchFailure(await agent.run({ exec: 'cat', wd, stdin: 'missing.txt' }), `[Errno 2] No such file or directory: 'missing.txt'`);
        assertLaunchFailure(await agent.run({ exec: '/bin/true', wd, stdout: 'nodir/out.txt' }), `[Errno 2] No such file or directory: 'nodir/out.txt'`);
        assertLaunchFailure(await agent.run({ exec: '/bin/true', wd, stderr: '/nonexistent/err.txt' }), "[Errno 2] No such file or directory: '/nonexistent/err.txt'");
    });
    test('program found via the job PATH; a path with / is relative to wd', async () => {
        const wd = madeWd();
        const bin = path.join(wd, 'bin');
        fs.mkdirSync(bin);
        fs.writeFileSync(path.join(bin, 'pilotmq-test-prog'), '#!/bin/sh\necho "prog $0 $1"\nexit 7\n', { mode: 0o755 });
        fs.writeFileSync(path.join(wd, 'rel.sh'), '#!/bin/sh\nexit 5\n', { mode: 0o755 });
        const viaPath = await agent.run({
            exec: 'pilotmq-test-prog',
            args: ['arg1'],
            wd,
            stdout: 'out.txt',
            env: { PATH: `${bin}:${process.env.PATH}` },
        });
        assertExit(viaPath, 7);
        assert.equal(fs.readFileSync(path.join(wd, 'out.txt'), 'utf8'), `prog ${bin}/pilotmq-test-prog arg1\n`);
        assertExit(await agent.run({ exec: './rel.sh', wd }), 5);
        assertExit(await agent.run({ exec: 'bin/pilotmq-test-prog', wd }), 7);
        // the agent's own PATH does not have it
        assertLaunchFailure(await agent.run({ exec: 'pilotmq-test-prog', wd }), "[Errno 2] No such file or directory: 'pilotmq-test-prog'");
    });
    test('killed by a signal: exit code -signal', async () => {
        assertExit(await agent.run(sh('kill -TERM $$')), -15);
        assertExit(await agent.run(sh('kill -KILL $$')), -9);
    });
    test('each job leads its own process group', async () => {
        const wd = madeWd();
        const o = await agent.run(sh('ps -o pgid= -p $$ > pgid.txt', { wd }));
        assertExit(o, 0);
        assert.equal(Number(fs.readFileSync(path.join(wd, 'pgid.txt'), 'utf8').trim()), o.started.pid);
    });
    test('cancel a running job: SIGTERM', async () => {
        const id = agent.launch({ exec: 'sleep', args: ['1000'] });
        const pid = await agent.pidOf(id);
        agent.conn.send({ t: 'cancel', id });
        assertExit(await agent.result(id), -15, 'cancel');
        assert.ok(!isAlive(pid));
    });
    test('cancel a job that ignores SIGTERM: SIGKILL after the grace', async () => {
        const wd = madeWd();
        const id = agent.launch(sh("trap '' TERM; touch trapped; exec sleep 1000", { wd, killGraceMs: 300 }));
        await agent.pidOf(id);
        await until(() => fs.existsSync(path.join(wd, 'trapped')), 'trap set');
        agent.conn.send({ t: 'cancel', id });
        assertExit(await agent.result(id), -9, 'cancel');
    });
    test('cancel before the spawn: never started', async () => {
        // a fresh wd makes the launch wait for mkdir, so the cancel sent in the same batch arrives first
        const id = agent.launch({ exec: '/bin/true', wd: freshWd() });
        agent.conn.send({ t: 'cancel', id });
        const o = await agent.result(id);
        assert.equal(o.started, undefined);
        assert.deepEqual(o.end, { t: 'exited', id, pid: -1, exitCode: -1, rtimeUs: 0, reason: 'cancel' });
        await new Promise((r) => setTimeout(r, 200));
        assert.deepEqual(agent.allReports(id).map((r) => r.t), ['exited'], 'nothing after the cancel report');
    });
    test('cancel of an unknown or finished task is ignored', async () => {
        const done = await agent.run({ exec: '/bin/true' });
        agent.conn.send({ t: 'cancel', id: done.end.id });
        agent.conn.send({ t: 'cancel', id: 987_654_321 });
        assertExit(await agent.run({ exec: '/bin/true' }), 0);
        assert.equal(agent.allReports(done.end.id).length, 2);
    });
    test('wall time: SIGTERM at expiry, reason walltime', async () => {
        assertExit(await agent.run({ exec: 'sleep', args: ['1000'], wallTimeMs: 200 }), -15, 'walltime');
    });
    test('wall time on a job ignoring SIGTERM: SIGKILL after the grace', async () => {
        assertExit(await agent.run(sh("trap '' TERM; exec sleep 1000", { wallTimeMs: 200, killGraceMs: 200 })), -9, 'walltime');
    });
    test('after a cancelled leader exits, the rest of its process group is killed', async () => {
        const wd = madeWd();
        // the background sleep ignores SIGTERM; only the agent's SIGKILL after the leader's exit can end it
        // (the grace is long, so it is not the grace timer)
        const script = "(trap '' TERM; exec sleep 1000) & echo $! > bg.pid; wait";
        const id = agent.launch(sh(script, { wd, killGraceMs: 600_000 }));
        await agent.pidOf(id);
        const bg = await readPidFile(path.join(wd, 'bg.pid'));
        assert.ok(isAlive(bg));
        agent.conn.send({ t: 'cancel', id });
        assertExit(await agent.result(id), -15, 'cancel');
        await waitGone(bg);
    });
    test('after a wall-time kill, the rest of the process group is killed', async () => {
        const wd = madeWd();
        const o = agent.run(sh('sleep 1000 & echo $! > bg.pid; wait', { wd, wallTimeMs: 300 }));
        const bg = await readPidFile(path.join(wd, 'bg.pid'));
        assertExit(await o, -15, 'walltime');
        await waitGone(bg);
    });
    test('a job exiting normally keeps its background children', async () => {
        const wd = madeWd();
        assertExit(await agent.run(sh('sleep 1000 & echo $! > bg.pid', { wd })), 0);
        const bg = await readPidFile(path.join(wd, 'bg.pid'));
        await new Promise((r) => setTimeout(r, 200));
        try {
            assert.ok(isAlive(bg), 'background child of a normally finished job must not be killed');
        }
        finally {
            process.kill(bg, 'SIGKILL');
        }
    });
    test('200 /bin/true launches all report exit 0', async () => {
        const wd = madeWd();
        const ids = Array.from({ length: 200 }, () => agent.launch({ exec: '/bin/true', wd }));
        const outcomes = await Promise.all(ids.map((id) => agent.result(id)));
        for (const o of outcomes)
            assertExit(o, 0);
        assert.equal(new Set(outcomes.map((o) => o.started.pid)).size, 200);
    });
});
// Chained launches (LaunchCommand.after), with the C launcher and with Node's spawn
for (const mode of ['launcher', 'node']) {
    describe(`agent: chained launches (${mode})`, { timeout: TEST_TIMEOUT }, () => {
        let agent;
        before(async () => {
            agent = new TestAgent(mode === 'node' ? { ...process.env, PILOTMQ_LAUNCHER: 'node' } : undefined);
            await agent.conn.ready;
        });
        after(() => agent.stop());
        const index = (what) => {
            const i = agent.order.indexOf(what);
            assert.ok(i >= 0, `${what} not reported: ${agent.order.join(' ')}`);
            return i;
        };
        test('a chained task starts only once its predecessor has exited, right after its exit report', async () => {
            const wd = madeWd();
            const first = agent.launch(sh('sleep 0.3; echo first >> log', { wd }));
            const next = agent.launch({ ...sh('echo next >> log', { wd }), after: first });
            assertExit(await agent.result(next), 0);
            assertExit(await agent.result(first), 0);
            assert.equal(fs.readFileSync(path.join(wd, 'log'), 'utf8'), 'first\nnext\n');
            assert.ok(index(`exited:${first}`) < index(`started:${next}`), agent.order.join(' '));
        });
        test('a chain of three runs one after another', async () => {
            const wd = madeWd();
            const a = agent.launch(sh('sleep 0.2; echo a >> log', { wd }));
            const b = agent.launch({ ...sh('sleep 0.1; echo b >> log', { wd }), after: a });
            const c = agent.launch({ ...sh('echo c >> log', { wd }), after: b });
            for (const id of [a, b, c])
                assertExit(await agent.result(id), 0);
            assert.equal(fs.readFileSync(path.join(wd, 'log'), 'utf8'), 'a\nb\nc\n');
        });
        test('after a task that already ended, or that never started, the task starts at once', async () => {
            const done = agent.launch({ exec: '/bin/true' });
            assertExit(await agent.result(done), 0);
            assertExit(await agent.run({ exec: '/bin/true', after: done }), 0);
            const missing = agent.launch({ exec: '/no/such/program' });
            const next = agent.launch({ exec: '/bin/true', after: missing });
            assertLaunchFailure(await agent.result(missing), "[Errno 2] No such file or directory: '/no/such/program'");
            assertExit(await agent.result(next), 0);
        });
        test('after a task whose working directory cannot be made, the task starts at once', async () => {
            const blocker = path.join(madeWd(), 'file');
            fs.writeFileSync(blocker, '');
            const bad = agent.launch({ exec: '/bin/true', wd: path.join(blocker, 'sub') });
            const next = agent.launch({ exec: '/bin/true', after: bad });
            assert.equal((await agent.result(bad)).end.t, 'wdFailed');
            assertExit(await agent.result(next), 0);
        });
        test('unchain: a held task is given back never started; one that has started runs on', async () => {
            const wd = madeWd();
            const first = agent.launch(sh('sleep 0.5; echo first >> log', { wd }));
            await agent.pidOf(first);
            const next = agent.launch({ ...sh('echo next >> log', { wd }), after: first });
            await new Promise((r) => setTimeout(r, 50));
            agent.conn.send({ t: 'unchain', id: next });
            assert.deepEqual((await agent.result(next)).end, { t: 'exited', id: next, pid: -1, exitCode: -1, rtimeUs: 0, reason: 'cancel' });
            assertExit(await agent.result(first), 0);
            const done = agent.launch({ exec: '/bin/true' });
            assertExit(await agent.result(done), 0);
            const started = agent.launch({ ...sh('sleep 0.2; echo started >> log', { wd }), after: done });
            await agent.pidOf(started);
            agent.conn.send({ t: 'unchain', id: started });
            assertExit(await agent.result(started), 0);
            assert.equal(fs.readFileSync(path.join(wd, 'log'), 'utf8'), 'first\nstarted\n');
        });
        test('cancelling the middle of a chain: the task behind it waits for the first, then runs', async () => {
            const wd = madeWd();
            const first = agent.launch(sh('sleep 0.4; echo first >> log', { wd }));
            await agent.pidOf(first);
            const mid = agent.launch({ ...sh('echo mid >> log', { wd }), after: first });
            const last = agent.launch({ ...sh('echo last >> log', { wd }), after: mid });
            await new Promise((r) => setTimeout(r, 50));
            agent.conn.send({ t: 'cancel', id: mid });
            assert.equal((await agent.result(mid)).started, undefined);
            for (const id of [first, last])
                assertExit(await agent.result(id), 0);
            assert.ok(index(`exited:${first}`) < index(`started:${last}`), agent.order.join(' '));
            assert.equal(fs.readFileSync(path.join(wd, 'log'), 'utf8'), 'first\nlast\n');
        });
        test('a launch chained behind one that was cancelled before it started waits for what that one waited for', async () => {
            const wd = madeWd();
            const first = agent.launch(sh('sleep 0.4; echo first >> log', { wd }));
            await agent.pidOf(first);
            const mid = agent.launch({ ...sh('echo mid >> log', { wd }), after: first });
            await new Promise((r) => setTimeout(r, 50));
            agent.conn.send({ t: 'cancel', id: mid });
            assert.equal((await agent.result(mid)).started, undefined);
            // (the manager chained it before it heard of the cancel's end)
            const later = agent.launch({ ...sh('echo later >> log', { wd }), after: mid });
            for (const id of [first, later])
                assertExit(await agent.result(id), 0);
            assert.ok(index(`exited:${first}`) < index(`started:${later}`), agent.order.join(' '));
            assert.equal(fs.readFileSync(path.join(wd, 'log'), 'utf8'), 'first\nlater\n');
        });
        test('the middle of a chain fails to launch: the task behind it still waits for the first', async () => {
            const wd = madeWd();
            const first = agent.launch(sh('sleep 0.4; echo first >> log', { wd }));
            await agent.pidOf(first);
            const mid = agent.launch({ exec: '/no/such/program', after: first });
            const last = agent.launch({ ...sh('echo last >> log', { wd }), after: mid });
            assertExit(await agent.result(first), 0);
            assertExit(await agent.result(last), 0);
            assertLaunchFailure(await agent.result(mid), "[Errno 2] No such file or directory: '/no/such/program'");
            assert.ok(index(`exited:${first}`) < index(`started:${last}`), agent.order.join(' '));
            assert.equal(fs.readFileSync(path.join(wd, 'log'), 'utf8'), 'first\nlast\n');
        });
        test('cancelling a held task ends it at once, never started; its predecessor runs on', async () => {
            const wd = madeWd();
            const first = agent.launch(sh('sleep 0.5; echo first >> log', { wd }));
            await agent.pidOf(first);
            const next = agent.launch({ ...sh('echo next >> log', { wd }), after: first });
            await new Promise((r) => setTimeout(r, 50)); // let it reach the launcher
            agent.conn.send({ t: 'cancel', id: next });
            const o = await agent.result(next);
            assert.equal(o.started, undefined);
            assert.deepEqual(o.end, { t: 'exited', id: next, pid: -1, exitCode: -1, rtimeUs: 0, reason: 'cancel' });
            assert.ok(index(`exited:${next}`) < (agent.order.indexOf(`exited:${first}`) + 1 || Infinity), 'cancelled before the predecessor ended');
            assertExit(await agent.result(first), 0);
            assert.equal(fs.readFileSync(path.join(wd, 'log'), 'utf8'), 'first\n');
        });
    });
}
describe('agent: shutdown and manager death', { timeout: TEST_TIMEOUT }, () => {
    /** two running jobs: a plain sleep and one ignoring SIGTERM (short grace) */
    async function startTwo(agent) {
        const wd = madeWd();
        const plain = agent.launch({ exec: 'sleep', args: ['1000'] });
        const stubborn = agent.launch(sh("trap '' TERM; touch trapped; exec sleep 1000", { wd, killGraceMs: 300 }));
        const pids = [await agent.pidOf(plain), await agent.pidOf(stubborn)];
        await until(() => fs.existsSync(path.join(wd, 'trapped')), 'trap set');
        return { ids: [plain, stubborn], pids };
    }
    test('shutdown terminates every task, reports them, exits 0', async () => {
        const agent = new TestAgent();
        const { ids, pids } = await startTwo(agent);
        const pending = agent.launch({ exec: '/bin/true', wd: freshWd() }); // still creating its wd
        agent.conn.shutdown();
        assertExit(await agent.result(ids[0]), -15, 'cancel');
        assertExit(await agent.result(ids[1]), -9, 'cancel');
        assertExit(await agent.result(pending), -1, 'cancel');
        assert.deepEqual(await agent.exit, { code: 0, signal: null });
        await agent.conn.closed;
        assert.deepEqual(agent.closeErrors, [undefined]);
        for (const pid of pids)
            assert.ok(!isAlive(pid));
    });
    test('SIGTERM to the agent: same as shutdown', async () => {
        const agent = new TestAgent();
        const { ids, pids } = await startTwo(agent);
        agent.child.kill('SIGTERM');
        assertExit(await agent.result(ids[0]), -15, 'cancel');
        assertExit(await agent.result(ids[1]), -9, 'cancel');
        assert.deepEqual(await agent.exit, { code: 0, signal: null });
        assert.equal(agent.closeErrors.length, 1);
        assert.ok(agent.closeErrors[0] instanceof Error, 'unrequested end is reported as an error');
        for (const pid of pids)
            await waitGone(pid);
    });
    test('agent stdin closed: every job is killed and the agent exits', async () => {
        const agent = new TestAgent();
        const { pids } = await startTwo(agent);
        agent.conn.end();
        assert.equal((await agent.exit).code, 0);
        for (const pid of pids)
            await waitGone(pid);
    });
    test('an agent that dies is surfaced through onClose, commands after it are dropped', async () => {
        const agent = new TestAgent();
        await agent.conn.ready;
        agent.child.kill('SIGKILL');
        await agent.conn.closed;
        assert.equal(agent.closeErrors.length, 1);
        assert.match(agent.closeErrors[0]?.message ?? '', /closed unexpectedly/);
        agent.launch({ exec: '/bin/true' }); // no throw
        assert.equal(agent.conn.isClosed, true);
    });
    for (const host of ['h1', undefined]) {
        test(`an executor whose agent dies ends its tasks with reason ${host ? "'hostLost' (SSH host)" : "'launch' (local agent)"}`, async () => {
            const { connection, child } = spawnLocalAgent();
            await connection.ready;
            const exits = [];
            const started = [];
            const lost = [];
            const x = new AgentExecutor(connection, { onStarted: (id) => started.push(id), onWdFailed: () => { }, onExited: (r) => exits.push(r) }, (reason) => lost.push(reason), (pids) => pids.forEach((p) => {
                try {
                    process.kill(-p, 'SIGKILL'); // (the C launcher may have killed them already)
                }
                catch {
                    // gone
                }
            }), host ? { host } : {});
            const base = { args: ['1000'], env: {}, wd: madeWd(), killGraceMs: 300, pname: 'sleep', node: 0 };
            x.launch(1, { ...base, exec: 'sleep' });
            await until(() => started.length === 1, 'task 1 started');
            child.kill('SIGKILL');
            await until(() => exits.length === 1, 'task 1 reported');
            x.launch(2, { ...base, exec: 'sleep' }); // after the loss: fails at once the same way
            await until(() => exits.length === 2, 'task 2 reported');
            const want = host ? 'hostLost' : 'launch';
            for (const r of exits) {
                assert.equal(r.reason, want, JSON.stringify(r));
                assert.match(r.message ?? '', host ? /^host h1 lost: / : /^node agent exited unexpectedly/);
            }
            assert.deepEqual(exits.map((r) => r.id), [1, 2]);
            assert.equal(lost.length, 1);
        });
    }
    test('ready rejects when the agent cannot start', async () => {
        const { connection } = spawnLocalAgent({ nodePath: '/nonexistent/node' });
        await assert.rejects(connection.ready);
        await connection.closed;
    });
    test('manager SIGKILLed: no job process survives', async () => {
        const connModule = fileURLToPath(new URL('../server/agent/agent-connection.js', import.meta.url));
        const script = path.join(tmpRoot, 'fake-manager.mjs');
        fs.writeFileSync(script, fakeManager(connModule, madeWd()));
        const manager = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
        const managerExit = new Promise((r) => manager.once('exit', r));
        try {
            const info = await firstLine(manager);
            const { agent, jobs } = JSON.parse(info);
            assert.equal(jobs.length, 2);
            for (const pid of [agent, ...jobs])
                assert.ok(isAlive(pid));
            manager.kill('SIGKILL');
            await managerExit;
            for (const pid of [...jobs, agent])
                await waitGone(pid);
        }
        finally {
            manager.kill('SIGKILL');
        }
    });
});
/** A tiny manager: starts an agent, runs two long jobs, prints `{"agent": pid, "jobs": [pids]}`, waits. */
function fakeManager(connModule, wd) {
    return `
import { spawnLocalAgent } from ${JSON.stringify(connModule)};
const { connection } = spawnLocalAgent();
const { pid } = await connection.ready;
const jobs = [];
connection.onReport((r) => {
  if (r.t !== 'started') return;
  jobs.push(r.pid);
  if (jobs.length === 2) console.log(JSON.stringify({ agent: pid, jobs }));
});
const base = { args: [], env: {}, wd: ${JSON.stringify(wd)}, killGraceMs: 300 };
connection.send({ t: 'launch', id: 1, ...base, exec: 'sleep', args: ['1000'] });
connection.send({ t: 'launch', id: 2, ...base, exec: '/bin/sh', args: ['-c', "trap '' TERM; exec sleep 1000"] });
setInterval(() => {}, 1000);
`;
}
function firstLine(child) {
    return new Promise((res, rej) => {
        let buf = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (d) => {
            buf += d;
            const i = buf.indexOf('\n');
            if (i >= 0)
                res(buf.slice(0, i));
        });
        child.once('exit', (code) => rej(new Error(`fake manager exited (${code}) before reporting`)));
    });
}
function binfmtMiscInUse() {
    try {
        return fs.readdirSync('/proc/sys/fs/binfmt_misc').some((n) => n !== 'register' && n !== 'status');
    }
    catch {
        return false;
    }
}
//# sourceMappingURL=agent.test.js.map