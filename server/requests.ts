/**
 * Request handling (protocol.md §2.4, §3, §4): field checks, dispatch to the core, reply formatting.
 * Pure apart from what the `ManagerControl` callbacks do.
 */
import { randomUUID } from 'node:crypto';
import { isFinal } from '../protocol/job.js';
import type { HostInfo, HostState, Reply } from '../protocol/messages.js';
import { isPlainObject } from '../protocol/codec.js';
import { parseSubmit } from '../protocol/submit.js';
import { formatDuration, formatTimestamp } from './core/clock.js';
import type { Core } from './core/core.js';
import { orderedRuntime, type HistoryEntry, type Job, type Task } from './core/job.js';
import { exportPage, type ExportCursor } from './export.js';

export type { Reply };

/** largest export page (bytes of row JSON, past which a page ends) */
const EXPORT_PAGE_BYTES = 4 << 20;

/** What request handlers need from the manager around the core. */
export interface ManagerControl {
  readonly info: SystemInfo;
  readonly maxIterations: number;
  readonly maxJobsPerSubmit: number;
  readonly maxJobs: number;
  readonly finishDelaySeconds: number;
  /** finish or control was already requested */
  readonly finishing: boolean;
  /** finish requested: wait = keep scheduling until all final; else cancel after the delay */
  requestFinish(how: 'finish' | 'finish-wait' | 'after-all-done'): void;
  now(): number;
  /** the SSH hosts (`serve --hosts`) and their connection state; absent without hosts */
  hosts?(): ReadonlyArray<HostStatus>;
  /** state changes whose events are still to be published (a whole-job cancel or omission goes out in slices) */
  eventBacklog?(): number;
  /** a submit took request number `n` and was refused: journal it, so `${rcnt}` stays monotonic across a resume */
  refusedSubmit?(n: number): void;
}

/** An SSH host as the manager sees it (its node has the same name). */
export interface HostStatus {
  name: string;
  state: HostState;
  /** when it entered this state, epoch µs */
  sinceUs: number;
  /** why it is not online */
  message?: string;
}

export interface SystemInfo {
  instanceId: string;
  startedUs: number;
  address: string;
  publisher: string | null;
  host: string;
  account: string;
  wd: string;
  version: string;
}

const ok = (data: unknown, message?: string): Reply => (message ? { code: 0, message, data } : { code: 0, data });
const err = (message: string): Reply => ({ code: 1, message });
const invalid = (text: string): Reply => err(`Invalid request: ${text}`);

export class RequestHandler {
  /** submit request counter (`${rcnt}`); a resumed manager continues from the journal's */
  rcnt = 0;

  constructor(
    private readonly core: Core,
    private readonly mgr: ManagerControl,
  ) {}

  /** Handle one decoded request object. Never throws. */
  handle(req: Record<string, unknown>): Reply {
    const name = req.request;
    if (typeof name !== 'string' || name === '') return invalid('Invalid request');
    const handler = this.handlers[name];
    if (!handler || !Object.prototype.hasOwnProperty.call(this.handlers, name)) return invalid(`Unknown request name: ${name}`);
    try {
      return handler.call(this, req);
    } catch (e) {
      return err(`Failed to process request: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  private readonly handlers: Record<string, (this: RequestHandler, req: Record<string, unknown>) => Reply> = {
    submit: this.submit,
    listJobs: this.listJobs,
    jobStatus: this.jobStatus,
    jobInfo: this.jobInfo,
    cancelJob: this.cancelJob,
    removeJob: this.removeJob,
    resourcesInfo: this.resourcesInfo,
    status: this.status,
    finish: this.finish,
    control: this.control,
    register: this.register,
    notify: this.notify,
    exportJobs: this.exportJobs,
  };

  // ---- submit -------------------------------------------------------------------------------------

  private submit(req: Record<string, unknown>): Reply {
    const counted = Array.isArray(req.jobs) && req.jobs.length > 0;
    if (counted) this.rcnt++;
    const refused = (message: string): Reply => {
      if (counted) this.mgr.refusedSubmit?.(this.rcnt);
      return err(message);
    };
    if (this.mgr.finishing && this.finishRefusesSubmit) return refused('Manager is finishing - new jobs are not accepted');
    const limit = this.jobLimits(req.jobs);
    if (limit) return refused(limit);
    const pool = this.core.pool;
    const result = parseSubmit(req, {
      rcnt: this.rcnt,
      uniq: randomUUID(),
      now: new Date(Math.floor(this.mgr.now() / 1000)),
      maxIterations: this.mgr.maxIterations,
      isRegistered: (n) => this.core.jobs.has(n),
      nodes: pool.nodes.map((n) => ({ name: n.name, cores: n.cores })),
    });
    if (!result.ok) return refused(result.message);
    this.core.register(result.jobs, this.rcnt);
    const names = result.jobs.map((j) => j.desc.name);
    return ok({ submitted: names.length, jobs: names }, `${names.length} jobs submitted`);
  }

  /**
   * The job-count limits (README "Limits"), checked before anything of the request is parsed, so an oversized
   * request costs nothing. A pilotmq extension: the messages name the option that raises the limit.
   */
  private jobLimits(jobs: unknown): string | null {
    if (!Array.isArray(jobs)) return null; // the parse stage reports it
    const n = jobs.length;
    const { maxJobsPerSubmit, maxJobs } = this.mgr;
    if (n > maxJobsPerSubmit) {
      return `Invalid request: Wrong submit request - too many jobs (${n}, limit ${maxJobsPerSubmit} per request; raise it with --max-jobs-per-submit)`;
    }
    const registered = this.core.jobs.size;
    if (registered + n > maxJobs) {
      return `Wrong submit request: too many jobs (${registered} registered + ${n} submitted, limit ${maxJobs}; remove finished jobs or raise it with --max-jobs)`;
    }
    return null;
  }

  /** set by finish (not by control finishAfterAllTasksDone, which keeps accepting) */
  finishRefusesSubmit = false;

  // ---- queries ------------------------------------------------------------------------------------

  private listJobs(): Reply {
    const jobs = byName(this.core.jobs.has('__proto__'));
    for (const job of this.core.jobs.values()) {
      const e: Record<string, unknown> = { status: job.state };
      const messages = job.isIterative ? job.messages : job.messages;
      if (messages?.length) e.messages = messages.join('\n');
      if (job.inQueue !== undefined) e.inQueue = job.inQueue;
      jobs[job.name] = e;
    }
    return ok({ length: this.core.jobs.size, jobs });
  }

  private jobStatus(req: Record<string, unknown>): Reply {
    const names = jobNamesField(req, 'job status');
    if (typeof names === 'string') return invalid(names);
    const jobs = byName(names.includes('__proto__'));
    for (const requested of names) {
      const r = this.resolve(requested);
      if (r.kind === 'fatal') return err(r.kind === 'fatal' && r.unknown ? `Job '${requested}' doesn't exist` : r.message);
      jobs[requested] =
        r.kind === 'entry'
          ? { status: 1, message: r.message }
          : { status: 0, data: { jobName: requested, status: r.task ? r.task.state : r.job.state } };
    }
    return ok({ jobs });
  }

  private jobInfo(req: Record<string, unknown>): Reply {
    const names = jobNamesField(req, 'job info');
    if (typeof names === 'string') return invalid(names);
    let withChilds = false;
    if (req.params !== undefined && req.params !== null) {
      if (!isPlainObject(req.params)) return invalid('Wrong job info request - params must be an object');
      const w = req.params.withChilds;
      if (w !== undefined && w !== null && typeof w !== 'boolean') return invalid('Wrong job info request - withChilds must be a boolean');
      withChilds = w === true;
    }
    const jobs = byName(names.includes('__proto__'));
    for (const requested of names) {
      const r = this.resolve(requested);
      if (r.kind === 'fatal') {
        if (!r.unknown) return err(r.message);
        const list = names.map((n) => `'${n.replace(/[\\']/g, (c) => '\\' + c)}'`).join(', ');
        return err(`Job [${list}] doesn't exist`);
      }
      if (r.kind === 'entry') {
        jobs[requested] = { status: 1, message: r.message };
        continue;
      }
      jobs[requested] = { status: 0, data: r.task ? taskInfo(requested, r.task) : this.wholeJobInfo(requested, r.job, withChilds) };
    }
    return ok({ jobs });
  }

  private wholeJobInfo(requested: string, job: Job, withChilds: boolean): Record<string, unknown> {
    if (!job.isIterative) return taskInfo(requested, job.task!);
    const d: Record<string, unknown> = { jobName: requested, status: job.state };
    d.iterations = {
      start: job.start,
      stop: job.stop,
      total: job.total,
      finished: job.finishedCount,
      failed: job.failedCount,
    };
    if (withChilds) {
      const childs: unknown[] = [];
      for (let idx = job.start; idx < job.stop; idx++) {
        const t = job.iterations!.get(idx);
        const c: Record<string, unknown> = { iteration: idx, state: t ? t.state : job.implicitState };
        if (t?.runtime) c.runtime = orderedRuntime(t.runtime);
        childs.push(c);
      }
      d.childs = childs;
    }
    if (job.messages?.length) d.messages = job.messages.join('\n');
    if (job.history.length) d.history = historyText(job.history);
    return d;
  }

  /** Resolve `NAME` / `NAME:IDX` (protocol.md §3) to a job and optional iteration. */
  private resolve(requested: string):
    | { kind: 'ok'; job: Job; task?: Task }
    | { kind: 'entry'; message: string }
    | { kind: 'fatal'; unknown: boolean; message: string } {
    const parsed = parseJobName(requested);
    if (!parsed) return { kind: 'entry', message: `Invalid job name '${requested}'` };
    const job = this.core.jobs.get(parsed.name);
    if (!job) return { kind: 'fatal', unknown: true, message: '' };
    if (parsed.idx === null) return { kind: 'ok', job };
    if (!job.isIterative) return { kind: 'entry', message: `Job ${job.name} has no iterations` };
    if (!job.inRange(parsed.idx)) return { kind: 'fatal', unknown: false, message: `Unknown iteration ${parsed.idx} for job ${job.name}` };
    return { kind: 'ok', job, task: job.iterations!.get(parsed.idx) ?? this.core.implicitTask(job, parsed.idx) };
  }

  // ---- cancel / remove ----------------------------------------------------------------------------

  private cancelJob(req: Record<string, unknown>): Reply {
    const names = jobNamesField(req, 'cancel job');
    if (typeof names === 'string') return invalid(names);
    let canceled = 0;
    const errors: Record<string, string> = Object.create(null);
    for (const requested of names) {
      const parsed = parseJobName(requested);
      let e: string | null;
      if (!parsed) e = `Invalid job name '${requested}'`;
      else {
        const job = this.core.jobs.get(parsed.name);
        if (!job) e = `Job/iteration ${parsed.name} doesn't exist`;
        else if (parsed.idx === null) e = this.core.cancelJob(job);
        else if (!job.isIterative) e = `Job ${job.name} has no iterations`;
        else if (!job.inRange(parsed.idx)) e = `Unknown iteration ${parsed.idx} for job ${job.name}`;
        else e = this.core.cancelTask(job, parsed.idx, requested);
      }
      if (e) errors[requested] = e;
      else canceled++;
    }
    return ok(Object.keys(errors).length ? { canceled, errors } : { canceled });
  }

  private removeJob(req: Record<string, unknown>): Reply {
    const names = jobNamesField(req, 'remove job');
    if (typeof names === 'string') return invalid(names);
    let removed = 0;
    const errors: Record<string, string> = Object.create(null);
    for (const name of names) {
      const e = this.core.remove(name);
      if (e) errors[name] = e;
      else removed++;
    }
    return ok(Object.keys(errors).length ? { removed, errors } : { removed });
  }

  // ---- resources / status -------------------------------------------------------------------------

  private resourcesInfo(): Reply {
    const p = this.core.pool;
    const hosts = this.hostInfo();
    return ok({ total_nodes: p.nodes.length, total_cores: p.totalCores, used_cores: p.usedCores, free_cores: p.freeCores, ...(hosts ? { hosts } : {}) });
  }

  /** SSH hosts with their state and cores (pilotmq extension of resourcesInfo and status); undefined without hosts */
  private hostInfo(): HostInfo[] | undefined {
    const list = this.mgr.hosts?.();
    if (!list) return undefined;
    const nodes = this.core.pool.nodes;
    return list.map((h) => {
      const n = nodes.find((x) => x.name === h.name);
      const cores = n?.cores ?? 0;
      const info: HostInfo = { name: h.name, state: h.state, cores, used_cores: n ? cores - n.free.length : 0, since: formatTimestamp(h.sinceUs) };
      if (h.message) info.message = h.message;
      return info;
    });
  }

  private status(req: Record<string, unknown>): Reply {
    const o = req.options;
    if (o !== undefined && o !== null) {
      if (!isPlainObject(o)) return invalid('Wrong status request - options must be an object');
      const a = o.allJobsFinished;
      if (a !== undefined && a !== null && typeof a !== 'boolean') return invalid('Wrong status request - allJobsFinished must be a boolean');
      if (a === true) return ok({ AllJobsFinished: this.core.allJobsFinished });
    }
    return ok(this.statusData());
  }

  /** The full `status` data (also written to final_status at shutdown). */
  statusData(): Record<string, unknown> {
    const i = this.mgr.info;
    const now = this.mgr.now();
    const p = this.core.pool;
    const hosts = this.hostInfo();
    const backlog = this.mgr.eventBacklog?.() ?? 0;
    const js = { TotalJobs: 0, InScheduleJobs: 0, FailedJobs: 0, FinishedJobs: 0, ExecutingJobs: 0 };
    const is = { TotalIterations: 0, InScheduleIterations: 0, FailedIterations: 0, FinishedIterations: 0, ExecutingIterations: 0 };
    for (const job of this.core.jobs.values()) {
      js.TotalJobs++;
      bucket(job.state, 1, js, 'Jobs');
      if (!job.isIterative) {
        is.TotalIterations++;
        bucket(job.state, 1, is, 'Iterations');
        continue;
      }
      is.TotalIterations += job.total;
      for (const [state, n] of Object.entries(job.counts)) bucket(state, n, is, 'Iterations');
      bucket(job.implicitState, job.implicitCount, is, 'Iterations');
    }
    return {
      System: {
        InstanceId: i.instanceId,
        Started: formatTimestamp(i.startedUs),
        Generated: formatTimestamp(now),
        Uptime: formatDuration(now - i.startedUs),
        Zmqaddress: i.address,
        Ifaces: ['ZMQ'],
        StatusPublisher: i.publisher,
        Host: i.host,
        Account: i.account,
        Wd: i.wd,
        PythonVersion: `Node.js ${process.version}`,
        Python: process.execPath,
        Platform: process.platform,
        Version: i.version,
        // pilotmq extension, only while a big cancel's or omission's events are going out (README "Limits")
        ...(backlog ? { EventBacklog: backlog } : {}),
      },
      Resources: {
        TotalNodes: p.nodes.length,
        TotalCores: p.totalCores,
        UsedCores: p.usedCores,
        FreeCores: p.freeCores,
        ...(hosts
          ? {
              Hosts: hosts.map((h) => ({
                Name: h.name,
                State: h.state,
                Cores: h.cores,
                UsedCores: h.used_cores,
                Since: h.since,
                ...(h.message ? { Message: h.message } : {}),
              })),
            }
          : {}),
      },
      JobStats: js,
      IterationStats: is,
    };
  }

  // ---- export (pilotmq extension, README "Export") ---------------------------------------------------

  /** `{request: 'exportJobs', from?: {job, it?}, maxBytes?}` → `{rows, next}`: one page of export rows. */
  private exportJobs(req: Record<string, unknown>): Reply {
    const from = req.from;
    let cursor: ExportCursor | null = null;
    if (from !== undefined && from !== null) {
      if (!isPlainObject(from) || typeof from.job !== 'string' || (from.it !== undefined && from.it !== null && !Number.isInteger(from.it))) {
        return invalid('Wrong exportJobs request - from must be {job: string, it?: integer}');
      }
      cursor = { job: from.job, ...(typeof from.it === 'number' ? { it: from.it } : {}) };
      if (!this.core.jobs.has(cursor.job)) return err(`Job '${cursor.job}' doesn't exist (removed while exporting?)`);
    }
    const mb = req.maxBytes;
    if (mb !== undefined && mb !== null && (typeof mb !== 'number' || !Number.isInteger(mb) || mb < 1)) {
      return invalid('Wrong exportJobs request - maxBytes must be a positive integer');
    }
    const page = exportPage(this.core.jobs.values(), (job, idx) => job.iterations!.get(idx) ?? this.core.implicitTask(job, idx), cursor, Math.min((mb as number | undefined) ?? EXPORT_PAGE_BYTES, EXPORT_PAGE_BYTES));
    return ok(page);
  }

  // ---- finish / control / governor ----------------------------------------------------------------

  private finish(req: Record<string, unknown>): Reply {
    const o = req.options;
    let wait = false;
    if (o !== undefined && o !== null) {
      if (!isPlainObject(o)) return invalid('Wrong finish request - options must be an object');
      if (o.wait !== undefined && o.wait !== null && typeof o.wait !== 'boolean') return invalid('Wrong finish request - wait must be a boolean');
      wait = o.wait === true;
    }
    if (this.mgr.finishing) return err('Finish request already requested');
    this.finishRefusesSubmit = true;
    this.mgr.requestFinish(wait ? 'finish-wait' : 'finish');
    return ok({ when: wait ? 'after all jobs finish' : `${this.mgr.finishDelaySeconds}s` });
  }

  private control(req: Record<string, unknown>): Reply {
    const c = req.command;
    if (c === undefined || c === null) return invalid('Wrong control request - missing command');
    // any decoded value: a MessagePack map has no prototype, so String(c) would throw
    if (c !== 'finishAfterAllTasksDone') return invalid(`Wrong control request - unknown command ${JSON.stringify(typeof c === 'string' ? c : JSON.stringify(c))}`);
    if (this.mgr.finishing) return err('Finish request already requested');
    this.mgr.requestFinish('after-all-done');
    return { code: 0, message: 'finishAfterAllTasksDone command accepted' };
  }

  private register(req: Record<string, unknown>): Reply {
    if (req.entity !== 'manager') return invalid('Wrong register request - missing/unknown entity');
    if (!isPlainObject(req.params)) return invalid('Wrong register request - missing register parameters');
    if (!['id', 'address', 'resources'].every((k) => k in (req.params as object))) {
      return invalid('Wrong register request - missing key register parameters');
    }
    return err('Register manager request not supported in this kind of manager (direct)');
  }

  private notify(req: Record<string, unknown>): Reply {
    if (req.entity !== 'job') return invalid('Wrong notify request - missing/unknown entity');
    if (!isPlainObject(req.params)) return invalid('Wrong notify request - missing notify parameters');
    if (!['name', 'state', 'attributes'].every((k) => k in (req.params as object))) {
      return invalid('Wrong notify request - missing key notify parameters');
    }
    return err('Operation not supported');
  }
}

// ---- helpers ----------------------------------------------------------------------------------------

/** `jobNames` field checks; returns the names or the error text (without the `Invalid request: ` prefix). */
function jobNamesField(req: Record<string, unknown>, what: string): string[] | string {
  const n = req.jobNames;
  if (!Array.isArray(n) || n.length === 0) return `Wrong ${what} request - missing job names`;
  if (!n.every((x) => typeof x === 'string')) return `Wrong ${what} request - job names must be strings`;
  return n as string[];
}

/** `NAME` or `NAME:IDX` (protocol.md §3); null when malformed. */
export function parseJobName(s: string): { name: string; idx: number | null } | null {
  const colon = s.indexOf(':');
  if (colon < 0) return s === '' ? null : { name: s, idx: null }; // the common case, without splitting
  const name = s.slice(0, colon);
  const idx = s.slice(colon + 1);
  if (name === '' || !/^-?\d+$/.test(idx)) return null;
  return { name, idx: Number(idx) };
}

/**
 * The object of a reply keyed by job names. A plain object unless a name is `__proto__` (which would set its
 * prototype): one without a prototype is slower to build and to encode (about 0.3 µs per `jobStatus` reply).
 */
function byName(hasProtoKey: boolean): Record<string, unknown> {
  return hasProtoKey ? Object.create(null) : {};
}

function taskInfo(requested: string, t: Task): Record<string, unknown> {
  const d: Record<string, unknown> = { jobName: requested, status: t.state };
  const messages = t.idx === null ? t.job.messages : t.messages;
  const history = t.idx === null ? t.job.history : t.history;
  if (messages?.length) d.messages = messages.join('\n');
  if (t.runtime) d.runtime = orderedRuntime(t.runtime);
  if (history.length) d.history = historyText(history);
  return d;
}


export const historyText = (h: HistoryEntry[]): string => h.map(([s, t]) => `\n${formatTimestamp(t)}: ${s}`).join('');

function bucket(state: string, n: number, stats: Record<string, number>, suffix: string): void {
  if (n === 0) return;
  const key =
    state === 'QUEUED' || state === 'SCHEDULED'
      ? 'InSchedule'
      : state === 'EXECUTING'
        ? 'Executing'
        : state === 'FAILED' || state === 'OMITTED'
          ? 'Failed'
          : isFinal(state as never)
            ? 'Finished'
            : null;
  if (key) stats[key + suffix] += n;
}
