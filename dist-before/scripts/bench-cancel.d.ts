/** Rows for bench.ts: a whole-job cancel of `n` queued iterations, and request round trips meanwhile. */
export declare function cancelBench(n?: number): Promise<Array<[string, string, string, string]>>;
