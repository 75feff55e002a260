import type { JournalRecord } from './records.js';
type Crc = (data: string | Uint8Array) => number;
/** CRC-32 (zlib's) of a string's UTF-8 bytes or of bytes; zlib.crc32 where Node has it (20.15+). */
export declare const crc32: Crc;
/** One record as a journal line (with its newline). */
export declare function encodeRecord(rec: JournalRecord | object): string;
/** Parse one line (without its newline) from `buf[start, end)`; a reason text when it is not a good record. */
export declare function decodeLine(buf: Buffer, start: number, end: number): JournalRecord | string;
export interface ReadResult {
    /** good records read */
    records: number;
    /** bytes of the file up to the end of the last good record */
    goodBytes: number;
    /** file size */
    size: number;
    /** why reading stopped before the end of the file, if it did */
    error?: string;
}
/**
 * Read the records of a journal file in order, calling `onRecord` for each good one; stops at the first bad
 * or incomplete line. Reads in chunks: a file larger than memory for one string is fine.
 */
export declare function readJournalFile(file: string, onRecord: (rec: JournalRecord) => void, chunkBytes?: number): ReadResult;
/** Make a rename or a new file in `dir` durable. */
export declare function fsyncDir(dir: string): void;
/** `openForAppend` opens with O_DSYNC (pass as the writer's `dsync` option) */
export declare const APPEND_IS_DSYNC: boolean;
/**
 * Open a journal file for appending. Where the platform has O_DSYNC the file is opened with it, so that one
 * write is also the sync (one trip through libuv's thread pool per group commit instead of two).
 */
export declare function openForAppend(file: string): number;
export interface JournalWriterOptions {
    /** called after each completed sync with the durable position (records appended so far that are on disk) */
    onDurable?: (position: number) => void;
    /** called once when a write or sync fails: records are no longer durable (the writer keeps going) */
    onError?: (e: Error) => void;
    /** called between writes when it may rotate the file: return a new fd (the old one is closed by the hook) */
    rotate?: (fd: number) => Promise<number> | null;
    /** sync records nobody waits for at most this long after they were appended, ms (default 10) */
    lazyMs?: number;
    /**
     * start a sync at most this often, ms (default 2): under load, more records share one sync (each costs a
     * disk flush, and on a VM exits to the hypervisor); an idle manager syncs at once
     */
    minIntervalMs?: number;
    /** the fd was opened with O_DSYNC (`openForAppend`): a write is also the sync */
    dsync?: boolean;
    /**
     * Is holding a sync back for `minIntervalMs` worth it, i.e. are more records coming soon (the manager: tasks
     * are running)? Default yes. A `durable(pos, true)` (a reply) is never held back.
     */
    deferrable?: () => boolean;
}
export declare class JournalWriter {
    private fd;
    private readonly opts;
    private chunks;
    private appended;
    private synced;
    private bytes;
    private waiters;
    private running;
    private kicked;
    private closed;
    private closing;
    /** a reply waits: no holding back */
    private urgent;
    /** the position that must become durable as soon as possible */
    private need;
    private timer;
    /** when the last sync started (performance.now()) */
    private lastStart;
    private delay;
    private failed;
    private idle;
    private resolveIdle;
    /**
     * @param fd a file descriptor from `openForAppend`
     * @param fileBytes bytes already in the file (for size-based rotation)
     */
    constructor(fd: number, opts?: JournalWriterOptions, fileBytes?: number);
    /** Records appended (the position a later `durable()` covers). */
    get position(): number;
    /** Records known to be on disk. */
    get durablePosition(): number;
    /** Is everything appended so far on disk? */
    get isDurable(): boolean;
    /** bytes written to the current file (including buffered ones) */
    get fileBytes(): number;
    /** Buffer one record; written and synced by the loop. Returns its position. */
    append(rec: JournalRecord | object): number;
    /** Sync the records up to `pos` (default: all appended so far) as soon as possible (group commit). */
    requestSync(pos?: number, urgent?: boolean): void;
    /** Resolves when the records up to `pos` (default: every record appended so far) are on disk. */
    durable(pos?: number, urgent?: boolean): Promise<void>;
    /** Hold the next sync back (a sync started less than minIntervalMs ago, more records are coming)? */
    private mayDefer;
    private armLazy;
    /** Write and sync what is buffered, then close the file. Later appends are ignored. */
    close(): Promise<void>;
    /** The file was rotated: `n` bytes are in the new one (its header). */
    resetFileBytes(n: number): void;
    private start;
    private loop;
    private release;
}
export {};
