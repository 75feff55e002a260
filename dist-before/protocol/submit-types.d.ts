import type { JobDescription } from './job.js';
import type { RetryPolicy } from './attributes.js';
/** What the submit handler needs to know about the manager (jobs.md §6 pass 1, §7 stage S, §10.2, §10.4). */
export interface SubmitContext {
    /** the request counter value for `${rcnt}` (already incremented for this request) */
    rcnt: number;
    /** one random UUID for this request (`${uniq}`) */
    uniq: string;
    /** the request time (for `${date}`, `${time}`, `${dateTime}`) */
    now: Date;
    /** iteration limit per job (default 1 000 000) */
    maxIterations: number;
    /** is a job of this name registered (and not removed)? */
    isRegistered(name: string): boolean;
    /** the manager's nodes, in node order: name and total core count */
    nodes: ReadonlyArray<{
        name: string;
        cores: number;
    }>;
}
/** A job accepted by the submit handler, ready to be registered. */
export interface AcceptedJob {
    desc: JobDescription;
    /**
     * For iterative jobs whose numCores/numNodes carry a `scheduler` (jobs.md §10.4): the exact size of the
     * iteration at position i (0-based, i = IDX - start), computed from the manager's total resources.
     * A function, not an array, so a job of 1 000 000 iterations costs no memory per iteration.
     * Absent otherwise.
     */
    iterationCores?: (position: number) => number;
    iterationNodes?: (position: number) => number;
    /** `attributes.retries` normalized (README "Retries"); absent when the job allows no retry */
    retry?: RetryPolicy;
}
export type SubmitResult = {
    ok: true;
    jobs: AcceptedJob[];
}
/** message is the complete reply message, e.g. "Invalid request: Missing name in job description" */
 | {
    ok: false;
    message: string;
};
