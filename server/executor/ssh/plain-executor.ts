/**
 * Plain mode: jobs on an SSH host without a suitable Node.js. One exec channel per job runs the sh wrapper of
 * ./plain-wrapper.ts, which reports over the channel what the node agent reports over its pipe; this class turns
 * those lines into the same ExecutorEvents (same states, runtime info, reasons and messages as the agent).
 * Channels come from a SessionPool (more connections when sshd's MaxSessions is reached).
 *
 * A channel lost before the job's outcome came (sshd killed, network gone) loses nothing: the job runs on, the
 * task stays in flight, DETACHED, and ./plain-host.ts has the same command sent again once the host answers
 * (resume): the wrapper then launches the job if it never got there, or attaches to it and reports from its
 * job directory (started, ended with its exit code, or U: its wrapper died). Only a host given up ends its
 * tasks (failAll, reason 'hostLost').
 */
import { ERRNO, osErrorMessage } from '../../agent/agent.js';
import type { ExitReport } from '../../agent/messages.js';
import type { TaskLaunch } from '../../core/launch.js';
import type { Executor, ExecutorEvents } from '../agent-executor.js';
import { jobDir } from './job-dir.js';
import { parseWrapperLine, plainCommand, type SetsidTool, type WrapperLine } from './plain-wrapper.js';
import { Cancelled, type SessionPool } from './session-pool.js';
import { call } from './deploy.js';
import path from 'node:path';
import type { ClientChannel } from 'ssh2';

export interface PlainExecutorOptions {
  /** node name, for messages */
  host: string;
  /** the host's variables under every job's (the job's own win) */
  env: Record<string, string>;
  /** root of the job directories (the host's workdir) */
  rootWd: string;
  instanceId: string;
  tool: SetsidTool;
  /** a job outlives its channel, terminated on the host after this long without the manager (./plain-wrapper.ts) */
  orphanS: number;
  /** a task lost its channel before its outcome came: check the host, then resume() */
  onDetached: () => void;
}

interface PlainTask {
  id: number;
  cmd: TaskLaunch;
  channel?: ClientChannel;
  cancelRequested: boolean;
  /** onStarted was reported */
  started: boolean;
  startedNs?: bigint;
  startedAt?: number;
  pid: number;
  /** its end was reported */
  done: boolean;
  exitSeen: boolean;
  /** the wrapper's outcome line (X, L, W, U) came: the end is being reported */
  outcome?: boolean;
  /** the command was sent once (it may have run): a cancel waiting for a channel cannot end it alone */
  sent: boolean;
  /** its channel went before the outcome: sent again by resume() */
  detached: boolean;
  stderrTail: string;
}

export class PlainExecutor implements Executor {
  private readonly tasks = new Map<number, PlainTask>();
  private shuttingDown = false;
  private drained?: () => void;

  constructor(
    private readonly pool: SessionPool,
    private readonly events: ExecutorEvents,
    private readonly opts: PlainExecutorOptions,
  ) {}

  get running(): number {
    return this.tasks.size;
  }

  /** shutdown() was called: channels closing are expected */
  get stopping(): boolean {
    return this.shuttingDown;
  }

  launch(id: number, cmd: TaskLaunch): void {
    const task: PlainTask = { id, cmd, cancelRequested: false, started: false, pid: -1, done: false, exitSeen: false, sent: false, detached: false, stderrTail: '' };
    this.tasks.set(id, task);
    if (this.shuttingDown) return void process.nextTick(() => this.end(task, { pid: -1, exitCode: -1, rtimeUs: 0, reason: 'cancel' }));
    this.send(task);
  }

  /** Send every detached task's command again (the host answers again): each launches or attaches. */
  resume(): void {
    for (const task of this.tasks.values()) if (task.detached && !task.done) this.send(task);
  }

  /** The host is given up: every task in flight ends with reason 'hostLost' and this message. */
  failAll(message: string): void {
    for (const task of [...this.tasks.values()]) {
      task.channel?.end('TERM\n');
      this.end(task, { pid: task.pid, exitCode: -1, rtimeUs: 0, reason: 'hostLost', message });
    }
  }

  cancel(id: number): void {
    const task = this.tasks.get(id);
    if (!task || task.cancelRequested) return;
    task.cancelRequested = true;
    // without a channel: one being waited for gives up (Cancelled) if never sent; a detached task gets TERM on attach
    task.channel?.write('TERM\n');
  }

  /** The wrapper's command line (the same each time: a second one launches or attaches, ./plain-wrapper.ts). */
  private command(task: PlainTask): string {
    const { pname: _p, node: _n, ...rest } = task.cmd;
    rest.env = { ...this.opts.env, ...rest.env };
    return plainCommand(rest, { jobDir: jobDir(this.opts.rootWd, this.opts.instanceId, task.id), tool: this.opts.tool, orphanS: this.opts.orphanS });
  }

  private send(task: PlainTask): void {
    task.detached = false;
    const first = !task.sent;
    task.sent = true;
    this.pool.exec(this.command(task), first ? () => task.cancelRequested : undefined).then(
      (ch) => (task.done ? ch.end('TERM\n') : this.attach(task, ch)), // (failed meanwhile: whatever it started goes)
      (e: Error) => {
        if (task.done) return;
        if (e instanceof Cancelled) return this.end(task, { pid: -1, exitCode: -1, rtimeUs: 0, reason: 'cancel' });
        if (this.shuttingDown) return this.end(task, { pid: task.pid, exitCode: -1, rtimeUs: 0, reason: 'hostLost', message: `host ${this.opts.host} lost: ${e.message}` });
        this.detach(task);
      },
    );
  }

  private detach(task: PlainTask): void {
    task.channel = undefined;
    task.detached = true;
    this.opts.onDetached();
  }

  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    for (const id of [...this.tasks.keys()]) this.cancel(id);
    if (this.tasks.size > 0) {
      const grace = Math.max(...[...this.tasks.values()].map((t) => t.cmd.killGraceMs ?? 10_000));
      await Promise.race([
        new Promise<void>((r) => (this.drained = r)),
        new Promise<void>((r) => setTimeout(r, grace + 15_000).unref()),
      ]);
    }
  }

  private attach(task: PlainTask, ch: ClientChannel): void {
    task.channel = ch;
    task.exitSeen = false;
    if (task.cancelRequested) ch.write('TERM\n');
    let rest = '';
    ch.setEncoding('utf8');
    ch.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      for (const l of lines) {
        const w = parseWrapperLine(l);
        if (w) this.onLine(task, w);
      }
    });
    ch.stderr.setEncoding('utf8');
    ch.stderr.on('data', (d: string) => (task.stderrTail = (task.stderrTail + d).slice(-1000)));
    ch.on('exit', () => (task.exitSeen = true));
    ch.on('error', () => {}); // followed by 'close'
    ch.on('close', () => {
      if (task.done || task.outcome || task.channel !== ch) return;
      const tail = task.stderrTail.trim().split('\n').slice(-3).join(' | ');
      // the wrapper ended without saying how the job did: it failed (sshd reported its exit)
      if (task.exitSeen) return this.end(task, { pid: task.pid, exitCode: -1, rtimeUs: 0, reason: 'launch', message: `plain-mode job wrapper on host ${this.opts.host} failed${tail ? `: ${tail}` : ''}` });
      // the channel went (connection lost): the job did not (./plain-wrapper.ts); the host has it sent again
      this.detach(task);
    });
  }

  private onLine(task: PlainTask, w: WrapperLine): void {
    if (task.done) return;
    const { cmd } = task;
    switch (w.t) {
      case 'W': {
        let dir = cmd.wd;
        for (let i = 0; i < w.depth; i++) dir = dir.replace(/\/+$/, '').replace(/\/[^/]*$/, '') || '/';
        this.outcomeIn(task);
        this.finish(task);
        this.events.onWdFailed(task.id, osErrorMessage(errnoName(w.error), dir));
        return this.settle();
      }
      case 'L': {
        this.outcomeIn(task);
        const path = w.what === 'exec' ? cmd.exec : w.what === 'wd' ? cmd.wd : (cmd[w.what] ?? '');
        return this.end(task, { pid: -1, exitCode: -1, rtimeUs: 0, reason: 'launch', message: osErrorMessage(errnoName(w.error), path) });
      }
      case 'S':
        task.pid = w.pid;
        if (task.started) return; // an attaching wrapper says it again
        task.started = true;
        task.startedNs = w.ns;
        task.startedAt = performance.now();
        this.events.onStarted(task.id, cmd.wd, w.ns === undefined ? undefined : Number(w.ns / 1000n));
        return;
      case 'U':
        this.outcomeIn(task);
        return this.end(task, {
          pid: task.pid,
          exitCode: -1,
          rtimeUs: 0,
          reason: 'hostLost',
          message: `host ${this.opts.host} lost: its wrapper on the host died; ${w.killed ? 'the job was killed' : 'the job ended, its exit status is unknown'}`,
        });
      case 'X': {
        const rtimeUs =
          task.startedNs !== undefined && w.ns !== undefined
            ? Number((w.ns - task.startedNs) / 1000n)
            : Math.round((performance.now() - (task.startedAt ?? performance.now())) * 1000);
        const r: Omit<ExitReport, 't' | 'id'> = { pid: task.pid, exitCode: w.code, rtimeUs: Math.max(0, rtimeUs) };
        if (w.reason === 'walltime' || w.reason === 'cancel') r.reason = w.reason;
        if (w.reason === 'lost' || w.reason === 'hostLost') {
          r.reason = 'hostLost';
          r.message = `host ${this.opts.host} lost: killed on the host: no manager heard for too long`;
        }
        this.outcomeIn(task);
        if (!cmd.resultFile) return this.end(task, r);
        // the declared result file, read over SFTP as the agent reads it on its host
        void this.readResult(cmd.resultFile, cmd.wd, cmd.resultMaxBytes ?? 65536).then((result) => {
          if (result !== undefined) r.result = result;
          this.end(task, r);
        });
        return;
      }
    }
  }

  /** At most `max` bytes of the result file (relative to wd) as text; undefined when it cannot be read. */
  private async readResult(file: string, wd: string, max: number): Promise<string | undefined> {
    let session: Awaited<ReturnType<SessionPool['sftp']>> | undefined;
    try {
      session = await this.pool.sftp();
      const { sftp } = session;
      const handle = await call<Buffer>((cb) => sftp.open(path.posix.resolve(wd, file), 'r', cb));
      const buf = Buffer.alloc(Math.max(0, max));
      let n = 0;
      while (n < buf.length) {
        const got = await new Promise<number>((res, rej) => sftp.read(handle, buf, n, buf.length - n, n, (err, bytes) => (err ? rej(err) : res(bytes))));
        if (got <= 0) break;
        n += got;
      }
      sftp.close(handle, () => {});
      return buf.toString('utf8', 0, n);
    } catch {
      return undefined; // no result file: nothing to report, as with the agent
    } finally {
      session?.done();
    }
  }

  /** The outcome is ours: the wrapper removes the job directory and ends. */
  private outcomeIn(task: PlainTask): void {
    task.outcome = true;
    task.channel?.end('OK\n');
  }

  private finish(task: PlainTask): void {
    task.done = true;
    this.tasks.delete(task.id);
  }

  private end(task: PlainTask, r: Omit<ExitReport, 't' | 'id'>): void {
    if (task.done) return;
    this.finish(task);
    this.events.onExited({ t: 'exited', id: task.id, ...r }, task.cmd.wd);
    this.settle();
  }

  private settle(): void {
    if (this.shuttingDown && this.tasks.size === 0) this.drained?.();
  }
}

/** An errno name from the wrapper (its own tests) or the strerror text mkdir printed. */
function errnoName(error: string): string {
  if (ERRNO[error]) return error;
  return Object.keys(ERRNO).find((k) => ERRNO[k][1] === error) ?? 'EIO';
}
