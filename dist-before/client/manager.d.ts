/**
 * A client of one running manager (the counterpart of QCG-PilotJob's `qcg.pilotjob.api.manager.Manager`).
 *
 * Requests go over one REQ socket, one at a time (channel.ts). The `wait4*` methods are driven by the
 * manager's events (protocol.md §5): the subscriber is connected after a `status` reply gave the publisher
 * address, then the state is queried once, and from then on only events are awaited, with a slow re-check
 * in case events were lost. Without a publisher the state is polled.
 */
import type { Encoding } from '../protocol/codec.js';
import { type CurveConfig } from './curve.js';
import { EventStream } from './events.js';
import { JobInfo } from './job-info.js';
import { Jobs } from './jobs.js';
import { type CancelReply, type FinishReply, type InfoReply, type JobState, type ListEntry, type RemoveReply, type ResourcesReply, type StatusReply, type StdJobDescription, type SystemStatusReply } from './types.js';
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
export declare class Manager {
    static readonly DEFAULT_ADDRESS_ENV = "QCG_PM_ZMQ_ADDRESS";
    static readonly DEFAULT_ADDRESS = "tcp://127.0.0.1:5555";
    static readonly DEFAULT_TIMEOUT_MS = 60000;
    readonly address: string;
    protected readonly timeoutMs: number;
    private readonly channel;
    private readonly cfg;
    private readonly curve;
    private events;
    private readonly waits;
    private closed;
    /**
     * @param address `[tcp://]host[:port]`; default: env QCG_PM_ZMQ_ADDRESS, else tcp://127.0.0.1:5555.
     * Nothing is sent until the first request. CURVE: `serverPublicKey` plus this client's `secretKey` (and
     * `publicKey`), or env QCG_PM_SERVER_KEY / QCG_PM_CLIENT_KEY; throws PilotMQError on unreadable keys.
     */
    constructor(address?: string, cfg?: ManagerConfig);
    /** Complete an address as QCG does: default protocol `tcp`, default port 5555. */
    static parseAddress(address: string): string;
    static isStatusFinished(state: string): boolean;
    /** Send any request; returns the whole validated reply (`code 1` → ConnectionError). */
    sendRequest(request: Record<string, unknown>, timeoutMs?: number): Promise<{
        code: number;
        message?: string;
        data?: unknown;
    }>;
    /** Submit jobs; returns their names (after submit-time placeholders), in order. */
    submit(jobs: Jobs | readonly StdJobDescription[]): Promise<string[]>;
    /** Every registered job: name → `{status, messages?, inQueue?}`. */
    list(): Promise<Record<string, ListEntry>>;
    /** `jobStatus` data: `{jobs: {NAME: {status: 0, data: {jobName, status}} | {status: 1, message}}}`. */
    status(names: Names, timeoutMs?: number): Promise<StatusReply>;
    /** `jobInfo` data; `withChilds` adds per-iteration entries. */
    info(names: Names, opts?: {
        withChilds?: boolean;
    }): Promise<InfoReply>;
    /** `info` parsed into JobInfo objects, by requested name (entries with a per-name error are left out). */
    infoParsed(names: Names, opts?: {
        withChilds?: boolean;
    }): Promise<Record<string, JobInfo>>;
    /** Remove finished jobs; per-name problems are in `errors`. */
    remove(names: Names): Promise<RemoveReply>;
    /** Cancel jobs or iterations; per-name problems are in `errors`. */
    cancel(names: Names): Promise<CancelReply>;
    resources(): Promise<ResourcesReply>;
    systemStatus(timeoutMs?: number): Promise<SystemStatusReply>;
    /** True when no job or iteration is QUEUED, SCHEDULED or EXECUTING. */
    allJobsFinished(timeoutMs?: number): Promise<boolean>;
    /**
     * Ask the manager to finish (protocol.md §4.9), then close this client. With `wait: true` (pilotmq) the
     * manager lets every job finish first.
     */
    finish(opts?: {
        wait?: boolean;
    }): Promise<FinishReply>;
    /** `control` request; the only command is `finishAfterAllTasksDone`. Returns the reply message. */
    control(command?: string): Promise<string | undefined>;
    /**
     * Close the sockets; waits in progress fail with ConnectionError. After this the client holds nothing that
     * keeps Node.js running.
     */
    close(): void;
    /** QCG's name for `close`. */
    cleanup(): void;
    /**
     * Connect the event subscriber (done by `submit` and the waits when needed). Returns null when the manager
     * has no publisher.
     */
    connectEvents(timeoutMs?: number): Promise<EventStream | null>;
    /**
     * Wait until every named job or iteration (`NAME`, `NAME:IDX`) is final. Returns name → final state.
     * Throws TimeoutElapsed after `timeoutMs`, and ConnectionError for an unknown name.
     */
    wait4(names: Names, timeoutMs?: number, onFinished?: FinishedCallback): Promise<Record<string, JobState>>;
    /** Wait until the manager has no QUEUED, SCHEDULED or EXECUTING work. */
    wait4all(timeoutMs?: number, onFinished?: FinishedCallback): Promise<void>;
    /**
     * Wait for a job or iteration to finish and return it. Events are consumed in order: finish events not yet
     * read by this client (since its subscription, made at the first submit or wait) are returned first.
     * Needs the manager's publisher (ServiceError otherwise).
     */
    wait4AnyJobFinish(timeoutMs?: number): Promise<WaitAnyResult>;
    private openEvents;
    private data;
    private newWakeup;
    /** A request made during a wait gets the usual timeout, cut to what is left of the wait (but not to 0). */
    private requestTimeout;
    private recheckInterval;
}
export {};
