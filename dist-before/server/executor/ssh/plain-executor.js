/**
 * Plain mode: jobs on an SSH host without a suitable Node.js. One exec channel per job runs the sh wrapper of
 * ./plain-wrapper.ts, which reports over the channel what the node agent reports over its pipe; this class turns
 * those lines into the same ExecutorEvents (same states, runtime info, reasons and messages as the agent).
 * Channels come from a SessionPool (more connections when sshd's MaxSessions is reached).
 */
import { ERRNO, osErrorMessage } from '../../agent/agent.js';
import { jobDir } from './job-dir.js';
import { parseWrapperLine, plainCommand } from './plain-wrapper.js';
import { Cancelled } from './session-pool.js';
import { call } from './deploy.js';
import path from 'node:path';
export class PlainExecutor {
    pool;
    events;
    opts;
    tasks = new Map();
    shuttingDown = false;
    lost = false;
    drained;
    constructor(pool, events, opts) {
        this.pool = pool;
        this.events = events;
        this.opts = opts;
    }
    get running() {
        return this.tasks.size;
    }
    launch(id, cmd) {
        const task = { id, cmd, cancelRequested: false, pid: -1, done: false, exitSeen: false, stderrTail: '' };
        this.tasks.set(id, task);
        if (this.shuttingDown)
            return void process.nextTick(() => this.end(task, { pid: -1, exitCode: -1, rtimeUs: 0, reason: 'cancel' }));
        const { pname: _p, node: _n, ...rest } = cmd;
        rest.env = { ...this.opts.env, ...rest.env };
        const command = plainCommand(rest, {
            jobDir: jobDir(this.opts.rootWd, this.opts.instanceId, id),
            tool: this.opts.tool,
            keepOnLoss: this.opts.keepOnLoss,
        });
        this.pool.exec(command, () => task.cancelRequested).then((ch) => this.attach(task, ch), (e) => {
            if (e instanceof Cancelled)
                return this.end(task, { pid: -1, exitCode: -1, rtimeUs: 0, reason: 'cancel' });
            const message = `host ${this.opts.host} lost: ${e.message}`;
            this.hostLost(message);
            this.end(task, { pid: -1, exitCode: -1, rtimeUs: 0, reason: 'hostLost', message });
        });
    }
    cancel(id) {
        const task = this.tasks.get(id);
        if (!task || task.cancelRequested)
            return;
        task.cancelRequested = true;
        task.channel?.write('TERM\n'); // without a channel yet: the pool gives up waiting for one (Cancelled)
    }
    async shutdown() {
        this.shuttingDown = true;
        for (const id of [...this.tasks.keys()])
            this.cancel(id);
        if (this.tasks.size > 0) {
            const grace = Math.max(...[...this.tasks.values()].map((t) => t.cmd.killGraceMs ?? 10_000));
            await Promise.race([
                new Promise((r) => (this.drained = r)),
                new Promise((r) => setTimeout(r, grace + 15_000).unref()),
            ]);
        }
        this.pool.close();
    }
    attach(task, ch) {
        task.channel = ch;
        if (task.cancelRequested)
            ch.write('TERM\n');
        let rest = '';
        ch.setEncoding('utf8');
        ch.on('data', (chunk) => {
            const lines = (rest + chunk).split('\n');
            rest = lines.pop();
            for (const l of lines) {
                const w = parseWrapperLine(l);
                if (w)
                    this.onLine(task, w);
            }
        });
        ch.stderr.setEncoding('utf8');
        ch.stderr.on('data', (d) => (task.stderrTail = (task.stderrTail + d).slice(-1000)));
        ch.on('exit', () => (task.exitSeen = true));
        ch.on('error', () => { }); // followed by 'close'
        ch.on('close', () => {
            if (task.done || task.exitLine)
                return;
            // the wrapper never said how the job ended
            const tail = task.stderrTail.trim().split('\n').slice(-3).join(' | ');
            if (task.exitSeen) {
                this.end(task, { pid: task.pid, exitCode: -1, rtimeUs: 0, reason: 'launch', message: `plain-mode job wrapper on host ${this.opts.host} failed${tail ? `: ${tail}` : ''}` });
            }
            else {
                // the connection went: is the host still there (then only this job is lost), or is it gone?
                const message = `host ${this.opts.host} lost: SSH channel closed${tail ? ` (${tail})` : ''}`;
                void this.pool.alive().then((a) => {
                    if (!a.ok)
                        this.hostLost(`host ${this.opts.host} lost: ${a.error.message}`);
                    this.end(task, { pid: task.pid, exitCode: -1, rtimeUs: 0, reason: 'hostLost', message });
                });
            }
        });
    }
    /** the host cannot be reached: say so once (the manager takes it out of scheduling) */
    hostLost(message) {
        if (this.lost || this.shuttingDown)
            return;
        this.lost = true;
        this.opts.onLost?.(message);
    }
    onLine(task, w) {
        if (task.done)
            return;
        const { cmd } = task;
        switch (w.t) {
            case 'W': {
                let dir = cmd.wd;
                for (let i = 0; i < w.depth; i++)
                    dir = dir.replace(/\/+$/, '').replace(/\/[^/]*$/, '') || '/';
                this.finish(task);
                this.events.onWdFailed(task.id, osErrorMessage(errnoName(w.error), dir));
                return this.settle();
            }
            case 'L': {
                const path = w.what === 'exec' ? cmd.exec : w.what === 'wd' ? cmd.wd : (cmd[w.what] ?? '');
                return this.end(task, { pid: -1, exitCode: -1, rtimeUs: 0, reason: 'launch', message: osErrorMessage(errnoName(w.error), path) });
            }
            case 'S':
                task.pid = w.pid;
                task.startedNs = w.ns;
                task.startedAt = performance.now();
                this.events.onStarted(task.id, cmd.wd, w.ns === undefined ? undefined : Number(w.ns / 1000n));
                return;
            case 'X': {
                const rtimeUs = task.startedNs !== undefined && w.ns !== undefined
                    ? Number((w.ns - task.startedNs) / 1000n)
                    : Math.round((performance.now() - (task.startedAt ?? performance.now())) * 1000);
                const r = { pid: task.pid, exitCode: w.code, rtimeUs: Math.max(0, rtimeUs) };
                if (w.reason === 'walltime' || w.reason === 'cancel')
                    r.reason = w.reason;
                // the exit is ours: the wrapper removes the job directory and ends
                task.channel?.end('OK\n');
                task.exitLine = true;
                if (!cmd.resultFile)
                    return this.end(task, r);
                // the declared result file, read over SFTP as the agent reads it on its host
                void this.readResult(cmd.resultFile, cmd.wd, cmd.resultMaxBytes ?? 65536).then((result) => {
                    if (result !== undefined)
                        r.result = result;
                    this.end(task, r);
                });
                return;
            }
        }
    }
    /** At most `max` bytes of the result file (relative to wd) as text; undefined when it cannot be read. */
    async readResult(file, wd, max) {
        let session;
        try {
            session = await this.pool.sftp();
            const { sftp } = session;
            const handle = await call((cb) => sftp.open(path.posix.resolve(wd, file), 'r', cb));
            const buf = Buffer.alloc(Math.max(0, max));
            let n = 0;
            while (n < buf.length) {
                const got = await new Promise((res, rej) => sftp.read(handle, buf, n, buf.length - n, n, (err, bytes) => (err ? rej(err) : res(bytes))));
                if (got <= 0)
                    break;
                n += got;
            }
            sftp.close(handle, () => { });
            return buf.toString('utf8', 0, n);
        }
        catch {
            return undefined; // no result file: nothing to report, as with the agent
        }
        finally {
            session?.done();
        }
    }
    finish(task) {
        task.done = true;
        this.tasks.delete(task.id);
    }
    end(task, r) {
        if (task.done)
            return;
        this.finish(task);
        this.events.onExited({ t: 'exited', id: task.id, ...r }, task.cmd.wd);
        this.settle();
    }
    settle() {
        if (this.shuttingDown && this.tasks.size === 0)
            this.drained?.();
    }
}
/** An errno name from the wrapper (its own tests) or the strerror text mkdir printed. */
function errnoName(error) {
    if (ERRNO[error])
        return error;
    return Object.keys(ERRNO).find((k) => ERRNO[k][1] === error) ?? 'EIO';
}
//# sourceMappingURL=plain-executor.js.map