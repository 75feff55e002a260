/**
 * Job and task records: the state the manager keeps per job and per unit of execution (jobs.md §8, §9).
 *
 * A *task* is one execution: the job itself when it has no iterations, or one iteration. Iterations are
 * created lazily: an iteration that never left QUEUED has no record; its state is the job's `implicitState`
 * (QUEUED, or CANCELED/OMITTED after the job as a whole was cancelled/omitted). So a job of 1 000 000
 * iterations costs memory per started iteration, not per declared one.
 */
import { isFinal } from '../../protocol/job.js';
const RUNTIME_KEYS = ['allocation', 'wd', 'rtime', 'exit_code', 'pid', 'pname'];
/** The runtime fields that are set, in the order replies and reports show them (jobs.md §9). */
export function orderedRuntime(r) {
    const out = {};
    for (const k of RUNTIME_KEYS)
        if (r[k] !== undefined)
            out[k] = r[k];
    return out;
}
export class Task {
    job;
    idx;
    state = 'QUEUED';
    history = [];
    messages;
    runtime;
    alloc;
    /** executor task id, set when launched */
    launchId;
    /** when it entered EXECUTING (epoch µs), for wall-time estimates */
    startedUs = 0;
    cancelRequested = false;
    /** pass-2 resolved program name (basename), reported as `pname` */
    pname;
    /** failed attempts that were retried (README "Retries"); journaled, so a resume keeps counting */
    failures = 0;
    /** a retry waits until then (epoch µs); 0: no wait */
    notBefore = 0;
    /** content of the job's declared result file, read when the task ended (`attributes.resultFile`) */
    result;
    /**
     * Chained launch (Core.chainTasks): this task was handed to the executor to start on `predecessor`'s cores
     * the moment that task ends; `successor` is the reverse link. Both are cleared when the cores change hands.
     */
    predecessor;
    successor;
    /** the executor was asked to take this chained task back (Core.unchainWaiting) */
    unchaining;
    /** other tasks may be chained behind it (Core.retarget): set at launch */
    chainable;
    /** the executor's end report of a chained task that ended before its predecessor (Core.deferWhileChained) */
    deferredEnd;
    constructor(job, 
    /** iteration index, or null for a job without iterations */
    idx) {
        this.job = job;
        this.idx = idx;
    }
    get label() {
        return this.idx === null ? this.job.name : `${this.job.name}:${this.idx}`;
    }
    addMessage(m) {
        (this.messages ??= []).push(m);
    }
}
export class Job {
    accepted;
    seq;
    name;
    state = 'QUEUED';
    history = [];
    messages;
    /** position in the queue at the last scheduling pass that kept it queued (listJobs `inQueue`) */
    inQueue;
    cancelRequested = false;
    /** the single task of a job without iterations */
    task;
    /** iteration records by index (iterative jobs) */
    iterations;
    /** state of iterations without a record */
    implicitState = 'QUEUED';
    implicitTime = 0;
    /** lowest position (idx - start) that may still have no record */
    cursor = 0;
    /** per-state counts over iteration records */
    counts = { QUEUED: 0, SCHEDULED: 0, EXECUTING: 0, SUCCEED: 0, FAILED: 0, CANCELED: 0, OMITTED: 0 };
    /** whole-job dependency targets (entries without ${it}) */
    deps;
    /** per-iteration dependency templates (entries with ${it}) */
    itDeps;
    /** whole-job dependencies satisfied */
    depsReady;
    constructor(accepted, 
    /** registration sequence number */
    seq) {
        this.accepted = accepted;
        this.seq = seq;
        const d = accepted.desc;
        this.name = d.name;
        if (d.iteration)
            this.iterations = new Map();
        else
            this.task = new Task(this, null);
        const after = d.dependencies?.after ?? [];
        this.itDeps = after.filter((e) => e.includes('${it}'));
        this.deps = after.filter((e) => !e.includes('${it}')).map(parseTarget);
        this.depsReady = this.deps.length === 0;
    }
    get desc() {
        return this.accepted.desc;
    }
    get isIterative() {
        return this.iterations !== undefined;
    }
    get start() {
        return this.desc.iteration?.start ?? 0;
    }
    get stop() {
        return this.desc.iteration?.stop ?? 1;
    }
    get total() {
        return this.stop - this.start;
    }
    /** iterations without a record */
    get implicitCount() {
        return this.iterations ? this.total - this.iterations.size : 0;
    }
    /** iterations (or the task) in a final state */
    get finishedCount() {
        const c = this.counts;
        const implicitFinal = isFinal(this.implicitState) ? this.implicitCount : 0;
        return c.SUCCEED + c.FAILED + c.CANCELED + c.OMITTED + implicitFinal;
    }
    get failedCount() {
        const c = this.counts;
        const implicitFinal = isFinal(this.implicitState) ? this.implicitCount : 0;
        return c.FAILED + c.CANCELED + c.OMITTED + implicitFinal;
    }
    /** State of iteration idx (which must be in range). */
    iterationState(idx) {
        return this.iterations?.get(idx)?.state ?? this.implicitState;
    }
    inRange(idx) {
        return idx >= this.start && idx < this.stop;
    }
    addMessage(m) {
        (this.messages ??= []).push(m);
    }
}
/** A read-only view of an iteration without a record (its state is the job's implicit state). */
export function implicitTask(job, idx) {
    const t = new Task(job, idx);
    t.state = job.implicitState;
    if (isFinal(job.implicitState))
        t.history.push([job.implicitState, job.implicitTime]);
    return t;
}
/**
 * Iterations `from`..`to - 1` of a job that have no record (all but those in `skip`, ascending) and became final
 * together: a whole-job cancel or omission, one state change in the core and one journal record. What each of
 * them is still owed (its `IST` + `IFI`, a report entry) is handed out by `take`, in index order, in as many
 * pieces as the caller likes (Core.finalizeImplicit, the manager's EffectBacklog).
 */
export class ImplicitRange {
    job;
    state;
    to;
    skip;
    next;
    skipAt = 0;
    constructor(job, state, from, to, skip) {
        this.job = job;
        this.state = state;
        this.to = to;
        this.skip = skip;
        this.next = from;
    }
    /** How many indices `take` has yet to pass. */
    get left() {
        while (this.skipAt < this.skip.length && this.skip[this.skipAt] < this.next)
            this.skipAt++;
        return this.to - this.next - (this.skip.length - this.skipAt);
    }
    /** Pass the next `max` indices (fewer at the end) to `each`. Returns whether any are left. */
    take(max, each) {
        const skip = this.skip;
        for (let n = 0; n < max && this.next < this.to;) {
            const idx = this.next++;
            while (this.skipAt < skip.length && skip[this.skipAt] < idx)
                this.skipAt++;
            if (skip[this.skipAt] === idx)
                continue;
            each(idx);
            n++;
        }
        return this.next < this.to;
    }
}
/** `NAME` or `NAME:IDX` → target. Entries were validated at submit. */
export function parseTarget(entry) {
    const i = entry.lastIndexOf(':');
    if (i < 0)
        return { name: entry, idx: null };
    const idx = Number(entry.slice(i + 1));
    return Number.isInteger(idx) ? { name: entry.slice(0, i), idx } : { name: entry, idx: null };
}
//# sourceMappingURL=job.js.map