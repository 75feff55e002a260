/**
 * `jobInfo` data parsed into typed fields (the counterpart of QCG-PilotJob's `JobInfo`).
 */
import type { ChildData, IterationCounters, JobInfoData, JobState } from './types.js';
export interface HistoryEntry {
    state: JobState;
    date: Date;
}
export declare class JobInfo {
    /** the requested name (`NAME`, or `NAME:IDX` for an iteration) */
    name: string;
    status: JobState;
    /** iteration index, for an iteration (`NAME:IDX` or a child entry) */
    iteration?: number;
    messages?: string;
    history: HistoryEntry[];
    /** counters of an iterative job as a whole */
    iterations?: IterationCounters;
    /** per-iteration entries (info with `withChilds`) */
    childs: JobInfo[];
    allocation?: string;
    /** allocated core ids per node, from `allocation` */
    nodes?: Record<string, string[]>;
    totalCores?: number;
    wd?: string;
    /** run time in seconds */
    rtime?: number;
    exitCode?: number;
    pid?: number;
    pname?: string;
    static fromJob(data: JobInfoData): JobInfo;
    static fromChild(jobName: string, child: ChildData): JobInfo;
    private setRuntime;
}
/** `"\n<YYYY-MM-DD HH:MM:SS.ffffff>: <STATE>"…` → entries (local time, millisecond precision). */
export declare function parseHistory(history: string): HistoryEntry[];
/** `H:MM:SS.ffffff`, optionally prefixed `<d> day, ` / `<d> days, ` → seconds. NaN when malformed. */
export declare function parseDuration(text: string): number;
/** `n0[0:1],n1[0]` → `{n0: ['0','1'], n1: ['0']}`; a `&` in a core id stands for `,`. */
export declare function parseAllocation(allocation: string): Record<string, string[]>;
