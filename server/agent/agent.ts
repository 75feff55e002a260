/**
 * pilotmq node agent: the only place job processes are spawned.
 *
 * Run as `node agent.js`: reads JSON-line commands on stdin, writes JSON-line reports on stdout (protocol in
 * ./messages.ts); diagnostics go to stderr. The manager never spawns jobs itself because Node's spawn() gets
 * slower the bigger the parent's heap; this process stays small.
 *
 * ONE self-contained file, node builtins only: it is also copied to SSH hosts and run there over an SSH channel.
 * (It is an ES module: copy it as `agent.mjs`, or next to a `{"type":"module"}` package.json, when the remote
 * node is older than 20.19, which detects module syntax by itself.)
 *
 * Every job runs in its own session / process group (detached). No job process may outlive the manager: on
 * `shutdown`, stdin EOF/error, stdout error and SIGTERM/SIGINT/SIGHUP every task is terminated like a cancel
 * before the agent exits.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';
import type { AgentCommand, AgentReport, ExitReport, LaunchCommand } from './messages.js';

const fsOpen = promisify(fs.open);
const fsMkdir = promisify(fs.mkdir);
const fsStat = promisify(fs.stat);
const fsAccess = promisify(fs.access);
const fsRead = promisify(fs.read);

const DEFAULT_KILL_GRACE_MS = 10_000;
/** execvp's search path when PATH is unset (glibc, Python's os.defpath) */
const DEFAULT_PATH = '/bin:/usr/bin';
const CACHE_LIMIT = 10_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

// ---------------------------------------------------------------------------------------------------------------
// OS errors in Python's OSError text: `[Errno 2] No such file or directory: '/nonexistent/bin'`

/** Linux errno numbers and glibc strerror texts (libuv's own texts differ: "no such file or directory") */
export const ERRNO: Record<string, [number, string]> = {
  EPERM: [1, 'Operation not permitted'],
  ENOENT: [2, 'No such file or directory'],
  EINTR: [4, 'Interrupted system call'],
  EIO: [5, 'Input/output error'],
  ENXIO: [6, 'No such device or address'],
  E2BIG: [7, 'Argument list too long'],
  ENOEXEC: [8, 'Exec format error'],
  EBADF: [9, 'Bad file descriptor'],
  EAGAIN: [11, 'Resource temporarily unavailable'],
  ENOMEM: [12, 'Cannot allocate memory'],
  EACCES: [13, 'Permission denied'],
  EFAULT: [14, 'Bad address'],
  EBUSY: [16, 'Device or resource busy'],
  EEXIST: [17, 'File exists'],
  ENODEV: [19, 'No such device'],
  ENOTDIR: [20, 'Not a directory'],
  EISDIR: [21, 'Is a directory'],
  EINVAL: [22, 'Invalid argument'],
  ENFILE: [23, 'Too many open files in system'],
  EMFILE: [24, 'Too many open files'],
  ETXTBSY: [26, 'Text file busy'],
  EFBIG: [27, 'File too large'],
  ENOSPC: [28, 'No space left on device'],
  EROFS: [30, 'Read-only file system'],
  EMLINK: [31, 'Too many links'],
  ENAMETOOLONG: [36, 'File name too long'],
  ELOOP: [40, 'Too many levels of symbolic links'],
  ESTALE: [116, 'Stale file handle'],
  EDQUOT: [122, 'Disk quota exceeded'],
};

/** Python's repr() of a str, as OSError puts the file name in its message */
function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === quote) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

export function osErrorMessage(code: string, path: string): string {
  const known = ERRNO[code];
  const num = known?.[0] ?? (os.constants.errno as Record<string, number>)[code] ?? 0;
  const text = known?.[1] ?? code;
  return `[Errno ${num}] ${text}: ${pyRepr(path)}`;
}

/** A failed launch step: the errno code and the path the message names. */
class LaunchError extends Error {
  constructor(readonly code: string, readonly path: string) {
    super(osErrorMessage(code, path));
  }
}

function errCode(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? 'EIO';
}

// ---------------------------------------------------------------------------------------------------------------
// Reports: collected during one turn of the event loop and written at once

let outLines: string[] = [];
let flushScheduled = false;
/** stdout is gone (EPIPE): the manager cannot hear us any more */
let outBroken = false;

function report(r: AgentReport): void {
  outLines.push(JSON.stringify(r));
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
}

function flush(): void {
  flushScheduled = false;
  if (outLines.length === 0) return;
  const data = outLines.join('\n') + '\n';
  outLines = [];
  if (!outBroken) process.stdout.write(data);
}

/** wall clock, epoch microseconds */
function nowUs(): number {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}

function log(msg: string): void {
  process.stderr.write(`pilotmq-agent[${process.pid}]: ${msg}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Caches (positive results only): existing working directories, resolved programs

function cacheAdd<K, V>(cache: Map<K, V>, key: K, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

/** working directories known to exist */
const knownDirs = new Map<string, true>();
/** absolute program file → known executable; `PATH\0name` → resolved file */
const goodPrograms = new Map<string, true>();
const pathLookups = new Map<string, string>();

/**
 * When binfmt_misc handlers are registered the kernel runs more than ELF and `#!` files, so the ENOEXEC
 * pre-check is skipped. (Needed at all because glibc's execvp, used by libuv, runs an ENOEXEC file with
 * /bin/sh, where Python's subprocess fails with `[Errno 8] Exec format error`.)
 */
const checkExecFormat = (() => {
  try {
    return fs.readdirSync('/proc/sys/fs/binfmt_misc').every((n) => n === 'register' || n === 'status');
  } catch {
    return true;
  }
})();

/** os.path.join(dir, p) for a relative p; p itself when absolute */
function joinPath(dir: string, p: string): string {
  if (p.startsWith('/')) return p;
  if (dir === '' || dir.endsWith('/')) return dir + p;
  return dir + '/' + p;
}

function parentDir(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  return i <= 0 ? '/' : trimmed.slice(0, i);
}

/**
 * `mkdir -p` naming the component that failed, like Python's os.makedirs. (Not fs.mkdir's recursive mode: it
 * spins forever where mkdir keeps failing with ENOENT under an existing parent, e.g. /proc/1/x/y.)
 */
async function makeDirs(dir: string): Promise<void> {
  try {
    return await mkdirOne(dir);
  } catch (err) {
    const parent = parentDir(dir);
    if (!(err instanceof LaunchError) || err.code !== 'ENOENT' || parent === dir) throw err;
    await makeDirs(parent);
    return mkdirOne(dir); // once more only: the parent exists now
  }
}

/** mkdir that accepts an existing directory */
async function mkdirOne(dir: string): Promise<void> {
  try {
    await fsMkdir(dir, 0o777);
  } catch (err) {
    const code = errCode(err);
    if (code !== 'EEXIST') throw new LaunchError(code, dir);
    const st = await fsStat(dir).catch(() => undefined);
    if (!st?.isDirectory()) throw new LaunchError(st ? 'ENOTDIR' : code, dir);
  }
}

/** ELF or `#!`: something execve runs without ENOEXEC (where binfmt_misc is unused) */
async function hasExecHeader(file: string): Promise<boolean> {
  let fd: number;
  try {
    fd = await fsOpen(file, 'r');
  } catch {
    return true; // not readable (e.g. mode 0111): let execve decide
  }
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fsRead(fd, buf, 0, 4, 0);
    const head = buf.subarray(0, bytesRead);
    return head.equals(Buffer.from('\x7fELF', 'latin1')) || head.subarray(0, 2).toString('latin1') === '#!';
  } catch {
    return true;
  } finally {
    fs.close(fd, () => {});
  }
}

/** What execve would fail with for this file (errno code), or undefined when it is runnable. */
async function programError(file: string): Promise<string | undefined> {
  if (goodPrograms.has(file)) return undefined;
  let st: fs.Stats;
  try {
    st = await fsStat(file);
  } catch (err) {
    return errCode(err);
  }
  if (!st.isFile()) return 'EACCES';
  try {
    await fsAccess(file, fs.constants.X_OK);
  } catch {
    return 'EACCES';
  }
  if (checkExecFormat && !(await hasExecHeader(file))) return 'ENOEXEC';
  cacheAdd(goodPrograms, file, true);
  return undefined;
}

/**
 * The file to execute, resolved like execvp with the job's PATH: a name with '/' is taken as is (relative to
 * wd), otherwise the PATH directories are searched; the first error other than ENOENT/ENOTDIR is reported, as
 * Python's subprocess does. Errors name the program as given.
 */
async function resolveProgram(exec: string, wd: string, searchPath: string): Promise<string> {
  if (exec === '') throw new LaunchError('ENOENT', exec);
  if (exec.includes('/')) {
    const file = joinPath(wd, exec);
    const code = await programError(file);
    if (code) throw new LaunchError(code, exec);
    return file;
  }
  const key = searchPath + '\0' + exec;
  const cached = pathLookups.get(key);
  if (cached !== undefined) return cached;
  const dirs = searchPath.split(':');
  let firstError: string | undefined;
  for (const dir of dirs) {
    // relative entries ('' = current directory) are relative to wd, as the child chdirs first
    const file = joinPath(wd, joinPath(dir, exec));
    const code = await programError(file);
    if (!code) {
      if (dirs.every((d) => d.startsWith('/'))) cacheAdd(pathLookups, key, file);
      return file;
    }
    if (code !== 'ENOENT' && code !== 'ENOTDIR') firstError ??= code;
  }
  throw new LaunchError(firstError ?? 'ENOENT', exec);
}

function forgetProgram(exec: string, wd: string, searchPath: string): void {
  goodPrograms.delete(joinPath(wd, exec));
  const key = searchPath + '\0' + exec;
  const file = pathLookups.get(key);
  if (file !== undefined) goodPrograms.delete(file);
  pathLookups.delete(key);
}

// ---------------------------------------------------------------------------------------------------------------
// Tasks

interface Task {
  id: number;
  cmd: LaunchCommand;
  /** set once spawned (Node path) */
  child?: ChildProcess;
  /** > 0 once spawned */
  pid: number;
  /** handed to the launcher, waiting for its S/E report */
  inLauncher?: boolean;
  /** a cancel arrived while in the launcher: terminate as soon as it is spawned */
  cancelPending?: boolean;
  /** handed to the launcher once (its frame is ahead of any later one) */
  handed?: boolean;
  /** chained launches (LaunchCommand.after) waiting for this task to be handed to the launcher or to end */
  followers?: Task[];
  t0: bigint;
  /** why the agent is terminating it (first one wins) */
  reason?: 'walltime' | 'cancel';
  /** cancelled before the spawn: the launch pipeline must stop */
  aborted: boolean;
  /** launched a second time without the wd cache (see launch) */
  retried: boolean;
  killTimer?: NodeJS.Timeout;
  wallTimer?: NodeJS.Timeout;
}

const tasks = new Map<number, Task>();
/** the agent's environment, copied once (reading process.env goes through a slow accessor) */
const baseEnv: Record<string, string | undefined> = { ...process.env };
let shuttingDown = false;

function exitReport(task: Task, fields: Omit<ExitReport, 't' | 'id'>): void {
  tasks.delete(task.id);
  report({ t: 'exited', id: task.id, ...fields });
  releaseFollowers(task); // its cores are free
  maybeFinishShutdown();
}

/**
 * Chained launches wait here for their predecessor: with the launcher, only until the predecessor's frame has
 * gone to it (the launcher then starts them the moment it reaps the predecessor); with Node's spawn, until the
 * predecessor has ended.
 */
function releaseFollowers(task: Task): void {
  const list = task.followers;
  if (!list) return;
  task.followers = undefined;
  for (const f of list) if (!f.aborted) void launch(f);
}

function neverStarted(task: Task, reason: ExitReport['reason'], message?: string): void {
  const r: Omit<ExitReport, 't' | 'id'> = { pid: -1, exitCode: -1, rtimeUs: 0, reason };
  if (message !== undefined) r.message = message;
  exitReport(task, r);
}

function onLaunch(cmd: LaunchCommand): void {
  if (tasks.has(cmd.id)) {
    log(`duplicate task id ${cmd.id}: launch ignored`);
    return;
  }
  const task: Task = { id: cmd.id, cmd, pid: -1, t0: 0n, aborted: false, retried: false };
  tasks.set(cmd.id, task);
  if (shuttingDown) return neverStarted(task, 'cancel');
  const predecessor = cmd.after === undefined ? undefined : tasks.get(cmd.after);
  if (predecessor && !(launcher && predecessor.handed)) {
    (predecessor.followers ??= []).push(task);
    return;
  }
  void launch(task);
}

/**
 * Prepare and spawn. On the hot path (wd and program cached, no stdio files) there is no I/O before the spawn,
 * only microtask turns; a cancel read in the same input chunk still wins. A cached wd that has been deleted
 * since shows up as ENOENT: the launch is retried once without the cache.
 */
async function launch(task: Task): Promise<void> {
  if (task.aborted) return;
  const { cmd } = task;
  const searchPath = (cmd.env?.PATH ?? baseEnv.PATH) ?? DEFAULT_PATH;
  const wdCached = knownDirs.has(cmd.wd);
  if (!wdCached) {
    try {
      await makeDirs(cmd.wd);
    } catch (err) {
      if (task.aborted) return;
      tasks.delete(task.id);
      report({ t: 'wdFailed', id: task.id, message: launchErrorMessage(err, cmd.wd) });
      return maybeFinishShutdown();
    }
    if (task.aborted) return;
    cacheAdd(knownDirs, cmd.wd, true);
  }
  let file: string;
  let fds: (number | 'ignore')[];
  try {
    file = await resolveProgram(cmd.exec, cmd.wd, searchPath);
    if (task.aborted) return;
    if (launcher) return launcher.start(task, file);
    fds = await openStdio(task); // closes what it opened when it fails
  } catch (err) {
    if (task.aborted) return;
    if (errCode(err) === 'ENOENT' && wdCached && !task.retried) {
      knownDirs.delete(cmd.wd);
      return retryLaunch(task);
    }
    return neverStarted(task, 'launch', launchErrorMessage(err, cmd.exec));
  }
  if (task.aborted) return closeFds(fds);
  const env = Object.keys(cmd.env ?? {}).length ? { ...baseEnv, ...cmd.env } : baseEnv;
  startProcess(task, file, fds, env); // owns the fds from here
}

function retryLaunch(task: Task): Promise<void> {
  task.retried = true;
  return launch(task);
}

function launchErrorMessage(err: unknown, path: string): string {
  if (err instanceof LaunchError) return err.message;
  return osErrorMessage(errCode(err), path);
}

/** stdin (default /dev/null), stdout, stderr opened in this order, like QCG-PilotJob; one fd when stdout = stderr */
async function openStdio(task: Task): Promise<(number | 'ignore')[]> {
  const { wd, stdin, stdout, stderr } = task.cmd;
  const fds: (number | 'ignore')[] = [];
  try {
    fds.push(stdin ? await openIn(wd, stdin, 'r') : 'ignore');
    const outPath = stdout ? joinPath(wd, stdout) : undefined;
    fds.push(stdout ? await openIn(wd, stdout, 'w') : 'ignore');
    if (stderr && outPath !== undefined && joinPath(wd, stderr) === outPath) fds.push(fds[1]);
    else fds.push(stderr ? await openIn(wd, stderr, 'w') : 'ignore');
    return fds;
  } catch (err) {
    closeFds(fds);
    throw err;
  }
}

async function openIn(wd: string, p: string, flags: 'r' | 'w'): Promise<number> {
  const path = joinPath(wd, p);
  try {
    return await fsOpen(path, flags, 0o666);
  } catch (err) {
    throw new LaunchError(errCode(err), p); // the path as given (jobs.md §7 stage L)
  }
}

function closeFds(fds: (number | 'ignore')[]): void {
  for (const fd of new Set(fds)) if (typeof fd === 'number') fs.close(fd, () => {});
}

function startProcess(task: Task, file: string, fds: (number | 'ignore')[], env: Record<string, string | undefined>) {
  const { cmd } = task;
  let child: ChildProcess;
  const t0 = process.hrtime.bigint();
  try {
    child = spawn(file, cmd.args ?? [], {
      argv0: cmd.exec,
      cwd: cmd.wd,
      env,
      stdio: fds as StdioOptions,
      detached: true, // own session and process group: signals go to the whole group
    });
  } catch (err) {
    // e.g. ENOTDIR, ENAMETOOLONG are thrown synchronously by spawn
    return onSpawnError(task, err);
  } finally {
    closeFds(fds); // the child holds its own copies
  }
  if (child.pid === undefined) {
    // ENOENT, EACCES, EAGAIN, EMFILE... arrive as an 'error' event
    child.once('error', (err) => onSpawnError(task, err));
    return;
  }
  task.child = child;
  task.pid = child.pid;
  task.t0 = t0;
  report({ t: 'started', id: task.id, pid: task.pid, atUs: nowUs() });
  child.once('exit', (code, signal) =>
    onProcessExit(task, code ?? -(os.constants.signals[signal as NodeJS.Signals] ?? 0), Number((process.hrtime.bigint() - t0) / 1000n)),
  );
  child.on('error', (err) => log(`task ${task.id}: ${err.message}`));
  if (cmd.wallTimeMs !== undefined && cmd.wallTimeMs !== null) armWallTimer(task, cmd.wallTimeMs);
}

/** setTimeout fires at once for delays over 2^31-1 ms (24.8 days): chain shorter ones */
function armWallTimer(task: Task, ms: number): void {
  const step = Math.min(ms, MAX_TIMER_MS);
  task.wallTimer = setTimeout(() => (ms > step ? armWallTimer(task, ms - step) : terminate(task, 'walltime')), step);
}

/** The spawn failed although the program looked fine: it or the wd vanished in between. */
function onSpawnError(task: Task, err: unknown): void {
  if (task.aborted || !tasks.has(task.id)) return;
  const { cmd } = task;
  forgetProgram(cmd.exec, cmd.wd, (cmd.env?.PATH ?? baseEnv.PATH) ?? DEFAULT_PATH);
  const wasCached = knownDirs.delete(cmd.wd);
  fs.stat(cmd.wd, (statErr) => {
    if (task.aborted) return;
    // like Python's subprocess: a failed chdir names the directory, anything else the program
    if (statErr && wasCached && !task.retried) void retryLaunch(task);
    else if (statErr) neverStarted(task, 'launch', osErrorMessage(errCode(statErr), cmd.wd));
    else neverStarted(task, 'launch', osErrorMessage(errCode(err), cmd.exec));
  });
}

/** exitCode: exit status, or -<signal number> when killed by a signal */
function onProcessExit(task: Task, exitCode: number, rtimeUs: number): void {
  clearTimeout(task.killTimer);
  clearTimeout(task.wallTimer);
  // a terminated job: kill whatever of its process group is left (a normally exiting job is not touched)
  if (task.reason) signalGroup(task.pid, 'SIGKILL');
  const r: Omit<ExitReport, 't' | 'id'> = { pid: task.pid, exitCode, rtimeUs };
  if (task.reason) r.reason = task.reason;
  if (task.cmd.resultFile) readResult(task.cmd, r);
  exitReport(task, r);
}

/** The job's declared result file (manager's `attributes.resultFile`), cut at resultMaxBytes; absent if unreadable. */
function readResult(cmd: LaunchCommand, r: Omit<ExitReport, 't' | 'id'>): void {
  let fd: number | undefined;
  try {
    const f = cmd.resultFile!;
    fd = fs.openSync(f.startsWith('/') ? f : `${cmd.wd}/${f}`, 'r');
    const buf = Buffer.alloc(Math.max(0, cmd.resultMaxBytes ?? 65536));
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    r.result = buf.toString('utf8', 0, n);
  } catch {
    // no result file: nothing to report (the export shows an empty result)
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}

/** SIGTERM to the task's process group now, SIGKILL after the grace if the leader still runs */
function terminate(task: Task, reason: 'walltime' | 'cancel'): void {
  if (task.reason) return;
  task.reason = reason;
  signalGroup(task.pid, 'SIGTERM');
  const grace = Math.min(task.cmd.killGraceMs ?? DEFAULT_KILL_GRACE_MS, MAX_TIMER_MS);
  task.killTimer = setTimeout(() => signalGroup(task.pid, 'SIGKILL'), grace);
}

function cancel(task: Task): void {
  if (task.pid > 0) return terminate(task, 'cancel');
  if (task.inLauncher) {
    task.cancelPending = true;
    launcher?.drop(task); // a chained launch the launcher still holds ends at once
    return;
  }
  task.aborted = true;
  neverStarted(task, 'cancel');
}

// ---------------------------------------------------------------------------------------------------------------
// The fast spawn path: pilotmq-launcher (launcher.c) next to this file, when it was built. It spawns with
// posix_spawn from a tiny process (about twice Node's rate) and reaps; every decision stays here.
// PILOTMQ_LAUNCHER=node disables it; PILOTMQ_LAUNCHER=<path> names another binary.

interface Launcher {
  start(task: Task, file: string): void;
  /** forget a chained launch it still holds (reported as E … cancel); no effect once spawned */
  drop(task: Task): void;
}

const errnoNames = new Map(Object.entries(os.constants.errno as Record<string, number>).map(([k, v]) => [v, k]));

function startLauncher(): Launcher | null {
  const choice = process.env.PILOTMQ_LAUNCHER;
  if (choice === 'node') return null;
  const bin = choice || new URL('./pilotmq-launcher', import.meta.url).pathname;
  try {
    fs.accessSync(bin, fs.constants.X_OK);
  } catch {
    return null;
  }
  const proc = spawn(bin, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  proc.on('error', (err) => die(new Error(`launcher ${bin}: ${err.message}`)));
  proc.on('exit', (code, signal) => {
    if (!exiting) die(new Error(`launcher exited (${code ?? signal})`));
  });
  proc.stdin!.on('error', () => {}); // reported through 'exit'
  const pending = new Map<string, Task>(); // by task id, until S or E
  const byPid = new Map<number, Task>();
  // The job environment as `K=V` strings: the agent's own entries not overridden by the job (cached per set
  // of overridden names, which is the same for almost every job), then the job's.
  let base: { names: string; list: string[] } = { names: '', list: [] };
  const envList = (overlay: Record<string, string>): string[] => {
    const keys = Object.keys(overlay);
    const names = keys.join('\0');
    if (base.names !== names || !base.list.length) {
      const skip = new Set(keys);
      base = { names, list: Object.keys(baseEnv).filter((k) => !skip.has(k) && baseEnv[k] !== undefined).map((k) => `${k}=${baseEnv[k]}`) };
    }
    return base.list.concat(keys.map((k) => `${k}=${overlay[k]}`));
  };
  const onLine = (line: string): void => {
    const f = line.split(' ');
    if (f[0] === 'S' || f[0] === 'E') {
      const task = pending.get(f[1]);
      if (!task) return;
      pending.delete(f[1]);
      task.inLauncher = false;
      if (f[0] === 'S') {
        task.pid = Number(f[2]);
        byPid.set(task.pid, task);
        report({ t: 'started', id: task.id, pid: task.pid, atUs: nowUs() });
        if (task.cmd.wallTimeMs !== undefined && task.cmd.wallTimeMs !== null) armWallTimer(task, task.cmd.wallTimeMs);
        if (task.cancelPending) terminate(task, 'cancel');
      } else {
        const code = errnoNames.get(Number(f[2])) ?? 'EIO';
        const what = f[3] as 'exec' | 'stdin' | 'stdout' | 'stderr';
        const { cmd } = task;
        if (task.cancelPending) return neverStarted(task, 'cancel');
        // the same recovery and messages as the Node path: a vanished cached wd is created again
        if (what === 'exec') return onSpawnError(task, Object.assign(new Error(code), { code }));
        if (code === 'ENOENT' && knownDirs.delete(cmd.wd) && !task.retried) return void retryLaunch(task);
        neverStarted(task, 'launch', osErrorMessage(code, cmd[what]!)); // the path as given
      }
    } else if (f[0] === 'X') {
      const task = byPid.get(Number(f[1]));
      if (!task) return;
      byPid.delete(task.pid);
      const sig = Number(f[3]);
      onProcessExit(task, sig ? -sig : Number(f[2]), Number(f[4]));
    }
  };
  const send = (parts: string[]) => {
    const payload = Buffer.from(parts.join('\0') + '\0');
    const frame = Buffer.allocUnsafe(4 + payload.length);
    frame.writeUInt32LE(payload.length, 0);
    payload.copy(frame, 4);
    proc.stdin!.write(frame);
  };
  let rest = '';
  proc.stdout!.setEncoding('utf8');
  proc.stdout!.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    for (const l of lines) if (l) onLine(l);
  });

  return {
    start(task, file) {
      const { cmd } = task;
      const env = envList(cmd.env ?? {});
      const abs = (p: string | undefined) => (p ? joinPath(cmd.wd, p) : '');
      const parts = [
        String(task.id),
        cmd.after === undefined ? '' : String(cmd.after),
        cmd.wd,
        abs(cmd.stdin),
        abs(cmd.stdout),
        abs(cmd.stderr),
        file.startsWith('/') ? file : joinPath(cmd.wd, file),
        String(1 + (cmd.args?.length ?? 0)),
        cmd.exec,
        ...(cmd.args ?? []),
        String(env.length),
        ...env,
      ];
      task.inLauncher = true;
      task.handed = true;
      task.t0 = process.hrtime.bigint();
      pending.set(String(task.id), task);
      send(parts);
      releaseFollowers(task);
    },
    drop(task) {
      send(['!', String(task.id)]);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Shutdown: terminate everything, report, exit

function shutdown(why: string): void {
  if (shuttingDown) return;
  shuttingDown = true;
  if (why !== 'shutdown' && tasks.size > 0) log(`${why}: terminating ${tasks.size} task(s)`);
  for (const task of [...tasks.values()]) cancel(task);
  maybeFinishShutdown();
}

let exiting = false;

function maybeFinishShutdown(): void {
  if (!shuttingDown || tasks.size > 0 || exiting) return;
  exiting = true;
  flush();
  process.stdin.destroy();
  if (outBroken) process.exit(0);
  process.stdout.write('', () => process.exit(0));
  setTimeout(() => process.exit(0), 5000); // a manager that does not read any more
}

/** last resort on an agent bug: no job may survive us */
function die(err: unknown): void {
  log(`fatal: ${(err as Error)?.stack ?? err}`);
  for (const task of tasks.values()) if (task.pid > 0) signalGroup(task.pid, 'SIGKILL');
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------------------------
// Commands

function onCommand(cmd: AgentCommand): void {
  switch (cmd.t) {
    case 'launch':
      return onLaunch(cmd);
    case 'cancel': {
      const task = tasks.get(cmd.id);
      if (task) cancel(task);
      return;
    }
    case 'shutdown':
      return shutdown('shutdown');
    default:
      log(`unknown command ${JSON.stringify(cmd)}`);
  }
}

function onLine(line: string): void {
  let cmd: AgentCommand;
  try {
    cmd = JSON.parse(line);
  } catch {
    log(`not a JSON command: ${line.slice(0, 200)}`);
    return;
  }
  onCommand(cmd);
}

function main(): void {
  process.on('uncaughtException', die);
  process.on('unhandledRejection', die);
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(sig, () => shutdown(sig));
  process.stdout.on('error', () => {
    outBroken = true;
    shutdown('stdout closed');
  });

  let rest = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    for (const line of lines) if (line.trim()) onLine(line);
  });
  process.stdin.on('end', () => shutdown('stdin closed'));
  process.stdin.on('error', (err) => shutdown(`stdin error (${err.message})`));

  launcher = startLauncher();
  report({ t: 'ready', pid: process.pid });
}

let launcher: Launcher | null = null;

// `node agent.js` runs the agent; importing this file (plain SSH mode borrows osErrorMessage) does not
if (isMainModule()) main();

function isMainModule(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return fs.realpathSync(script) === fs.realpathSync(new URL(import.meta.url));
  } catch {
    return true; // cannot tell: behave as the program
  }
}
