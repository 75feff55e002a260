import type { Job, Task } from './core/job.js';
export interface ExportRow {
    /** `job` or `job:idx` */
    name: string;
    job: string;
    /** iteration index, null for a job without iterations */
    iteration: number | null;
    /** `${itval}`: the iteration's value (its index for start/stop sweeps), null without iterations */
    itval: string | null;
    /** program and arguments, or the script, with `${it}`/`${itval}` replaced */
    exec: string | null;
    args: string[];
    script: string | null;
    state: string;
    /** exit status, -N for signal N, -1 when no process ran; null when it has not ended */
    exit_code: number | null;
    /** failed attempts that were retried */
    retries: number;
    /** last EXECUTING and the final state, ISO 8601 UTC with microseconds; null when not reached */
    start: string | null;
    end: string | null;
    /** run time of the process in seconds (runtime `rtime`), null when it never ran */
    rtime: number | null;
    /** allocation string and its node names */
    allocation: string | null;
    nodes: string | null;
    wd: string | null;
    messages: string | null;
    /** the declared result file's name and content (`attributes.resultFile`), null when none */
    result_file: string | null;
    result: string | null;
}
export declare const EXPORT_COLUMNS: ReadonlyArray<keyof ExportRow>;
/** Where a page of rows starts: a job name and, for an iterative job, an iteration index. */
export interface ExportCursor {
    job: string;
    it?: number;
}
/**
 * Rows in registration order, starting at `from` (inclusive), until `maxBytes` of row JSON (at least one row).
 * `next` is where the following page starts, or null at the end. `task(job, idx)` gives an iteration's task
 * (a read-only view for iterations without a record).
 */
export declare function exportPage(jobs: Iterable<Job>, task: (job: Job, idx: number) => Task, from: ExportCursor | null, maxBytes: number): {
    rows: ExportRow[];
    next: ExportCursor | null;
};
export declare function rowOf(job: Job, t: Task): ExportRow;
/** epoch µs → `2026-11-22T02:21:00.123456Z` */
export declare function isoOf(us: number | undefined): string | null;
/** `H:MM:SS.ffffff` or `N day(s), H:MM:SS.ffffff` (runtime rtime) → seconds */
export declare function durationSeconds(text: string): number | null;
/** `n0[0:1],n1[3]` → `n0,n1` */
export declare function nodesOf(allocation: string): string;
