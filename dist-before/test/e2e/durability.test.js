/**
 * Durability (README "Durability"): a manager killed with SIGKILL while jobs run loses nothing it
 * acknowledged; `serve --resume` rebuilds its job table from the journal, finished work is never run again,
 * work that was running is re-queued (the agent killed it with the manager) and finishes; a truncated last
 * journal record is reported and everything before it is served.
 *
 * Every job appends one line to its own file as its *last* act (after a sleep), so the files tell how many
 * times each job or iteration ran to its end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI } from '../helpers/manager-process.js';
import { FINAL, info, job, kill9, lines, REQUEUED, serve, statuses } from '../helpers/served.js';
import { historyStates, sleep, waitFor } from '../helpers/util.js';
import { sshSkip, startSshd, testUserIds } from '../helpers/sshd.js';
test('SIGKILL twice while jobs run, resume each time: nothing acknowledged is lost, nothing finished runs again', { timeout: 120_000 }, async () => {
    const wd = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-durability-'));
    const marker = `durability-${randomUUID()}`;
    const plain = Array.from({ length: 8 }, (_, i) => `p${i}`);
    const SWEEP = 24;
    const m1 = await serve(['--nodes', '4', '--wd', wd]);
    try {
        // a mix: plain jobs, a sweep, a dependency chain; acknowledged once the reply came
        assert.equal((await m1.request({ request: 'submit', jobs: plain.map((n, i) => job(n, `${n}.out`, 0.2 + (i % 4) * 0.3, marker)) })).code, 0);
        const sweep = { name: 'sw', execution: { exec: '/bin/sh', args: ['-c', 'sleep 0.4; echo "$1" >> sw_$1.out', marker, '${it}'] }, iteration: { start: 0, stop: SWEEP } };
        assert.equal((await m1.request({ request: 'submit', jobs: [sweep] })).code, 0);
        const chain = [
            job('c1', 'c1.out', 0.5, marker),
            job('c2', 'c2.out', 0.8, marker, { dependencies: { after: ['c1'] } }),
            job('c3', 'c3.out', 0.3, marker, { dependencies: { after: ['c2'] } }),
        ];
        assert.equal((await m1.request({ request: 'submit', jobs: chain })).code, 0);
        // wait until some work is final and some is running, then kill
        const finalBefore = new Set();
        await waitFor(async () => {
            const s = await statuses(m1, [...plain, 'c1']);
            for (const [n, st] of Object.entries(s))
                if (FINAL.includes(st))
                    finalBefore.add(n);
            return finalBefore.size >= 3 && Object.values(s).some((x) => x === 'EXECUTING');
        }, 30_000, 'some plain jobs final while others run');
        const swInfo = await info(m1, 'sw');
        const swFinishedBefore = swInfo.iterations.finished;
        const its = await statuses(m1, Array.from({ length: SWEEP }, (_, i) => `sw:${i}`));
        for (const [n, st] of Object.entries(its))
            if (FINAL.includes(st))
                finalBefore.add(n);
        const histories = new Map();
        for (const n of finalBefore)
            histories.set(n, (await info(m1, n)).history);
        await kill9(m1, marker);
        // ---- first resume: same InstanceId and aux dir, a new address in the address file -------------
        const m2 = await serve(['--resume', wd]);
        try {
            assert.equal(m2.instanceId, m1.instanceId);
            assert.equal(m2.auxDir, m1.auxDir);
            assert.equal(fs.readFileSync(path.join(m2.auxDir, 'address'), 'utf8'), m2.address);
            // finished work: same state and history
            for (const n of finalBefore)
                assert.deepEqual((await info(m2, n)).history, histories.get(n), `${n} keeps its history`);
            assert.ok((await info(m2, 'sw')).iterations.finished >= swFinishedBefore);
            // more work on the resumed manager, acknowledged by it
            assert.equal((await m2.request({ request: 'submit', jobs: [job('late', 'late.out', 0.3, marker, { dependencies: { after: ['c3'] } }), job('late2', 'late2.out', 1.5, marker)] })).code, 0);
            await waitFor(async () => (await statuses(m2, ['late2']))['late2'] === 'EXECUTING', 30_000, 'late2 running');
            await kill9(m2, marker);
        }
        finally {
            m2.close();
            m2.child.kill('SIGKILL');
        }
        // ---- second resume: everything finishes ----------------------------------------------------------
        const m3 = await serve(['--resume', m1.auxDir]); // the aux dir works as well as the wd
        try {
            assert.equal(m3.instanceId, m1.instanceId);
            const all = [...plain, 'sw', 'c1', 'c2', 'c3', 'late', 'late2'];
            await waitFor(async () => Object.values(await statuses(m3, all)).every((s) => FINAL.includes(s)), 60_000, 'every job final');
            assert.deepEqual(Object.values(await statuses(m3, all)), all.map(() => 'SUCCEED'));
            const list = await m3.request({ request: 'listJobs' });
            assert.equal(list.data.length, all.length, 'no job lost, none added');
            // the files: every task ran to its end at least once; a finished one never again
            const tasks = [...plain, 'c1', 'c2', 'c3', 'late', 'late2', ...Array.from({ length: SWEEP }, (_, i) => `sw:${i}`)];
            let requeued = 0;
            for (const t of tasks) {
                const file = t.startsWith('sw:') ? `sw_${t.slice(3)}.out` : `${t}.out`;
                const data = await info(m3, t);
                const wasRequeued = String(data.messages ?? '').includes(REQUEUED);
                if (wasRequeued)
                    requeued++;
                const n = lines(wd, file);
                if (finalBefore.has(t))
                    assert.equal(n, 1, `${t} was final before the kill: it ran once`);
                // a re-queued task may have written its line just before the kill (its exit not journaled yet)
                else if (wasRequeued)
                    assert.ok(n >= 1 && n <= 2, `${t} re-queued: ${n} lines`);
                else
                    assert.equal(n, 1, `${t}: ${n} lines`);
                const states = historyStates(data.history);
                assert.equal(states.at(-1), 'SUCCEED');
                if (wasRequeued)
                    assert.ok(states.includes('QUEUED', 1), `${t}: the re-queue is in its history: ${states}`);
            }
            assert.ok(requeued >= 2, `${requeued} tasks were re-queued (some ran at each kill)`);
            // dependencies held across restarts: c2 started after c1 finished, c3 after c2, late after c3
            const doneAt = async (n) => String((await info(m3, n)).history).split('\n').filter((l) => l.endsWith('SUCCEED'))[0].slice(0, 26);
            const startedAt = async (n) => String((await info(m3, n)).history).split('\n').filter((l) => l.endsWith('SCHEDULED')).at(-1).slice(0, 26);
            assert.ok((await startedAt('c2')) >= (await doneAt('c1')));
            assert.ok((await startedAt('c3')) >= (await doneAt('c2')));
            assert.ok((await startedAt('late')) >= (await doneAt('c3')));
            assert.equal((await m3.request({ request: 'finish' })).code, 0);
            assert.equal(await m3.exited, 0);
            assert.match(fs.readFileSync(path.join(m3.auxDir, 'service.log'), 'utf8'), /resumed manager .* journal records read/);
        }
        finally {
            m3.close();
            m3.child.kill('SIGKILL');
        }
    }
    finally {
        m1.child.kill('SIGKILL');
        fs.rmSync(wd, { recursive: true, force: true });
    }
});
test('a truncated last journal record: resume says so (stderr, service.log) and serves everything before it', { timeout: 60_000 }, async () => {
    const wd = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-durability-'));
    const marker = `durability-${randomUUID()}`;
    const m1 = await serve(['--nodes', '2', '--wd', wd]);
    try {
        assert.equal((await m1.request({ request: 'submit', jobs: [job('a', 'a.out', 0, marker), job('b', 'b.out', 0, marker)] })).code, 0);
        await waitFor(async () => Object.values(await statuses(m1, ['a', 'b'])).every((s) => s === 'SUCCEED'), 30_000, 'a and b done');
        assert.equal((await m1.request({ request: 'submit', jobs: [job('long', 'long.out', 30, marker)] })).code, 0);
        // long's EXECUTING record is synced lazily (within 10 ms; a reply does not wait for it): then it is the
        // last record, the one the truncation cuts
        await waitFor(async () => (await statuses(m1, ['long']))['long'] === 'EXECUTING', 30_000, 'long running');
        await sleep(300);
        await kill9(m1, marker);
        const journal = path.join(m1.auxDir, 'journal');
        const size = fs.statSync(journal).size;
        fs.truncateSync(journal, size - 3);
        const m2 = await serve(['--resume', wd]);
        try {
            await waitFor(() => /journal .*(incomplete|no checksum).*resuming from the \d+ records before it/.test(m2.stderr()), 10_000, 'the report on stderr');
            assert.match(fs.readFileSync(path.join(m2.auxDir, 'service.log'), 'utf8'), /journal .*resuming from the \d+ records before it/);
            assert.ok(fs.readdirSync(m2.auxDir).some((f) => f.startsWith('journal.bad-')));
            const s = await statuses(m2, ['a', 'b', 'long']);
            assert.equal(s.a, 'SUCCEED');
            assert.equal(s.b, 'SUCCEED');
            assert.ok(['QUEUED', 'SCHEDULED', 'EXECUTING'].includes(s.long), `long: ${s.long}`);
            assert.equal((await info(m2, 'a')).runtime !== undefined, true);
            assert.equal((await m2.request({ request: 'cancelJob', jobNames: ['long'] })).code, 0);
            await waitFor(async () => (await statuses(m2, ['long']))['long'] === 'CANCELED', 30_000, 'long canceled');
            assert.equal(lines(wd, 'a.out'), 1);
            assert.equal((await m2.request({ request: 'finish' })).code, 0);
            assert.equal(await m2.exited, 0);
        }
        finally {
            m2.close();
            m2.child.kill('SIGKILL');
        }
        // and the journal it appended to resumes cleanly
        const m3 = await serve(['--resume', wd]);
        try {
            await sleep(200);
            assert.doesNotMatch(m3.stderr(), /resuming from the/);
            assert.deepEqual(await statuses(m3, ['a', 'b', 'long']), { a: 'SUCCEED', b: 'SUCCEED', long: 'CANCELED' });
            assert.equal((await m3.request({ request: 'finish' })).code, 0);
            await m3.exited;
        }
        finally {
            m3.close();
            m3.child.kill('SIGKILL');
        }
    }
    finally {
        m1.child.kill('SIGKILL');
        fs.rmSync(wd, { recursive: true, force: true });
    }
});
test('--no-journal writes no journal; --resume of a wd without one fails with a message', { timeout: 30_000 }, async () => {
    const wd = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-durability-'));
    try {
        const m = await serve(['--nodes', '1', '--wd', wd, '--no-journal']);
        assert.equal((await m.request({ request: 'submit', jobs: [{ name: 'x', execution: { exec: '/bin/true' } }] })).code, 0);
        assert.equal((await m.request({ request: 'finish', options: { wait: true } })).code, 0);
        assert.equal(await m.exited, 0);
        m.close();
        assert.ok(!fs.existsSync(path.join(m.auxDir, 'journal')));
        const r = spawn(process.execPath, [CLI, 'serve', '--resume', wd], { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        r.stderr.on('data', (d) => (err += d.toString()));
        const code = await new Promise((res) => r.on('exit', res));
        assert.notEqual(code, 0);
        assert.match(err, /no journal in/);
    }
    finally {
        fs.rmSync(wd, { recursive: true, force: true });
    }
});
test('${rcnt} stays monotonic across a resume, also after refused submits; the report is rebuilt once per task', { timeout: 60_000 }, async () => {
    const wd = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-durability-'));
    const marker = `durability-${randomUUID()}`;
    const m1 = await serve(['--nodes', '2', '--wd', wd]);
    try {
        const sub = async (m, name) => m.request({ request: 'submit', jobs: [{ name, execution: { exec: '/bin/true' } }] });
        assert.deepEqual((await sub(m1, 'j_${rcnt}')).data?.jobs, ['j_1']);
        assert.equal((await sub(m1, 'j_1')).code, 1, 'a duplicate name is refused (and takes number 2)');
        assert.equal((await m1.request({ request: 'submit', jobs: [{ name: 'bad' }] })).code, 1, 'refused (number 3)');
        await waitFor(async () => (await statuses(m1, ['j_1'])).j_1 === 'SUCCEED', 30_000, 'j_1 done');
        await kill9(m1, marker);
        const m2 = await serve(['--resume', wd]);
        try {
            assert.deepEqual((await sub(m2, 'j_${rcnt}')).data?.jobs, ['j_4']);
            await waitFor(async () => (await statuses(m2, ['j_4'])).j_4 === 'SUCCEED', 30_000, 'j_4 done');
            assert.equal((await m2.request({ request: 'finish' })).code, 0);
            assert.equal(await m2.exited, 0);
            const report = fs.readFileSync(path.join(m2.auxDir, 'jobs.report'), 'utf8');
            assert.deepEqual([...report.matchAll(/^(\S+) \(SUCCEED\)/gm)].map((x) => x[1]).sort(), ['j_1', 'j_4']);
        }
        finally {
            m2.close();
            m2.child.kill('SIGKILL');
        }
    }
    finally {
        m1.child.kill('SIGKILL');
        fs.rmSync(wd, { recursive: true, force: true });
    }
});
test('SSH hosts are journaled: a resume without --hosts runs on the same hosts (the file as it was)', { timeout: 120_000, skip: sshSkip() }, async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-durability-ssh-'));
    fs.chmodSync(root, 0o755);
    const marker = `durability-${randomUUID()}`;
    const sshd = await startSshd(path.join(root, 'sshd'), '127.0.0.1');
    const { uid, gid } = testUserIds();
    const w = path.join(root, 'work');
    fs.mkdirSync(w);
    fs.chownSync(w, uid, gid);
    const hostsFile = path.join(root, 'hosts.json');
    fs.writeFileSync(hostsFile, JSON.stringify({ hosts: [{ name: 'h1', host: '127.0.0.1', port: sshd.port, user: 'pilotmqtest', cores: 2, identityFile: sshd.key, knownHosts: sshd.knownHosts, workdir: w }] }));
    const wd = path.join(root, 'wd');
    const m1 = await serve(['--nodes', 'loc:1', '--hosts', hostsFile, '--wd', wd]);
    try {
        const remote = (name) => ({ name, execution: { exec: '/bin/sh', args: ['-c', 'hostname > "$1.where"', marker, name] }, resources: { numCores: { exact: 2 }, numNodes: { exact: 1 } } }); // only h1 has 2 cores
        assert.equal((await m1.request({ request: 'submit', jobs: [remote('r1')] })).code, 0);
        await waitFor(async () => (await statuses(m1, ['r1'])).r1 === 'SUCCEED', 60_000, 'r1 done on h1');
        await kill9(m1, marker);
        fs.rmSync(hostsFile); // the resume does not need the file: the journal has its text
        const m2 = await serve(['--resume', wd]);
        try {
            const res = await m2.request({ request: 'resourcesInfo' });
            assert.equal(res.data.total_nodes, 2, JSON.stringify(res.data));
            assert.equal(res.data.total_cores, 3, 'loc:1 from the journal, h1:2 from the journaled hosts file');
            assert.equal((await m2.request({ request: 'submit', jobs: [remote('r2')] })).code, 0);
            await waitFor(async () => (await statuses(m2, ['r2'])).r2 === 'SUCCEED', 60_000, 'r2 done on h1');
            assert.equal((await info(m2, 'r2')).runtime.allocation, 'h1[0:1]');
            assert.ok(fs.existsSync(path.join(w, 'r2.where')), 'r2 ran in the host workdir');
            assert.match(fs.readFileSync(path.join(m2.auxDir, 'service.log'), 'utf8'), /SSH hosts from the journal/);
            assert.equal((await m2.request({ request: 'finish' })).code, 0);
            assert.equal(await m2.exited, 0);
        }
        finally {
            m2.close();
            m2.child.kill('SIGKILL');
        }
    }
    finally {
        m1.child.kill('SIGKILL');
        sshd.stop();
        fs.rmSync(root, { recursive: true, force: true });
    }
});
test('retries across a resume: the attempt count and the backoff carry on from the journal', { timeout: 60_000 }, async () => {
    const wd = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-durability-'));
    const marker = `durability-${randomUUID()}`;
    const m1 = await serve(['--nodes', '1', '--wd', wd]);
    try {
        const job = { name: 'flaky', execution: { exec: path.join(wd, 'missing-prog') }, attributes: { retries: { max: 3, backoff: 0.2, maxBackoff: 0.2 } } };
        assert.equal((await m1.request({ request: 'submit', jobs: [job] })).code, 0);
        const msgs = async (m) => String((await info(m, 'flaky')).messages ?? '').split('\n').filter(Boolean);
        await waitFor(async () => (await msgs(m1)).length >= 2, 30_000, 'two failed attempts');
        await kill9(m1, marker);
        const m2 = await serve(['--resume', wd]);
        try {
            await waitFor(async () => (await statuses(m2, ['flaky'])).flaky === 'FAILED', 30_000, 'flaky out of retries');
            const all = await msgs(m2);
            // 3 retried attempts and the last one, numbered on from before the kill (a lost last attempt may repeat)
            const numbers = all.filter((x) => x.startsWith('attempt ')).map((x) => Number(/^attempt (\d+) of 4 failed/.exec(x)?.[1]));
            assert.deepEqual(numbers, [1, 2, 3], JSON.stringify(all));
            assert.match(all.at(-1), /No such file or directory.*\(attempt 4 of 4: no retry left\)$/);
            const states = historyStates((await info(m2, 'flaky')).history);
            assert.equal(states.filter((s) => s === 'EXECUTING').length, 4, `${states}`);
            assert.equal((await m2.request({ request: 'finish' })).code, 0);
            assert.equal(await m2.exited, 0);
        }
        finally {
            m2.close();
            m2.child.kill('SIGKILL');
        }
    }
    finally {
        m1.child.kill('SIGKILL');
        fs.rmSync(wd, { recursive: true, force: true });
    }
});
//# sourceMappingURL=durability.test.js.map