/**
 * The pure part of the `submit` handler (protocol.md §4.1, jobs.md §5–§7, §10.2, §10.4): parse stage,
 * submit-time placeholders (pass 1), per-job validation and normalization, the minimum resource check, the
 * iteration resource schedulers and dependency cycle detection. No I/O; the caller registers the result.
 */
import type { JobDescription } from './job.js';
import type { AcceptedJob, SubmitContext, SubmitResult } from './submit-types.js';
/** Validate and normalize a `submit` request (its `jobs`); all-or-nothing. */
export declare function parseSubmit(request: Record<string, unknown>, ctx: SubmitContext): SubmitResult;
/** The Python type name of a decoded JSON/MessagePack value, as used in messages. */
export declare function pyTypeName(v: unknown): string;
/** Python's `str()` of a number (an integral value is an int, protocol.md §2.1): 2 → "2", 2.5 → "2.5", 1e-05. */
export declare function numberText(n: number): string;
export interface Totals {
    nodes: number;
    cores: number;
}
/**
 * An accepted description with its per-iteration sizes (jobs.md §10.4), computed from the manager's totals
 * at submit time. Also used to rebuild jobs from the journal on resume (the sizes are functions, not data).
 */
export declare function acceptJob(desc: JobDescription, totals: Totals): AcceptedJob;
/**
 * `maximum-iters` (jobs.md §10.4) in closed form, O(1) per position. Round r takes ceil(left / (rounds − r))
 * of the iterations left, which means the first n % rounds rounds take floor(n / rounds) + 1 and the rest
 * floor(n / rounds); each round deals `total` among its iterations like one single round.
 */
export declare function maximumIters(n: number, total: number, pmin: number): (position: number) => number;
