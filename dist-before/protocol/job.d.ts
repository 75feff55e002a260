/**
 * The job description after validation (jobs.md §1–§5): the standard form with defaults filled in and
 * submit-time placeholders (pass 1) already substituted. Every layer after the submit handler works
 * on this shape only.
 */
/** A resource size (jobs.md §3). Exactly one of `exact` or a range (`min`/`max`, optional `scheduler`). */
export interface Size {
    exact?: number;
    min?: number;
    max?: number;
    scheduler?: IterationScheduler;
}
export interface IterationScheduler {
    /** lower-cased: 'split-into' | 'maximum-iters' (any other name behaves as maximum-iters) */
    name: string;
    params?: {
        parts?: number;
    };
}
export interface Execution {
    exec?: string;
    /** numbers already turned into their decimal text */
    args: string[];
    script?: string;
    /** numbers already turned into text */
    env: Record<string, string>;
    wd?: string;
    stdin?: string;
    stdout?: string;
    stderr?: string;
    modules?: string[];
    venv?: string;
    /** lower-cased */
    model?: string;
    model_opts?: Record<string, unknown>;
}
export interface Resources {
    numCores?: Size;
    numNodes?: Size;
    /** as given, e.g. "1h30m" */
    wt?: string;
    /** `wt` in seconds, when given */
    wtSeconds?: number;
    /** lower-cased names: gpu, mem */
    nodeCrs?: Record<string, number>;
}
export interface Iteration {
    start: number;
    /** last index + 1 */
    stop: number;
    /** for the `values` form: the values as text, index i ↔ values[i]; start is 0 */
    values?: string[];
}
export interface JobDescription {
    name: string;
    execution: Execution;
    /** always present; `{numCores: {exact: 1}}` when the description had none */
    resources: Resources;
    iteration?: Iteration;
    /** present only when given (possibly with an empty `after`) */
    dependencies?: {
        after: string[];
    };
    /** free-form; `stageIn` / `stageOut` are checked and normalized to StageItem[] */
    attributes?: Record<string, unknown>;
}
/**
 * One file to copy for a job (attributes.stageIn / stageOut). stageIn: `from` on the manager's machine (relative:
 * to the manager's wd), `to` where the job runs (relative: to the job's wd; default the base name of `from`).
 * stageOut: the other way round. Placeholders as in the execution fields.
 */
export interface StageItem {
    from: string;
    to?: string;
}
export declare const FINAL_STATES: readonly ["SUCCEED", "FAILED", "CANCELED", "OMITTED"];
export type JobState = 'QUEUED' | 'SCHEDULED' | 'EXECUTING' | (typeof FINAL_STATES)[number];
export declare const isFinal: (s: JobState) => boolean;
