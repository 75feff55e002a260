/**
 * The manager's state and its reactions, in one place and without I/O (the shape of HyperQueue's tako
 * reactor): requests and executor reports come in as method calls, every side effect goes out through
 * `CoreEffects`. The scheduler therefore runs the same under a real manager and in a simulator.
 */
import { isFinal, type JobState } from '../../protocol/job.js';
import type { AcceptedJob } from '../../protocol/submit-types.js';
import type { ExitReport } from '../agent/messages.js';
import { retryDelaySeconds } from '../../protocol/attributes.js';
import { formatDuration } from './clock.js';
import { ImplicitRange, implicitTask, Job, parseTarget, Task, type DepTarget } from './job.js';
import { buildLaunch, type LaunchContext, type TaskLaunch } from './launch.js';
import { coreShadowGate, nodeReservationGate, type Gate, type RunningTask } from './backfill.js';
import { canEverFit, coreCount, type Request, type ResourcePool } from './resources.js';
import type { CoreRecord, StateRecord } from '../journal/records.js';

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
export const RESUME_REQUEUED = 're-queued after manager restart';
/** Message of a task whose cancel was requested and whose process ended with the previous manager. */
export const RESUME_CANCELED = 'canceled: its process ended with the previous manager';

/** Iterations a pass may look at per job beyond those it starts (bounds the cost of skipping). */
const SCAN_WINDOW = 4096;
/** Jobs a pass may look at behind a blocked one for backfilling (bounds the cost of a long queue). */
const BACKFILL_WINDOW = 1000;
/**
 * Tasks are chained (Core.chainTasks) only while recent tasks ran shorter than this on average: then the
 * round trip between a core freeing and the next start is a noticeable part of the work; with longer tasks it
 * is not, and the queue keeps its plain look (QUEUED until the cores are free).
 */
export const CHAIN_BELOW_US = 50_000;
/**
 * How many tasks may wait in one chain behind a running task. With one, a core idles whenever the exit report
 * and the next launch take longer to cross than the next task takes to run: measured with trivial tasks on a
 * busy 2-core machine, 46% of chained launches reached the launcher after their predecessor had ended; with
 * two 18%, with three 6%.
 */
export const CHAIN_DEPTH = 3;
/**
 * A running task is a lost bet once it has run this many times the recent average (and at least
 * CHAIN_PATIENCE_MIN_US): nothing more is chained behind it, and what waits behind it is taken back, so that a
 * stream of short tasks is not held up by one long one.
 */
const CHAIN_PATIENCE = 8;
const CHAIN_PATIENCE_MIN_US = 5000;
/** With no core free, waiting chained tasks are checked for a lost bet at most this often (a pass runs per report). */
const CHAIN_CHECK_US = CHAIN_PATIENCE_MIN_US / 4;

type DepVerdict = 'ready' | 'wait' | 'omit';
/** A task that became final (`idx`), or iterations `idx`..`end - 1` of job `name`. */
type FinalTarget = DepTarget & { end?: number };
type StartResult = { blocked: Request | null };

export class Core {
  readonly jobs = new Map<string, Job>();
  /** no new task is started while false (finish without wait) */
  startsAllowed = true;

  private seq = 0;
  /** jobs whose whole-job dependencies are met and that have iterations left to start, in registration order */
  private ready: Job[] = [];
  /** jobs waiting for whole-job dependencies */
  private readonly waiting = new Set<Job>();
  /** dependee name → jobs depending on it (whole-job or per-iteration) */
  private readonly dependants = new Map<string, Set<Job>>();
  /** dependee names whose state changed since the last pass */
  private readonly changed = new Set<string>();
  /** tasks (or ranges of iterations: `end`) that became final and have dependants, for per-iteration dependencies */
  private readonly finalTargets: FinalTarget[] = [];
  private readonly launched = new Map<number, Task>();
  /** launched tasks another task may be chained behind (no successor, chain not full; see chainTasks, retarget) */
  private readonly chainTargets = new Set<Task>();
  /** chained tasks still waiting for the task they follow */
  private readonly chainWaiting = new Set<Task>();
  /** when unchainWaiting next looks for lost bets while no core is free (see CHAIN_CHECK_US) */
  private nextChainCheckUs = 0;
  /** moving average of the run time of recent tasks, µs (NaN until one ended) */
  private recentRunUs = NaN;
  /** tasks handed to executors, how many of them chained, and how many of those taken back (logged at shutdown) */
  readonly launches = { total: 0, chained: 0, takenBack: 0 };
  private nextLaunchId = 1;
  /** jobs not final */
  private active = 0;

  /** earliest retry time seen by the current scheduling pass (Infinity: none) */
  private wakeUs = Infinity;

  constructor(
    readonly pool: ResourcePool,
    private readonly fx: CoreEffects,
    private readonly ctx: LaunchContext & { instanceId: string },
    private readonly now: () => number,
    /** [0, 1), for the jitter of retry delays */
    private readonly random: () => number = Math.random,
  ) {}

  /** The task launched under executor id `id`, while it runs. */
  taskOf(id: number): Task | undefined {
    return this.launched.get(id);
  }

  get allJobsFinished(): boolean {
    return this.active === 0;
  }

  // ---- submit -------------------------------------------------------------------------------------

  /** Register accepted jobs (state QUEUED, no event), then run a scheduling pass. `rcnt`: the request counter, journaled. */
  register(accepted: AcceptedJob[], rcnt = 0): void {
    const t = this.now();
    if (this.fx.record) {
      const tot: [number, number] = [this.pool.nodes.length, this.pool.nodes.reduce((a, n) => a + n.cores, 0)];
      this.fx.record({ t: 'sub', ts: t, rcnt, tot, jobs: accepted.map((a) => a.desc) });
    }
    for (const a of accepted) {
      const job = new Job(a, this.seq++);
      job.history.push(['QUEUED', t]);
      job.inQueue = this.ready.length + this.waiting.size;
      this.jobs.set(job.name, job);
      this.active++;
      for (const name of dependeeNames(job)) {
        let set = this.dependants.get(name);
        if (!set) this.dependants.set(name, (set = new Set()));
        set.add(job);
      }
      if (job.depsReady) this.ready.push(job);
      else {
        this.waiting.add(job);
        this.changed.add(job.deps[0].name); // evaluate at this pass
      }
    }
    this.schedule();
  }

  // ---- resume -------------------------------------------------------------------------------------

  /**
   * Take over jobs rebuilt from a journal (server/journal/replay.ts), in registration order, on a core that
   * has none yet; then run a scheduling pass. Tasks that were SCHEDULED or EXECUTING when the previous
   * manager died died with it (its agent kills its jobs when its pipe closes): they go back to QUEUED with the
   * message RESUME_REQUEUED and a history entry (or to CANCELED when their cancel had been requested), and a
   * job in SCHEDULED/EXECUTING goes back to QUEUED the same way. These changes are journaled like any other.
   */
  restore(jobs: Iterable<Job>): void {
    const list = [...jobs];
    for (const job of list) {
      this.jobs.set(job.name, job);
      this.seq = Math.max(this.seq, job.seq + 1);
      if (!isFinal(job.state)) this.active++;
      for (const name of dependeeNames(job)) {
        let set = this.dependants.get(name);
        if (!set) this.dependants.set(name, (set = new Set()));
        set.add(job);
      }
    }
    const requeue = (task: Task) => {
      if (task.state !== 'SCHEDULED' && task.state !== 'EXECUTING') return;
      if (task.cancelRequested) this.setTaskState(task, 'CANCELED', RESUME_CANCELED);
      else {
        delete task.runtime;
        this.setTaskState(task, 'QUEUED', RESUME_REQUEUED);
      }
    };
    for (const job of list) {
      if (isFinal(job.state)) continue;
      if (!job.isIterative) {
        requeue(job.task!);
        job.cursor = job.task!.state === 'QUEUED' ? 0 : 1;
        continue;
      }
      for (const task of job.iterations!.values()) requeue(task);
      if (isFinal(job.state)) continue;
      if (job.state !== 'QUEUED') this.setJobState(job, 'QUEUED', RESUME_REQUEUED);
      if (isFinal(job.implicitState)) job.cursor = job.total;
      else {
        let pos = 0;
        while (pos < job.total && (job.iterations!.get(job.start + pos)?.state ?? 'QUEUED') !== 'QUEUED') pos++;
        job.cursor = pos;
      }
    }
    for (const job of list) {
      if (isFinal(job.state) || job.cancelRequested) continue;
      job.inQueue = this.ready.length + this.waiting.size;
      if (job.depsReady) this.ready.push(job);
      else {
        this.waiting.add(job);
        this.changed.add(job.deps[0].name);
      }
    }
    this.schedule();
  }

  // ---- executor reports ---------------------------------------------------------------------------

  /**
   * The task's process was spawned; `atUs` is the agent's clock at the spawn. A report can arrive late (in
   * one batch with the exit), so EXECUTING is dated by the agent's clock, clamped into our own timeline
   * (after the previous entry, not in the future) so history never goes backwards, whatever a remote clock says.
   */
  onStarted(id: number, wd: string, atUs?: number): void {
    const task = this.launched.get(id);
    if (!task || task.state !== 'SCHEDULED') return;
    task.runtime!.wd = wd;
    const history = task.idx === null ? task.job.history : task.history;
    const last = history.length ? history[history.length - 1][1] : 0;
    this.at = atUs === undefined ? null : Math.min(Math.max(atUs, last), this.now());
    try {
      this.setTaskState(task, 'EXECUTING');
    } finally {
      this.at = null;
    }
    this.schedule();
  }

  /** When set, the time state changes are dated with (see onStarted). */
  private at: number | null = null;
  private stamp(): number {
    return this.at ?? this.now();
  }

  onWdFailed(id: number, message: string): void {
    const task = this.launched.get(id);
    if (!task) return;
    if (this.endedWhileChained(task)) return;
    if (this.deferWhileChained(task, () => this.onWdFailed(id, message))) return;
    const r = { pid: -1, exitCode: -1, rtimeUs: 0 };
    if (task.cancelRequested) this.endTask(task, 'CANCELED', r, message);
    else this.failOrRetry(task, r, message, message);
  }

  onExited(r: ExitReport, wd: string): void {
    const task = this.launched.get(r.id);
    if (!task) return;
    if (this.endedWhileChained(task)) return;
    if (task.unchaining && task.predecessor && r.pid === -1 && r.reason === 'cancel') return this.requeueUnchained(task);
    if (this.deferWhileChained(task, () => this.onExited(r, wd))) return;
    let state: JobState;
    let message: string | undefined;
    if (task.state === 'SCHEDULED' && r.pid !== -1) {
      task.runtime!.wd = wd; // started and exited before we saw 'started'
      this.setTaskState(task, 'EXECUTING');
    }
    if (r.reason === 'launch' || r.reason === 'hostLost') {
      if (task.state === 'SCHEDULED') {
        task.runtime!.wd = wd;
        this.setTaskState(task, 'EXECUTING'); // recorded just before the spawn attempt (jobs.md §8)
      }
      state = task.cancelRequested ? 'CANCELED' : 'FAILED';
      message = r.message;
    } else if (task.cancelRequested || r.reason === 'cancel') {
      state = 'CANCELED';
    } else if (r.reason === 'walltime') {
      state = 'FAILED';
      message = 'wall time exceeded';
    } else {
      state = r.exitCode === 0 ? 'SUCCEED' : 'FAILED';
    }
    if (r.pid !== -1) this.recentRunUs = Number.isNaN(this.recentRunUs) ? r.rtimeUs : this.recentRunUs + (r.rtimeUs - this.recentRunUs) / 16;
    if (r.result !== undefined) task.result = r.result;
    if (state !== 'FAILED') return this.endTask(task, state, r, message);
    // what a retry policy may retry: a launch that failed or a lost host; the job's own exit only when asked
    const infrastructure = r.reason === 'launch' || r.reason === 'hostLost';
    const ownExit = r.reason === undefined && !!task.job.accepted.retry?.onExitCode;
    this.failOrRetry(task, r, message, infrastructure ? message : ownExit ? `exit code ${r.exitCode}` : null);
  }

  /**
   * A failed attempt: QUEUED again after a backoff when the job's retry policy allows one more (README
   * "Retries"; `cause` null: not retryable), else FAILED — naming the attempts when a policy gave up.
   */
  private failOrRetry(task: Task, r: { pid: number; exitCode: number; rtimeUs: number }, message: string | undefined, cause: string | null | undefined): void {
    const p = task.job.accepted.retry;
    if (!p || cause === null || cause === undefined) return this.endTask(task, 'FAILED', r, message);
    if (task.failures >= p.max) return this.endTask(task, 'FAILED', r, `${cause} (attempt ${p.max + 1} of ${p.max + 1}: no retry left)`);
    const next = this.releaseCores(task);
    delete task.alloc;
    delete task.runtime;
    delete task.result;
    task.failures++;
    const delay = retryDelaySeconds(p, task.failures, this.random());
    task.notBefore = this.now() + Math.round(delay * 1e6);
    this.setTaskState(task, 'QUEUED', `attempt ${task.failures} of ${p.max + 1} failed: ${cause}; retry in ${delay.toFixed(3)} s`);
    if (next) this.handOver(next);
    this.backInLine(task);
  }

  /** A QUEUED task that had left its job's line (a retry, a chained task given back) is in it again. */
  private backInLine(task: Task): void {
    const job = task.job;
    job.cursor = Math.min(job.cursor, task.idx === null ? 0 : task.idx - job.start);
    this.insertReady(job);
    this.schedule();
  }

  private endTask(task: Task, state: JobState, r: { pid: number; exitCode: number; rtimeUs: number }, message?: string): void {
    const next = this.releaseCores(task);
    Object.assign(task.runtime!, {
      rtime: formatDuration(r.rtimeUs),
      exit_code: String(r.exitCode),
      pid: String(r.pid),
      pname: task.pname ?? '',
    });
    this.setTaskState(task, state, message);
    if (next) this.handOver(next); // after the final state of the task it followed
    this.schedule();
  }

  // ---- nodes --------------------------------------------------------------------------------------

  /**
   * Take node `node` (index or name) out of scheduling or give it back (an SSH host reconnecting, offline,
   * back). Its running tasks are not touched (the executor reports what becomes of them); while it is not
   * online no task is placed on it. Giving a node back runs a scheduling pass.
   */
  setNodeOnline(node: number | string, online: boolean): void {
    const i = typeof node === 'number' ? node : this.pool.nodes.findIndex((n) => n.name === node);
    if (!this.pool.nodes[i]) throw new Error(`no node ${node}`);
    if (this.pool.nodes[i].online === online) return;
    this.pool.setOnline(i, online);
    if (online) this.schedule();
  }

  /**
   * A launched task's process is gone (or never was): its cores return to the pool, or go to the task chained
   * behind it, which the executor has started on them by now. That task is returned: the caller makes it
   * SCHEDULED (without a pass) once it has recorded the end of this one.
   */
  private releaseCores(task: Task): Task | undefined {
    this.launched.delete(task.launchId!);
    this.chainTargets.delete(task);
    const next = task.successor;
    if (task.predecessor) {
      this.detach(task); // ended while chained: the cores stay with the task it followed
    } else if (next) {
      this.detach(task);
      if (!isFinal(next.state)) return next;
    } else if (task.alloc) this.pool.release(task.alloc);
    return undefined;
  }

  /**
   * A task cancelled while chained is CANCELED at once (like any queued task), but stays launched until the
   * executor confirms it dropped it (or, if it had just started it, that it ended), holding the cores it was
   * chained to meanwhile. Its reports end here.
   */
  private endedWhileChained(task: Task): boolean {
    if (!isFinal(task.state)) return false;
    const next = this.releaseCores(task);
    if (next) this.handOver(next);
    this.schedule();
    return true;
  }

  // ---- cancel / remove / finish -------------------------------------------------------------------

  /** Cancel one task (job without iterations, or iteration idx). Returns an error text or null. */
  cancelTask(job: Job, idx: number | null, requested: string): string | null {
    let task = idx === null ? job.task! : job.iterations!.get(idx);
    const state = task ? task.state : job.implicitState;
    if (isFinal(state)) return `Job ${requested} already finished (${state})`;
    if (task?.cancelRequested) return `Job ${requested} already canceled`;
    if (!task) {
      task = this.createIteration(job, idx!);
      this.setTaskState(task, 'CANCELED');
    } else if (task.state === 'QUEUED') {
      this.waiting.delete(job);
      this.dropChained(task);
      this.setTaskState(task, 'CANCELED');
    } else {
      task.cancelRequested = true;
      this.fx.record?.(task.idx === null ? { t: 'c', j: job.name } : { t: 'c', j: job.name, i: task.idx });
      this.fx.cancel(task.launchId!);
    }
    this.schedule();
    return null;
  }

  /** Cancel a whole job (every iteration, including those not generated yet). Returns an error text or null. */
  cancelJob(job: Job): string | null {
    if (!job.isIterative) return this.cancelTask(job, null, job.name);
    if (isFinal(job.state)) return `Job ${job.name} already finished (${job.state})`;
    if (job.cancelRequested) return `Job ${job.name} already canceled`;
    job.cancelRequested = true;
    this.fx.record?.({ t: 'c', j: job.name });
    this.waiting.delete(job);
    for (const task of job.iterations!.values()) {
      if (task.state === 'QUEUED') {
        // re-queued after a restart, or chained (the executor drops it)
        this.dropChained(task);
        this.setTaskState(task, 'CANCELED');
      } else if (!isFinal(task.state) && !task.cancelRequested) {
        task.cancelRequested = true;
        this.fx.cancel(task.launchId!);
      }
    }
    this.finalizeImplicit(job, 'CANCELED');
    this.schedule();
    return null;
  }

  /** Cancel everything not final (finish). */
  cancelAll(): void {
    for (const job of this.jobs.values()) if (!isFinal(job.state)) this.cancelJob(job);
  }

  /** Remove a final job. Returns an error text or null. */
  remove(name: string): string | null {
    const job = this.jobs.get(name);
    if (!job) return `Job '${name}' doesn't exist`;
    if (!isFinal(job.state)) return `Job '${name}' not finished - can not be removed`;
    this.jobs.delete(name);
    this.fx.record?.({ t: 'rm', j: name });
    this.dependants.delete(name);
    // and the job as a dependant of others: it would stay reachable (with all its iterations) from their sets
    for (const dependee of dependeeNames(job)) {
      const set = this.dependants.get(dependee);
      if (set?.delete(job) && set.size === 0) this.dependants.delete(dependee);
    }
    this.schedule();
    return null;
  }

  // ---- state changes and events -------------------------------------------------------------------

  private createIteration(job: Job, idx: number): Task {
    const task = new Task(job, idx);
    job.iterations!.set(idx, task);
    job.counts.QUEUED++;
    return task;
  }

  private setTaskState(task: Task, state: JobState, message?: string): void {
    const job = task.job;
    if (state === 'EXECUTING') task.startedUs = this.stamp();
    if (task.idx === null) {
      task.state = state;
      this.setJobState(job, state, message);
      return;
    }
    job.counts[task.state]--;
    job.counts[state]++;
    task.state = state;
    const ts = this.stamp();
    task.history.push([state, ts]);
    if (message) task.addMessage(message);
    if (this.fx.record) this.fx.record(stateRecord(job, task.idx, state, ts, message, task));
    this.publishIteration(job, task.idx, state);
    if (state === 'EXECUTING' && job.state === 'QUEUED') this.setJobState(job, 'EXECUTING');
    if (isFinal(state)) {
      this.fx.finished(job, task);
      this.changed.add(job.name);
      this.noteFinal(job.name, task.idx);
      this.maybeFinishIterative(job);
    }
  }

  private publishIteration(job: Job, it: number, state: JobState): void {
    const body = { manager: this.ctx.instanceId, job: job.name, state, it };
    this.fx.publish('IST', body);
    if (isFinal(state)) this.fx.publish('IFI', body);
  }

  private setJobState(job: Job, state: JobState, message?: string): void {
    job.state = state;
    const ts = this.stamp();
    job.history.push([state, ts]);
    if (message) job.addMessage(message);
    if (this.fx.record) this.fx.record(stateRecord(job, null, state, ts, message, job.task));
    const body = { manager: this.ctx.instanceId, job: job.name, state };
    this.fx.publish('JST', body);
    if (!isFinal(state)) return;
    if (state === 'OMITTED') delete job.inQueue;
    this.fx.publish('JFI', body);
    this.fx.finished(job, null);
    this.changed.add(job.name);
    this.noteFinal(job.name, null);
    this.active--;
    if (this.active === 0) this.fx.publish('NOJ', { manager: this.ctx.instanceId });
  }

  /**
   * Every iteration without a record becomes `state` (whole-job cancel or omission): one change and one journal
   * record, whatever the number of iterations; their events and report entries go out as an ImplicitRange.
   */
  private finalizeImplicit(job: Job, state: 'CANCELED' | 'OMITTED'): void {
    if (!job.isIterative) return;
    job.implicitState = state;
    job.implicitTime = this.now();
    this.fx.record?.({ t: 'imp', j: job.name, s: state, ts: job.implicitTime });
    const from = job.start + job.cursor;
    // iterations at or after the cursor may have records (retries, chained or omitted ones): not implicit
    const skip: number[] = [];
    for (const idx of job.iterations!.keys()) if (idx >= from) skip.push(idx);
    skip.sort((a, b) => a - b);
    const range = new ImplicitRange(job, state, from, job.stop, skip);
    if (this.fx.implicitFinal) this.fx.implicitFinal(range);
    else {
      range.take(Infinity, (idx) => {
        this.publishIteration(job, idx, state);
        this.fx.finished(job, this.implicitTask(job, idx));
      });
    }
    if (from < job.stop) this.noteFinal(job.name, from, job.stop);
    job.cursor = job.total;
    this.changed.add(job.name);
    this.maybeFinishIterative(job);
  }

  /** A read-only view of an iteration without a record. */
  implicitTask(job: Job, idx: number): Task {
    return implicitTask(job, idx);
  }

  private maybeFinishIterative(job: Job): void {
    if (isFinal(job.state) || job.finishedCount < job.total) return;
    let final: JobState;
    if (job.implicitState === 'OMITTED') final = 'OMITTED'; // omitted as a whole (§8), even after some iterations ended
    else if (job.cancelRequested) final = 'CANCELED';
    else final = job.failedCount > 0 ? 'FAILED' : 'SUCCEED';
    this.setJobState(job, final);
  }

  private omitJob(job: Job): void {
    this.waiting.delete(job);
    if (job.isIterative) {
      this.finalizeImplicit(job, 'OMITTED');
      if (!isFinal(job.state)) this.setJobState(job, 'OMITTED'); // iterations still running cannot be: it never started
    } else {
      this.setTaskState(job.task!, 'OMITTED');
    }
  }

  // ---- dependencies -------------------------------------------------------------------------------

  private verdict(t: DepTarget): DepVerdict {
    const dj = this.jobs.get(t.name);
    if (!dj) return 'omit';
    let s: JobState;
    if (t.idx === null) s = dj.state;
    else {
      if (!dj.isIterative || !dj.inRange(t.idx)) return 'omit';
      s = dj.iterationState(t.idx);
    }
    if (s === 'SUCCEED') return 'ready';
    return isFinal(s) ? 'omit' : 'wait';
  }

  private verdictAll(targets: DepTarget[]): DepVerdict {
    let v: DepVerdict = 'ready';
    for (const t of targets) {
      const x = this.verdict(t);
      if (x === 'omit') return 'omit';
      if (x === 'wait') v = 'wait';
    }
    return v;
  }

  private iterationVerdict(job: Job, idx: number): DepVerdict {
    if (job.itDeps.length === 0) return 'ready';
    return this.verdictAll(job.itDeps.map((e) => parseTarget(e.split('${it}').join(String(idx)))));
  }

  /** Re-evaluate the jobs that depend on changed names, until nothing changes (omissions cascade). */
  /**
   * Remember a final task for per-iteration dependants (only when some job depends on `name`): iteration `idx`
   * (null: the job), or iterations `idx`..`end - 1`.
   */
  private noteFinal(name: string, idx: number | null, end?: number): void {
    if (this.dependants.has(name)) this.finalTargets.push(end === undefined ? { name, idx } : { name, idx, end });
  }

  /**
   * Per-iteration dependants of a task that ended unsuccessfully: the iteration of each whose `${it}` entry
   * names that task is OMITTED now, not when the scheduler reaches it (a queue without free cores may not
   * reach it for a long time). The iteration is found by matching the entry against the task's name.
   */
  private omitIterationDependants(t: FinalTarget): void {
    const candidates = (): Job[] =>
      [...(this.dependants.get(t.name) ?? [])].filter((job) => job.itDeps.length && job.depsReady && !isFinal(job.state) && !job.cancelRequested);
    // a range (a whole-job cancel or omission) costs per iteration only when some job depends on its iterations
    let jobs = candidates();
    const end = t.end ?? (t.idx ?? 0) + 1;
    for (let i = t.idx ?? 0; i < end && jobs.length; i++) {
      const text = t.idx === null ? t.name : `${t.name}:${i}`;
      for (const job of jobs) {
        for (const entry of job.itDeps) {
          const m = iterationPattern(entry).exec(text);
          const idx = m ? Number(m[1]) : NaN;
          if (!job.inRange(idx) || job.iterations!.has(idx) || this.iterationVerdict(job, idx) !== 'omit') continue;
          this.setTaskState(this.createIteration(job, idx), 'OMITTED');
        }
      }
      if (t.end !== undefined && jobs.some((j) => isFinal(j.state))) jobs = candidates(); // omissions may end a job
    }
  }

  private processDependencies(): void {
    // (omissions may add targets while this runs: the loop takes them too)
    for (let i = 0; i < this.finalTargets.length; i++) this.omitIterationDependants(this.finalTargets[i]);
    this.finalTargets.length = 0;
    while (this.changed.size) {
      const names = [...this.changed];
      this.changed.clear();
      const touched = new Set<Job>();
      for (const n of names) for (const j of this.dependants.get(n) ?? []) touched.add(j);
      for (const job of touched) {
        if (isFinal(job.state) || job.cancelRequested) continue;
        if (this.waiting.has(job)) {
          const v = this.verdictAll(job.deps);
          if (v === 'omit') this.omitJob(job);
          else if (v === 'ready') {
            this.waiting.delete(job);
            job.depsReady = true;
            this.fx.record?.({ t: 'rdy', j: job.name });
            this.insertReady(job);
          }
        } else if (job.itDeps.length && job.depsReady && job.cursor < job.total) {
          this.insertReady(job);
        }
      }
    }
  }

  private insertReady(job: Job): void {
    const i = this.readyIndex(job);
    if (this.ready[i] !== job) this.ready.splice(i, 0, job);
  }

  /** Where `job` is or belongs in `ready` (kept in registration order): a binary search, the list can be long. */
  private readyIndex(job: Job): number {
    let lo = 0;
    let hi = this.ready.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ready[mid].seq < job.seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // ---- scheduling ---------------------------------------------------------------------------------

  /** Scheduling (jobs.md §10.3): passes until no dependency verdict is left to re-evaluate. */
  schedule(): void {
    do {
      this.processDependencies();
      this.pass();
    } while (this.changed.size || this.finalTargets.length);
    if (this.wakeUs !== Infinity) {
      this.fx.wakeAt?.(this.wakeUs);
      this.wakeUs = Infinity;
    }
  }

  /** Is the task waiting for its retry time? (Then ask to be woken.) */
  private backingOff(task: Task): boolean {
    if (task.notBefore === 0 || task.notBefore <= this.now()) return false;
    this.wakeUs = Math.min(this.wakeUs, task.notBefore);
    return true;
  }

  /**
   * Cores are free while chained tasks wait for running ones (the bet that those would end soon was lost, or
   * nothing more came): take them back, so that they start now, here or elsewhere (requeueUnchained).
   */
  private unchainWaiting(): void {
    this.nextChainCheckUs = this.now() + CHAIN_CHECK_US;
    let free = this.pool.freeCores;
    for (const task of this.chainWaiting) {
      if (task.unchaining || task.deferredEnd || isFinal(task.state)) continue;
      const cores = coreCount(task.alloc!);
      if (this.overdue(this.chainHead(task))) {
        // it may wait long: back in the queue, to be chained behind a task that ends sooner or started on free cores
      } else if (cores > free) {
        continue; // would wait here too
      } else free -= cores;
      task.unchaining = true;
      this.chainTargets.delete(task); // nothing more behind it: the executor may have dropped it already
      this.fx.unchain?.(task.launchId!, task.alloc![0].node);
    }
  }

  /** The executor gave back a chained task before it started: QUEUED again, first in its job's line. */
  private requeueUnchained(task: Task): void {
    this.launches.takenBack++;
    task.unchaining = false;
    this.launched.delete(task.launchId!);
    this.detach(task); // what came after it follows the task it followed (as in the executor)
    delete task.alloc;
    this.backInLine(task);
  }

  private pass(): void {
    if (this.chainWaiting.size && (this.pool.freeCores > 0 || this.now() >= this.nextChainCheckUs)) this.unchainWaiting();
    let gate: Gate | null = null; // set once the oldest ready job is blocked: what later jobs may still use
    let behind = 0; // jobs looked at behind the blocked one
    let position = 0;
    let skipped = 0;
    for (const job of this.ready) {
      if (this.exhausted(job)) {
        skipped++;
        continue;
      }
      job.inQueue = position++;
      if (!this.startsAllowed) continue;
      if (!job.itDeps.length && this.pool.freeCores === 0) {
        if (gate) break;
        this.chainTasks(job);
        // all of it is in hand now: the next job may be chained too, while chains have room
        if (!this.exhausted(job) || this.chainTargets.size === 0) break;
        continue;
      }
      if (gate && (gate.closed || ++behind > BACKFILL_WINDOW)) break;
      const { blocked } = this.startTasks(job, gate);
      // (a job that needs a node that is not online waits for it without holding up the jobs behind it)
      if (blocked && !gate && this.fitsOnline(blocked)) {
        this.chainTasks(job);
        // The oldest ready job that cannot start gets a reservation; later jobs only backfill around it.
        gate = blocked.nodes ? nodeReservationGate(blocked, this.pool) : coreShadowGate(blocked, this.pool, this.runningTasks(), this.now());
      }
    }
    // Drop jobs with nothing left to start. Cheap when they sit at the head (the usual FIFO case); a full
    // compaction only when many were skipped, so a pass costs what it visits, not the queue length.
    let head = 0;
    while (head < this.ready.length && this.exhausted(this.ready[head])) head++;
    if (skipped - head > 64 + this.ready.length / 8) this.ready = this.ready.filter((j) => !this.exhausted(j));
    else if (head) this.ready.splice(0, head);
  }

  /** Could the request be met by the online nodes alone, once idle? (Always, while every node is online.) */
  private fitsOnline(req: Request): boolean {
    const nodes = this.pool.nodes;
    return nodes.every((n) => n.online) || canEverFit(nodes.filter((n) => n.online), req);
  }

  private exhausted(job: Job): boolean {
    return isFinal(job.state) || job.cancelRequested || !job.depsReady || job.cursor >= job.total;
  }

  /** Running tasks with their cores and estimated end (from the wall time), for backfilling. */
  private *runningTasks(): Iterable<RunningTask> {
    const now = this.now();
    for (const t of this.launched.values()) {
      if (t.predecessor) continue; // its cores are counted with the task it follows
      const wt = t.job.desc.resources.wtSeconds;
      const started = t.state === 'EXECUTING' ? t.startedUs : now;
      let endUs = wt ? started + wt * 1e6 : Infinity;
      const nextWt = t.successor?.job.desc.resources.wtSeconds;
      if (t.successor) endUs = nextWt ? endUs + nextWt * 1e6 : Infinity;
      // cores freed on a node that is not online cannot serve the blocked job
      const cores = t.alloc!.reduce((a, p) => a + (this.pool.nodes[p.node].online ? p.cores.length : 0), 0);
      if (cores) yield { cores, endUs };
    }
  }

  /** Start what can start of one job. */
  private startTasks(job: Job, gate: Gate | null): StartResult {
    const wt = job.desc.resources.wtSeconds;
    const allocate = (req: Request) => {
      if (gate && !gate.admit(req, wt)) return null;
      const alloc = this.pool.allocate(req, gate?.avail);
      if (alloc) gate?.taken(alloc, wt);
      return alloc;
    };
    if (!job.isIterative) {
      if (this.backingOff(job.task!)) return { blocked: null };
      job.cursor = 1;
      const req = this.requestOf(job, 0);
      const err = this.stageC(job);
      if (err) {
        this.setTaskState(job.task!, 'FAILED', err);
        return { blocked: null };
      }
      const alloc = allocate(req);
      if (!alloc) {
        job.cursor = 0;
        return { blocked: req };
      }
      this.launch(job.task!, alloc);
      return { blocked: null };
    }
    const stageCError = this.stageC(job);
    const sizesVary = !!(job.accepted.iterationCores || job.accepted.iterationNodes);
    let blocked: Request | null = null;
    let started = 0;
    let scanned = 0;
    for (let pos = job.cursor; pos < job.total && scanned < SCAN_WINDOW + started; pos++) {
      const idx = job.start + pos;
      const rec = job.iterations!.get(idx); // a QUEUED record: re-queued after a restart, started like no record
      if (rec && taken(rec)) {
        if (pos === job.cursor) job.cursor++;
        continue;
      }
      scanned++;
      if (!this.startsAllowed || job.cancelRequested) break;
      if (rec && this.backingOff(rec)) continue;
      const v = this.iterationVerdict(job, idx);
      if (v === 'wait') continue;
      const task = v === 'omit' || stageCError ? (rec ?? this.createIteration(job, idx)) : undefined;
      if (task) {
        this.setTaskState(task, v === 'omit' ? 'OMITTED' : 'FAILED', v === 'omit' ? undefined : stageCError!);
        if (pos === job.cursor) job.cursor++;
        continue;
      }
      const req = this.requestOf(job, pos);
      const alloc = allocate(req);
      if (!alloc) {
        blocked ??= req;
        if (!sizesVary) break; // the next iteration needs the same: none fits
        continue;
      }
      const t = rec ?? this.createIteration(job, idx);
      if (pos === job.cursor) job.cursor++;
      started++;
      this.launch(t, alloc);
      if (this.pool.freeCores === 0) break;
    }
    while (job.cursor < job.total && taken(job.iterations!.get(job.start + job.cursor))) job.cursor++;
    return { blocked: started === 0 ? blocked : blocked && !sizesVary ? blocked : null };
  }

  /** The resource request of the iteration at `pos` (or the job). */
  private requestOf(job: Job, pos: number): Request {
    const r = job.desc.resources;
    const cores = job.accepted.iterationCores ? { exact: job.accepted.iterationCores(pos) } : r.numCores;
    const nodes = job.accepted.iterationNodes ? { exact: job.accepted.iterationNodes(pos) } : r.numNodes;
    return r.nodeCrs ? { cores, nodes, crs: r.nodeCrs } : { cores, nodes };
  }

  /** Schedule-time description errors (jobs.md §7 stage C). */
  private stageC(job: Job): string | null {
    const r = job.desc.resources;
    const oneSided = (s: typeof r.numCores, sized: boolean) =>
      s && s.exact === undefined && !sized && (s.min === undefined || s.max === undefined);
    if (oneSided(r.numCores, !!job.accepted.iterationCores)) return "Both core's range boundaries (min, max) must be defined";
    if (oneSided(r.numNodes, !!job.accepted.iterationNodes)) return "Both node's range boundaries (min, max) must be defined";
    if (r.nodeCrs && Object.keys(r.nodeCrs).length) {
      if (!r.numNodes) return 'Number of nodes is required when CR are used';
      for (const [name, count] of Object.entries(r.nodeCrs)) {
        const max = this.pool.maxCr(name);
        if (count > max) return `CR ${name.toUpperCase()} exceeds maximum available resources on node (${max})`;
      }
    }
    return null;
  }

  /**
   * Allocate `alloc` to the task and hand it to the executor. Chained behind `after`, it stays QUEUED until
   * `after` ends and the cores change hands (releaseCores); otherwise it is SCHEDULED now.
   */
  private launch(task: Task, alloc: NonNullable<Task['alloc']>, after?: Task): void {
    task.alloc = alloc;
    if (!after) this.markScheduled(task);
    const cmd = buildLaunch(task, this.pool, this.ctx);
    task.pname = cmd.pname;
    const id = this.nextLaunchId++;
    task.launchId = id;
    this.launched.set(id, task);
    this.launches.total++;
    if (after) {
      this.launches.chained++;
      cmd.after = after.launchId;
      after.successor = task;
      task.predecessor = after;
      this.chainWaiting.add(task);
      this.chainTargets.delete(after);
    }
    // (not behind a task with stage-out: its exit is reported only after the copies, its successor's start before;
    // a chained task qualifies as the task it follows did)
    task.chainable = !!after || (this.fx.canChain?.(cmd.node) !== false && !alloc.some((p) => p.crs) && !cmd.stage?.out.length);
    this.retarget(task);
    this.fx.launch(id, cmd);
  }

  /**
   * A chained task that ended before the task it follows (its launch or wd failed, its agent or host was
   * lost) ends when that one does: on cores of its own, after it in every history, never on top of it.
   */
  private deferWhileChained(task: Task, end: () => void): boolean {
    if (!task.predecessor) return false;
    task.deferredEnd = end;
    this.chainTargets.delete(task); // the executor is done with it: nothing may be chained behind it any more
    return true;
  }

  /** The cores of the task it followed are this task's now: SCHEDULED, and an end that waited for this, now. */
  private handOver(task: Task): void {
    task.unchaining = false; // (too late for that: it has started)
    this.markScheduled(task);
    const end = task.deferredEnd;
    task.deferredEnd = undefined;
    end?.();
  }

  /** A chained task is cancelled: the executor drops it, unless it has ended already (deferWhileChained). */
  private dropChained(task: Task): void {
    if (!task.predecessor) return;
    this.chainTargets.delete(task);
    if (!task.deferredEnd) return this.fx.cancel(task.launchId!);
    task.deferredEnd = undefined;
    this.launched.delete(task.launchId!);
    this.detach(task);
  }

  /** QUEUED → SCHEDULED on its allocation */
  private markScheduled(task: Task): void {
    task.runtime = { allocation: this.pool.allocationString(task.alloc!) };
    this.setTaskState(task, 'SCHEDULED');
  }

  /**
   * Take `task` out of its chain: the task behind it follows the one it followed (the executors do the same
   * when they drop a held launch), or, when it was first, now runs on the cores `task` had.
   */
  private detach(task: Task): void {
    const prev = task.predecessor;
    const next = task.successor;
    task.predecessor = task.successor = undefined;
    this.chainWaiting.delete(task);
    this.chainTargets.delete(task);
    if (prev) prev.successor = next;
    if (next) {
      next.predecessor = prev;
      if (!prev) this.chainWaiting.delete(next);
    }
    const rest = prev ?? next;
    if (rest) this.retarget(rest);
  }

  /** The last task of `task`'s chain takes another one behind it if the chain is not full (CHAIN_DEPTH). */
  private retarget(task: Task): void {
    let tail = task;
    while (tail.successor) tail = tail.successor;
    const ok = tail.chainable && this.chainDepth(tail) < CHAIN_DEPTH && this.launched.has(tail.launchId!) && !tail.unchaining && !tail.deferredEnd && !isFinal(tail.state);
    if (ok) this.chainTargets.add(tail);
    else this.chainTargets.delete(tail);
  }

  /** the task on whose cores `task` waits */
  private chainHead(task: Task): Task {
    let head = task;
    while (head.predecessor) head = head.predecessor;
    return head;
  }

  /** Has a running task run so much longer than recent tasks that betting on its end is lost? */
  private overdue(task: Task): boolean {
    if (task.state !== 'EXECUTING') return false;
    return this.now() - task.startedUs > Math.max(CHAIN_PATIENCE * this.recentRunUs, CHAIN_PATIENCE_MIN_US);
  }

  /** depth in its chain: 0 for a task on cores of its own */
  private chainDepth(task: Task): number {
    let depth = 0;
    for (let p = task.predecessor; p; p = p.predecessor) depth++;
    return depth;
  }

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
  private chainTasks(job: Job): void {
    const r = job.desc.resources;
    if (!(this.recentRunUs < CHAIN_BELOW_US) || !this.startsAllowed) return;
    if (job.cancelRequested || job.itDeps.length || r.numNodes || r.nodeCrs) return;
    if (job.accepted.iterationCores || job.accepted.iterationNodes || this.stageC(job)) return;
    const cores = r.numCores === undefined ? 1 : r.numCores.exact;
    if (cores === undefined || this.chainTargets.size === 0) return;
    // the shallowest chain first: every core gets a task in hand before any gets two
    const target = () => {
      let best: Task | undefined;
      let bestDepth = CHAIN_DEPTH;
      for (const t of this.chainTargets) {
        if (coreCount(t.alloc!) !== cores || !t.alloc!.every((p) => this.pool.nodes[p.node].online)) continue;
        if (this.overdue(this.chainHead(t))) continue;
        const depth = this.chainDepth(t);
        if (depth === 0) return t;
        if (depth < bestDepth) [best, bestDepth] = [t, depth];
      }
      return best;
    };
    if (!job.isIterative) {
      const after = job.cursor === 0 && !this.backingOff(job.task!) ? target() : undefined;
      if (!after) return;
      job.cursor = 1;
      this.launch(job.task!, after.alloc!, after);
      return;
    }
    for (let after = target(); after && job.cursor < job.total; after = target()) {
      const idx = job.start + job.cursor;
      const rec = job.iterations!.get(idx); // a QUEUED record: re-queued after a restart or for a retry
      if (rec && rec.state === 'QUEUED' && this.backingOff(rec)) return; // (what follows waits for the next pass)
      job.cursor++;
      if (rec && taken(rec)) continue;
      this.launch(rec ?? this.createIteration(job, idx), after.alloc!, after);
    }
  }
}

/**
 * An iteration record that a scan from the cursor must not start: not QUEUED, or QUEUED but already handed to
 * the executor chained behind another task. (A retry moves the cursor back to its iteration, so scans pass
 * over chained ones again.)
 */
function taken(rec: Task | undefined): boolean {
  return rec !== undefined && (rec.state !== 'QUEUED' || rec.predecessor !== undefined);
}

/** `task`: the task whose state changed (absent for the job of an iterative job) */
function stateRecord(job: Job, i: number | null, s: JobState, ts: number, m: string | undefined, task: Task | undefined): StateRecord {
  const r: StateRecord = i === null ? { t: 's', j: job.name, s, ts } : { t: 's', j: job.name, i, s, ts };
  if (m) r.m = m;
  if (!task) return r;
  if (isFinal(s)) {
    if (task.runtime) r.rt = task.runtime;
    if (task.result !== undefined) r.res = task.result;
  } else if (s === 'QUEUED' && task.failures) {
    r.a = task.failures;
    if (task.notBefore) r.nb = task.notBefore;
  }
  return r;
}

function dependeeNames(job: Job): Set<string> {
  const names = new Set(job.deps.map((d) => d.name));
  for (const e of job.itDeps) names.add(parseTarget(e.split('${it}').join('0')).name);
  return names;
}

const patterns = new Map<string, RegExp>();
/** `prep:${it}` → /^prep:(-?\d+)$/ (later `${it}` in the same entry must repeat the same number). */
function iterationPattern(entry: string): RegExp {
  let re = patterns.get(entry);
  if (!re) {
    if (patterns.size >= 10_000) patterns.clear(); // a cache: entries of removed jobs must not pile up
    const parts = entry.split('${it}').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(`^${parts[0]}(-?\\d+)${parts.slice(1).join('\\1')}$`);
    patterns.set(entry, re);
  }
  return re;
}
