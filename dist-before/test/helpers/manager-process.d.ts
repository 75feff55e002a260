/**
 * End-to-end test helper: a real pilotmq manager (`pilotmq serve`) in a child process, driven over real
 * ZeroMQ sockets with the wire codec. No shortcut through the server's modules.
 */
import { type ChildProcess } from 'node:child_process';
import * as zmq from 'zeromq';
import { type Encoding } from '../../protocol/codec.js';
/** Repository root: this file is dist/test/helpers/manager-process.js once compiled. */
export declare const REPO_ROOT: string;
export declare const CLI: string;
/** Loose reply type: tests assert on everything they read. */
export interface Reply {
    code: number;
    message?: string;
    data?: any;
}
export interface RequestOptions {
    encoding?: Encoding;
    /** receive timeout in ms (default 30 s); the socket is re-created after a timeout */
    timeoutMs?: number;
}
export interface StartOptions {
    /** node list, default '4'; '' leaves --nodes out (e.g. a manager with --hosts only) */
    nodes?: string;
    /** extra CLI arguments, e.g. ['--kill-grace', '1'] */
    extra?: string[];
    /** extra environment for the manager (jobs inherit it) */
    env?: Record<string, string>;
    /** how long to wait for the address file (default 30 s) */
    startTimeoutMs?: number;
    /** process working directory of the manager (default: the repository root) */
    cwd?: string;
    /** poll for the address file on every event-loop turn instead of every 20 ms (to act the moment it appears) */
    tightPoll?: boolean;
}
export interface ExitStatus {
    code: number | null;
    signal: NodeJS.Signals | null;
}
export interface ManagerProcess {
    /** advertised request address, read from the address file */
    readonly address: string;
    /** manager working directory (a fresh temp dir) */
    readonly wd: string;
    /** `<wd>/.qcgpjm-service-<InstanceId>` */
    readonly auxDir: string;
    /** InstanceId, from the aux dir name */
    readonly instanceId: string;
    readonly child: ChildProcess;
    /** process working directory the manager was started in */
    readonly cwd: string;
    /** resolves when the child process exits */
    readonly exited: Promise<ExitStatus>;
    /** everything the manager wrote to stderr so far */
    stderr(): string;
    /** send one request object (JSON by default) and decode the reply */
    request(obj: unknown, opts?: RequestOptions): Promise<Reply>;
    /** send raw frame(s) on the helper's REQ socket, return the single reply frame */
    requestRaw(frames: Buffer | Buffer[], opts?: {
        timeoutMs?: number;
    }): Promise<Buffer>;
    /** connect a subscriber to the PUB socket (address from status) */
    subscribe(opts?: SubscribeOptions): Promise<EventCollector>;
    /** SIGTERM, wait for exit (SIGKILL after `killAfterMs`, default 10 s + kill grace); closes sockets */
    stop(opts?: {
        killAfterMs?: number;
    }): Promise<ExitStatus>;
    /** close the helper's sockets (does not touch the process) */
    closeSockets(): void;
}
export interface SubscribeOptions {
    /**
     * Slow-joiner handling. 'probe' (default): submit a tiny job named `__probe-<uuid>` until its JFI arrives,
     * then remove it and drop every frame received so far; the subscription is then known to be live.
     * 'delay': connect, wait 300 ms and do a status round trip (no job is created).
     */
    ready?: 'probe' | 'delay';
}
/** Collected PUB frames (as text), in arrival order. */
export declare class EventCollector {
    private readonly sock;
    readonly frames: string[];
    private waiters;
    private closed;
    constructor(sock: zmq.Subscriber);
    private pump;
    /** Wait until `pred(frames)` holds; throws with the frames seen on timeout. */
    waitFor(pred: (frames: string[]) => boolean, timeoutMs?: number, what?: string): Promise<string[]>;
    /** Wait until a frame equal to `frame` has arrived; returns its index. */
    waitForFrame(frame: string, timeoutMs?: number): Promise<number>;
    /** Forget every frame received so far. */
    clear(): void;
    close(): void;
}
/** Start a manager process with a fresh temp wd; resolves once its address file exists. */
export declare function startManagerProcess(o?: StartOptions): Promise<ManagerProcess>;
export declare const FINAL_STATES: string[];
/** Poll `status` with allJobsFinished until the manager is idle. */
export declare function waitIdle(mgr: ManagerProcess, timeoutMs?: number): Promise<void>;
/** Poll jobStatus until `name` (job or `job:idx`) is in one of `states` (default: any final state). */
export declare function waitForState(mgr: ManagerProcess, name: string, states?: string[], timeoutMs?: number): Promise<string>;
/** Submit and assert the submit succeeded; returns the reply. */
export declare function submitOk(mgr: ManagerProcess, jobs: unknown[], encoding?: Encoding): Promise<Reply>;
/** jobInfo of one name; returns the entry's `data` (asserting status 0). */
export declare function jobInfo(mgr: ManagerProcess, name: string, withChilds?: boolean): Promise<Record<string, unknown>>;
