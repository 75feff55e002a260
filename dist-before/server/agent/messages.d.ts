/**
 * The pipe protocol between the manager and a node agent (server/agent/agent.ts).
 *
 * One JSON object per line in each direction (agent stdin: commands, agent stdout: reports).
 * JSON lines keep the agent free of npm dependencies, so the same single file can be copied to and run
 * on an SSH host with nothing but `node`.
 */
/** manager → agent */
export type AgentCommand = LaunchCommand | {
    t: 'cancel';
    id: number;
}
/**
 * take back a chained launch (LaunchCommand.after) that has not started: reported as never started with
 * reason 'cancel'; no effect once it has started (its reports then come as usual)
 */
 | {
    t: 'unchain';
    id: number;
}
/** terminate every task (SIGTERM, SIGKILL after grace), report their exits, then exit 0 */
 | {
    t: 'shutdown';
}
/**
 * First line of every (re)connection to a remote agent. `session`: the manager's session for this host; an
 * agent (or a job directory tree) of another session is stale: its tasks are killed and forgotten.
 * `jobsDir`: where the per-job directories go (server/executor/ssh/job-dir.ts). `orphanMs`: with nothing
 * heard from any manager for that long, the agent kills every task (exit files say 'hostLost') and exits.
 */
 | {
    t: 'attach';
    session: string;
    jobsDir: string;
    orphanMs: number;
}
/**
 * After a reconnection: what became of these tasks? Running ones are reported `started` again (their exit
 * comes later), ended ones `exited` from memory or from their job directory; a task the agent never saw is
 * launched now when `launch` is given (it cannot have run), else reported lost. `result`: the task's declared
 * result file, read when its exit is taken from its job directory (the agent that ran it died meanwhile).
 */
 | {
    t: 'recover';
    tasks: Array<{
        id: number;
        launch?: LaunchCommand;
        result?: ResultFile;
    }>;
}
/** the manager has these exits: their job directories may go */
 | {
    t: 'ack';
    ids: number[];
}
/** keeps a remote agent's orphan clock from running out while the manager is there */
 | {
    t: 'ping';
};
/** a task's declared result file: `file` relative to `wd`, at most `maxBytes` read */
export interface ResultFile {
    file: string;
    wd: string;
    maxBytes?: number;
}
export interface LaunchCommand {
    t: 'launch';
    /** task id, unique for the agent's lifetime */
    id: number;
    /** program: absolute, containing '/', (relative to wd) or looked up in PATH of the job environment */
    exec: string;
    args: string[];
    /** overlay on the agent's own environment */
    env: Record<string, string>;
    /** absolute working directory; created with parents when missing */
    wd: string;
    /** paths relative to wd (or absolute); stdin default /dev/null, stdout/stderr default discarded */
    stdin?: string;
    stdout?: string;
    stderr?: string;
    /** wall time limit in ms (absent: none) */
    wallTimeMs?: number;
    /** SIGTERM → SIGKILL grace in ms for cancel / wall time / shutdown */
    killGraceMs: number;
    /**
     * Chained launch: start only once task `after` (launched earlier on this agent) has ended — its process
     * exited or it never started. The task runs on that task's cores, so the agent can start it the moment
     * they free, without waiting for a round trip to the manager.
     */
    after?: number;
    /** read this file (relative to wd) when the process has exited, at most resultMaxBytes, into the exit report */
    resultFile?: string;
    resultMaxBytes?: number;
}
/** agent → manager */
export type AgentReport = {
    t: 'ready';
    pid: number;
}
/** the working directory could not be created: the task never started (state SCHEDULED → FAILED) */
 | {
    t: 'wdFailed';
    id: number;
    message: string;
}
/** process spawned (state EXECUTING). Not sent when the spawn fails: then only `exited` with reason 'launch'. */
/** `atUs`: the agent's wall clock at the spawn, epoch µs (the manager clamps it into its own timeline) */
 | {
    t: 'started';
    id: number;
    pid: number;
    atUs?: number;
} | ExitReport;
export interface ExitReport {
    t: 'exited';
    id: number;
    /** -1 when no process was started */
    pid: number;
    /** exit status; -<signal number> when killed by a signal; -1 when no process was started */
    exitCode: number;
    /** microseconds from spawn to exit (0 when never started) */
    rtimeUs: number;
    /**
     * why it ended, besides a normal exit:
     * 'launch'   — spawn failed (message: `[Errno 2] No such file or directory: '<path>'`)
     * 'walltime' — killed by the wall time limit
     * 'cancel'   — killed (or never spawned) because of a cancel / shutdown
     * 'hostLost' — the SSH host running it (its connection or its agent) was lost, or is down at launch
     *              (message: `host NAME lost: …`); from a remote agent: it killed the task because no manager
     *              was heard for `orphanMs`, or found after a restart that the task's agent had died
     */
    reason?: 'launch' | 'walltime' | 'cancel' | 'hostLost';
    message?: string;
    /** content of the launch's `resultFile` (at most `resultMaxBytes`), when it was asked for and could be read */
    result?: string;
}
