/**
 * One SSH host in agent mode; its connection's life (online, reconnecting, offline) is ./reconnecting-host.ts.
 *
 * On every (re)connection the node agent is (re)deployed when missing and `node agent.mjs --attach <instance
 * dir>` runs on ONE exec channel: a bridge to the host's agent daemon, which outlives the channel and keeps the
 * jobs running (server/agent/agent.ts, "Remote agent"). After reconnecting, RemoteExecutor.attach recovers each
 * task in flight. When the host is given up, they end FAILED "host NAME lost: …" (reason 'hostLost'); the agent
 * daemon has killed them by then (its orphan time is below the give-up time), and under the host's new session
 * anything of the old one still found there is killed when it rejoins.
 */
import path from 'node:path';
import type { Client, ClientChannel } from 'ssh2';
import { AgentConnection } from '../../agent/agent-connection.js';
import type { ExecutorEvents } from '../agent-executor.js';
import { connectHost, openExec, shellQuote } from './connection.js';
import { deployAgent, type AgentFile } from './deploy.js';
import type { SshHostSpec } from './hosts-file.js';
import { jobsRoot } from './job-dir.js';
import { orphanMsFor, ReconnectingHost, type SshLog } from './reconnecting-host.js';
import { RemoteExecutor } from './remote-executor.js';
import type { SessionPool } from './session-pool.js';
import type { SshHost } from './ssh-hosts.js';

export type { SshLog };

/** The agent's wait for `ready` (it may have to start its daemon: two node start-ups). */
const READY_TIMEOUT_MS = 30_000;

export class RemoteHost extends ReconnectingHost implements SshHost {
  readonly mode = 'agent';
  readonly executor: RemoteExecutor;
  /** remote path of the deployed agent */
  agentPath = '';

  private client: Client | null = null;
  private conn: AgentConnection | null = null;
  private pingTimer?: NodeJS.Timeout;

  constructor(
    spec: SshHostSpec,
    readonly cores: number,
    /** absolute root on the host: its workdir (`~` expanded there), else its home */
    readonly rootWd: string,
    /** SFTP staging's connections (the first one shared with the agent's until it drops) */
    readonly pool: SessionPool,
    private readonly agent: AgentFile,
    private readonly instanceId: string,
    log: SshLog,
    events: ExecutorEvents,
  ) {
    super(spec, log);
    this.executor = new RemoteExecutor(spec.name, events, spec.env);
  }

  protected get inFlight(): number {
    return this.executor.running;
  }

  protected failAll(reason: string): void {
    this.executor.failAll(reason);
  }

  /** First connection, already made and probed by the caller: deploy, start or attach the agent. Returns its pid. */
  start(client: Client): Promise<number> {
    return this.open(client);
  }

  /** Stop reconnecting and end the connection (after the executor's shutdown). */
  override close(): void {
    super.close();
    clearInterval(this.pingTimer);
    if (this.conn && !this.conn.isClosed) this.conn.end();
    this.pool.close();
    this.client?.end();
  }

  protected async reconnect(): Promise<string> {
    let client: Client | null = null;
    try {
      client = (await connectHost(this.spec)).client;
      return `agent pid ${await this.open(client)}`;
    } catch (e) {
      client?.end();
      throw e;
    }
  }

  /**
   * Deploy when missing, run the bridge, wait for the agent, attach (recovering the tasks in flight). Returns
   * the agent's pid. The host is online when this resolves.
   */
  private async open(client: Client): Promise<number> {
    const deployed = await deployAgent(client, this.rootWd, this.agent);
    this.agentPath = deployed.path;
    const jobsDir = jobsRoot(this.rootWd, this.instanceId);
    const command = `exec ${shellQuote(this.spec.node)} ${shellQuote(deployed.path)} --attach ${shellQuote(path.posix.dirname(jobsDir))}`;
    const channel: ClientChannel = await openExec(client, command);
    let stderrTail = '';
    let exit: string | undefined;
    channel.stderr.setEncoding('utf8');
    channel.stderr.on('data', (d: string) => {
      stderrTail = (stderrTail + d).slice(-2000);
    });
    channel.on('exit', (code: number | null, signal?: string) => (exit = signal ? `agent bridge killed by ${signal}` : `agent bridge exited with code ${code}`));
    const conn = new AgentConnection({
      input: channel,
      output: channel,
      describeEnd: () => [exit, stderrTail.trim().split('\n').slice(-3).join(' | ')].filter(Boolean).join('; ') || undefined,
    });
    // the SSH connection dropping (sshd killed, network gone, keep-alive timeout) ends the agent connection
    const lost = (err?: Error) => {
      if (!conn.isClosed) conn.destroy(new Error(`SSH connection to ${this.spec.host}:${this.spec.port} lost${err ? ` (${err.message})` : ''}`));
    };
    client.on('error', lost);
    client.on('close', () => lost());
    let timer: NodeJS.Timeout | undefined;
    const ready = await Promise.race([
      conn.ready,
      new Promise<never>((_, rej) => {
        timer = setTimeout(() => rej(new Error(`the agent did not report ready within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      }),
    ])
      .catch((e: Error) => {
        conn.destroy();
        throw new Error(`cannot start the agent (${command}): ${e.message}`);
      })
      .finally(() => clearTimeout(timer));
    if (this.closed) {
      conn.end();
      client.end();
      return ready.pid;
    }
    this.client = client;
    this.conn = conn;
    this.executor.attach(conn, { t: 'attach', session: this.session, jobsDir, orphanMs: orphanMsFor(this.spec.reconnect.giveUpAfterMs) });
    conn.onClose((e) => this.onLost(conn, e));
    // the agent counts silence as the manager being gone: speak at least every sixth of its orphan time
    const orphanMs = orphanMsFor(this.spec.reconnect.giveUpAfterMs);
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => this.executor.ping(), Math.min(5000, Math.max(20, Math.floor(orphanMs / 6))));
    this.pingTimer.unref();
    return ready.pid;
  }

  private onLost(conn: AgentConnection, err?: Error): void {
    if (this.closed || conn !== this.conn || this.executor.stopped) return;
    this.conn = null;
    clearInterval(this.pingTimer);
    this.executor.detach();
    this.client?.end();
    this.client = null;
    this.connectionLost(err?.message ?? 'agent connection closed');
  }
}
