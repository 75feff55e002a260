import type { Executor, ExecutorEvents } from './agent-executor.js';
/** Copies files between this machine and a node, one session per job's list. */
export interface FileMover {
    /** for messages: `host h1`, `this machine` */
    readonly where: string;
    open(): Promise<FileSession>;
}
export interface FileSession {
    /** this machine's `local` to the node's `remote` (absolute paths; parent directories created) */
    put(local: string, remote: string): Promise<void>;
    /** the node's `remote` to this machine's `local` */
    get(remote: string, local: string): Promise<void>;
    close(): void;
}
export declare class Staging {
    private readonly next;
    /** the manager's working directory: root of relative paths on this machine */
    private readonly localRoot;
    /** the events to give the executors: exits pass through stage-out */
    readonly events: ExecutorEvents;
    /** jobs with a stage-out list, by task id, until their exit */
    private readonly outs;
    /** jobs in stage-in: a cancel marks them */
    private readonly staging;
    /** copies in progress (shutdown waits for them) */
    private readonly busy;
    constructor(next: ExecutorEvents, 
    /** the manager's working directory: root of relative paths on this machine */
    localRoot: string);
    /** `inner` with stage-in before its launches and stage-out after its exits, copying with `mover` */
    wrap(inner: Executor, mover: FileMover): Executor;
    private track;
    private launch;
    private onExited;
    /** Copy a list one way; the first failure as a message (the rest is not tried), else undefined. */
    private copy;
}
/** Jobs on this machine: plain file copies. */
export declare const localMover: FileMover;
