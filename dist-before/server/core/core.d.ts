import type { AcceptedJob } from '../../protocol/submit-types.js';
import type { ExitReport } from '../agent/messages.js';
import { ImplicitRange, Job, Task } from './job.js';
import { type LaunchContext, type TaskLaunch } from './launch.js';
import { type ResourcePool } from './resources.js';
import type { CoreRecord } from '../journal/records.js';
import type { EventTopic } from '../../protocol/messages.js';
export type { EventTopic };
export interface CoreEffects {
    /** start a task on the executor (once task `cmd.after` has ended, when set: see Core.chainTasks) */
    launch(id: number, cmd: TaskLaunch): void;
    /** whether the executor of node `node` (pool index) honours `TaskLaunch.after`; absent: every node does */
    canChain?(node: number): boolean;
    /** take back chained launch `id` (on node `node`) if it has not started: its exit comes as never started, 'cancel' */
    unchain?(id: number, node: number): void;
    /** terminate a launched task (SIGTERM, SIGKILL after grace); its exit is reported as usual */
    cancel(id: number): void;
    publish(topic: EventTopic, body: Record<string, unknown>): void;
    /** a task (iteration, or `task` null: the whole job) reached its final state */
    finished(job: Job, task: Task | null): void;
    /**
     * The iterations of `range` (a whole-job cancel or omission: up to millions) reached their final state at once.
     * Each is owed an `IST` + `IFI` and a `finished` report, at this place in the order of effects: the effects
     * that follow (the job's own `JST`/`JFI`, `NOJ`, …) come after them. The edge may hand them out over time
     * (the manager does, in slices, so that requests are answered meanwhile). Absent: the core hands them out
     * here, one `publish` and `finished` after the other.
     */
    implicitFinal?(range: ImplicitRange): void;
    /**
     * A change to journal (server/journal/records.ts), emitted before the events that reveal it. Records are
     * built only when this is set.
     */
    record?(rec: CoreRecord): void;
    /** call `schedule()` at (or after) epoch µs `us`: a retry waits for its backoff (README "Retries") */
    wakeAt?(us: number): void;
}
/** Message of a task or job put back in the queue by a resumed manager (README "Durability"). */
export declare const RESUME_REQUEUED = "re-queued after manager restart";
/** Message of a task whose cancel was requested and whose process ended with the previous manager. */
export declare const RESUME_CANCELED = "canceled: its process ended with the previous manager";
/**
 * Tasks are chained (Core.chainTasks) only while recent tasks ran shorter than this on average: then the
 * round trip between a core freeing and the next start is a noticeable part of the work; with longer tasks it
 * is not, and the queue keeps its plain look (QUEUED until the cores are free).
 */
export declare const CHAIN_BELOW_US = 50000;
/**
 * How many tasks may wait in one chain behind a running task. With one, a core idles whenever the exit report
 * and the next launch take longer to cross than the next task takes to run: measured with trivial tasks on a
 * busy 2-core machine, 46% of chained launches reached the launcher after their predecessor had ended; with
 * two 18%, with three 6%.
 */
export declare const CHAIN_DEPTH = 3;
export declare class Core {
    readonly pool: ResourcePool;
    private readonly fx;
    private readonly ctx;
    private readonly now;
    /** [0, 1), for the jitter of retry delays */
    private readonly random;
    readonly jobs: Map<string, Job>;
    /** no new task is started while false (finish without wait) */
    startsAllowed: boolean;
    private seq;
    /** jobs whose whole-job dependencies are met and that have iterations left to start, in registration order */
    private ready;
    /** jobs waiting for whole-job dependencies */
    private readonly waiting;
    /** dependee name → jobs depending on it (whole-job or per-iteration) */
    private readonly dependants;
    /** dependee names whose state changed since the last pass */
    private readonly changed;
    /** tasks (or ranges of iterations: `end`) that became final and have dependants, for per-iteration dependencies */
    private readonly finalTargets;
    private readonly launched;
    /** launched tasks another task may be chained behind (no successor, chain not full; see chainTasks, retarget) */
    private readonly chainTargets;
    /** chained tasks still waiting for the task they follow */
    private readonly chainWaiting;
    /** moving average of the run time of recent tasks, µs (NaN until one ended) */
    private recentRunUs;
    /** tasks handed to executors, and how many of them chained (logged at shutdown) */
    readonly launches: {
        total: number;
        chained: number;
    };
    private nextLaunchId;
    /** jobs not final */
    private active;
    /** earliest retry time seen by the current scheduling pass (Infinity: none) */
    private wakeUs;
    constructor(pool: ResourcePool, fx: CoreEffects, ctx: LaunchContext & {
        instanceId: string;
    }, now: () => number, 
    /** [0, 1), for the jitter of retry delays */
    random?: () => number);
    /** The task launched under executor id `id`, while it runs. */
    taskOf(id: number): Task | undefined;
    get allJobsFinished(): boolean;
    /** Register accepted jobs (state QUEUED, no event), then run a scheduling pass. `rcnt`: the request counter, journaled. */
    register(accepted: AcceptedJob[], rcnt?: number): void;
    /**
     * Take over jobs rebuilt from a journal (server/journal/replay.ts), in registration order, on a core that
     * has none yet; then run a scheduling pass. Tasks that were SCHEDULED or EXECUTING when the previous
     * manager died died with it (its agent kills its jobs when its pipe closes): they go back to QUEUED with the
     * message RESUME_REQUEUED and a history entry (or to CANCELED when their cancel had been requested), and a
     * job in SCHEDULED/EXECUTING goes back to QUEUED the same way. These changes are journaled like any other.
     */
    restore(jobs: Iterable<Job>): void;
    /**
     * The task's process was spawned; `atUs` is the agent's clock at the spawn. A report can arrive late (in
     * one batch with the exit), so EXECUTING is dated by the agent's clock, clamped into our own timeline
     * (after the previous entry, not in the future) so history never goes backwards, whatever a remote clock says.
     */
    onStarted(id: number, wd: string, atUs?: number): void;
    /** When set, the time state changes are dated with (see onStarted). */
    private at;
    private stamp;
    onWdFailed(id: number, message: string): void;
    onExited(r: ExitReport, wd: string): void;
    /**
     * A failed attempt: QUEUED again after a backoff when the job's retry policy allows one more (README
     * "Retries"; `cause` null: not retryable), else FAILED — naming the attempts when a policy gave up.
     */
    private failOrRetry;
    /** A QUEUED task that had left its job's line (a retry, a chained task given back) is in it again. */
    private backInLine;
    private endTask;
    /**
     * Take node `node` (index or name) out of scheduling or give it back (an SSH host reconnecting, offline,
     * back). Its running tasks are not touched (the executor reports what becomes of them); while it is not
     * online no task is placed on it. Giving a node back runs a scheduling pass.
     */
    setNodeOnline(node: number | string, online: boolean): void;
    /**
     * A launched task's process is gone (or never was): its cores return to the pool, or go to the task chained
     * behind it, which the executor has started on them by now. That task is returned: the caller makes it
     * SCHEDULED (without a pass) once it has recorded the end of this one.
     */
    private releaseCores;
    /**
     * A task cancelled while chained is CANCELED at once (like any queued task), but stays launched until the
     * executor confirms it dropped it (or, if it had just started it, that it ended), holding the cores it was
     * chained to meanwhile. Its reports end here.
     */
    private endedWhileChained;
    /** Cancel one task (job without iterations, or iteration idx). Returns an error text or null. */
    cancelTask(job: Job, idx: number | null, requested: string): string | null;
    /** Cancel a whole job (every iteration, including those not generated yet). Returns an error text or null. */
    cancelJob(job: Job): string | null;
    /** Cancel everything not final (finish). */
    cancelAll(): void;
    /** Remove a final job. Returns an error text or null. */
    remove(name: string): string | null;
    private createIteration;
    private setTaskState;
    private publishIteration;
    private setJobState;
    /**
     * Every iteration without a record becomes `state` (whole-job cancel or omission): one change and one journal
     * record, whatever the number of iterations; their events and report entries go out as an ImplicitRange.
     */
    private finalizeImplicit;
    /** A read-only view of an iteration without a record. */
    implicitTask(job: Job, idx: number): Task;
    private maybeFinishIterative;
    private omitJob;
    private verdict;
    private verdictAll;
    private iterationVerdict;
    /** Re-evaluate the jobs that depend on changed names, until nothing changes (omissions cascade). */
    /**
     * Remember a final task for per-iteration dependants (only when some job depends on `name`): iteration `idx`
     * (null: the job), or iterations `idx`..`end - 1`.
     */
    private noteFinal;
    /**
     * Per-iteration dependants of a task that ended unsuccessfully: the iteration of each whose `${it}` entry
     * names that task is OMITTED now, not when the scheduler reaches it (a queue without free cores may not
     * reach it for a long time). The iteration is found by matching the entry against the task's name.
     */
    private omitIterationDependants;
    private processDependencies;
    private insertReady;
    /** Scheduling (jobs.md §10.3): passes until no dependency verdict is left to re-evaluate. */
    schedule(): void;
    /** Is the task waiting for its retry time? (Then ask to be woken.) */
    private backingOff;
    /**
     * Cores are free while chained tasks wait for running ones (the bet that those would end soon was lost, or
     * nothing more came): take them back, so that they start now, here or elsewhere (requeueUnchained).
     */
    private unchainWaiting;
    /** The executor gave back a chained task before it started: QUEUED again, first in its job's line. */
    private requeueUnchained;
    private pass;
    /** Could the request be met by the online nodes alone, once idle? (Always, while every node is online.) */
    private fitsOnline;
    private exhausted;
    /** Running tasks with their cores and estimated end (from the wall time), for backfilling. */
    private runningTasks;
    /** Start what can start of one job. */
    private startTasks;
    /** The resource request of the iteration at `pos` (or the job). */
    private requestOf;
    /** Schedule-time description errors (jobs.md §7 stage C). */
    private stageC;
    /**
     * Allocate `alloc` to the task and hand it to the executor. Chained behind `after`, it stays QUEUED until
     * `after` ends and the cores change hands (releaseCores); otherwise it is SCHEDULED now.
     */
    private launch;
    /**
     * A chained task that ended before the task it follows (its launch or wd failed, its agent or host was
     * lost) ends when that one does: on cores of its own, after it in every history, never on top of it.
     */
    private deferWhileChained;
    /** The cores of the task it followed are this task's now: SCHEDULED, and an end that waited for this, now. */
    private handOver;
    /** A chained task is cancelled: the executor drops it, unless it has ended already (deferWhileChained). */
    private dropChained;
    /** QUEUED → SCHEDULED on its allocation */
    private markScheduled;
    /**
     * Take `task` out of its chain: the task behind it follows the one it followed (the executors do the same
     * when they drop a held launch), or, when it was first, now runs on the cores `task` had.
     */
    private detach;
    /** The last task of `task`'s chain takes another one behind it if the chain is not full (CHAIN_DEPTH). */
    private retarget;
    /** the task on whose cores `task` waits */
    private chainHead;
    /** Has a running task run so much longer than recent tasks that betting on its end is lost? */
    private overdue;
    /** depth in its chain: 0 for a task on cores of its own */
    private chainDepth;
    /**
     * Chained launches: the oldest ready job cannot start now, and its next tasks need exactly as many cores
     * as some running task holds. Each such task is scheduled now on that task's cores and handed to the
     * executor to start the moment that task ends (TaskLaunch.after): its start no longer waits for the exit
     * report to reach us and a launch to travel back, which with short tasks is most of a core's idle time.
     * Only what the next pass would have chosen anyway is chained: tasks of the job at the head of the queue,
     * with a plain core count (no node count, no consumable resources) and no per-iteration dependencies,
     * one successor per running task, and only while tasks are short (CHAIN_BELOW_US). To clients nothing
     * changes: a chained task is QUEUED until the cores are its own, then SCHEDULED and EXECUTING as usual.
     */
    private chainTasks;
}
