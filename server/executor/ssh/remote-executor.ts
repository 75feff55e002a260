/**
 * Runs the tasks of one SSH host through its remote agent daemon (server/agent/agent.ts, `--attach`). Unlike
 * the local AgentExecutor, losing the connection loses nothing: the tasks in flight stay here, unknown but not
 * failed, and on the next connection (attach) the agent is asked what became of each (`recover`): running
 * ones are re-attached, ended ones reported from memory or from their job directory, and launches that never
 * reached the host are sent again (they cannot have run). Only when the host is given up (failAll) do they end,
 * with reason 'hostLost'.
 */
import type { AgentCommand, AgentReport, LaunchCommand, ResultFile } from '../../agent/messages.js';
import type { AgentConnection } from '../../agent/agent-connection.js';
import type { TaskLaunch } from '../../core/launch.js';
import type { Executor, ExecutorEvents } from '../agent-executor.js';

interface InFlight {
  wd: string;
  /** the launch, until the agent reports the task started (a recover may send it again until then) */
  launch?: LaunchCommand;
  /** cancel requested: sent again after a reconnection */
  cancel?: boolean;
  /** its declared result file, for an exit a recover takes from the job directory */
  result?: ResultFile;
}

export class RemoteExecutor implements Executor {
  /** the agent holds a chained launch until its predecessor ends (also one sent again by a recover) */
  readonly chains = true;
  /** shutdown() was called: the connection closing is expected */
  stopped = false;
  private conn: AgentConnection | null = null;
  private readonly inFlight = new Map<number, InFlight>();
  /** exits received since the last `ack` (their job directories may go) */
  private acks: number[] = [];

  constructor(
    /** host name, for messages */
    private readonly host: string,
    private readonly events: ExecutorEvents,
    /** the host's `env`, under every task's own */
    private readonly env: Record<string, string>,
  ) {}

  get running(): number {
    return this.inFlight.size;
  }

  /**
   * A new connection to the agent: `hello` (the attach) goes first, then what became of every task in
   * flight, then the cancels the agent may have missed.
   */
  attach(conn: AgentConnection, hello: AgentCommand): void {
    this.conn = conn;
    conn.onReport((r) => this.onReport(r));
    conn.send(hello);
    const tasks = [...this.inFlight].map(([id, f]) => ({ id, ...(f.launch ? { launch: f.launch } : {}), ...(f.result ? { result: f.result } : {}) }));
    if (tasks.length) conn.send({ t: 'recover', tasks });
    for (const [id, f] of this.inFlight) if (f.cancel) conn.send({ t: 'cancel', id });
  }

  /** The connection is gone: keep every task in flight until the next attach (or failAll). */
  detach(): void {
    this.conn = null;
    this.acks = [];
  }

  launch(id: number, cmd: TaskLaunch): void {
    const { pname: _pname, node: _node, ...rest } = cmd;
    const launch: LaunchCommand = { t: 'launch', id, ...rest, env: { ...this.env, ...rest.env } };
    const result = cmd.resultFile ? { file: cmd.resultFile, wd: cmd.wd, maxBytes: cmd.resultMaxBytes } : undefined;
    this.inFlight.set(id, { wd: cmd.wd, launch, ...(result ? { result } : {}) });
    this.conn?.send(launch); // while disconnected it waits for the next attach's recover
  }

  cancel(id: number): void {
    const f = this.inFlight.get(id);
    if (!f) return;
    f.cancel = true;
    this.conn?.send({ t: 'cancel', id });
  }

  /** keeps the agent's orphan clock from running out */
  ping(): void {
    this.conn?.send({ t: 'ping' });
  }

  /** The host is given up: every task in flight ends with reason 'hostLost' and this message. */
  failAll(message: string): void {
    for (const [id, f] of [...this.inFlight]) {
      this.inFlight.delete(id);
      this.events.onExited({ t: 'exited', id, pid: -1, exitCode: -1, rtimeUs: 0, reason: 'hostLost', message }, f.wd);
    }
  }

  /** Terminate everything still running and stop the agent (when connected; a host that is down has nothing to stop). */
  async shutdown(): Promise<void> {
    this.stopped = true;
    const conn = this.conn;
    if (!conn || conn.isClosed) return;
    conn.send({ t: 'shutdown' });
    await conn.closed;
  }

  private onReport(r: AgentReport): void {
    switch (r.t) {
      case 'started': {
        const f = this.inFlight.get(r.id);
        if (!f) return;
        delete f.launch;
        this.events.onStarted(r.id, f.wd, r.atUs);
        return;
      }
      case 'wdFailed': {
        if (!this.inFlight.delete(r.id)) return;
        this.ack(r.id);
        this.events.onWdFailed(r.id, r.message);
        return;
      }
      case 'exited': {
        const f = this.inFlight.get(r.id);
        if (!f) return;
        this.inFlight.delete(r.id);
        this.ack(r.id);
        if (r.reason === 'hostLost') r.message = `host ${this.host} lost: ${r.message ?? 'the job ended with its agent'}`;
        this.events.onExited(r, f.wd);
        return;
      }
    }
  }

  private ack(id: number): void {
    if (this.acks.push(id) > 1) return;
    setImmediate(() => {
      if (this.acks.length) this.conn?.send({ t: 'ack', ids: this.acks });
      this.acks = [];
    });
  }
}
