import type { Client } from 'ssh2';
import type { HostState } from '../../../protocol/messages.js';
import type { ExecutorEvents } from '../agent-executor.js';
import { type AgentFile } from './deploy.js';
import type { ReconnectPolicy, SshHostSpec } from './hosts-file.js';
import { RemoteExecutor } from './remote-executor.js';
import type { SessionPool } from './session-pool.js';
import type { SshHost } from './ssh-hosts.js';
export interface SshLog {
    info(m: string): void;
    warn(m: string): void;
    error(m: string): void;
}
/** How long the agent may hear nothing before it kills its jobs: safely below the give-up time. */
export declare function orphanMsFor(giveUpAfterMs: number): number;
/**
 * Delay before reconnect attempt `attempt` (0, 1, …): exponential backoff with jitter, bounded by maxMs:
 * min(maxMs, initialMs·2^attempt) × a random factor in [0.5, 1).
 */
export declare function reconnectDelayMs(policy: ReconnectPolicy, attempt: number, random?: () => number): number;
export declare class RemoteHost implements SshHost {
    readonly spec: SshHostSpec;
    readonly cores: number;
    /** absolute root on the host: its workdir (`~` expanded there), else its home */
    readonly rootWd: string;
    /** SFTP staging's connections (the first one shared with the agent's until it drops) */
    readonly pool: SessionPool;
    private readonly agent;
    private readonly instanceId;
    private readonly log;
    readonly mode = "agent";
    readonly executor: RemoteExecutor;
    state: HostState;
    /** when it entered `state`, epoch µs */
    sinceUs: number;
    /** why it is not online */
    message?: string;
    /** called on every state change */
    onState: (h: SshHost) => void;
    /** remote path of the deployed agent */
    agentPath: string;
    private client;
    private conn;
    private session;
    private attempt;
    private lostAtMs;
    private retryTimer?;
    private giveUpTimer?;
    private pingTimer?;
    private connecting;
    private closed;
    /** why the connection was lost, and the last reconnect attempt's error */
    private lostWhy;
    private lastError;
    constructor(spec: SshHostSpec, cores: number, 
    /** absolute root on the host: its workdir (`~` expanded there), else its home */
    rootWd: string, 
    /** SFTP staging's connections (the first one shared with the agent's until it drops) */
    pool: SessionPool, agent: AgentFile, instanceId: string, log: SshLog, events: ExecutorEvents);
    get name(): string;
    private get where();
    /** First connection, already made and probed by the caller: deploy, start or attach the agent. Returns its pid. */
    start(client: Client): Promise<number>;
    /** Stop reconnecting and end the connection (after the executor's shutdown). */
    close(): void;
    /**
     * Deploy when missing, run the bridge, wait for the agent, attach (recovering the tasks in flight). Returns
     * the agent's pid. The host is online when this resolves.
     */
    private open;
    private setState;
    private onLost;
    /** Exponential backoff with jitter: min(max, initial·2ⁿ) × [0.5, 1). Offline hosts are tried every ~max. */
    private scheduleAttempt;
    private tryReconnect;
    /** Still down after giveUpAfterMs: offline; its tasks end as lost; a new session for when it comes back. */
    private giveUp;
}
