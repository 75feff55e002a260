/**
 * Faults on SSH hosts (issue #5 item 4) against real sshds on loopback: the sshd serving a host is SIGKILLed
 * (with its connection processes) while jobs run, then started again on the same port. Jobs append to a file
 * per run, so a job lost or run twice shows. Reconnect settings are short so each test stays bounded; no
 * assertion depends on how long anything takes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, jobInfo, startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { allProcs, killAll, sleepMarker, waitNoMarker } from '../helpers/procs.js';
import { startSshd, sshSkip, testUserIds, TEST_USER } from '../helpers/sshd.js';
import { historyStates, waitFor } from '../helpers/util.js';
function hostEntry(name, d, workdir, extra = {}) {
    return { name, host: d.addr, port: d.port, user: TEST_USER, identityFile: d.key, knownHosts: d.knownHosts, workdir, keepalive: 1, connectTimeout: 5, ...extra };
}
async function hostState(m, name) {
    const r = await m.request({ request: 'resourcesInfo' });
    return r.data.hosts.find((h) => h.name === name);
}
const waitHostState = (m, name, state, timeoutMs = 60_000) => waitFor(async () => (await hostState(m, name)).state === state, timeoutMs, `host ${name} ${state}`, 100);
/** `start X` / `end X` lines a job wrote to the runs file */
function runs(file) {
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}
/** live agent processes (daemon, bridge) whose command line names this workdir */
function agentsOf(workdir) {
    const mine = allProcs().filter((p) => p.state !== 'Z' && p.cmdline.includes(`${workdir}/.pilotmq/agent-`));
    return { daemons: mine.filter((p) => p.cmdline.includes(' --daemon ')).length, bridges: mine.filter((p) => p.cmdline.includes(' --attach ')).length };
}
/** the `result` column of a job in `pilotmq export` (its declared result file's content) */
function exportedResult(m, name) {
    const out = path.join(m.wd, `export-${process.hrtime.bigint()}.jsonl`);
    const r = spawnSync(process.execPath, [CLI, 'export', '--jsonl', '--out', out, '--address', m.address], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const rows = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    return rows.find((x) => x.name === name)?.result;
}
function workdir(root, name) {
    const { uid, gid } = testUserIds();
    const w = path.join(root, name);
    fs.mkdirSync(w);
    fs.chownSync(w, uid, gid);
    return w;
}
describe('SSH host faults: sshd killed and restarted while jobs run', { skip: sshSkip() }, () => {
    let root;
    let d1;
    let m;
    let w;
    before(async () => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-sshfault-'));
        fs.chmodSync(root, 0o755);
        d1 = await startSshd(path.join(root, 'sshd1'), '127.0.0.1');
        w = workdir(root, 'w1');
        const hostsFile = path.join(root, 'hosts.json');
        // a long give-up time: this host always comes back here
        fs.writeFileSync(hostsFile, JSON.stringify({ reconnect: { initialMs: 100, maxMs: 500, giveUpAfterMs: 120_000 }, hosts: [hostEntry('f1', d1, w, { cores: 3 })] }));
        m = await startManagerProcess({ nodes: '', extra: ['--hosts', hostsFile, '--kill-grace', '1'] });
    });
    after(async () => {
        await m?.stop();
        d1?.stop();
        const left = await waitNoMarker(`${w}/.pilotmq/agent-`, 15_000);
        killAll(left);
        assert.deepEqual(left, [], 'no agent left after the manager');
        if (root)
            fs.rmSync(root, { recursive: true, force: true });
    });
    test('jobs keep running through a dropped connection: ended ones are recovered from their job directories, running ones re-attached, nothing lost or run twice', async () => {
        const runsFile = path.join(w, 'runs');
        const gate = (g) => `while [ ! -e "\${root_wd}/${g}" ]; do sleep 0.05; done`;
        const job = (name, g, code) => ({
            name,
            execution: { exec: '/bin/sh', args: ['-c', `echo "start ${name}" >> "\${root_wd}/runs"; ${gate(g)}; echo "end ${name}" >> "\${root_wd}/runs"; exit ${code}`] },
        });
        await submitOk(m, [{ ...job('down', 'gateA', '${it}'), name: 'down', iteration: { stop: 2 } }, job('across', 'gateB', '0')]);
        for (const n of ['down:0', 'down:1', 'across'])
            assert.equal(await waitForState(m, n, ['EXECUTING']), 'EXECUTING');
        await waitFor(() => runs(runsFile).length === 3, 30_000, 'three jobs started');
        // every core is busy: this one queues
        await submitOk(m, [{ name: 'queued', execution: { exec: '/bin/sh', args: ['-c', 'echo "start queued" >> "${root_wd}/runs"'] } }]);
        d1.kill();
        await waitHostState(m, 'f1', 'reconnecting');
        const st = await hostState(m, 'f1');
        assert.match(String(st.message), /connection lost/);
        // the jobs of down end while the host is unreachable: their exit codes land in their job directories
        fs.writeFileSync(path.join(w, 'gateA'), '');
        const jobsDir = path.join(w, m.instanceId, 'jobs');
        const exits = () => (fs.existsSync(jobsDir) ? fs.readdirSync(jobsDir).filter((id) => fs.existsSync(path.join(jobsDir, id, 'exit'))) : []);
        await waitFor(() => exits().length === 2, 30_000, 'two exit files');
        assert.deepEqual(exits().map((id) => fs.readFileSync(path.join(jobsDir, id, 'exit'), 'utf8').trim()).sort(), ['0', '1']);
        for (const id of exits())
            assert.match(fs.readFileSync(path.join(jobsDir, id, 'pgid'), 'utf8'), /^\d+\n$/);
        // … but the manager cannot know yet: still EXECUTING, nothing placed on the host meanwhile
        for (const n of ['down:0', 'down:1', 'across'])
            assert.equal((await m.request({ request: 'jobStatus', jobNames: [n] })).data.jobs[n].data.status, 'EXECUTING');
        assert.equal((await m.request({ request: 'jobStatus', jobNames: ['queued'] })).data.jobs.queued.data.status, 'QUEUED');
        assert.equal((await m.request({ request: 'resourcesInfo' })).data.free_cores, 0, 'a reconnecting host offers no cores');
        d1.restart();
        assert.equal(await waitForState(m, 'down:0', undefined, 60_000), 'SUCCEED');
        assert.equal(await waitForState(m, 'down:1', undefined, 60_000), 'FAILED');
        await waitHostState(m, 'f1', 'online');
        for (const [n, code] of [['down:0', '0'], ['down:1', '1']]) {
            const d = await jobInfo(m, n);
            const rt = d.runtime;
            assert.equal(rt.exit_code, code, 'the exit code recorded on the host');
            assert.match(rt.allocation, /^f1\[\d\]$/);
            assert.match(rt.pid, /^\d+$/);
            assert.deepEqual(historyStates(d.history), ['SCHEDULED', 'EXECUTING', code === '0' ? 'SUCCEED' : 'FAILED'], 'no state but the real ones');
        }
        assert.equal(await waitForState(m, 'queued', undefined, 60_000), 'SUCCEED', 'queued work runs once the host is back');
        // across ran through it all and is still watched: its exit comes in live
        assert.equal((await m.request({ request: 'jobStatus', jobNames: ['across'] })).data.jobs.across.data.status, 'EXECUTING');
        fs.writeFileSync(path.join(w, 'gateB'), '');
        assert.equal(await waitForState(m, 'across'), 'SUCCEED');
        const lines = runs(runsFile).sort();
        assert.deepEqual(lines, ['end across', 'end down', 'end down', 'start across', 'start down', 'start down', 'start queued'], 'every job ran exactly once');
        // the manager acknowledged every exit: the job directories are removed
        await waitFor(() => !fs.existsSync(jobsDir) || fs.readdirSync(jobsDir).length === 0, 30_000, 'job directories removed after the exits were received');
        // no leak: one daemon, one bridge (the old bridge ended when the new one attached)
        await waitFor(() => agentsOf(w).bridges === 1, 30_000, 'one bridge');
        assert.deepEqual(agentsOf(w), { daemons: 1, bridges: 1 });
    });
    test('a job that ends on a wall time while the host is unreachable is FAILED "wall time exceeded" after the reconnect', async () => {
        const mk = sleepMarker();
        await submitOk(m, [{ name: 'wtdown', execution: { exec: 'sleep', args: [mk] }, resources: { numCores: 1, wt: '3s' } }]);
        assert.equal(await waitForState(m, 'wtdown', ['EXECUTING']), 'EXECUTING');
        d1.kill();
        await waitHostState(m, 'f1', 'reconnecting');
        assert.deepEqual(await waitNoMarker(mk, 30_000), [], 'the agent on the host enforced the wall time alone');
        d1.restart();
        assert.equal(await waitForState(m, 'wtdown', undefined, 60_000), 'FAILED');
        const d = await jobInfo(m, 'wtdown');
        assert.equal(d.messages, 'wall time exceeded');
        assert.equal(d.runtime.exit_code, '-15');
        await waitHostState(m, 'f1', 'online');
    });
    test('a job cancelled while its host is unreachable is cancelled once it is back', async () => {
        const mk = sleepMarker();
        await submitOk(m, [{ name: 'cdown', execution: { exec: 'sleep', args: [mk] } }]);
        assert.equal(await waitForState(m, 'cdown', ['EXECUTING']), 'EXECUTING');
        d1.kill();
        await waitHostState(m, 'f1', 'reconnecting');
        assert.deepEqual(await m.request({ request: 'cancelJob', jobNames: ['cdown'] }), { code: 0, data: { canceled: 1 } });
        d1.restart();
        assert.equal(await waitForState(m, 'cdown', undefined, 60_000), 'CANCELED');
        assert.deepEqual(await waitNoMarker(mk, 30_000), []);
    });
    test('the agent daemon dies while the host is unreachable: an ended job is completed from its job directory, a running one is killed and FAILED "host f1 lost"', async () => {
        const mk = sleepMarker();
        await submitOk(m, [
            {
                name: 'ended',
                execution: { exec: '/bin/sh', args: ['-c', `while [ ! -e "\${root_wd}/gateC" ]; do sleep 0.05; done; echo "ended's result" > ended.res; exit 5`] },
                attributes: { resultFile: 'ended.res' },
            },
            { name: 'orphan', execution: { exec: 'sleep', args: [mk] } },
        ]);
        for (const n of ['ended', 'orphan'])
            assert.equal(await waitForState(m, n, ['EXECUTING']), 'EXECUTING');
        d1.kill();
        await waitHostState(m, 'f1', 'reconnecting');
        fs.writeFileSync(path.join(w, 'gateC'), '');
        const jobsDir = path.join(w, m.instanceId, 'jobs');
        await waitFor(() => fs.readdirSync(jobsDir).some((id) => fs.existsSync(path.join(jobsDir, id, 'exit')) && fs.readFileSync(path.join(jobsDir, id, 'exit'), 'utf8') === '5\n'), 30_000, 'the exit of ended recorded');
        // the agent daemon dies (SIGKILL: nothing of its memory survives; its jobs are left to themselves)
        const daemons = allProcs().filter((p) => p.state !== 'Z' && p.cmdline.includes(`${w}/.pilotmq/agent-`) && p.cmdline.includes(' --daemon '));
        assert.equal(daemons.length, 1);
        process.kill(daemons[0].pid, 'SIGKILL');
        d1.restart();
        assert.equal(await waitForState(m, 'ended', undefined, 60_000), 'FAILED');
        const e = await jobInfo(m, 'ended');
        assert.equal(e.runtime.exit_code, '5', 'read from its job directory by the new agent');
        assert.equal(e.messages, undefined, 'an exit of its own, not a lost host');
        assert.equal(exportedResult(m, 'ended'), "ended's result\n", 'its result file read by the new agent');
        assert.equal(await waitForState(m, 'orphan', undefined, 60_000), 'FAILED');
        assert.match(String((await jobInfo(m, 'orphan')).messages), /^host f1 lost: its agent on the host died; the job was killed/);
        assert.deepEqual(await waitNoMarker(mk, 30_000), [], 'nobody could wait for it any more: killed, not left running');
        await waitHostState(m, 'f1', 'online');
        assert.equal(agentsOf(w).daemons, 1, 'a new agent daemon');
    });
});
describe('SSH host faults: a host that stays down goes offline, the others go on, it may rejoin', { skip: sshSkip() }, () => {
    let root;
    let d1;
    let d2;
    let m;
    let w1;
    let w2;
    before(async () => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-sshoff-'));
        fs.chmodSync(root, 0o755);
        d1 = await startSshd(path.join(root, 'sshd1'), '127.0.0.1');
        d2 = await startSshd(path.join(root, 'sshd2'), '127.0.0.2');
        w1 = workdir(root, 'w1');
        w2 = workdir(root, 'w2');
        const hostsFile = path.join(root, 'hosts.json');
        fs.writeFileSync(hostsFile, JSON.stringify({
            hosts: [
                hostEntry('g1', d1, w1, { cores: 2, reconnect: { initialMs: 100, maxMs: 300, giveUpAfterMs: 3000 } }),
                hostEntry('g2', d2, w2, { cores: 1 }),
            ],
        }));
        m = await startManagerProcess({ nodes: '', extra: ['--hosts', hostsFile, '--kill-grace', '1'] });
    });
    after(async () => {
        await m?.stop();
        d1?.stop();
        d2?.stop();
        for (const w of [w1, w2]) {
            if (!w)
                continue;
            const left = await waitNoMarker(`${w}/.pilotmq/agent-`, 15_000);
            killAll(left);
            assert.deepEqual(left, [], 'no agent left after the manager');
        }
        if (root)
            fs.rmSync(root, { recursive: true, force: true });
    });
    test('its running job is FAILED "host g1 lost" (and killed there), one with retries runs again on g2, resourcesInfo/status say offline, g2 runs the new work; back again, g1 rejoins', async () => {
        const mk = sleepMarker();
        const mk2 = sleepMarker();
        await submitOk(m, [
            { name: 'victim', execution: { exec: '/bin/sh', args: ['-c', `echo start victim >> "\${root_wd}/runs"; exec sleep ${mk}`] } },
            // runs long on g1; on g2 (its retry) it ends at once
            {
                name: 'retrier',
                execution: { exec: '/bin/sh', args: ['-c', `echo start retrier >> "\${root_wd}/runs"; [ "\${root_wd}" = '${w2}' ] || exec sleep ${mk2}`] },
                attributes: { retries: { max: 1, backoff: 0.1 } },
            },
        ]);
        for (const n of ['victim', 'retrier'])
            assert.equal(await waitForState(m, n, ['EXECUTING']), 'EXECUTING');
        assert.equal((await jobInfo(m, 'victim')).runtime.allocation, 'g1[0]', 'first fit: the first host');
        assert.equal((await jobInfo(m, 'retrier')).runtime.allocation, 'g1[1]');
        await waitFor(() => runs(path.join(w1, 'runs')).length === 2, 30_000, 'both started');
        d1.kill();
        assert.equal(await waitForState(m, 'victim', undefined, 60_000), 'FAILED');
        const d = await jobInfo(m, 'victim');
        assert.match(String(d.messages), /^host g1 lost: .*not back within 3000 ms/);
        const g1 = await hostState(m, 'g1');
        assert.equal(g1.state, 'offline');
        assert.match(String(g1.message), /host g1 lost/);
        const st = await m.request({ request: 'status' });
        assert.deepEqual(st.data.Resources.Hosts.map((h) => [h.Name, h.State]), [
            ['g1', 'offline'],
            ['g2', 'online'],
        ]);
        // the job with a retry left: QUEUED again when g1 was given up, then run on g2
        assert.equal(await waitForState(m, 'retrier', undefined, 60_000), 'SUCCEED');
        const r = await jobInfo(m, 'retrier');
        assert.equal(r.runtime.allocation, 'g2[0]');
        assert.match(String(r.messages), /attempt 1 of 2 failed: host g1 lost/);
        // its agent killed both when no manager had been heard for 90 % of the give-up time, and left
        assert.deepEqual(await waitNoMarker(mk, 30_000), [], 'the lost job does not run on unobserved');
        assert.deepEqual(await waitNoMarker(mk2, 30_000), [], 'nor the first attempt of the retried one: it never runs twice at once');
        assert.deepEqual(runs(path.join(w2, 'runs')), ['start retrier']);
        await waitFor(() => agentsOf(w1).daemons === 0, 30_000, 'the orphaned agent daemon exits');
        await submitOk(m, [{ name: 'after', iteration: { stop: 3 }, execution: { exec: '/bin/true' } }]);
        assert.equal(await waitForState(m, 'after', undefined, 60_000), 'SUCCEED');
        for (let i = 0; i < 3; i++)
            assert.equal((await jobInfo(m, `after:${i}`)).runtime.allocation, 'g2[0]');
        assert.equal((await m.request({ request: 'resourcesInfo' })).data.free_cores, 1, 'g1 offers nothing');
        d1.restart();
        await waitHostState(m, 'g1', 'online');
        await submitOk(m, [{ name: 'rejoin', iteration: { stop: 4 }, execution: { exec: '/bin/sh', args: ['-c', 'sleep 0.5'] } }]);
        assert.equal(await waitForState(m, 'rejoin', undefined, 60_000), 'SUCCEED');
        const allocs = await Promise.all([0, 1, 2, 3].map(async (i) => (await jobInfo(m, `rejoin:${i}`)).runtime.allocation));
        assert.ok(allocs.includes('g1[0]') && allocs.includes('g2[0]'), `both hosts ran rejoin: ${allocs}`);
        assert.deepEqual(runs(path.join(w1, 'runs')).sort(), ['start retrier', 'start victim'], 'the victim ran once, the retrier once on each host');
    });
});
//# sourceMappingURL=ssh-faults.test.js.map