/**
 * A client of one running manager (the counterpart of QCG-PilotJob's `qcg.pilotjob.api.manager.Manager`).
 *
 * Requests go over one REQ socket, one at a time (channel.ts). The `wait4*` methods are driven by the
 * manager's events (protocol.md §5): the subscriber is connected after a `status` reply gave the publisher
 * address, then the state is queried once, and from then on only events are awaited, with a slow re-check
 * in case events were lost. Without a publisher the state is polled.
 */
import type { Encoding } from '../protocol/codec.js';
import { RequestChannel } from './channel.js';
import { clientCurveOptions, type CurveConfig, type CurveSocketOptions } from './curve.js';
import { ConnectionError, InternalError, ServiceError } from './errors.js';
import { EventStream, type ManagerEvent } from './events.js';
import { JobInfo } from './job-info.js';
import { Jobs } from './jobs.js';
import {
  isFinal,
  type CancelReply,
  type FinishReply,
  type InfoReply,
  type JobState,
  type ListEntry,
  type RemoveReply,
  type ResourcesReply,
  type StatusReply,
  type StdJobDescription,
  type SystemStatusReply,
} from './types.js';
import { Deadline, Wakeup } from './wait-util.js';

export interface ManagerConfig extends CurveConfig {
  /** reply timeout of each request, ms (default 60 000) */
  timeoutMs?: number;
  /** request encoding (default 'msgpack'; 'json' is what QCG-PilotJob clients send) */
  encoding?: Encoding;
  /** while waiting on events, re-check the state this often in case events were lost, ms (default 5 000) */
  recheckIntervalMs?: number;
  /** while waiting on a manager without a publisher, poll this often, ms (default 1 000) */
  pollIntervalMs?: number;
  /** unread events kept by the subscriber (default 100 000) */
  eventBufferSize?: number;
}

/** Called by the waits for every job or iteration found finished. */
export type FinishedCallback = (name: string, state: JobState) => void;

export interface WaitAnyResult {
  /** `NAME` or `NAME:IDX` */
  name: string;
  state: JobState;
}

type Names = string | readonly string[];

export class Manager {
  static readonly DEFAULT_ADDRESS_ENV = 'QCG_PM_ZMQ_ADDRESS';
  static readonly DEFAULT_ADDRESS = 'tcp://127.0.0.1:5555';
  static readonly DEFAULT_TIMEOUT_MS = 60_000;

  readonly address: string;
  protected readonly timeoutMs: number;
  private readonly channel: RequestChannel;
  private readonly cfg: ManagerConfig;
  private readonly curve: CurveSocketOptions | null;
  private events: Promise<EventStream | null> | null = null;
  private readonly waits = new Set<Wakeup>();
  private closed = false;

  /**
   * @param address `[tcp://]host[:port]`; default: env QCG_PM_ZMQ_ADDRESS, else tcp://127.0.0.1:5555.
   * Nothing is sent until the first request. CURVE: `serverPublicKey` plus this client's `secretKey` (and
   * `publicKey`), or env QCG_PM_SERVER_KEY / QCG_PM_CLIENT_KEY; throws PilotMQError on unreadable keys.
   */
  constructor(address?: string, cfg: ManagerConfig = {}) {
    this.address = Manager.parseAddress(address ?? process.env[Manager.DEFAULT_ADDRESS_ENV] ?? Manager.DEFAULT_ADDRESS);
    this.cfg = cfg;
    this.timeoutMs = cfg.timeoutMs ?? Manager.DEFAULT_TIMEOUT_MS;
    this.curve = clientCurveOptions(cfg);
    this.channel = new RequestChannel(this.address, cfg.encoding ?? 'msgpack', this.curve);
  }

  /** Complete an address as QCG does: default protocol `tcp`, default port 5555. */
  static parseAddress(address: string): string {
    let full = /^\w*:\/\//.test(address) ? address : `tcp://${address}`;
    if (!/:\d+$/.test(full)) full = `${full}:5555`;
    return full;
  }

  static isStatusFinished(state: string): boolean {
    return isFinal(state as JobState);
  }

  /** Send any request; returns the whole validated reply (`code 1` → ConnectionError). */
  async sendRequest(request: Record<string, unknown>, timeoutMs = this.timeoutMs): Promise<{ code: number; message?: string; data?: unknown }> {
    return this.channel.request(request, timeoutMs, true);
  }

  /** Submit jobs; returns their names (after submit-time placeholders), in order. */
  async submit(jobs: Jobs | readonly StdJobDescription[]): Promise<string[]> {
    // subscribe before the jobs exist, so wait4AnyJobFinish sees every one of them finish
    await this.connectEvents();
    const list = jobs instanceof Jobs ? jobs.orderedJobs() : [...jobs];
    const data = await this.data<{ submitted?: number; jobs?: string[] }>({ request: 'submit', jobs: list });
    if (data.submitted === undefined || !Array.isArray(data.jobs)) throw new InternalError('Missing response data');
    return data.jobs;
  }

  /** Every registered job: name → `{status, messages?, inQueue?}`. */
  async list(): Promise<Record<string, ListEntry>> {
    const data = await this.data<{ jobs?: Record<string, ListEntry> }>({ request: 'listJobs' });
    if (!data.jobs) throw new InternalError('Request failed - missing jobs data');
    return data.jobs;
  }

  /** `jobStatus` data: `{jobs: {NAME: {status: 0, data: {jobName, status}} | {status: 1, message}}}`. */
  async status(names: Names, timeoutMs = this.timeoutMs): Promise<StatusReply> {
    return this.data<StatusReply>({ request: 'jobStatus', jobNames: toList(names) }, timeoutMs);
  }

  /** `jobInfo` data; `withChilds` adds per-iteration entries. */
  async info(names: Names, opts: { withChilds?: boolean } = {}): Promise<InfoReply> {
    const request: Record<string, unknown> = { request: 'jobInfo', jobNames: toList(names) };
    if (opts.withChilds !== undefined) request.params = { withChilds: opts.withChilds };
    return this.data<InfoReply>(request);
  }

  /** `info` parsed into JobInfo objects, by requested name (entries with a per-name error are left out). */
  async infoParsed(names: Names, opts: { withChilds?: boolean } = {}): Promise<Record<string, JobInfo>> {
    const reply = await this.info(names, opts);
    const parsed: Record<string, JobInfo> = {};
    for (const [name, entry] of Object.entries(reply.jobs ?? {})) {
      if (entry.status === 0) parsed[name] = JobInfo.fromJob(entry.data);
    }
    return parsed;
  }

  /** Remove finished jobs; per-name problems are in `errors`. */
  async remove(names: Names): Promise<RemoveReply> {
    return this.data<RemoveReply>({ request: 'removeJob', jobNames: toList(names) });
  }

  /** Cancel jobs or iterations; per-name problems are in `errors`. */
  async cancel(names: Names): Promise<CancelReply> {
    return this.data<CancelReply>({ request: 'cancelJob', jobNames: toList(names) });
  }

  async resources(): Promise<ResourcesReply> {
    return this.data<ResourcesReply>({ request: 'resourcesInfo' });
  }

  async systemStatus(timeoutMs = this.timeoutMs): Promise<SystemStatusReply> {
    return this.data<SystemStatusReply>({ request: 'status' }, timeoutMs);
  }

  /** True when no job or iteration is QUEUED, SCHEDULED or EXECUTING. */
  async allJobsFinished(timeoutMs = this.timeoutMs): Promise<boolean> {
    const data = await this.data<{ AllJobsFinished?: boolean }>({ request: 'status', options: { allJobsFinished: true } }, timeoutMs);
    return data.AllJobsFinished === true;
  }

  /**
   * Ask the manager to finish (protocol.md §4.9), then close this client. With `wait: true` (pilotmq) the
   * manager lets every job finish first.
   */
  async finish(opts: { wait?: boolean } = {}): Promise<FinishReply> {
    const request: Record<string, unknown> = { request: 'finish' };
    if (opts.wait !== undefined) request.options = { wait: opts.wait };
    try {
      return await this.data<FinishReply>(request);
    } finally {
      this.close();
    }
  }

  /** `control` request; the only command is `finishAfterAllTasksDone`. Returns the reply message. */
  async control(command = 'finishAfterAllTasksDone'): Promise<string | undefined> {
    return (await this.sendRequest({ request: 'control', command })).message;
  }

  /**
   * Close the sockets; waits in progress fail with ConnectionError. After this the client holds nothing that
   * keeps Node.js running.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.channel.close();
    const events = this.events;
    this.events = null;
    void events?.then((stream) => stream?.close(), () => undefined);
    for (const wait of this.waits) wait.abort(new ConnectionError('Connection closed'));
    this.waits.clear();
  }

  /** QCG's name for `close`. */
  cleanup(): void {
    this.close();
  }

  /**
   * Connect the event subscriber (done by `submit` and the waits when needed). Returns null when the manager
   * has no publisher.
   */
  async connectEvents(timeoutMs = this.timeoutMs): Promise<EventStream | null> {
    if (this.closed) throw new ConnectionError('Not connected');
    if (!this.events) {
      const opening = this.openEvents(timeoutMs);
      this.events = opening;
      // a failed attempt (e.g. a timeout) is retried by the next call
      opening.catch(() => {
        if (this.events === opening) this.events = null;
      });
    }
    return this.events;
  }

  /**
   * Wait until every named job or iteration (`NAME`, `NAME:IDX`) is final. Returns name → final state.
   * Throws TimeoutElapsed after `timeoutMs`, and ConnectionError for an unknown name.
   */
  async wait4(names: Names, timeoutMs?: number, onFinished?: FinishedCallback): Promise<Record<string, JobState>> {
    const wanted = [...new Set(toList(names))];
    const deadline = new Deadline(timeoutMs);
    const pending = new Set(wanted);
    const states: Record<string, JobState> = {};
    const wakeup = this.newWakeup();
    const finished = (name: string, state: JobState) => {
      if (!pending.delete(name)) return;
      states[name] = state;
      onFinished?.(name, state);
      if (pending.size === 0) wakeup.wake();
    };
    let stopListening: (() => void) | undefined;
    try {
      const events = await this.connectEvents(this.requestTimeout(deadline));
      stopListening = events?.listen((event) => {
        const done = finishEvent(event);
        if (done) finished(done.name, done.state);
      });
      // the subscription is in place: query once for what finished before it (and re-check on timeouts)
      while (pending.size > 0) {
        const reply = await this.status([...pending], this.requestTimeout(deadline));
        for (const [name, entry] of Object.entries(reply.jobs ?? {})) {
          if (entry.status !== 0) throw new ConnectionError(`Request failed - ${entry.message}`, entry.message);
          if (isFinal(entry.data.status)) finished(name, entry.data.status);
        }
        if (pending.size === 0) break;
        deadline.check('wait4');
        await wakeup.sleep(Math.min(this.recheckInterval(events), deadline.remaining()));
        if (pending.size > 0) deadline.check('wait4');
      }
    } finally {
      stopListening?.();
      this.waits.delete(wakeup);
    }
    return Object.fromEntries(wanted.map((name) => [name, states[name]]));
  }

  /** Wait until the manager has no QUEUED, SCHEDULED or EXECUTING work. */
  async wait4all(timeoutMs?: number, onFinished?: FinishedCallback): Promise<void> {
    const deadline = new Deadline(timeoutMs);
    const wakeup = this.newWakeup();
    let stopListening: (() => void) | undefined;
    try {
      const events = await this.connectEvents(this.requestTimeout(deadline));
      stopListening = events?.listen((event) => {
        if (event.topic === 'NOJ') wakeup.wake();
        const done = finishEvent(event);
        if (done) onFinished?.(done.name, done.state);
      });
      // NOJ only triggers a query: an old NOJ may still be queued from before newer submits
      while (!(await this.allJobsFinished(this.requestTimeout(deadline)))) {
        deadline.check('wait4all');
        await wakeup.sleep(Math.min(this.recheckInterval(events), deadline.remaining()));
      }
    } finally {
      stopListening?.();
      this.waits.delete(wakeup);
    }
  }

  /**
   * Wait for a job or iteration to finish and return it. Events are consumed in order: finish events not yet
   * read by this client (since its subscription, made at the first submit or wait) are returned first.
   * Needs the manager's publisher (ServiceError otherwise).
   */
  async wait4AnyJobFinish(timeoutMs?: number): Promise<WaitAnyResult> {
    const deadline = new Deadline(timeoutMs);
    const events = await this.connectEvents(this.requestTimeout(deadline));
    if (!events) throw new ServiceError('Service does not publish status events');
    const wakeup = this.newWakeup();
    const found: { result?: WaitAnyResult } = {};
    const stopListening = events.listen((event) => {
      const result = finishEvent(event);
      if (!result) return false;
      found.result = result;
      wakeup.wake();
      return true;
    });
    try {
      while (!found.result) {
        deadline.check('wait4AnyJobFinish');
        // nothing to re-check here (there is no state to query for "any"); the sleep only bounds the wait
        await wakeup.sleep(Math.min(60_000, deadline.remaining()));
      }
      return found.result;
    } finally {
      stopListening();
      this.waits.delete(wakeup);
    }
  }

  private async openEvents(timeoutMs: number): Promise<EventStream | null> {
    const status = await this.systemStatus(timeoutMs);
    const address = status.System?.StatusPublisher;
    if (!address) return null;
    const stream = await EventStream.open(address, { highWaterMark: this.cfg.eventBufferSize, curve: this.curve });
    if (this.closed) {
      stream.close();
      throw new ConnectionError('Connection closed');
    }
    return stream;
  }

  private async data<T>(request: Record<string, unknown>, timeoutMs = this.timeoutMs): Promise<T> {
    return (await this.channel.request(request, timeoutMs)).data as T;
  }

  private newWakeup(): Wakeup {
    if (this.closed) throw new ConnectionError('Not connected');
    const wakeup = new Wakeup();
    this.waits.add(wakeup);
    return wakeup;
  }

  /** A request made during a wait gets the usual timeout, cut to what is left of the wait (but not to 0). */
  private requestTimeout(deadline: Deadline): number {
    return Math.min(this.timeoutMs, Math.max(deadline.remaining(), 100));
  }

  private recheckInterval(events: EventStream | null): number {
    return events ? (this.cfg.recheckIntervalMs ?? 5_000) : (this.cfg.pollIntervalMs ?? 1_000);
  }
}

/** A JFI/IFI event → the finished name (`NAME` or `NAME:IDX`) and its state; null for other events. */
function finishEvent(event: ManagerEvent): WaitAnyResult | null {
  if ((event.topic !== 'JFI' && event.topic !== 'IFI') || typeof event.job !== 'string' || typeof event.state !== 'string') {
    return null;
  }
  const name = event.it !== undefined && event.it !== null ? `${event.job}:${event.it}` : event.job;
  return { name, state: event.state as JobState };
}

function toList(names: Names): string[] {
  return typeof names === 'string' ? [names] : [...names];
}
