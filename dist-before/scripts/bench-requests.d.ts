/** Rows for bench.ts: requests/s with 1, 8 and 32 clients, manager vs bare echo server. */
export declare function requestsBench(address: string, pid: number): Promise<Array<[string, string, string, string]>>;
/**
 * Row for bench.ts: what CURVE costs. Requests/s at 32 clients against a manager with CURVE keys and against the
 * plain manager (`plainAddress`), in alternating rounds as above; the ratio is the median of the rounds' ratios.
 */
export declare function curveBench(plainAddress: string, plainPid: number, clients?: number): Promise<Array<[string, string, string, string]>>;
