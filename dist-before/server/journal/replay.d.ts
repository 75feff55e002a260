import { Job } from '../core/job.js';
import type { JournalIdentity, JournalRecord } from './records.js';
export declare class ReplayState {
    /** jobs by name, in registration order */
    readonly jobs: Map<string, Job>;
    /** [total nodes, total cores] a job's iteration sizes were computed from */
    readonly totals: WeakMap<Job, [number, number]>;
    rcnt: number;
    identity: JournalIdentity | null;
    /** highest journal generation applied (from a snapshot header or a journal file header) */
    gen: number;
    /** records applied */
    applied: number;
    private seq;
    /** Apply one record. Throws on a record that does not fit the state (a journal that is not ours). */
    apply(rec: JournalRecord): void;
    private newJob;
    private job;
}
/** The snapshot lines of a job table, one at a time (a large table is never one string). */
export declare function snapshotLines(state: ReplayState, identity: JournalIdentity, gen: number, ts: number): Generator<string>;
/**
 * Write a snapshot atomically: `<file>.tmp`, fsync, rename over `file`. The caller syncs the directory.
 * Returns the bytes written.
 */
export declare function writeSnapshot(file: string, lines: Iterable<string>): number;
