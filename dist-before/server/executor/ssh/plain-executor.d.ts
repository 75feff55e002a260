import type { TaskLaunch } from '../../core/launch.js';
import type { Executor, ExecutorEvents } from '../agent-executor.js';
import { type SetsidTool } from './plain-wrapper.js';
import { type SessionPool } from './session-pool.js';
export interface PlainExecutorOptions {
    /** node name, for messages */
    host: string;
    /** the host's variables under every job's (the job's own win) */
    env: Record<string, string>;
    /** root of the job directories (the host's workdir) */
    rootWd: string;
    instanceId: string;
    tool: SetsidTool;
    /** leave jobs running when their channel is lost (recovery from the job dir); default: terminate them */
    keepOnLoss?: boolean;
    /** the host cannot be reached any more (no connection up, and a new one failed); called once */
    onLost?: (reason: string) => void;
}
export declare class PlainExecutor implements Executor {
    private readonly pool;
    private readonly events;
    private readonly opts;
    private readonly tasks;
    private shuttingDown;
    private lost;
    private drained?;
    constructor(pool: SessionPool, events: ExecutorEvents, opts: PlainExecutorOptions);
    get running(): number;
    launch(id: number, cmd: TaskLaunch): void;
    cancel(id: number): void;
    shutdown(): Promise<void>;
    private attach;
    /** the host cannot be reached: say so once (the manager takes it out of scheduling) */
    private hostLost;
    private onLine;
    /** At most `max` bytes of the result file (relative to wd) as text; undefined when it cannot be read. */
    private readResult;
    private finish;
    private end;
    private settle;
}
