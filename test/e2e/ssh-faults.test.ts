/**
 * Faults on SSH hosts (issue #5 item 4) against real sshds on loopback, in agent mode and in plain mode: the
 * sshd serving a host is SIGKILLed (with its connection processes) while jobs run, then started again on the
 * same port. Jobs append to a file per run, so a job lost or run twice shows. Reconnect settings are short so
 * each test stays bounded; no assertion depends on how long anything takes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, jobInfo, startManagerProcess, submitOk, waitForState, type ManagerProcess } from '../helpers/manager-process.js';
import { allProcs, killAll, sleepMarker, waitNoMarker } from '../helpers/procs.js';
import { startSshd, sshSkip, testUserIds, TEST_USER, type TestSshd } from '../helpers/sshd.js';
import { historyStates, waitFor } from '../helpers/util.js';

type Info = Record<string, unknown>;

function hostEntry(name: string, d: TestSshd, workdir: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, host: d.addr, port: d.port, user: TEST_USER, identityFile: d.key, knownHosts: d.knownHosts, workdir, keepalive: 1, connectTimeout: 5, ...extra };
}

async function hostState(m: ManagerProcess, name: string): Promise<Info> {
  const r = await m.request({ request: 'resourcesInfo' });
  return (r.data.hosts as Info[]).find((h) => h.name === name)!;
}

const waitHostState = (m: ManagerProcess, name: string, state: string, timeoutMs = 60_000) =>
  waitFor(async () => (await hostState(m, name)).state === state, timeoutMs, `host ${name} ${state}`, 100);

/** `start X` / `end X` lines a job wrote to the runs file */
function runs(file: string): string[] {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/** live agent processes (daemon, bridge) whose command line names this workdir */
function agentsOf(workdir: string): { daemons: number; bridges: number } {
  const mine = allProcs().filter((p) => p.state !== 'Z' && p.cmdline.includes(`${workdir}/.pilotmq/agent-`));
  return { daemons: mine.filter((p) => p.cmdline.includes(' --daemon ')).length, bridges: mine.filter((p) => p.cmdline.includes(' --attach ')).length };
}

/** the `result` column of a job in `pilotmq export` (its declared result file's content) */
function exportedResult(m: ManagerProcess, name: string): unknown {
  const out = path.join(m.wd, `export-${process.hrtime.bigint()}.jsonl`);
  const r = spawnSync(process.execPath, [CLI, 'export', '--jsonl', '--out', out, '--address', m.address], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const rows = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Info);
  return rows.find((x) => x.name === name)?.result;
}

/** plain mode: live job wrappers (`pilotmq-job`) and keepers (`pilotmq-keeper`) working under this workdir */
function plainOf(workdir: string): { wrappers: number; keepers: number } {
  const mine = allProcs().filter((p) => p.state !== 'Z' && p.cmdline.includes(` ${workdir}/`));
  return { wrappers: mine.filter((p) => p.cmdline.includes(' pilotmq-job ')).length, keepers: mine.filter((p) => p.cmdline.includes(' pilotmq-keeper ')).length };
}

/** what of a host's machinery runs under its workdir: agent daemons and bridges, or plain mode's wrappers and keeper */
function machinery(mode: Mode, w: string): Record<string, number> {
  return mode === 'agent' ? agentsOf(w) : plainOf(w);
}

type Mode = 'agent' | 'plain';

function workdir(root: string, name: string): string {
  const { uid, gid } = testUserIds();
  const w = path.join(root, name);
  fs.mkdirSync(w);
  fs.chownSync(w, uid, gid);
  return w;
}

for (const mode of ['agent', 'plain'] as const) {
  describe(`SSH host faults, ${mode} mode: sshd killed and restarted while jobs run`, { skip: sshSkip() }, () => {
    let root: string;
    let d1: TestSshd;
    let m: ManagerProcess;
    let w: string;

    before(async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-sshfault-'));
      fs.chmodSync(root, 0o755);
      d1 = await startSshd(path.join(root, 'sshd1'), '127.0.0.1');
      w = workdir(root, 'w1');
      const hostsFile = path.join(root, 'hosts.json');
      // a long give-up time: this host always comes back here
      fs.writeFileSync(hostsFile, JSON.stringify({ reconnect: { initialMs: 100, maxMs: 500, giveUpAfterMs: 120_000 }, hosts: [hostEntry('f1', d1, w, { cores: 4, mode })] }));
      m = await startManagerProcess({ nodes: '', extra: ['--hosts', hostsFile, '--kill-grace', '1'] });
    });

    after(async () => {
      await m?.stop();
      d1?.stop();
      const left = await waitNoMarker(mode === 'agent' ? `${w}/.pilotmq/agent-` : ` ${w}/`, 15_000);
      killAll(left);
      assert.deepEqual(left, [], 'nothing of the host machinery left after the manager');
      if (root) fs.rmSync(root, { recursive: true, force: true });
    });

    test('jobs keep running through a dropped connection: ended ones are recovered from their job directories (exit codes, result files), running ones re-attached and cancellable, nothing lost or run twice', async () => {
      const mk = sleepMarker();
      const runsFile = path.join(w, 'runs');
      const gate = (g: string) => `while [ ! -e "\${root_wd}/${g}" ]; do sleep 0.05; done`;
      const job = (name: string, g: string, code: string) => ({
        name,
        execution: { exec: '/bin/sh', args: ['-c', `echo "start ${name}" >> "\${root_wd}/runs"; ${gate(g)}; echo "end ${name}" >> "\${root_wd}/runs"; exit ${code}`] },
      });
      const down = job('down', 'gateA', '${it}');
      down.execution.args[1] = down.execution.args[1].replace('exit ${it}', 'echo "result of ${it}" > "down-${it}.res"; exit ${it}');
      await submitOk(m, [
        { ...down, iteration: { stop: 2 }, attributes: { resultFile: 'down-${it}.res' } },
        job('across', 'gateB', '0'),
        { name: 'later', execution: { exec: '/bin/sh', args: ['-c', `echo "start later" >> "\${root_wd}/runs"; exec sleep ${mk}`] } },
      ]);
      for (const n of ['down:0', 'down:1', 'across', 'later']) assert.equal(await waitForState(m, n, ['EXECUTING']), 'EXECUTING');
      await waitFor(() => runs(runsFile).length === 4, 30_000, 'four jobs started');
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
      for (const id of exits()) assert.match(fs.readFileSync(path.join(jobsDir, id, 'pgid'), 'utf8'), /^\d+\n$/);
      // … but the manager cannot know yet: still EXECUTING, nothing placed on the host meanwhile
      for (const n of ['down:0', 'down:1', 'across', 'later']) assert.equal((await m.request({ request: 'jobStatus', jobNames: [n] })).data.jobs[n].data.status, 'EXECUTING');
      assert.equal((await m.request({ request: 'jobStatus', jobNames: ['queued'] })).data.jobs.queued.data.status, 'QUEUED');
      assert.equal((await m.request({ request: 'resourcesInfo' })).data.free_cores, 0, 'a reconnecting host offers no cores');

      d1.restart();
      assert.equal(await waitForState(m, 'down:0', undefined, 60_000), 'SUCCEED');
      assert.equal(await waitForState(m, 'down:1', undefined, 60_000), 'FAILED');
      await waitHostState(m, 'f1', 'online');
      for (const [n, code] of [['down:0', '0'], ['down:1', '1']]) {
        const d = await jobInfo(m, n);
        const rt = d.runtime as Record<string, string>;
        assert.equal(rt.exit_code, code, 'the exit code recorded on the host');
        assert.match(rt.allocation, /^f1\[\d\]$/);
        assert.match(rt.pid, /^\d+$/);
        assert.deepEqual(historyStates(d.history), ['SCHEDULED', 'EXECUTING', code === '0' ? 'SUCCEED' : 'FAILED'], 'no state but the real ones');
      }
      assert.equal(await waitForState(m, 'queued', undefined, 60_000), 'SUCCEED', 'queued work runs once the host is back');
      for (const i of [0, 1]) assert.equal(exportedResult(m, `down:${i}`), `result of ${i}\n`, 'the result file of a job that ended during the outage');

      // later ran through it all: cancelled after the reconnect like any running job
      assert.equal((await m.request({ request: 'jobStatus', jobNames: ['later'] })).data.jobs.later.data.status, 'EXECUTING');
      assert.deepEqual(await m.request({ request: 'cancelJob', jobNames: ['later'] }), { code: 0, data: { canceled: 1 } });
      assert.equal(await waitForState(m, 'later'), 'CANCELED');
      assert.equal(((await jobInfo(m, 'later')).runtime as Record<string, string>).exit_code, '-15');
      assert.deepEqual(await waitNoMarker(mk, 30_000), [], 'its process group is gone');

      // across ran through it all and is still watched: its exit comes in live
      assert.equal((await m.request({ request: 'jobStatus', jobNames: ['across'] })).data.jobs.across.data.status, 'EXECUTING');
      fs.writeFileSync(path.join(w, 'gateB'), '');
      assert.equal(await waitForState(m, 'across'), 'SUCCEED');

      const lines = runs(runsFile).sort();
      assert.deepEqual(lines, ['end across', 'end down', 'end down', 'start across', 'start down', 'start down', 'start later', 'start queued'], 'every job ran exactly once');
      // the manager acknowledged every exit: the job directories are removed
      await waitFor(() => !fs.existsSync(jobsDir) || fs.readdirSync(jobsDir).length === 0, 30_000, 'job directories removed after the exits were received');
      // no leak: agent mode one daemon, one bridge (the old bridge ended when the new one attached); plain mode
      // one keeper (the old one ended with its channel), no wrapper (neither the launching nor the attaching ones)
      const want = mode === 'agent' ? { daemons: 1, bridges: 1 } : { wrappers: 0, keepers: 1 };
      await waitFor(() => JSON.stringify(machinery(mode, w)) === JSON.stringify(want), 30_000, `host machinery ${JSON.stringify(want)}`);
      assert.deepEqual(machinery(mode, w), want);
    });

    test('a stream of short jobs across the drop (launches in flight, channels opening, jobs ending): every one SUCCEEDs and ran exactly once', async () => {
      const runsFile = path.join(w, 'stream-runs');
      await submitOk(m, [{ name: 'stream', iteration: { stop: 150 }, execution: { exec: '/bin/sh', args: ['-c', `echo "\${it}" >> "${runsFile}"; sleep 0.1`] } }]);
      await waitFor(() => runs(runsFile).length >= 40, 60_000, '40 iterations started');
      d1.kill();
      await waitHostState(m, 'f1', 'reconnecting');
      d1.restart();
      assert.equal(await waitForState(m, 'stream', undefined, 120_000), 'SUCCEED', 'every iteration');
      const seen = runs(runsFile).map(Number).sort((a, b) => a - b);
      assert.deepEqual(seen, Array.from({ length: 150 }, (_, i) => i), 'each iteration ran exactly once');
      await waitHostState(m, 'f1', 'online');
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
      assert.equal((d.runtime as Record<string, string>).exit_code, '-15');
      await waitHostState(m, 'f1', 'online');
    });

    test('the wall time of a job re-attached after the reconnect still applies: FAILED "wall time exceeded"', async () => {
      const mk = sleepMarker();
      await submitOk(m, [{ name: 'wtafter', execution: { exec: 'sleep', args: [mk] }, resources: { numCores: 1, wt: '10s' } }]);
      assert.equal(await waitForState(m, 'wtafter', ['EXECUTING']), 'EXECUTING');
      d1.kill();
      await waitHostState(m, 'f1', 'reconnecting');
      d1.restart();
      await waitHostState(m, 'f1', 'online');
      // (back well within the 10 s: the job is watched again while it runs)
      assert.equal((await m.request({ request: 'jobStatus', jobNames: ['wtafter'] })).data.jobs.wtafter.data.status, 'EXECUTING');
      assert.equal(await waitForState(m, 'wtafter', undefined, 60_000), 'FAILED');
      const d = await jobInfo(m, 'wtafter');
      assert.equal(d.messages, 'wall time exceeded');
      assert.equal((d.runtime as Record<string, string>).exit_code, '-15');
      assert.deepEqual(await waitNoMarker(mk, 30_000), []);
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

    test('what waits for the jobs on the host dies while it is unreachable (agent mode: the agent daemon; plain mode: a job wrapper): an ended job is completed from its job directory, a running one is killed and FAILED "host f1 lost"', async () => {
      const mk = sleepMarker();
      await submitOk(m, [
        {
          name: 'ended',
          execution: { exec: '/bin/sh', args: ['-c', `while [ ! -e "\${root_wd}/gateC" ]; do sleep 0.05; done; echo "ended's result" > ended.res; exit 5`] },
          attributes: { resultFile: 'ended.res' },
        },
        { name: 'orphan', execution: { exec: 'sleep', args: [mk] } },
      ]);
      for (const n of ['ended', 'orphan']) assert.equal(await waitForState(m, n, ['EXECUTING']), 'EXECUTING');
      d1.kill();
      await waitHostState(m, 'f1', 'reconnecting');
      fs.writeFileSync(path.join(w, 'gateC'), '');
      const jobsDir = path.join(w, m.instanceId, 'jobs');
      await waitFor(
        () => fs.readdirSync(jobsDir).some((id) => fs.existsSync(path.join(jobsDir, id, 'exit')) && fs.readFileSync(path.join(jobsDir, id, 'exit'), 'utf8') === '5\n'),
        30_000,
        'the exit of ended recorded',
      );
      // SIGKILL: nothing of its memory survives; agent mode: every job is left to itself; plain mode: orphan's
      const victims =
        mode === 'agent'
          ? allProcs().filter((p) => p.state !== 'Z' && p.cmdline.includes(`${w}/.pilotmq/agent-`) && p.cmdline.includes(' --daemon '))
          : allProcs().filter((p) => p.state !== 'Z' && p.cmdline.includes(' pilotmq-job ') && p.cmdline.includes(mk) && p.cmdline.startsWith('/bin/sh'));
      assert.ok(victims.length >= 1, 'found (plain mode: the wrapper with its timers)');
      for (const p of victims) process.kill(p.pid, 'SIGKILL');
      d1.restart();
      assert.equal(await waitForState(m, 'ended', undefined, 60_000), 'FAILED');
      const e = await jobInfo(m, 'ended');
      assert.equal((e.runtime as Record<string, string>).exit_code, '5', 'read from its job directory');
      assert.equal(e.messages, undefined, 'an exit of its own, not a lost host');
      assert.equal(exportedResult(m, 'ended'), "ended's result\n", 'its result file read after the recovery');
      assert.equal(await waitForState(m, 'orphan', undefined, 60_000), 'FAILED');
      assert.match(String((await jobInfo(m, 'orphan')).messages), new RegExp(`^host f1 lost: its ${mode === 'agent' ? 'agent' : 'wrapper'} on the host died; the job was killed`));
      assert.deepEqual(await waitNoMarker(mk, 30_000), [], 'nobody could wait for it any more: killed, not left running');
      await waitHostState(m, 'f1', 'online');
      if (mode === 'agent') assert.equal(agentsOf(w).daemons, 1, 'a new agent daemon');
      else await waitFor(() => plainOf(w).wrappers === 0, 30_000, 'no wrapper left');
    });
  });
}

for (const mode of ['agent', 'plain'] as const) {
  describe(`SSH host faults, ${mode} mode: a host that stays down goes offline, the others go on, it may rejoin`, { skip: sshSkip() }, () => {
    let root: string;
    let d1: TestSshd;
    let d2: TestSshd;
    let m: ManagerProcess;
    let w1: string;
    let w2: string;

    before(async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-sshoff-'));
      fs.chmodSync(root, 0o755);
      d1 = await startSshd(path.join(root, 'sshd1'), '127.0.0.1');
      d2 = await startSshd(path.join(root, 'sshd2'), '127.0.0.2');
      w1 = workdir(root, 'w1');
      w2 = workdir(root, 'w2');
      const hostsFile = path.join(root, 'hosts.json');
      fs.writeFileSync(
        hostsFile,
        JSON.stringify({
          hosts: [
            hostEntry('g1', d1, w1, { cores: 2, mode, reconnect: { initialMs: 100, maxMs: 300, giveUpAfterMs: 3000 } }),
            hostEntry('g2', d2, w2, { cores: 1, mode }),
          ],
        }),
      );
      m = await startManagerProcess({ nodes: '', extra: ['--hosts', hostsFile, '--kill-grace', '1'] });
    });

    after(async () => {
      await m?.stop();
      d1?.stop();
      d2?.stop();
      for (const w of [w1, w2]) {
        if (!w) continue;
        const left = await waitNoMarker(mode === 'agent' ? `${w}/.pilotmq/agent-` : ` ${w}/`, 15_000);
        killAll(left);
        assert.deepEqual(left, [], 'nothing of the host machinery left after the manager');
      }
      if (root) fs.rmSync(root, { recursive: true, force: true });
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
      for (const n of ['victim', 'retrier']) assert.equal(await waitForState(m, n, ['EXECUTING']), 'EXECUTING');
      assert.equal(((await jobInfo(m, 'victim')).runtime as Record<string, string>).allocation, 'g1[0]', 'first fit: the first host');
      assert.equal(((await jobInfo(m, 'retrier')).runtime as Record<string, string>).allocation, 'g1[1]');
      await waitFor(() => runs(path.join(w1, 'runs')).length === 2, 30_000, 'both started');

      d1.kill();
      assert.equal(await waitForState(m, 'victim', undefined, 60_000), 'FAILED');
      const d = await jobInfo(m, 'victim');
      assert.match(String(d.messages), /^host g1 lost: .*not back within 3000 ms/);
      const g1 = await hostState(m, 'g1');
      assert.equal(g1.state, 'offline');
      assert.match(String(g1.message), /host g1 lost/);
      const st = await m.request({ request: 'status' });
      assert.deepEqual(
        (st.data.Resources.Hosts as Info[]).map((h) => [h.Name, h.State]),
        [
          ['g1', 'offline'],
          ['g2', 'online'],
        ],
      );
      // the job with a retry left: QUEUED again when g1 was given up, then run on g2
      assert.equal(await waitForState(m, 'retrier', undefined, 60_000), 'SUCCEED');
      const r = await jobInfo(m, 'retrier');
      assert.equal((r.runtime as Record<string, string>).allocation, 'g2[0]');
      assert.match(String(r.messages), /attempt 1 of 2 failed: host g1 lost/);
      // on the host, both were killed when no manager had been heard for 90 % of the give-up time (agent mode: by
      // the agent, which left; plain mode: by their wrappers, which saw the heartbeat stop)
      assert.deepEqual(await waitNoMarker(mk, 30_000), [], 'the lost job does not run on unobserved');
      assert.deepEqual(await waitNoMarker(mk2, 30_000), [], 'nor the first attempt of the retried one: it never runs twice at once');
      assert.deepEqual(runs(path.join(w2, 'runs')), ['start retrier']);
      if (mode === 'agent') await waitFor(() => agentsOf(w1).daemons === 0, 30_000, 'the orphaned agent daemon exits');
      else await waitFor(() => plainOf(w1).wrappers === 0, 30_000, 'no wrapper left on the host given up');

      await submitOk(m, [{ name: 'after', iteration: { stop: 3 }, execution: { exec: '/bin/true' } }]);
      assert.equal(await waitForState(m, 'after', undefined, 60_000), 'SUCCEED');
      for (let i = 0; i < 3; i++) assert.equal(((await jobInfo(m, `after:${i}`)).runtime as Record<string, string>).allocation, 'g2[0]');
      assert.equal(((await m.request({ request: 'resourcesInfo' })).data as Info).free_cores, 1, 'g1 offers nothing');

      d1.restart();
      await waitHostState(m, 'g1', 'online');
      await submitOk(m, [{ name: 'rejoin', iteration: { stop: 4 }, execution: { exec: '/bin/sh', args: ['-c', 'sleep 0.5'] } }]);
      assert.equal(await waitForState(m, 'rejoin', undefined, 60_000), 'SUCCEED');
      const allocs = await Promise.all([0, 1, 2, 3].map(async (i) => ((await jobInfo(m, `rejoin:${i}`)).runtime as Record<string, string>).allocation));
      assert.ok(allocs.includes('g1[0]') && allocs.includes('g2[0]'), `both hosts ran rejoin: ${allocs}`);
      assert.deepEqual(runs(path.join(w1, 'runs')).sort(), ['start retrier', 'start victim'], 'the victim ran once, the retrier once on each host');
    });
  });
}
