interface ProcInfo {
    pid: number;
    ppid: number;
    state: string;
    cmdline: string;
}
export declare function allProcs(): ProcInfo[];
/** Is the process alive (exists and is not a zombie)? */
export declare function isAlive(pid: number): boolean;
/** Live processes whose command line contains `marker` (never this test process). */
export declare function procsWithMarker(marker: string): ProcInfo[];
/** Live descendants of `pid` (children, grandchildren, …). */
export declare function descendants(pid: number): ProcInfo[];
/**
 * A unique number usable as a `sleep` argument: `sleep <marker>` sleeps ~1000 s and the marker appears in
 * the sleep process's own command line (a shell comment would not survive bash's exec of a lone command).
 */
export declare function sleepMarker(): string;
/** Wait until no live process carries the marker; returns the leftovers on timeout (for the assertion). */
export declare function waitNoMarker(marker: string, timeoutMs?: number): Promise<ProcInfo[]>;
/** Wait until none of the pids is alive; returns the survivors on timeout. */
export declare function waitPidsGone(pids: number[], timeoutMs?: number): Promise<number[]>;
/**
 * Clean up after a failed orphan assertion, so no test leaves processes behind. Only processes still
 * running the recorded command line are killed (a pid may have been reused meanwhile).
 */
export declare function killAll(procs: Array<{
    pid: number;
    cmdline: string;
}>): void;
export {};
