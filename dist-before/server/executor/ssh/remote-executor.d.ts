/**
 * Runs the tasks of one SSH host through its remote agent daemon (server/agent/agent.ts, `--attach`). Unlike
 * the local AgentExecutor, losing the connection loses nothing: the tasks in flight stay here, unknown but not
 * failed, and on the next connection (attach) the agent is asked what became of each (`recover`): running
 * ones are re-attached, ended ones reported from memory or from their job directory, and launches that never
 * reached the host are sent again (they cannot have run). Only when the host is given up (failAll) do they end,
 * with reason 'hostLost'.
 */
import type { AgentCommand } from '../../agent/messages.js';
import type { AgentConnection } from '../../agent/agent-connection.js';
import type { TaskLaunch } from '../../core/launch.js';
import type { Executor, ExecutorEvents } from '../agent-executor.js';
export declare class RemoteExecutor implements Executor {
    /** host name, for messages */
    private readonly host;
    private readonly events;
    /** the host's `env`, under every task's own */
    private readonly env;
    /** the agent holds a chained launch until its predecessor ends (also one sent again by a recover) */
    readonly chains = true;
    /** shutdown() was called: the connection closing is expected */
    stopped: boolean;
    private conn;
    private readonly inFlight;
    /** exits received since the last `ack` (their job directories may go) */
    private acks;
    constructor(
    /** host name, for messages */
    host: string, events: ExecutorEvents, 
    /** the host's `env`, under every task's own */
    env: Record<string, string>);
    get running(): number;
    /**
     * A new connection to the agent: `hello` (the attach) goes first, then what became of every task in
     * flight, then the cancels the agent may have missed.
     */
    attach(conn: AgentConnection, hello: AgentCommand): void;
    /** The connection is gone: keep every task in flight until the next attach (or failAll). */
    detach(): void;
    launch(id: number, cmd: TaskLaunch): void;
    cancel(id: number): void;
    /** keeps the agent's orphan clock from running out */
    ping(): void;
    /** The host is given up: every task in flight ends with reason 'hostLost' and this message. */
    failAll(message: string): void;
    /** Terminate everything still running and stop the agent (when connected; a host that is down has nothing to stop). */
    shutdown(): Promise<void>;
    private onReport;
    private ack;
}
