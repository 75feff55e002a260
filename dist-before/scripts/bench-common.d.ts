/** Pieces shared by the benchmarks (bench.ts, bench-journal.ts, bench-ssh.ts). */
import { type ChildProcess } from 'node:child_process';
import type { Manager } from '../client/manager.js';
export declare const CLI: string;
export declare const seconds: (t0: number) => number;
export declare const pct: (a: number[], p: number) => number;
/**
 * A `pilotmq serve --nodes 2` child process in a fresh working directory, once its address file exists. No job
 * report unless `extra` asks for one.
 */
export declare function serve(extra?: string[], prefix?: string): Promise<{
    address: string;
    child: ChildProcess;
    wd: string;
}>;
/** jobs/s of `n` separate `/bin/true` jobs (submitted 1000 per request), removed afterwards. */
export declare function throughput(m: Manager, n: number, tag?: string): Promise<number>;
/** iterations/s of one `/bin/true` job of `n` iterations, removed afterwards. */
export declare function sweep(m: Manager, n: number, name?: string): Promise<number>;
/** Delays (ms) from a job's last act (writing the wall-clock time) to `wait4` returning, `n` times. */
export declare function exitToWait(m: Manager, wd: string, n: number, tag?: string): Promise<number[]>;
/** The manager's reply frame to one request (MessagePack), as sent on the wire. */
export declare function rawReply(address: string, request: Record<string, unknown>): Promise<Buffer>;
/**
 * The baseline of the request benchmarks: a bare ZeroMQ server in its own process, the manager's socket type
 * (a ROUTER that REQ clients connect to), answering every request with `reply` (the manager's reply to the
 * same request, so both move the same bytes) and doing nothing else.
 */
export declare function bareServer(reply: Buffer): Promise<{
    address: string;
    child: ChildProcess;
}>;
