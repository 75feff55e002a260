/**
 * pilotmq's own job attributes (README "Retries" and "Export"). QCG-PilotJob treats `attributes` as a free
 * dictionary; pilotmq reads two keys of it and checks them at submit:
 *
 *   retries     an integer N (= {max: N}) or {max, backoff, maxBackoff, onExitCode}: re-run a task whose launch
 *               failed or whose host was lost, up to `max` more times, after an exponential backoff with jitter
 *   resultFile  a path relative to the task's wd (`${it}` allowed): its content (up to RESULT_MAX_BYTES) is
 *               read when the task ends and kept with the task for `pilotmq export`
 */
export interface RetryPolicy {
    /** retries after the first attempt */
    max: number;
    /** seconds before the first retry; doubled for each further one */
    backoff: number;
    /** cap of the delay, seconds */
    maxBackoff: number;
    /** also retry a task that ran and exited non-zero (or was killed by a signal it did not get from us) */
    onExitCode: boolean;
}
export declare const RETRY_DEFAULTS: Omit<RetryPolicy, 'max'>;
export declare const MAX_RETRIES = 1000;
/** bytes of a result file kept per task (the rest is cut, and the export says so) */
export declare const RESULT_MAX_BYTES: number;
/** Check `attributes.retries` and `attributes.resultFile`; the error text (without prefix), or null. */
export declare function checkAttributes(a: Record<string, unknown>): string | null;
/** The retry policy of (checked) attributes, or undefined when there is none or it allows no retry. */
export declare function retryPolicy(a: Record<string, unknown> | undefined): RetryPolicy | undefined;
/**
 * Seconds to wait before retry number `n` (1 = the first retry): backoff·2^(n−1), capped at maxBackoff, then
 * "equal jitter" — a uniformly random point in the upper half — so tasks that failed together do not all come
 * back at the same instant. `random` is in [0, 1).
 */
export declare function retryDelaySeconds(p: RetryPolicy, n: number, random: number): number;
/** The declared result file (not substituted), if any. */
export declare function resultFileOf(a: Record<string, unknown> | undefined): string | undefined;
