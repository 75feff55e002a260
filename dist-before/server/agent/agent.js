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
 *
 * On an SSH host the agent must outlive the SSH channel (a dropped connection is re-established and its jobs
 * recovered): there it runs as `node agent.mjs --attach DIR` (section "Remote agent" below), a bridge from the channel to a
 * detached agent daemon listening on DIR/agent.sock, started by the first bridge. The daemon records each job in
 * its job directory (pgid, exit; server/executor/ssh/job-dir.ts) and kills its jobs when no manager has been
 * heard for the attach's `orphanMs` (README "SSH hosts").
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { promisify } from 'node:util';
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
export const ERRNO = {
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
function pyRepr(s) {
    const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
    let out = quote;
    for (const ch of s) {
        const c = ch.codePointAt(0);
        if (ch === '\\' || ch === quote)
            out += '\\' + ch;
        else if (ch === '\n')
            out += '\\n';
        else if (ch === '\r')
            out += '\\r';
        else if (ch === '\t')
            out += '\\t';
        else if (c < 0x20 || c === 0x7f)
            out += '\\x' + c.toString(16).padStart(2, '0');
        else
            out += ch;
    }
    return out + quote;
}
export function osErrorMessage(code, path) {
    const known = ERRNO[code];
    const num = known?.[0] ?? os.constants.errno[code] ?? 0;
    const text = known?.[1] ?? code;
    return `[Errno ${num}] ${text}: ${pyRepr(path)}`;
}
/** A failed launch step: the errno code and the path the message names. */
class LaunchError extends Error {
    code;
    path;
    constructor(code, path) {
        super(osErrorMessage(code, path));
        this.code = code;
        this.path = path;
    }
}
function errCode(err) {
    return err?.code ?? 'EIO';
}
// ---------------------------------------------------------------------------------------------------------------
// Reports: collected during one turn of the event loop and written at once
let outLines = [];
let flushScheduled = false;
/** stdout is gone (EPIPE): the manager cannot hear us any more */
let outBroken = false;
/** where reports go: stdout, or the attached client of a remote agent daemon (none: dropped, see recover) */
let writeOut = (data) => {
    if (!outBroken)
        process.stdout.write(data);
};
function report(r) {
    outLines.push(JSON.stringify(r));
    if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
    }
}
function flush() {
    flushScheduled = false;
    if (outLines.length === 0)
        return;
    const data = outLines.join('\n') + '\n';
    outLines = [];
    writeOut(data);
}
/** wall clock, epoch microseconds */
function nowUs() {
    return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}
function log(msg) {
    process.stderr.write(`pilotmq-agent[${process.pid}]: ${msg}\n`);
}
// ---------------------------------------------------------------------------------------------------------------
// Caches (positive results only): existing working directories, resolved programs
function cacheAdd(cache, key, value) {
    if (cache.size >= CACHE_LIMIT)
        cache.clear();
    cache.set(key, value);
}
/** working directories known to exist */
const knownDirs = new Map();
/** absolute program file → known executable; `PATH\0name` → resolved file */
const goodPrograms = new Map();
const pathLookups = new Map();
/**
 * When binfmt_misc handlers are registered the kernel runs more than ELF and `#!` files, so the ENOEXEC
 * pre-check is skipped. (Needed at all because glibc's execvp, used by libuv, runs an ENOEXEC file with
 * /bin/sh, where Python's subprocess fails with `[Errno 8] Exec format error`.)
 */
const checkExecFormat = (() => {
    try {
        return fs.readdirSync('/proc/sys/fs/binfmt_misc').every((n) => n === 'register' || n === 'status');
    }
    catch {
        return true;
    }
})();
/** os.path.join(dir, p) for a relative p; p itself when absolute */
function joinPath(dir, p) {
    if (p.startsWith('/'))
        return p;
    if (dir === '' || dir.endsWith('/'))
        return dir + p;
    return dir + '/' + p;
}
function parentDir(p) {
    const trimmed = p.replace(/\/+$/, '');
    const i = trimmed.lastIndexOf('/');
    return i <= 0 ? '/' : trimmed.slice(0, i);
}
/**
 * `mkdir -p` naming the component that failed, like Python's os.makedirs. (Not fs.mkdir's recursive mode: it
 * spins forever where mkdir keeps failing with ENOENT under an existing parent, e.g. /proc/1/x/y.)
 */
async function makeDirs(dir) {
    try {
        return await mkdirOne(dir);
    }
    catch (err) {
        const parent = parentDir(dir);
        if (!(err instanceof LaunchError) || err.code !== 'ENOENT' || parent === dir)
            throw err;
        await makeDirs(parent);
        return mkdirOne(dir); // once more only: the parent exists now
    }
}
/** mkdir that accepts an existing directory */
async function mkdirOne(dir) {
    try {
        await fsMkdir(dir, 0o777);
    }
    catch (err) {
        const code = errCode(err);
        if (code !== 'EEXIST')
            throw new LaunchError(code, dir);
        const st = await fsStat(dir).catch(() => undefined);
        if (!st?.isDirectory())
            throw new LaunchError(st ? 'ENOTDIR' : code, dir);
    }
}
/** ELF or `#!`: something execve runs without ENOEXEC (where binfmt_misc is unused) */
async function hasExecHeader(file) {
    let fd;
    try {
        fd = await fsOpen(file, 'r');
    }
    catch {
        return true; // not readable (e.g. mode 0111): let execve decide
    }
    try {
        const buf = Buffer.alloc(4);
        const { bytesRead } = await fsRead(fd, buf, 0, 4, 0);
        const head = buf.subarray(0, bytesRead);
        return head.equals(Buffer.from('\x7fELF', 'latin1')) || head.subarray(0, 2).toString('latin1') === '#!';
    }
    catch {
        return true;
    }
    finally {
        fs.close(fd, () => { });
    }
}
/** What execve would fail with for this file (errno code), or undefined when it is runnable. */
async function programError(file) {
    if (goodPrograms.has(file))
        return undefined;
    let st;
    try {
        st = await fsStat(file);
    }
    catch (err) {
        return errCode(err);
    }
    if (!st.isFile())
        return 'EACCES';
    try {
        await fsAccess(file, fs.constants.X_OK);
    }
    catch {
        return 'EACCES';
    }
    if (checkExecFormat && !(await hasExecHeader(file)))
        return 'ENOEXEC';
    cacheAdd(goodPrograms, file, true);
    return undefined;
}
/**
 * The file to execute, resolved like execvp with the job's PATH: a name with '/' is taken as is (relative to
 * wd), otherwise the PATH directories are searched; the first error other than ENOENT/ENOTDIR is reported, as
 * Python's subprocess does. Errors name the program as given.
 */
async function resolveProgram(exec, wd, searchPath) {
    if (exec === '')
        throw new LaunchError('ENOENT', exec);
    if (exec.includes('/')) {
        const file = joinPath(wd, exec);
        const code = await programError(file);
        if (code)
            throw new LaunchError(code, exec);
        return file;
    }
    const key = searchPath + '\0' + exec;
    const cached = pathLookups.get(key);
    if (cached !== undefined)
        return cached;
    const dirs = searchPath.split(':');
    let firstError;
    for (const dir of dirs) {
        // relative entries ('' = current directory) are relative to wd, as the child chdirs first
        const file = joinPath(wd, joinPath(dir, exec));
        const code = await programError(file);
        if (!code) {
            if (dirs.every((d) => d.startsWith('/')))
                cacheAdd(pathLookups, key, file);
            return file;
        }
        if (code !== 'ENOENT' && code !== 'ENOTDIR')
            firstError ??= code;
    }
    throw new LaunchError(firstError ?? 'ENOENT', exec);
}
function forgetProgram(exec, wd, searchPath) {
    goodPrograms.delete(joinPath(wd, exec));
    const key = searchPath + '\0' + exec;
    const file = pathLookups.get(key);
    if (file !== undefined)
        goodPrograms.delete(file);
    pathLookups.delete(key);
}
const tasks = new Map();
/** the agent's environment, copied once (reading process.env goes through a slow accessor) */
const baseEnv = { ...process.env };
let shuttingDown = false;
function exitReport(task, fields) {
    if (task.stale)
        return;
    tasks.delete(task.id);
    const r = { t: 'exited', id: task.id, ...fields };
    if (jobsDir)
        unacked.set(task.id, { r, startUs: task.startUs }); // (remote daemon) until acknowledged: see recover
    report(r);
    passOnFollowers(task);
    maybeFinishShutdown();
}
/**
 * Chained launches wait here for their predecessor: with the launcher, only until the predecessor's frame has
 * gone to it (the launcher then starts them the moment it reaps the predecessor); with Node's spawn, until the
 * predecessor has ended.
 */
function releaseFollowers(task) {
    const list = task.followers;
    if (!list)
        return;
    task.followers = undefined;
    for (const f of list)
        if (!f.aborted)
            void launch(f);
}
/**
 * Chained tasks that ended without running while the task they were chained behind is still there: launches
 * chained behind them wait for that task instead (its cores are not free). By task id, until that task ends.
 */
const endedEarly = new Map();
/** The task a launch chained behind `id` waits for: `id` itself, or what it waited for when it ended early. */
function chainPredecessor(id) {
    for (let at = id, hops = 0; at !== undefined && hops < 64; at = endedEarly.get(at), hops++) {
        const task = tasks.get(at);
        if (task)
            return task;
    }
    return undefined;
}
/** Chain `task` behind `predecessor` (a live task): the launcher holds it, or it waits here (releaseFollowers). */
function follow(task, predecessor) {
    task.cmd.after = predecessor.id;
    if (launcher && predecessor.handed)
        void launch(task);
    else
        (predecessor.followers ??= []).push(task);
}
/**
 * A task ended: what was chained behind it may start, its cores being free — unless it never ran and the task
 * it was chained behind is still there. Then those cores are still taken, and its followers (now and later
 * ones) wait for that task instead.
 */
function passOnFollowers(task) {
    for (const id of task.earlyFollowers ?? [])
        endedEarly.delete(id);
    const before = task.pid <= 0 && task.cmd.after !== undefined ? chainPredecessor(task.cmd.after) : undefined;
    if (!before)
        return releaseFollowers(task);
    endedEarly.set(task.id, before.id);
    (before.earlyFollowers ??= []).push(task.id);
    const list = task.followers ?? [];
    task.followers = undefined;
    for (const f of list)
        if (!f.aborted)
            follow(f, before);
}
function neverStarted(task, reason, message) {
    const r = { pid: -1, exitCode: -1, rtimeUs: 0, reason };
    if (message !== undefined)
        r.message = message;
    exitReport(task, r);
}
function onLaunch(cmd) {
    if (tasks.has(cmd.id)) {
        log(`duplicate task id ${cmd.id}: launch ignored`);
        return;
    }
    const task = { id: cmd.id, cmd, pid: -1, t0: 0n, aborted: false, retried: false };
    tasks.set(cmd.id, task);
    if (shuttingDown)
        return neverStarted(task, 'cancel');
    if (jobsDir)
        task.dir = makeJobDir(cmd.id);
    const predecessor = cmd.after === undefined ? undefined : chainPredecessor(cmd.after);
    if (predecessor)
        return follow(task, predecessor);
    void launch(task);
}
/**
 * Prepare and spawn. On the hot path (wd and program cached, no stdio files) there is no I/O before the spawn,
 * only microtask turns; a cancel read in the same input chunk still wins. A cached wd that has been deleted
 * since shows up as ENOENT: the launch is retried once without the cache.
 */
async function launch(task) {
    if (task.aborted)
        return;
    const { cmd } = task;
    const searchPath = (cmd.env?.PATH ?? baseEnv.PATH) ?? DEFAULT_PATH;
    const wdCached = knownDirs.has(cmd.wd);
    if (!wdCached) {
        try {
            await makeDirs(cmd.wd);
        }
        catch (err) {
            if (task.aborted)
                return;
            tasks.delete(task.id);
            report({ t: 'wdFailed', id: task.id, message: launchErrorMessage(err, cmd.wd) });
            passOnFollowers(task);
            return maybeFinishShutdown();
        }
        if (task.aborted)
            return;
        cacheAdd(knownDirs, cmd.wd, true);
    }
    let file;
    let fds;
    try {
        file = await resolveProgram(cmd.exec, cmd.wd, searchPath);
        if (task.aborted)
            return;
        if (launcher)
            return launcher.start(task, file);
        fds = await openStdio(task); // closes what it opened when it fails
    }
    catch (err) {
        if (task.aborted)
            return;
        if (errCode(err) === 'ENOENT' && wdCached && !task.retried) {
            knownDirs.delete(cmd.wd);
            return retryLaunch(task);
        }
        return neverStarted(task, 'launch', launchErrorMessage(err, cmd.exec));
    }
    if (task.aborted)
        return closeFds(fds);
    const env = Object.keys(cmd.env ?? {}).length ? { ...baseEnv, ...cmd.env } : baseEnv;
    startProcess(task, file, fds, env); // owns the fds from here
}
function retryLaunch(task) {
    task.retried = true;
    return launch(task);
}
function launchErrorMessage(err, path) {
    if (err instanceof LaunchError)
        return err.message;
    return osErrorMessage(errCode(err), path);
}
/** stdin (default /dev/null), stdout, stderr opened in this order, like QCG-PilotJob; one fd when stdout = stderr */
async function openStdio(task) {
    const { wd, stdin, stdout, stderr } = task.cmd;
    const fds = [];
    try {
        fds.push(stdin ? await openIn(wd, stdin, 'r') : 'ignore');
        const outPath = stdout ? joinPath(wd, stdout) : undefined;
        fds.push(stdout ? await openIn(wd, stdout, 'w') : 'ignore');
        if (stderr && outPath !== undefined && joinPath(wd, stderr) === outPath)
            fds.push(fds[1]);
        else
            fds.push(stderr ? await openIn(wd, stderr, 'w') : 'ignore');
        return fds;
    }
    catch (err) {
        closeFds(fds);
        throw err;
    }
}
async function openIn(wd, p, flags) {
    const path = joinPath(wd, p);
    try {
        return await fsOpen(path, flags, 0o666);
    }
    catch (err) {
        throw new LaunchError(errCode(err), p); // the path as given (jobs.md §7 stage L)
    }
}
function closeFds(fds) {
    for (const fd of new Set(fds))
        if (typeof fd === 'number')
            fs.close(fd, () => { });
}
function startProcess(task, file, fds, env) {
    const { cmd } = task;
    let child;
    const t0 = process.hrtime.bigint();
    try {
        child = spawn(file, cmd.args ?? [], {
            argv0: cmd.exec,
            cwd: cmd.wd,
            env,
            stdio: fds,
            detached: true, // own session and process group: signals go to the whole group
        });
    }
    catch (err) {
        // e.g. ENOTDIR, ENAMETOOLONG are thrown synchronously by spawn
        return onSpawnError(task, err);
    }
    finally {
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
    onSpawned(task);
    child.once('exit', (code, signal) => onProcessExit(task, code ?? -(os.constants.signals[signal] ?? 0), Number((process.hrtime.bigint() - t0) / 1000n)));
    child.on('error', (err) => log(`task ${task.id}: ${err.message}`));
    if (cmd.wallTimeMs !== undefined && cmd.wallTimeMs !== null)
        armWallTimer(task, cmd.wallTimeMs);
}
/** The process exists: report it (and record it in its job directory, on a remote agent). */
function onSpawned(task) {
    task.startUs = nowUs();
    if (task.dir)
        writeJobFile(task.dir, PGID_FILE, String(task.pid));
    report({ t: 'started', id: task.id, pid: task.pid, atUs: task.startUs });
}
/** setTimeout fires at once for delays over 2^31-1 ms (24.8 days): chain shorter ones */
function armWallTimer(task, ms) {
    const step = Math.min(ms, MAX_TIMER_MS);
    task.wallTimer = setTimeout(() => (ms > step ? armWallTimer(task, ms - step) : terminate(task, 'walltime')), step);
}
/** The spawn failed although the program looked fine: it or the wd vanished in between. */
function onSpawnError(task, err) {
    if (task.aborted || !tasks.has(task.id))
        return;
    const { cmd } = task;
    forgetProgram(cmd.exec, cmd.wd, (cmd.env?.PATH ?? baseEnv.PATH) ?? DEFAULT_PATH);
    const wasCached = knownDirs.delete(cmd.wd);
    fs.stat(cmd.wd, (statErr) => {
        if (task.aborted)
            return;
        // like Python's subprocess: a failed chdir names the directory, anything else the program
        if (statErr && wasCached && !task.retried)
            void retryLaunch(task);
        else if (statErr)
            neverStarted(task, 'launch', osErrorMessage(errCode(statErr), cmd.wd));
        else
            neverStarted(task, 'launch', osErrorMessage(errCode(err), cmd.exec));
    });
}
/** exitCode: exit status, or -<signal number> when killed by a signal */
function onProcessExit(task, exitCode, rtimeUs) {
    clearTimeout(task.killTimer);
    clearTimeout(task.wallTimer);
    // a terminated job: kill whatever of its process group is left (a normally exiting job is not touched)
    if (task.reason)
        signalGroup(task.pid, 'SIGKILL');
    const r = { pid: task.pid, exitCode, rtimeUs };
    if (task.reason)
        r.reason = task.reason;
    if (task.cmd.resultFile)
        readResult({ file: task.cmd.resultFile, wd: task.cmd.wd, maxBytes: task.cmd.resultMaxBytes }, r);
    if (task.reason === 'hostLost')
        r.message = `killed on the host: no manager heard for ${orphanMs} ms`;
    if (task.dir && !task.stale) {
        // the reason first: an `exit` file is complete once it exists
        if (task.reason)
            writeJobFile(task.dir, REASON_FILE, task.reason);
        writeJobFile(task.dir, EXIT_FILE, String(exitCode));
    }
    exitReport(task, r);
}
/** The job's declared result file (manager's `attributes.resultFile`), cut at resultMaxBytes; absent if unreadable. */
function readResult(res, r) {
    let fd;
    try {
        const f = res.file;
        fd = fs.openSync(f.startsWith('/') ? f : `${res.wd}/${f}`, 'r');
        const buf = Buffer.alloc(Math.max(0, res.maxBytes ?? 65536));
        const n = fs.readSync(fd, buf, 0, buf.length, 0);
        r.result = buf.toString('utf8', 0, n);
    }
    catch {
        // no result file: nothing to report (the export shows an empty result)
    }
    finally {
        if (fd !== undefined)
            fs.closeSync(fd);
    }
}
function signalGroup(pid, signal) {
    try {
        process.kill(-pid, signal);
    }
    catch {
        // ESRCH: the group is already gone
    }
}
/** SIGTERM to the task's process group now, SIGKILL after the grace if the leader still runs */
function terminate(task, reason) {
    if (task.reason)
        return;
    task.reason = reason;
    signalGroup(task.pid, 'SIGTERM');
    const grace = Math.min(task.cmd.killGraceMs ?? DEFAULT_KILL_GRACE_MS, MAX_TIMER_MS);
    task.killTimer = setTimeout(() => signalGroup(task.pid, 'SIGKILL'), grace);
}
function cancel(task, reason = 'cancel') {
    if (task.pid > 0)
        return terminate(task, reason);
    if (task.inLauncher) {
        task.cancelPending = reason === 'hostLost' ? reason : true;
        launcher?.drop(task); // a chained launch the launcher still holds ends at once
        return;
    }
    task.aborted = true;
    neverStarted(task, 'cancel');
}
/** Take back a chained launch that has not started (the manager found free cores for it elsewhere). */
function unchain(task) {
    if (task.pid > 0 || task.cmd.after === undefined)
        return;
    if (task.inLauncher) {
        task.unchainPending = true;
        launcher?.drop(task); // E … cancel if the launcher still holds it; S if it has just started it
        return;
    }
    if (!tasks.get(task.cmd.after)?.followers?.includes(task))
        return; // being prepared: it will start
    task.aborted = true;
    neverStarted(task, 'cancel');
}
const errnoNames = new Map(Object.entries(os.constants.errno).map(([k, v]) => [v, k]));
function startLauncher() {
    const choice = process.env.PILOTMQ_LAUNCHER;
    if (choice === 'node')
        return null;
    const bin = choice || new URL('./pilotmq-launcher', import.meta.url).pathname;
    try {
        fs.accessSync(bin, fs.constants.X_OK);
    }
    catch {
        return null;
    }
    const proc = spawn(bin, [], { stdio: ['pipe', 'pipe', 'inherit'] });
    proc.on('error', (err) => die(new Error(`launcher ${bin}: ${err.message}`)));
    proc.on('exit', (code, signal) => {
        if (!exiting)
            die(new Error(`launcher exited (${code ?? signal})`));
    });
    proc.stdin.on('error', () => { }); // reported through 'exit'
    const pending = new Map(); // by task id, until S or E
    const byPid = new Map();
    // The job environment as `K=V` strings: the agent's own entries not overridden by the job (cached per set
    // of overridden names, which is the same for almost every job), then the job's.
    let base = { names: '', list: [] };
    const envList = (overlay) => {
        const keys = Object.keys(overlay);
        const names = keys.join('\0');
        if (base.names !== names || !base.list.length) {
            const skip = new Set(keys);
            base = { names, list: Object.keys(baseEnv).filter((k) => !skip.has(k) && baseEnv[k] !== undefined).map((k) => `${k}=${baseEnv[k]}`) };
        }
        return base.list.concat(keys.map((k) => `${k}=${overlay[k]}`));
    };
    const onLine = (line) => {
        const f = line.split(' ');
        if (f[0] === 'S' || f[0] === 'E') {
            const task = pending.get(f[1]);
            if (!task)
                return;
            pending.delete(f[1]);
            task.inLauncher = false;
            if (f[0] === 'S') {
                task.pid = Number(f[2]);
                byPid.set(task.pid, task);
                onSpawned(task);
                if (task.cmd.wallTimeMs !== undefined && task.cmd.wallTimeMs !== null)
                    armWallTimer(task, task.cmd.wallTimeMs);
                if (task.cancelPending)
                    terminate(task, task.cancelPending === 'hostLost' ? 'hostLost' : 'cancel');
            }
            else {
                const code = errnoNames.get(Number(f[2])) ?? 'EIO';
                const what = f[3];
                const { cmd } = task;
                if (task.cancelPending || (task.unchainPending && what === 'cancel'))
                    return neverStarted(task, 'cancel');
                // the same recovery and messages as the Node path: a vanished cached wd is created again
                if (what === 'exec')
                    return onSpawnError(task, Object.assign(new Error(code), { code }));
                if (code === 'ENOENT' && knownDirs.delete(cmd.wd) && !task.retried)
                    return void retryLaunch(task);
                neverStarted(task, 'launch', osErrorMessage(code, cmd[what])); // the path as given
            }
        }
        else if (f[0] === 'X') {
            const task = byPid.get(Number(f[1]));
            if (!task)
                return;
            byPid.delete(task.pid);
            const sig = Number(f[3]);
            onProcessExit(task, sig ? -sig : Number(f[2]), Number(f[4]));
        }
    };
    const send = (parts) => {
        const payload = Buffer.from(parts.join('\0') + '\0');
        const frame = Buffer.allocUnsafe(4 + payload.length);
        frame.writeUInt32LE(payload.length, 0);
        payload.copy(frame, 4);
        proc.stdin.write(frame);
    };
    let rest = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop();
        for (const l of lines)
            if (l)
                onLine(l);
    });
    return {
        start(task, file) {
            const { cmd } = task;
            const env = envList(cmd.env ?? {});
            const abs = (p) => (p ? joinPath(cmd.wd, p) : '');
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
function shutdown(why, reason = 'cancel') {
    if (shuttingDown)
        return;
    shuttingDown = true;
    if (why !== 'shutdown' && tasks.size > 0)
        log(`${why}: terminating ${tasks.size} task(s)`);
    for (const task of [...tasks.values()])
        cancel(task, reason);
    maybeFinishShutdown();
}
let exiting = false;
function maybeFinishShutdown() {
    if (!shuttingDown || tasks.size > 0 || exiting)
        return;
    exiting = true;
    flush();
    if (daemon)
        return daemon.exit();
    process.stdin.destroy();
    if (outBroken)
        process.exit(0);
    process.stdout.write('', () => process.exit(0));
    setTimeout(() => process.exit(0), 5000); // a manager that does not read any more
}
/** last resort on an agent bug: no job may survive us */
function die(err) {
    log(`fatal: ${err?.stack ?? err}`);
    for (const task of tasks.values())
        if (task.pid > 0)
            signalGroup(task.pid, 'SIGKILL');
    process.exit(1);
}
// ---------------------------------------------------------------------------------------------------------------
// Commands
function onCommand(cmd) {
    switch (cmd.t) {
        case 'launch':
            return onLaunch(cmd);
        case 'cancel': {
            const task = tasks.get(cmd.id);
            if (task)
                cancel(task);
            return;
        }
        case 'unchain': {
            const task = tasks.get(cmd.id);
            if (task)
                unchain(task);
            return;
        }
        case 'shutdown':
            return shutdown('shutdown');
        case 'attach':
            return onAttach(cmd);
        case 'recover':
            for (const t of cmd.tasks)
                recover(t.id, t.launch, t.result);
            return;
        case 'ack':
            for (const id of cmd.ids) {
                unacked.delete(id);
                if (jobsDir)
                    removeJobDir(`${jobsDir}/${id}`);
            }
            return;
        case 'ping':
            return;
        default:
            log(`unknown command ${JSON.stringify(cmd)}`);
    }
}
function onLine(line) {
    let cmd;
    try {
        cmd = JSON.parse(line);
    }
    catch {
        log(`not a JSON command: ${line.slice(0, 200)}`);
        return;
    }
    onCommand(cmd);
}
function main() {
    process.on('uncaughtException', die);
    process.on('unhandledRejection', die);
    for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'])
        process.on(sig, () => shutdown(sig));
    const [mode, dir] = process.argv.slice(2);
    if (mode === '--attach' && dir)
        return bridge(dir);
    if (mode === '--daemon' && dir)
        return startDaemon(dir);
    process.stdout.on('error', () => {
        outBroken = true;
        shutdown('stdout closed');
    });
    // stderr is the manager's: its terminal may go away while the manager runs on (EIO); the log line is lost
    process.stderr.on('error', () => { });
    let rest = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop();
        for (const line of lines)
            if (line.trim())
                onLine(line);
    });
    process.stdin.on('end', () => shutdown('stdin closed'));
    process.stdin.on('error', (err) => shutdown(`stdin error (${err.message})`));
    launcher = startLauncher();
    report({ t: 'ready', pid: process.pid });
}
let launcher = null;
// ---------------------------------------------------------------------------------------------------------------
// Remote agent (SSH hosts): a daemon that outlives the SSH channel, and the bridge the channel runs.
//
//   bridge  `node agent.mjs --attach DIR`: connects to DIR/agent.sock (starting the daemon when nobody listens
//           there) and copies its stdin to the socket and the socket to its stdout; exits when either ends.
//   daemon  `node agent.mjs --daemon DIR`: detached (own session, no terminal, stdio not the channel's), the one
//           agent of DIR; serves one client at a time (a new one replaces the old: after a network failure the
//           old bridge may hang on a dead TCP connection). Reports made while no client is attached are dropped:
//           the job directories keep what matters, and the manager asks for it with `recover`.
// The socket path is relative (cwd DIR): unix socket paths are limited to 108 bytes.
/** file names of a job directory: the contract of server/executor/ssh/job-dir.ts (this file imports nothing) */
const PGID_FILE = 'pgid';
const EXIT_FILE = 'exit';
/** why the agent ended the task, when it did (walltime, cancel, hostLost): written before `exit` */
const REASON_FILE = 'reason';
const SOCKET = 'agent.sock';
const SESSION_FILE = 'session';
/** the job directories' parent, once a manager attached (remote daemon only) */
let jobsDir;
let session;
let orphanMs = 0;
let lastHeardMs = Date.now();
let daemon = null;
/** exit reports the manager has not acknowledged (it may not have received them), by task id */
const unacked = new Map();
/** write `<dir>/<name>` atomically (tmp + rename); a failure is logged, never fatal */
function writeJobFile(dir, name, content) {
    try {
        fs.writeFileSync(`${dir}/${name}.tmp`, content + '\n');
        fs.renameSync(`${dir}/${name}.tmp`, `${dir}/${name}`);
    }
    catch (err) {
        log(`cannot write ${dir}/${name}: ${err.message}`);
    }
}
/** A fresh job directory for task `id` (a leftover of an earlier manager with the same id is replaced). */
function makeJobDir(id) {
    const dir = `${jobsDir}/${id}`;
    try {
        try {
            fs.mkdirSync(dir);
        }
        catch (err) {
            if (errCode(err) !== 'EEXIST')
                throw err;
            fs.rmSync(dir, { recursive: true, force: true });
            fs.mkdirSync(dir);
        }
        return dir;
    }
    catch (err) {
        log(`cannot create job directory ${dir}: ${err.message}`);
        return undefined;
    }
}
/** Remove a job directory whose exit the manager has: its known files, then itself (cheaper than a recursive rm). */
function removeJobDir(dir) {
    let left = 3;
    const one = () => {
        if (--left === 0)
            fs.rmdir(dir, () => { });
    };
    for (const name of [PGID_FILE, EXIT_FILE, REASON_FILE])
        fs.unlink(`${dir}/${name}`, one);
}
function readJobFile(dir, name) {
    try {
        const text = fs.readFileSync(`${dir}/${name}`, 'utf8');
        const st = fs.statSync(`${dir}/${name}`, { bigint: true });
        return { text: text.trim(), mtimeUs: Number(st.mtimeNs / 1000n) };
    }
    catch {
        return undefined;
    }
}
function groupAlive(pgid) {
    try {
        process.kill(-pgid, 0);
        return true;
    }
    catch (err) {
        return errCode(err) === 'EPERM';
    }
}
/**
 * A (re)connected manager. Another session's tasks are not this manager's to report: they are killed and
 * forgotten, and its job directories removed, so no task runs twice and no old exit is taken for a new one.
 */
function onAttach(cmd) {
    orphanMs = cmd.orphanMs;
    jobsDir = cmd.jobsDir;
    if (session === cmd.session)
        return;
    let onDisk;
    try {
        onDisk = fs.readFileSync(SESSION_FILE, 'utf8').trim();
    }
    catch {
        // first manager here
    }
    const stale = [...tasks.values()];
    if (stale.length || (onDisk !== undefined && onDisk !== cmd.session)) {
        log(`new manager session: ${stale.length} task(s) of the previous one killed, its job directories removed`);
        for (const task of stale) {
            task.stale = true;
            task.aborted = true;
            clearTimeout(task.killTimer);
            clearTimeout(task.wallTimer);
            if (task.pid > 0)
                signalGroup(task.pid, 'SIGKILL');
        }
        tasks.clear();
        fs.rmSync(jobsDir, { recursive: true, force: true });
    }
    fs.mkdirSync(jobsDir, { recursive: true, mode: 0o700 });
    session = cmd.session;
    fs.writeFileSync(SESSION_FILE, session + '\n');
}
/** What became of task `id` (see the `recover` command in ./messages.ts). */
function recover(id, launchCmd, result) {
    const task = tasks.get(id);
    if (task) {
        // running (its exit will be reported) or still being launched (its started/exited report will come)
        if (task.pid > 0)
            report({ t: 'started', id, pid: task.pid, atUs: task.startUs });
        return;
    }
    const sent = unacked.get(id);
    if (sent) {
        // ended since the manager last heard: the report it may have missed, as it was (result file included)
        if (sent.r.pid > 0)
            report({ t: 'started', id, pid: sent.r.pid, atUs: sent.startUs });
        return report(sent.r);
    }
    const dir = `${jobsDir}/${id}`;
    const exit = readJobFile(dir, EXIT_FILE);
    const pgid = readJobFile(dir, PGID_FILE);
    const pid = pgid && /^\d+$/.test(pgid.text) ? Number(pgid.text) : -1;
    const lost = (message, exitCode = -1) => report({ t: 'exited', id, pid, exitCode, rtimeUs: 0, reason: 'hostLost', message });
    if (exit && /^-?\d+$/.test(exit.text)) {
        const why = readJobFile(dir, REASON_FILE)?.text;
        const r = { t: 'exited', id, pid, exitCode: Number(exit.text), rtimeUs: pgid ? Math.max(0, exit.mtimeUs - pgid.mtimeUs) : 0 };
        if (why === 'walltime' || why === 'cancel' || why === 'hostLost')
            r.reason = why;
        if (why === 'hostLost')
            r.message = 'killed on the host: no manager heard for too long';
        // the agent that saw the exit died before the manager heard of it: read the result file now
        if (result)
            readResult(result, r);
        if (pgid)
            report({ t: 'started', id, pid, atUs: pgid.mtimeUs });
        return report(r);
    }
    if (pid > 0) {
        // started by an agent that died since: nobody can wait for it, so it must not go on unobserved
        if (groupAlive(pid)) {
            signalGroup(pid, 'SIGKILL');
            return lost('its agent on the host died; the job was killed');
        }
        return lost('its agent on the host died; the job ended, its exit status is unknown');
    }
    if (launchCmd)
        return onLaunch(launchCmd); // never reached this host: it cannot have run
    lost('the job never reached the host');
}
/** `--attach DIR`: the SSH channel's end, a pipe between stdin/stdout and the daemon's socket. */
function bridge(dir) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    process.chdir(dir);
    let spawned = false;
    const deadline = Date.now() + 15_000;
    const attempt = () => {
        const sock = net.connect(SOCKET);
        const failed = (err) => {
            if (Date.now() > deadline) {
                log(`cannot reach the agent daemon at ${dir}/${SOCKET}: ${err.message}`);
                process.exit(1);
            }
            if (!spawned) {
                spawned = true;
                const logFd = fs.openSync('agent.log', 'a');
                const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--daemon', dir], { detached: true, stdio: ['ignore', 'ignore', logFd] });
                child.unref();
                fs.closeSync(logFd);
            }
            setTimeout(attempt, 50);
        };
        sock.once('error', failed);
        sock.once('connect', () => {
            sock.off('error', failed);
            sock.on('error', () => sock.destroy());
            sock.setNoDelay?.(true);
            process.stdin.pipe(sock);
            sock.pipe(process.stdout);
            process.stdin.on('end', () => sock.end());
            process.stdin.on('error', () => sock.destroy());
            process.stdout.on('error', () => sock.destroy());
            sock.on('close', () => process.exit(0));
        });
    };
    attempt();
}
/** `--daemon DIR`: the remote agent itself. */
function startDaemon(dir) {
    process.chdir(dir);
    let client = null;
    writeOut = (data) => {
        client?.write(data);
    };
    const server = net.createServer((sock) => {
        if (client) {
            log('a new client replaces the attached one');
            client.destroy();
        }
        client = sock;
        lastHeardMs = Date.now();
        sock.setNoDelay?.(true);
        sock.setEncoding('utf8');
        let rest = '';
        sock.on('data', (chunk) => {
            lastHeardMs = Date.now();
            const lines = (rest + chunk).split('\n');
            rest = lines.pop();
            for (const line of lines)
                if (line.trim())
                    onLine(line);
        });
        const gone = () => {
            if (client === sock)
                client = null;
        };
        sock.on('close', gone);
        sock.on('error', gone);
        sock.write(JSON.stringify({ t: 'ready', pid: process.pid }) + '\n');
    });
    daemon = {
        exit() {
            server.close();
            try {
                fs.unlinkSync(SOCKET);
            }
            catch {
                // gone already
            }
            const end = () => process.exit(0);
            if (client && !client.destroyed)
                client.end(end);
            else
                end();
            setTimeout(end, 2000);
        },
    };
    // no manager heard for orphanMs (set by the first attach; until then 60 s): kill every task and leave
    const orphanCheck = setInterval(() => {
        const limit = orphanMs || 60_000;
        if (Date.now() - lastHeardMs > limit) {
            clearInterval(orphanCheck);
            shutdown(`no manager heard for ${limit} ms`, 'hostLost');
        }
    }, 250);
    const listen = (retry) => {
        server.once('error', (err) => {
            if (errCode(err) !== 'EADDRINUSE' || !retry)
                return die(err);
            // a live daemon keeps its place; a dead one's socket file is removed
            const probe = net.connect(SOCKET);
            probe.once('connect', () => {
                log(`another agent daemon serves ${dir}: exiting`);
                process.exit(0);
            });
            probe.once('error', () => {
                try {
                    fs.unlinkSync(SOCKET);
                }
                catch {
                    // raced away
                }
                listen(false);
            });
        });
        server.listen(SOCKET);
    };
    listen(true);
    launcher = startLauncher();
}
// `node agent.js` runs the agent; importing this file (plain SSH mode borrows osErrorMessage) does not
if (isMainModule())
    main();
function isMainModule() {
    const script = process.argv[1];
    if (!script)
        return false;
    try {
        return fs.realpathSync(script) === fs.realpathSync(new URL(import.meta.url));
    }
    catch {
        return true; // cannot tell: behave as the program
    }
}
//# sourceMappingURL=agent.js.map