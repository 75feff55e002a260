/**
 * Job and task records: the state the manager keeps per job and per unit of execution (jobs.md §8, §9).
 *
 * A *task* is one execution: the job itself when it has no iterations, or one iteration. Iterations are
 * created lazily: an iteration that never left QUEUED has no record; its state is the job's `implicitState`
 * (QUEUED, or CANCELED/OMITTED after the job as a whole was cancelled/omitted). So a job of 1 000 000
 * iterations costs memory per started iteration, not per declared one.
 */
import { type JobState } from '../../protocol/job.js';
import type { AcceptedJob } from '../../protocol/submit-types.js';
import type { RuntimeData } from '../../protocol/messages.js';
import type { Allocation } from './resources.js';
export type FinalState = 'SUCCEED' | 'FAILED' | 'CANCELED' | 'OMITTED';
/** A history entry: state and epoch microseconds. */
export type HistoryEntry = [JobState, number];
/** `runtime` of a task (jobs.md §9): every value a string. */
export type Runtime = RuntimeData;
/** The runtime fields that are set, in the order replies and reports show them (jobs.md §9). */
export declare function orderedRuntime(r: Runtime): Record<string, string>;
export declare class Task {
    readonly job: Job;
    /** iteration index, or null for a job without iterations */
    readonly idx: number | null;
    state: JobState;
    readonly history: HistoryEntry[];
    messages?: string[];
    runtime?: Runtime;
    alloc?: Allocation;
    /** executor task id, set when launched */
    launchId?: number;
    /** when it entered EXECUTING (epoch µs), for wall-time estimates */
    startedUs: number;
    cancelRequested: boolean;
    /** pass-2 resolved program name (basename), reported as `pname` */
    pname?: string;
    /** failed attempts that were retried (README "Retries"); journaled, so a resume keeps counting */
    failures: number;
    /** a retry waits until then (epoch µs); 0: no wait */
    notBefore: number;
    /** content of the job's declared result file, read when the task ended (`attributes.resultFile`) */
    result?: string;
    /**
     * Chained launch (Core.chainTasks): this task was handed to the executor to start on `predecessor`'s cores
     * the moment that task ends; `successor` is the reverse link. Both are cleared when the cores change hands.
     */
    predecessor?: Task;
    successor?: Task;
    /** the executor was asked to take this chained task back (Core.unchainWaiting) */
    unchaining?: boolean;
    /** other tasks may be chained behind it (Core.retarget): set at launch */
    chainable?: boolean;
    /** the executor's end report of a chained task that ended before its predecessor (Core.deferWhileChained) */
    deferredEnd?: () => void;
    constructor(job: Job, 
    /** iteration index, or null for a job without iterations */
    idx: number | null);
    get label(): string;
    addMessage(m: string): void;
}
export type DepTarget = {
    name: string;
    idx: number | null;
};
export declare class Job {
    readonly accepted: AcceptedJob;
    /** registration sequence number */
    readonly seq: number;
    readonly name: string;
    state: JobState;
    readonly history: HistoryEntry[];
    messages?: string[];
    /** position in the queue at the last scheduling pass that kept it queued (listJobs `inQueue`) */
    inQueue?: number;
    cancelRequested: boolean;
    /** the single task of a job without iterations */
    readonly task?: Task;
    /** iteration records by index (iterative jobs) */
    readonly iterations?: Map<number, Task>;
    /** state of iterations without a record */
    implicitState: JobState;
    implicitTime: number;
    /** lowest position (idx - start) that may still have no record */
    cursor: number;
    /** per-state counts over iteration records */
    readonly counts: Record<JobState, number>;
    /** whole-job dependency targets (entries without ${it}) */
    readonly deps: DepTarget[];
    /** per-iteration dependency templates (entries with ${it}) */
    readonly itDeps: string[];
    /** whole-job dependencies satisfied */
    depsReady: boolean;
    constructor(accepted: AcceptedJob, 
    /** registration sequence number */
    seq: number);
    get desc(): import("../../protocol/job.js").JobDescription;
    get isIterative(): boolean;
    get start(): number;
    get stop(): number;
    get total(): number;
    /** iterations without a record */
    get implicitCount(): number;
    /** iterations (or the task) in a final state */
    get finishedCount(): number;
    get failedCount(): number;
    /** State of iteration idx (which must be in range). */
    iterationState(idx: number): JobState;
    inRange(idx: number): boolean;
    addMessage(m: string): void;
}
/** A read-only view of an iteration without a record (its state is the job's implicit state). */
export declare function implicitTask(job: Job, idx: number): Task;
/**
 * Iterations `from`..`to - 1` of a job that have no record (all but those in `skip`, ascending) and became final
 * together: a whole-job cancel or omission, one state change in the core and one journal record. What each of
 * them is still owed (its `IST` + `IFI`, a report entry) is handed out by `take`, in index order, in as many
 * pieces as the caller likes (Core.finalizeImplicit, the manager's EffectBacklog).
 */
export declare class ImplicitRange {
    readonly job: Job;
    readonly state: FinalState;
    readonly to: number;
    private readonly skip;
    private next;
    private skipAt;
    constructor(job: Job, state: FinalState, from: number, to: number, skip: readonly number[]);
    /** How many indices `take` has yet to pass. */
    get left(): number;
    /** Pass the next `max` indices (fewer at the end) to `each`. Returns whether any are left. */
    take(max: number, each: (idx: number) => void): boolean;
}
/** `NAME` or `NAME:IDX` → target. Entries were validated at submit. */
export declare function parseTarget(entry: string): DepTarget;
