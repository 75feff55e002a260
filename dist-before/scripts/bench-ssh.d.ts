/** rows for bench.ts's table, or one row saying why it was skipped */
export declare function sshBench(): Promise<Array<[string, string, string, string]>>;
