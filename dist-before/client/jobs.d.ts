import type { StdJobDescription } from './types.js';
/** QCG's client limit on the iteration count of a simple description. */
export declare const MAX_SIMPLE_ITERATIONS: number;
/** The flat form accepted by `Jobs.add`. */
export interface SimpleJobDescription {
    name?: string;
    exec?: string;
    script?: string;
    args?: Array<string | number>;
    stdin?: string;
    stdout?: string;
    stderr?: string;
    wd?: string;
    modules?: string | string[];
    venv?: string;
    model?: string;
    model_opts?: Record<string, unknown>;
    numCores?: number | SizeSpec;
    numNodes?: number | SizeSpec;
    wt?: string;
    iteration?: number | Array<string | number> | {
        start?: number;
        stop?: number;
        values?: Array<string | number>;
    };
    after?: string | string[];
    env?: Record<string, string | number>;
    nodeCrs?: Record<string, number>;
    attributes?: Record<string, unknown>;
}
export interface SizeSpec {
    exact?: number;
    min?: number;
    max?: number;
    scheduler?: string | {
        name: string;
        params?: {
            parts?: number;
        };
    };
}
export declare class Jobs {
    private readonly list;
    /** Add a job in the simple (flat) form. Returns `this` for chaining. Throws InvalidJobDescription. */
    add(attrs: SimpleJobDescription): this;
    /** Add a job in the standard form (only `execution` and duplicates are checked here). */
    addStd(desc: Partial<StdJobDescription> & Record<string, unknown>): this;
    remove(name: string): void;
    /** Remove every job; returns how many there were. */
    clear(): number;
    get size(): number;
    /** Job names, in the order they were added. */
    jobNames(): string[];
    orderedJobNames(): string[];
    /** Standard descriptions, in the order they were added (what `submit` sends). */
    orderedJobs(): StdJobDescription[];
    jobs(): StdJobDescription[];
    /**
     * Add the standard descriptions of a JSON file: an array (what `saveToFile` and QCG's `save_to_file` write),
     * or an object with a `jobs` array (e.g. a whole `submit` request).
     */
    loadFromFile(path: string): this;
    /** Write the standard descriptions as a JSON array (loadable by QCG-PilotJob's `Jobs.load_from_file`). */
    saveToFile(path: string): void;
}
