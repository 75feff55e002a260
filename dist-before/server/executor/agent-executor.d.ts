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
export declare class AgentExecutor implements Executor {
    private readonly conn;
    private readonly events;
    private readonly onLost;
    /** kill the process groups an agent left behind when it died (where the executor can reach them) */
    private readonly killGroups;
    private readonly opts;
    readonly chains = true;
    /** working directory of each task in flight, by task id */
    private readonly inFlight;
    /** process group of each started task, by task id */
    private readonly pids;
    private shuttingDown;
    /** set once the agent is gone: later launches fail at once with it */
    private lostReason?;
    constructor(conn: AgentConnection, events: ExecutorEvents, onLost: (reason: string) => void, 
    /** kill the process groups an agent left behind when it died (where the executor can reach them) */
    killGroups?: (pids: number[]) => void, opts?: AgentExecutorOptions);
    /** The exit reason of tasks ended by the loss: an SSH host's is 'hostLost'; the local agent's a failed launch. */
    private lostKind;
    get running(): number;
    launch(id: number, cmd: TaskLaunch): void;
    cancel(id: number): void;
    unchain(id: number): void;
    /** SIGKILL every started task's process group at once, where the executor can reach them (a forced exit). */
    killAllNow(): void;
    /** Terminate everything still running and stop the agent. */
    shutdown(): Promise<void>;
}
