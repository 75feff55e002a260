import type { HostState, Reply } from '../protocol/messages.js';
import type { Core } from './core/core.js';
import { type HistoryEntry } from './core/job.js';
export type { Reply };
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
export declare class RequestHandler {
    private readonly core;
    private readonly mgr;
    /** submit request counter (`${rcnt}`); a resumed manager continues from the journal's */
    rcnt: number;
    constructor(core: Core, mgr: ManagerControl);
    /** Handle one decoded request object. Never throws. */
    handle(req: Record<string, unknown>): Reply;
    private readonly handlers;
    private submit;
    /**
     * The job-count limits (README "Limits"), checked before anything of the request is parsed, so an oversized
     * request costs nothing. A pilotmq extension: the messages name the option that raises the limit.
     */
    private jobLimits;
    /** set by finish (not by control finishAfterAllTasksDone, which keeps accepting) */
    finishRefusesSubmit: boolean;
    private listJobs;
    private jobStatus;
    private jobInfo;
    private wholeJobInfo;
    /** Resolve `NAME` / `NAME:IDX` (protocol.md §3) to a job and optional iteration. */
    private resolve;
    private cancelJob;
    private removeJob;
    private resourcesInfo;
    /** SSH hosts with their state and cores (pilotmq extension of resourcesInfo and status); undefined without hosts */
    private hostInfo;
    private status;
    /** The full `status` data (also written to final_status at shutdown). */
    statusData(): Record<string, unknown>;
    /** `{request: 'exportJobs', from?: {job, it?}, maxBytes?}` → `{rows, next}`: one page of export rows. */
    private exportJobs;
    private finish;
    private control;
    private register;
    private notify;
}
/** `NAME` or `NAME:IDX` (protocol.md §3); null when malformed. */
export declare function parseJobName(s: string): {
    name: string;
    idx: number | null;
} | null;
export declare const historyText: (h: HistoryEntry[]) => string;
