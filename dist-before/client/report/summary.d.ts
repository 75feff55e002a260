import type { ReportEntry } from './parse.js';
export interface StateCounts {
    total: number;
    states: Record<string, number>;
}
/** A task that ran: from its EXECUTING to its final time (epoch µs) on the cores of its allocation. */
export interface TaskInterval {
    entry: ReportEntry;
    start: number;
    end: number;
    /** `node[core]` keys */
    cores: string[];
}
export interface Failure {
    name: string;
    state: string;
    exitCode?: string;
    messages?: string;
}
export interface ReportSummary {
    entries: number;
    jobs: StateCounts;
    tasks: StateCounts;
    /** seconds (`rtime`) of the tasks that reached EXECUTING */
    runtime: {
        count: number;
        min: number;
        median: number;
        max: number;
        total: number;
    } | null;
    /** first EXECUTING → last final time of a task that ran */
    makespan: {
        start: Date;
        end: Date;
        seconds: number;
    } | null;
    utilisation: {
        /** the `cores` option, or the distinct cores seen in allocations */
        cores: number;
        coresFrom: 'option' | 'allocations';
        /** busy core-seconds / (makespan × cores), 0…1 */
        average: number | null;
        /** most cores in use at one instant */
        peak: number;
        coreSeconds: number;
        /** mean cores in use per bucket; `from`/`to` are seconds since the makespan's start */
        buckets: Array<{
            from: number;
            to: number;
            cores: number;
        }>;
    };
    failures: {
        total: number;
        first: Failure[];
    };
}
export interface SummaryOptions {
    /** cores available, for the average utilisation (default: cores seen in allocations) */
    cores?: number;
    /** buckets of the utilisation series (default 20) */
    buckets?: number;
    /** failures listed (default 20) */
    maxFailures?: number;
}
/** Iterations, and jobs of which the report has no iterations. */
export declare function tasksOf(entries: ReportEntry[]): ReportEntry[];
/** `node[core]` keys of an allocation string (`a[0:1],b[2]` → `a[0]`, `a[1]`, `b[2]`). */
export declare function allocationCores(allocation: string | undefined): string[];
/** The tasks that reached EXECUTING and a final state, with their interval and cores. */
export declare function taskIntervals(tasks: ReportEntry[]): TaskInterval[];
export declare function summarize(entries: ReportEntry[], opts?: SummaryOptions): ReportSummary;
