import { JournalWriter } from './journal.js';
import type { HeaderRecord, JournalIdentity, JournalRecord } from './records.js';
import { ReplayState } from './replay.js';
export declare const JOURNAL = "journal";
export declare const JOURNAL_PREV = "journal.prev";
export declare const JOURNAL_SNAP = "journal.snap";
/** What loading found wrong: reading stopped at `error` in `file`; everything before it was applied. */
export interface Corruption {
    file: string;
    error: string;
    goodBytes: number;
    size: number;
}
export interface LoadResult {
    state: ReplayState;
    /** the first bad record, if any (later records and files were not applied) */
    corruption?: Corruption;
    /** records applied from `journal` (the file a resumed manager appends to) */
    currentRecords: number;
    /** bytes of `journal` up to its last good record */
    currentBytes: number;
    /** generation of `journal` from its header, if it has one */
    currentGen?: number;
    /** generation of `journal.prev` from its header, if present and read */
    prevGen?: number;
}
/** The header of a journal file (its first line), or null when it has none readable. */
export declare function readHeader(file: string): HeaderRecord | null;
/** Does this directory hold a journal? */
export declare function hasJournal(dir: string): boolean;
/**
 * Load snapshot + prev (+ current unless `currentToo` is false) of an aux dir. A bad snapshot throws (it is
 * written atomically: a bad one means damage, not a crash); a bad record in a journal file stops the load
 * there (`corruption`). Records that do not fit the state throw.
 */
export declare function loadJournal(auxDir: string, currentToo?: boolean): LoadResult;
/** Fold `journal.snap` + `journal.prev` into a new snapshot and delete prev. Returns the snapshot's bytes. */
export declare function compactJournal(auxDir: string): number;
export interface StoreOptions {
    /** rotate (and compact) when the current file holds this many records (default 100 000) */
    compactRecords?: number;
    onError?: (message: string) => void;
    onInfo?: (message: string) => void;
    /** called after each sync with the durable position */
    onDurable?: (position: number) => void;
    /** JournalWriterOptions.minIntervalMs */
    minIntervalMs?: number;
    /** JournalWriterOptions.deferrable */
    deferrable?: () => boolean;
}
/** The manager's side: append records, wait for durability, rotate and compact in the background. */
export declare class JournalStore {
    readonly auxDir: string;
    private readonly identity;
    private readonly opts;
    readonly writer: JournalWriter;
    private recordsInFile;
    private gen;
    private snapBytes;
    private compacting;
    private compactionFailed;
    private readonly compactRecords;
    private closed;
    /** position of the last record replies and events must wait for */
    private critical;
    private constructor();
    /** A fresh journal for a new manager (an old journal in the same aux dir is replaced). */
    static create(auxDir: string, identity: JournalIdentity, opts?: StoreOptions): JournalStore;
    /**
     * Continue a loaded journal: `journal` is cut at its last good record (a bad tail is saved next to it as
     * `journal.bad-<time>`), or created when missing or without a good header. Returns the store; the caller
     * appends a resume record.
     */
    static resume(auxDir: string, loaded: LoadResult, opts?: StoreOptions): JournalStore;
    append(rec: JournalRecord): void;
    /**
     * The position replies and events wait for: the last record that must be on disk before a client learns of
     * it. Changes to SCHEDULED and EXECUTING need not wait (they are journaled all the same): after a crash such
     * a task is QUEUED again whether its record made it to disk or not.
     */
    get position(): number;
    /** Is everything a reply or event may reveal on disk? */
    get isDurable(): boolean;
    /** Resolves once everything a reply may reveal is on disk (a reply is never held back for group commit). */
    durable(): Promise<void>;
    /** Sync soon what an event waits for. */
    requestSync(): void;
    /** Flush, sync and close; an unfinished compaction is abandoned (it is redone on the next resume). */
    close(): Promise<void>;
    private shouldRotate;
    /** Between two writes: the current file (fully synced) becomes prev, a new current file starts. */
    private rotate;
    private startCompaction;
}
/**
 * The aux dir to resume from: `dir` itself when it holds a journal, else the one `.qcgpjm-service-*` dir in
 * `dir` (a manager's wd) that does (the one of `instanceId` when given). Throws a readable error otherwise.
 */
export declare function findJournalDir(dir: string, instanceId?: string, option?: string): string;
