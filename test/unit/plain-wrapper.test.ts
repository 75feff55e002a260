/**
 * Plain mode's sh wrapper (server/executor/ssh/plain-wrapper.ts) run by a real /bin/sh on this machine, without
 * SSH: its command line goes through `sh -c` exactly as through a remote login shell. Both ways of making the
 * job's process group (setsid, perl) are exercised; the SSH tests (test/e2e/ssh.test.ts) can only use the one
 * the host has.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TaskLaunch } from '../../server/core/launch.js';
import { allProcs, waitNoMarker } from '../helpers/procs.js';
import { waitFor } from '../helpers/util.js';
import { keeperCommand, parseWrapperLine, plainCommand, type SetsidTool, type WrapperLine } from '../../server/executor/ssh/plain-wrapper.js';

type Cmd = Omit<TaskLaunch, 'pname' | 'node'>;

interface Run {
  lines: WrapperLine[];
  jobDir: string;
  code: number | null;
}

const tools: SetsidTool[] = ['setsid', ...(spawnSync('sh', ['-c', 'command -v perl']).status === 0 ? (['perl'] as const) : [])];

const started: Live[] = [];
after(() => {
  // a failed test leaves its wrappers waiting: end them and their jobs
  for (const l of started) {
    try {
      process.kill(l.pid, 'SIGKILL');
    } catch {
      // gone
    }
    const s = l.lines.find((x) => x.t === 'S') as Extract<WrapperLine, { t: 'S' }> | undefined;
    if (s && groupAlive(s.pid)) process.kill(-s.pid, 'SIGKILL');
  }
});

/** Run one launch; `onStart` may write to the wrapper's stdin (e.g. TERM) once the S line came. */
async function run(cmd: Cmd, tool: SetsidTool, onStart?: (stdin: NodeJS.WritableStream, pid: number) => void): Promise<Run> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-wrapper-'));
  const jobDir = path.join(root, 'inst', 'jobs', '7');
  const l = live(plainCommand(cmd, { jobDir, tool }), (w, stdin) => {
    if (w.t === 'S') onStart?.(stdin, w.pid);
    if (w.t === 'X') stdin.end('OK\n');
    if (w.t === 'L' || w.t === 'W') stdin.end();
  });
  const code = await l.closed;
  return { lines: l.lines, jobDir, code };
}

interface Live {
  lines: WrapperLine[];
  stdin: NodeJS.WritableStream;
  pid: number;
  line(t: WrapperLine['t']): Promise<WrapperLine>;
  closed: Promise<number | null>;
}

/** One wrapper process whose stdin stays open until the test ends it; `onLine` sees each line as it comes. */
function live(command: string, onLine?: (w: WrapperLine, stdin: NodeJS.WritableStream) => void): Live {
  const p = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: WrapperLine[] = [];
  let buf = '';
  p.stdout.setEncoding('utf8');
  p.stdout.on('data', (d: string) => {
    buf += d;
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const w = parseWrapperLine(buf.slice(0, i));
      buf = buf.slice(i + 1);
      if (!w) continue;
      lines.push(w);
      onLine?.(w, p.stdin);
    }
  });
  const closed = new Promise<number | null>((res) => p.on('close', (code) => res(code)));
  const l: Live = { lines, stdin: p.stdin, pid: p.pid!, closed, line: (t) => waitFor(() => lines.find((x) => x.t === t), 20_000, `a ${t} line`) as Promise<WrapperLine> };
  started.push(l);
  return l;
}

function binfmtHandlers(): boolean {
  try {
    return fs.readdirSync('/proc/sys/fs/binfmt_misc').some((n) => n !== 'register' && n !== 'status');
  } catch {
    return false;
  }
}

const base = (over: Partial<Cmd>): Cmd => ({ exec: '/bin/true', args: [], env: {}, wd: fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-wd-')), killGraceMs: 1000, ...over });

for (const tool of tools) {
  test(`wrapper (${tool}): argv and environment verbatim, own process group, exit code, job dir removed after OK`, async () => {
    const nasty = ["it's", '$(touch /tmp/pilotmq-pwned-w)', '`id`', 'a;b', 'new\nline', '', ' x ', '-n'];
    const cmd = base({ exec: '/bin/sh', args: ['-c', 'printf "%s\\0" "$0" "$@" > argv; printf %s "$NASTY" > env; cat /proc/$$/stat > stat; sleep 0.3; exit 3', ...nasty], env: { NASTY: nasty.join('|'), 'odd-name': 'v' }, stdout: 'out.txt' });
    const r = await run(cmd, tool);
    const s = r.lines.find((l) => l.t === 'S') as Extract<WrapperLine, { t: 'S' }>;
    const x = r.lines.find((l) => l.t === 'X') as Extract<WrapperLine, { t: 'X' }>;
    assert.ok(s && x, JSON.stringify(r.lines, (_, v) => (typeof v === 'bigint' ? String(v) : v)));
    const [pid, , , pgrp, session] = fs.readFileSync(path.join(cmd.wd, 'stat'), 'utf8').replace(/\(.*\) /, '').split(' ');
    assert.deepEqual([Number(pid), Number(pgrp)], [s.pid, s.pid], 'the job leads its own process group');
    if (tool === 'setsid') assert.equal(Number(session), s.pid, 'and its own session');
    assert.equal(x.code, 3);
    assert.equal(x.reason, undefined);
    assert.ok(s.ns !== undefined && x.ns !== undefined && x.ns - s.ns >= 300_000_000n, 'run time from the host clock');
    assert.deepEqual(fs.readFileSync(path.join(cmd.wd, 'argv'), 'utf8').split('\0'), [...nasty, '']);
    assert.equal(fs.readFileSync(path.join(cmd.wd, 'env'), 'utf8'), nasty.join('|'));
    assert.equal(r.code, 0);
    assert.ok(!fs.existsSync(r.jobDir), 'job dir removed once the exit was acknowledged');
    assert.ok(!fs.existsSync('/tmp/pilotmq-pwned-w'));
  });

  test(`wrapper (${tool}): TERM on stdin terminates the whole group: -15, reason cancel`, async () => {
    const cmd = base({ exec: '/bin/sh', args: ['-c', 'sleep 30 & echo $! > child; wait'] });
    const childFile = path.join(cmd.wd, 'child');
    const r = await run(cmd, tool, (stdin) => void waitFor(() => fs.existsSync(childFile) && fs.readFileSync(childFile, 'utf8').endsWith('\n'), 10_000, 'child started').then(() => stdin.write('TERM\n')));
    const x = r.lines.find((l) => l.t === 'X') as Extract<WrapperLine, { t: 'X' }>;
    assert.deepEqual([x.code, x.reason], [-15, 'cancel']);
    const child = Number(fs.readFileSync(childFile, 'utf8'));
    const gone = () => {
      try {
        return /\) Z /.test(fs.readFileSync(`/proc/${child}/stat`, 'utf8')); // a zombie waiting for init
      } catch {
        return true;
      }
    };
    await waitFor(gone, 5_000, 'the background child got the signal too');
  });

  test(`wrapper (${tool}): wall time: SIGTERM, then SIGKILL after the grace for a job that ignores it`, async () => {
    const cmd = base({ exec: '/bin/sh', args: ['-c', "trap '' TERM; sleep 30"], wallTimeMs: 300, killGraceMs: 300 });
    const r = await run(cmd, tool);
    const x = r.lines.find((l) => l.t === 'X') as Extract<WrapperLine, { t: 'X' }>;
    assert.deepEqual([x.code, x.reason], [-9, 'walltime']);
  });

  test(`wrapper (${tool}): stdin end while the job runs (manager gone): job terminated, exit left in the job dir`, async () => {
    const cmd = base({ exec: 'sleep', args: ['30'] });
    const r = await run(cmd, tool, (stdin) => setTimeout(() => stdin.end(), 200));
    const x = r.lines.find((l) => l.t === 'X') as Extract<WrapperLine, { t: 'X' }>;
    assert.deepEqual([x.code, x.reason], [-15, 'lost']);
    assert.equal(fs.readFileSync(path.join(r.jobDir, 'exit'), 'utf8'), '-15\n');
    assert.equal(Number(fs.readFileSync(path.join(r.jobDir, 'pgid'), 'utf8')), (r.lines[0] as Extract<WrapperLine, { t: 'S' }>).pid);
  });
}

test('wrapper: launch errors as errno names for the manager, in the agent\'s order (wd, program, stdin, stdout, stderr)', async () => {
  const wd = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-wd-'));
  fs.writeFileSync(path.join(wd, 'plain.txt'), 'not a program\n', { mode: 0o755 });
  const cases: Array<[Partial<Cmd>, WrapperLine]> = [
    [{ exec: 'no-such-program-x' }, { t: 'L', what: 'exec', error: 'ENOENT' }],
    [{ exec: '/etc/passwd' }, { t: 'L', what: 'exec', error: 'EACCES' }],
    // (like the agent, the check is left to the kernel where binfmt_misc handlers are registered)
    ...(binfmtHandlers() ? [] : [[{ exec: './plain.txt' }, { t: 'L', what: 'exec', error: 'ENOEXEC' }] as [Partial<Cmd>, WrapperLine]]),
    [{ exec: 'true', env: { PATH: '/nonexistent' } }, { t: 'L', what: 'exec', error: 'ENOENT' }],
    [{ stdin: 'missing.in' }, { t: 'L', what: 'stdin', error: 'ENOENT' }],
    [{ stdout: 'no/dir/out' }, { t: 'L', what: 'stdout', error: 'ENOENT' }],
    [{ stdout: 'ok.out', stderr: 'plain.txt/err' }, { t: 'L', what: 'stderr', error: 'ENOTDIR' }],
    [{ wd: path.join(wd, 'plain.txt', 'sub') }, { t: 'W', depth: 0, error: 'ENOTDIR' }],
    [{ wd: '/proc/1/x/y' }, { t: 'W', depth: 1, error: 'ENOENT' }],
  ];
  for (const [over, want] of cases) {
    const r = await run({ ...base({ wd }), ...over }, 'setsid');
    assert.deepEqual(r.lines, [want], JSON.stringify(over));
  }
});

// ---- outliving the channel: orphan clock, attach, keeper (plain mode's recovery, server/executor/ssh/plain-host.ts)

/** a process group with a member that is not a zombie */
function groupAlive(pgid: number): boolean {
  return allProcs().some((p) => p.state !== 'Z' && readPgrp(p.pid) === pgid);
}

function readPgrp(pid: number): number | undefined {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[2]);
  } catch {
    return undefined;
  }
}


/** an instance dir with a jobs/ dir, as the keeper makes it, and the job dir of task 7 in it */
function instance(): { dir: string; job: string; heartbeat: (v: string) => void } {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-inst-')), 'inst');
  fs.mkdirSync(path.join(dir, 'jobs'), { recursive: true });
  return {
    dir,
    job: path.join(dir, 'jobs', '7'),
    heartbeat: (v) => {
      fs.writeFileSync(path.join(dir, 'heartbeat.tmp'), `${v}\n`);
      fs.renameSync(path.join(dir, 'heartbeat.tmp'), path.join(dir, 'heartbeat'));
    },
  };
}

test('wrapper with an orphan clock: the job outlives its channel; the same command sent again attaches (S again, X from the job dir); nothing runs twice', async () => {
  const inst = instance();
  inst.heartbeat('1');
  const gate = path.join(inst.dir, 'gate');
  const cmd = base({ exec: '/bin/sh', args: ['-c', `echo run >> runs; while [ ! -e '${gate}' ]; do sleep 0.05; done; exit 4`] });
  // a long orphan time: the heartbeat never changes in this test
  const command = plainCommand(cmd, { jobDir: inst.job, tool: 'setsid', orphanS: 600 });
  const first = live(command);
  const s = (await first.line('S')) as Extract<WrapperLine, { t: 'S' }>;
  first.stdin.end(); // the channel goes
  assert.ok(groupAlive(s.pid), 'the job runs on without its channel');
  const again = live(command);
  const s2 = (await again.line('S')) as Extract<WrapperLine, { t: 'S' }>;
  assert.equal(s2.pid, s.pid, 'attached to the same job');
  assert.equal(s2.ns, s.ns, 'with its start time');
  fs.writeFileSync(gate, '');
  const x = (await again.line('X')) as Extract<WrapperLine, { t: 'X' }>;
  assert.equal(x.code, 4);
  assert.ok(x.ns !== undefined && s.ns !== undefined && x.ns >= s.ns, 'end time from the host clock');
  again.stdin.end('OK\n');
  assert.equal(await again.closed, 0);
  await waitFor(() => !fs.existsSync(inst.job), 10_000, 'job dir removed after OK');
  assert.equal(fs.readFileSync(path.join(cmd.wd, 'runs'), 'utf8'), 'run\n', 'ran once');
  await first.closed;
});

test('wrapper attach: TERM through the attaching wrapper cancels the job (reason cancel from the job dir)', async () => {
  const inst = instance();
  inst.heartbeat('1');
  const cmd = base({ exec: 'sleep', args: ['60'] });
  const command = plainCommand(cmd, { jobDir: inst.job, tool: 'setsid', orphanS: 600 });
  const first = live(command);
  const s = (await first.line('S')) as Extract<WrapperLine, { t: 'S' }>;
  first.stdin.end();
  const again = live(command);
  await again.line('S');
  again.stdin.write('TERM\n');
  const x = (await again.line('X')) as Extract<WrapperLine, { t: 'X' }>;
  assert.deepEqual([x.code, x.reason], [-15, 'cancel']);
  await waitFor(() => !groupAlive(s.pid), 10_000, 'the job gone');
  assert.equal(fs.readFileSync(path.join(inst.job, 'reason'), 'utf8'), 'cancel\n');
  again.stdin.end('OK\n');
  await again.closed;
});

test('wrapper attach: a launch error is reported from the job dir; a launching wrapper that died is reported U (its job killed)', async () => {
  const inst = instance();
  const bad = plainCommand(base({ exec: 'no-such-program-x' }), { jobDir: inst.job, tool: 'setsid', orphanS: 600 });
  const first = live(bad);
  assert.deepEqual(await first.line('L'), { t: 'L', what: 'exec', error: 'ENOENT' });
  first.stdin.end();
  await first.closed;
  const again = live(bad);
  assert.deepEqual(await again.line('L'), { t: 'L', what: 'exec', error: 'ENOENT' });
  again.stdin.end('OK\n');
  await again.closed;
  await waitFor(() => !fs.existsSync(inst.job), 10_000, 'job dir removed after OK');

  inst.heartbeat('1');
  const cmd = plainCommand(base({ exec: 'sleep', args: ['60'] }), { jobDir: inst.job, tool: 'setsid', orphanS: 600 });
  const launcher = live(cmd);
  const s = (await launcher.line('S')) as Extract<WrapperLine, { t: 'S' }>;
  process.kill(launcher.pid, 'SIGKILL'); // the wrapper dies, its job does not
  await launcher.closed;
  assert.ok(groupAlive(s.pid));
  const again2 = live(cmd);
  assert.deepEqual(await again2.line('U'), { t: 'U', killed: true });
  await waitFor(() => !groupAlive(s.pid), 10_000, 'nobody could wait for it: killed');
  again2.stdin.end('OK\n');
  await again2.closed;
  assert.deepEqual(await waitNoMarker(inst.dir, 10_000), [], "nothing of the dead wrapper left (its timers ended too)");
});

test('wrapper orphan clock: the job lives while the heartbeat changes, and is terminated (reason hostLost) once it stops', async () => {
  const inst = instance();
  let n = 0;
  inst.heartbeat(String(n));
  const beat = setInterval(() => inst.heartbeat(String(++n)), 50);
  try {
    const cmd = base({ exec: 'sleep', args: ['60'] });
    const w = live(plainCommand(cmd, { jobDir: inst.job, tool: 'setsid', orphanS: 1 }));
    const s = (await w.line('S')) as Extract<WrapperLine, { t: 'S' }>;
    w.stdin.end(); // no channel from here on: only the heartbeat keeps it
    // three orphan periods with heartbeats: still running
    const until = n + 60;
    await waitFor(() => n >= until, 30_000, 'heartbeats for three seconds');
    assert.ok(groupAlive(s.pid), 'alive while the manager is heard');
    clearInterval(beat);
    await waitFor(() => fs.existsSync(path.join(inst.job, 'exit')), 30_000, 'terminated without heartbeat');
    assert.equal(fs.readFileSync(path.join(inst.job, 'exit'), 'utf8'), '-15\n');
    assert.equal(fs.readFileSync(path.join(inst.job, 'reason'), 'utf8'), 'hostLost\n');
    await waitFor(() => !groupAlive(s.pid), 10_000, 'the job gone');
  } finally {
    clearInterval(beat);
  }
});

test('keeper: a new session kills what the old one left running and removes its job dirs; heartbeats are written and echoed', async () => {
  const inst = instance();
  fs.writeFileSync(path.join(inst.dir, 'session'), 'old\n');
  const cmd = plainCommand(base({ exec: 'sleep', args: ['60'] }), { jobDir: inst.job, tool: 'setsid', orphanS: 600 });
  inst.heartbeat('x');
  const old = live(cmd);
  const s = (await old.line('S')) as Extract<WrapperLine, { t: 'S' }>;
  const k = spawn('/bin/sh', ['-c', keeperCommand(inst.dir, 'new')], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  k.stdout.setEncoding('utf8');
  k.stdout.on('data', (d: string) => (out += d));
  await waitFor(() => out === 'ready\n', 10_000, 'ready');
  await waitFor(() => !groupAlive(s.pid), 10_000, "the old session's job killed");
  assert.deepEqual(fs.readdirSync(path.join(inst.dir, 'jobs')), [], 'its job dirs removed');
  assert.equal(fs.readFileSync(path.join(inst.dir, 'session'), 'utf8'), 'new\n');
  k.stdin.write('41\n');
  await waitFor(() => out === 'ready\n41\n', 10_000, 'echo');
  assert.equal(fs.readFileSync(path.join(inst.dir, 'heartbeat'), 'utf8'), '41\n');
  // a second keeper (the manager reconnected; the first one's connection may never close): the first one goes
  const k2 = spawn('/bin/sh', ['-c', keeperCommand(inst.dir, 'new')], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out2 = '';
  k2.stdout.setEncoding('utf8');
  k2.stdout.on('data', (d: string) => (out2 += d));
  assert.notEqual(await new Promise((r) => k.on('close', r)), 0, 'the first keeper was killed');
  await waitFor(() => out2 === 'ready\n', 10_000, 'ready');
  k2.stdin.end();
  assert.equal(await new Promise((r) => k2.on('close', r)), 0);
  old.stdin.end();
  await old.closed;
  assert.deepEqual(await waitNoMarker(inst.dir, 10_000), [], "nothing of the old session left (its wrappers' timers ended too)");
});
