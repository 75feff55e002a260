/**
 * Runs tasks through a node agent (server/agent/agent.ts). The same code drives a local agent (a child
 * process) and, later, a remote one (an SSH channel): only the AgentConnection differs.
 */
import type { ExitReport } from '../agent/messages.js';
import type { AgentConnection } from '../agent/agent-connection.js';
import type { TaskLaunch } from '../core/launch.js';

export interface ExecutorEvents {
  onStarted(id: number, wd: string, atUs?: number): void;
  onWdFailed(id: number, message: string): void;
  onExited(report: ExitReport, wd: string): void;
}

/** What the manager drives for a node: a node agent (local or on an SSH host) or plain SSH mode. */
export interface Executor {
  /** starts a launch with `after` only once that task has ended (chained launches, Core.chainTasks) */
  readonly chains?: boolean;
  launch(id: number, cmd: TaskLaunch): void;
  cancel(id: number): void;
  /** take back a chained launch not started yet (reported as never started, reason 'cancel'); executors that chain */
  unchain?(id: number): void;
  /** terminate everything still running (its exits are reported), then stop */
  shutdown(): Promise<void>;
  /** a forced exit: SIGKILL what runs, at once, where this process can (remote work dies with its channel) */
  killAllNow?(): void;
}

export interface AgentExecutorOptions {
  /** the agent runs on this SSH host: a lost connection fails its tasks with "host NAME lost: …" */
  host?: string;
  /** added under every task's environment (the task's own variables win), e.g. a host's `env` */
  env?: Record<string, string>;
}

export class AgentExecutor implements Executor {
  readonly chains = true; // the agent holds a chained launch until its predecessor ends
  /** working directory of each task in flight, by task id */
  private readonly inFlight = new Map<number, string>();
  /** process group of each started task, by task id */
  private readonly pids = new Map<number, number>();
  private shuttingDown = false;
  /** set once the agent is gone: later launches fail at once with it */
  private lostReason?: string;

  constructor(
    private readonly conn: AgentConnection,
    private readonly events: ExecutorEvents,
    private readonly onLost: (reason: string) => void,
    /** kill the process groups an agent left behind when it died (where the executor can reach them) */
    private readonly killGroups: (pids: number[]) => void = () => {},
    private readonly opts: AgentExecutorOptions = {},
  ) {
    conn.onReport((r) => {
      switch (r.t) {
        case 'started':
          this.pids.set(r.id, r.pid);
          this.events.onStarted(r.id, this.inFlight.get(r.id) ?? '', r.atUs);
          break;
        case 'wdFailed':
          this.inFlight.delete(r.id);
          this.events.onWdFailed(r.id, r.message);
          break;
        case 'exited': {
          const wd = this.inFlight.get(r.id) ?? '';
          this.inFlight.delete(r.id);
          this.pids.delete(r.id);
          this.events.onExited(r, wd);
          break;
        }
      }
    });
    conn.onClose((e?: Error) => {
      if (this.shuttingDown) return;
      // The agent is gone, and with it every process it ran: report them as failed launches.
      const reason = opts.host
        ? `host ${opts.host} lost: ${e ? e.message : 'node agent connection closed'}`
        : `node agent exited unexpectedly${e ? ` (${e.message})` : ''}`;
      this.lostReason = reason;
      const why = this.lostKind();
      this.killGroups([...this.pids.values()]);
      this.pids.clear();
      for (const [id, wd] of [...this.inFlight]) {
        this.inFlight.delete(id);
        this.events.onExited({ t: 'exited', id, pid: -1, exitCode: -1, rtimeUs: 0, reason: why, message: reason }, wd);
      }
      this.onLost(reason);
    });
  }

  /** The exit reason of tasks ended by the loss: an SSH host's is 'hostLost'; the local agent's a failed launch. */
  private lostKind(): 'hostLost' | 'launch' {
    return this.opts.host ? 'hostLost' : 'launch';
  }

  get running(): number {
    return this.inFlight.size;
  }

  launch(id: number, cmd: TaskLaunch): void {
    if (this.lostReason !== undefined) {
      const message = this.lostReason;
      const why = this.lostKind();
      process.nextTick(() => this.events.onExited({ t: 'exited', id, pid: -1, exitCode: -1, rtimeUs: 0, reason: why, message }, cmd.wd));
      return;
    }
    this.inFlight.set(id, cmd.wd);
    const { pname: _pname, node: _node, ...rest } = cmd;
    if (this.opts.env) rest.env = { ...this.opts.env, ...rest.env };
    this.conn.send({ t: 'launch', id, ...rest });
  }

  cancel(id: number): void {
    if (this.inFlight.has(id)) this.conn.send({ t: 'cancel', id });
  }

  unchain(id: number): void {
    if (this.inFlight.has(id)) this.conn.send({ t: 'unchain', id });
  }

  /** SIGKILL every started task's process group at once, where the executor can reach them (a forced exit). */
  killAllNow(): void {
    this.killGroups([...this.pids.values()]);
  }

  /** Terminate everything still running and stop the agent. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    this.conn.send({ t: 'shutdown' });
    await this.conn.closed;
  }
}
