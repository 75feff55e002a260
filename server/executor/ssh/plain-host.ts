/**
 * One SSH host in plain mode (no Node.js there): jobs through ./plain-executor.ts, one channel each; its
 * connection's life (online, reconnecting, offline) is ./reconnecting-host.ts, as in agent mode.
 *
 * The host's lifeline is the KEEPER (./plain-wrapper.ts): one long-lived channel that takes the manager's
 * session (killing what an earlier session left running) and writes the heartbeat that keeps the jobs' orphan
 * clocks from running out. Its channel closing means the connection is lost: the host goes `reconnecting`, its
 * jobs run on (their wrappers do not depend on their channels) and their tasks stay in flight. On reconnection
 * a new keeper starts and every task whose channel went is sent again: its wrapper attaches to the running job
 * (or reports its end from the job directory), or launches it if it never got there. Given up, the tasks end
 * FAILED "host NAME lost: …"; with no heartbeat, the wrappers have terminated the jobs by then.
 */
import path from 'node:path';
import type { ClientChannel } from 'ssh2';
import type { ExecutorEvents } from '../agent-executor.js';
import type { SshHostSpec } from './hosts-file.js';
import { jobsRoot } from './job-dir.js';
import { PlainExecutor } from './plain-executor.js';
import { keeperCommand, plainOrphanS, type SetsidTool } from './plain-wrapper.js';
import { ReconnectingHost, type SshLog } from './reconnecting-host.js';
import type { SessionPool } from './session-pool.js';
import type { SshHost } from './ssh-hosts.js';

/** the keeper's wait for `ready` (a new session may first clear what an old one left) */
const READY_TIMEOUT_MS = 30_000;

export class PlainHost extends ReconnectingHost implements SshHost {
  readonly mode = 'plain';
  readonly executor: PlainExecutor;
  private readonly instanceDir: string;
  private keeper: ClientChannel | null = null;
  private beat = 0;
  private beatTimer?: NodeJS.Timeout;
  /** a heartbeat sent to see whether the host answers, after a task's channel went */
  private probe?: number;

  constructor(
    spec: SshHostSpec,
    readonly cores: number,
    readonly rootWd: string,
    readonly pool: SessionPool,
    opts: { instanceId: string; tool: SetsidTool; events: ExecutorEvents; log: SshLog },
  ) {
    super(spec, opts.log);
    this.instanceDir = path.posix.dirname(jobsRoot(rootWd, opts.instanceId));
    this.executor = new PlainExecutor(pool, opts.events, {
      host: spec.name,
      env: spec.env,
      rootWd,
      instanceId: opts.instanceId,
      tool: opts.tool,
      orphanS: plainOrphanS(spec.reconnect.giveUpAfterMs),
      onDetached: () => this.checkLink(),
    });
  }

  protected get inFlight(): number {
    return this.executor.running;
  }

  protected failAll(reason: string): void {
    this.executor.failAll(reason);
  }

  /** First connection (the pool holds the probed one): start the keeper. */
  start(): Promise<void> {
    return this.open();
  }

  override close(): void {
    super.close();
    clearInterval(this.beatTimer);
    this.keeper?.end();
    this.keeper = null;
    this.pool.close();
  }

  protected async reconnect(): Promise<string> {
    this.pool.reopen();
    await this.open();
    return `${this.executor.running} task(s) in flight sent again`;
  }

  /** Start the keeper, wait for its `ready`, heartbeat, and send the tasks whose channel went again. */
  private async open(): Promise<void> {
    const ch = await this.pool.exec(keeperCommand(this.instanceDir, this.session));
    let stderrTail = '';
    ch.stderr.setEncoding('utf8');
    ch.stderr.on('data', (d: string) => (stderrTail = (stderrTail + d).slice(-2000)));
    ch.setEncoding('utf8');
    let rest = '';
    let ready!: () => void;
    let failed!: (e: Error) => void;
    const isReady = new Promise<void>((res, rej) => ((ready = res), (failed = rej)));
    ch.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      for (const l of lines) {
        if (l === 'ready') ready();
        else if (this.probe !== undefined && Number(l) >= this.probe) this.answered();
      }
    });
    let exit = '';
    ch.on('exit', (code: number | null, signal?: string) => (exit = signal ? `killed by ${signal}` : `exited with code ${code}`));
    ch.on('close', () => {
      const why = exit ? `keeper ${exit}${stderrTail.trim() ? `: ${stderrTail.trim().split('\n').slice(-3).join(' | ')}` : ''}` : `SSH connection to ${this.spec.host}:${this.spec.port} lost`;
      failed(new Error(why));
      this.keeperClosed(ch, why);
    });
    const timer = setTimeout(() => failed(new Error(`the keeper did not report ready within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    try {
      await isReady;
    } catch (e) {
      ch.close();
      throw e;
    } finally {
      clearTimeout(timer);
    }
    if (this.closed) return void ch.end();
    this.keeper = ch;
    this.heartbeat();
    const orphanMs = plainOrphanS(this.spec.reconnect.giveUpAfterMs) * 1000;
    clearInterval(this.beatTimer);
    this.beatTimer = setInterval(() => this.heartbeat(), Math.min(5000, Math.max(20, Math.floor(orphanMs / 4))));
    this.beatTimer.unref();
    this.executor.resume();
  }

  private heartbeat(): number {
    this.keeper?.write(`${++this.beat}\n`);
    return this.beat;
  }

  /**
   * A task's channel went before its outcome: one heartbeat round trip tells whether the host still answers
   * (then the task is sent again at once); if the keeper's channel goes instead, the host is reconnecting and the
   * task is sent again after the reconnection.
   */
  private checkLink(): void {
    if (this.closed || !this.keeper || this.probe !== undefined) return;
    this.probe = this.heartbeat();
  }

  private answered(): void {
    this.probe = undefined;
    this.executor.resume();
  }

  private keeperClosed(ch: ClientChannel, why: string): void {
    if (this.closed || ch !== this.keeper || this.executor.stopping) return;
    this.keeper = null;
    this.probe = undefined;
    clearInterval(this.beatTimer);
    this.connectionLost(why);
  }
}
