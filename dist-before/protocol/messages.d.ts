/**
 * The messages of the wire protocol (protocol.md): requests, reply envelopes and `data` shapes, events.
 * Shared by the manager (server/) and the client (client/).
 */
import type { JobState } from './job.js';
export type { JobState };
export { FINAL_STATES, isFinal } from './job.js';
export type RequestName = 'submit' | 'listJobs' | 'jobStatus' | 'jobInfo' | 'cancelJob' | 'removeJob' | 'resourcesInfo' | 'status' | 'finish' | 'control' | 'register' | 'notify';
export type Request = {
    request: 'submit';
    jobs: StdJobDescription[];
} | {
    request: 'listJobs';
} | {
    request: 'jobStatus';
    jobNames: string[];
} | {
    request: 'jobInfo';
    jobNames: string[];
    params?: {
        withChilds?: boolean;
    };
} | {
    request: 'cancelJob';
    jobNames: string[];
} | {
    request: 'removeJob';
    jobNames: string[];
} | {
    request: 'resourcesInfo';
} | {
    request: 'status';
    options?: {
        allJobsFinished?: boolean;
    };
} | {
    request: 'finish';
    options?: {
        wait?: boolean;
    };
} | {
    request: 'control';
    command: 'finishAfterAllTasksDone';
};
/** Reply envelope (protocol.md §2.2): `code` 0 = OK, 1 = error; error replies carry only `message`. */
export interface Reply<T = unknown> {
    code: 0 | 1;
    message?: string;
    data?: T;
}
export type EventTopic = 'JST' | 'JFI' | 'IST' | 'IFI' | 'NOJ';
export interface EventBody {
    manager: string;
    job?: string;
    state?: JobState;
    /** iteration index (IST/IFI) */
    it?: number;
}
/** A job description in the standard form (jobs.md §1), as sent to the manager. */
export interface StdJobDescription {
    name: string;
    execution: Record<string, unknown>;
    resources?: Record<string, unknown>;
    iteration?: Record<string, unknown>;
    dependencies?: {
        after: string[];
    };
    attributes?: Record<string, unknown>;
    [key: string]: unknown;
}
/** `listJobs` → `data.jobs[NAME]` */
export interface ListEntry {
    status: JobState;
    messages?: string;
    inQueue?: number;
}
export interface ListReply {
    length: number;
    jobs: Record<string, ListEntry>;
}
/** A per-name entry of `jobStatus`/`jobInfo`: `status` 0 with `data`, or 1 with `message`. */
export type Entry<T> = {
    status: 0;
    data: T;
} | {
    status: 1;
    message: string;
};
export interface JobStatusData {
    jobName: string;
    status: JobState;
}
export interface StatusReply {
    jobs: Record<string, Entry<JobStatusData>>;
}
/** `runtime` of a job or iteration (jobs.md §9): every value is a string. */
export interface RuntimeData {
    allocation?: string;
    wd?: string;
    rtime?: string;
    exit_code?: string;
    pid?: string;
    pname?: string;
}
export interface IterationCounters {
    start: number;
    stop: number;
    total: number;
    finished: number;
    failed: number;
}
export interface ChildData {
    iteration: number;
    state: JobState;
    runtime?: RuntimeData;
}
export interface JobInfoData {
    jobName: string;
    status: JobState;
    iterations?: IterationCounters;
    childs?: ChildData[];
    messages?: string;
    runtime?: RuntimeData;
    history?: string;
}
export interface InfoReply {
    jobs: Record<string, Entry<JobInfoData>>;
}
/** `cancelJob` / `removeJob` replies. */
export interface CancelReply {
    canceled: number;
    errors?: Record<string, string>;
}
export interface RemoveReply {
    removed: number;
    errors?: Record<string, string>;
}
/** `resourcesInfo` */
export interface ResourcesReply {
    total_nodes: number;
    /** every configured core, online or not */
    total_cores: number;
    used_cores: number;
    /** free cores that can take work now (those of online nodes) */
    free_cores: number;
    /** pilotmq extension, present with SSH hosts (`serve --hosts`): each host and its connection state */
    hosts?: HostInfo[];
}
/** the connection state of an SSH host (README "SSH hosts"): only an online host gets new tasks */
export type HostState = 'online' | 'reconnecting' | 'offline';
/** one SSH host in `resourcesInfo` (pilotmq extension) */
export interface HostInfo {
    name: string;
    state: HostState;
    cores: number;
    used_cores: number;
    /** when it entered this state (`YYYY-MM-DD HH:MM:SS.ffffff`, local time) */
    since: string;
    /** why it is not online (the last connection error) */
    message?: string;
}
/** one SSH host in `status` → `Resources.Hosts` (pilotmq extension): the keys of HostInfo, capitalised */
export interface StatusHostInfo {
    Name: string;
    State: HostState;
    Cores: number;
    UsedCores: number;
    Since: string;
    Message?: string;
}
/** `status` (protocol.md §4.8) */
export interface SystemStatusReply {
    System: {
        InstanceId: string;
        Started: string;
        Generated: string;
        Uptime: string;
        Zmqaddress: string;
        Ifaces: string[];
        StatusPublisher: string | null;
        Host: string;
        Account: string;
        Wd: string;
        PythonVersion: string;
        Python: string;
        Platform: string;
        Version: string;
        [key: string]: unknown;
    };
    Resources: {
        TotalNodes: number;
        TotalCores: number;
        UsedCores: number;
        FreeCores: number;
        Hosts?: StatusHostInfo[];
    };
    JobStats: {
        TotalJobs: number;
        InScheduleJobs: number;
        FailedJobs: number;
        FinishedJobs: number;
        ExecutingJobs: number;
    };
    IterationStats: {
        TotalIterations: number;
        InScheduleIterations: number;
        FailedIterations: number;
        FinishedIterations: number;
        ExecutingIterations: number;
    };
}
/** `finish` → `{"when": "2s"}` or `{"when": "after all jobs finish"}` */
export interface FinishReply {
    when: string;
}
