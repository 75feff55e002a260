import { type ManagerProcess, type StartOptions } from '../helpers/manager-process.js';
export interface HistEntry {
    date: string;
    state: string;
}
/** History entries of a jobInfo `data` (format and non-decreasing order asserted). */
export declare function historyOf(info: Record<string, unknown>): HistEntry[];
/** Timestamp of the (first) history entry with `state`; throws when absent. */
export declare function stampOf(info: Record<string, unknown>, state: string): string;
/** Timestamp of the last history entry (the final state for a final job). */
export declare function finalStampOf(info: Record<string, unknown>): string;
/** `a[0:1],b[0:1:2]` → [{node: 'a', cores: ['0','1']}, …] (jobs.md §9). */
export declare function parseAllocation(a: string): Array<{
    node: string;
    cores: string[];
}>;
export declare function coresIn(a: string): number;
/** One interval of real work: from `start` to `end` (comparable strings or numbers), holding `cores`. */
export interface Interval<T extends string | number> {
    name: string;
    start: T;
    end: T;
    /** `node/core` ids held */
    cores: string[];
}
/**
 * Maximum number of cores held at the same moment, intervals half-open [start, end) (an interval that ends at
 * the very moment another starts does not overlap it). Also asserts that no core id is held twice at once.
 */
export declare function maxConcurrentCores<T extends string | number>(ivs: Array<Interval<T>>): number;
/** `node/core` ids of an allocation string. */
export declare function coreIds(a: string): string[];
/** State of one job or iteration. */
export declare function statusOf(m: ManagerProcess, name: string): Promise<string>;
/** Names → states of several jobs or iterations at once. */
export declare function statesOf(m: ManagerProcess, names: string[]): Promise<Record<string, string>>;
/** The listJobs reply data (for before/after comparisons). */
export declare function listJobs(m: ManagerProcess): Promise<{
    length: number;
    jobs: Record<string, unknown>;
}>;
export declare function info(m: ManagerProcess, name: string, withChilds?: boolean): Promise<Record<string, unknown>>;
export declare function parseEnv(text: string): Record<string, string>;
/**
 * One manager for a describe block: started in `before`, stopped in `after` (gates opened first so nothing
 * keeps waiting). Use inside `describe`.
 */
export declare function useManager(opts: StartOptions): {
    readonly m: ManagerProcess;
    gate(name: string): string;
};
