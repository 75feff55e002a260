/**
 * A discrete-event simulator around the pure core: virtual time, no sockets, no processes. Tasks "run" for a
 * duration chosen by the test; events and report entries are recorded for assertions.
 */
import { Core, type CoreEffects } from '../../server/core/core.js';
import { type NodeSpec } from '../../server/core/resources.js';
import type { TaskLaunch } from '../../server/core/launch.js';
import type { JobDescription } from '../../protocol/job.js';
export interface SimTask {
    id: number;
    cmd: TaskLaunch;
    label: string;
    start: number;
    end: number;
    allocation: string;
    ncores: number;
}
export interface SimBehaviour {
    durationUs: number;
    exitCode?: number;
    /** the launch fails: an exit report with this reason and message, no process */
    failure?: {
        reason: 'launch' | 'hostLost';
        message: string;
    };
    /** a chained launch fails at once, before its predecessor ends (as with the agent's launcher: the program is looked up first) */
    early?: boolean;
}
export declare class Simulator {
    /** duration in µs and exit code of a launched task */
    private readonly behaviour;
    now: number;
    readonly events: string[];
    readonly done: SimTask[];
    readonly running: Map<number, SimTask & {
        exitCode: number;
        canceled: boolean;
    }>;
    maxUsedCores: number;
    /** times the core asked to be woken at (retry backoff), not yet reached */
    readonly wakes: number[];
    /** chained launches (TaskLaunch.after) waiting for their predecessor, by predecessor id */
    readonly held: Map<number, {
        id: number;
        cmd: TaskLaunch;
        b: SimBehaviour;
    }>;
    /** how many launches were chained, and taken back */
    chained: number;
    unchained: number;
    core: Core;
    constructor(nodes: NodeSpec[], 
    /** duration in µs and exit code of a launched task */
    behaviour?: (cmd: TaskLaunch, label: string) => SimBehaviour, random?: () => number, 
    /** which nodes' executors honour chained launches (default: all) */
    canChain?: (node: number) => boolean, 
    /** effects of the manager's edge to add (e.g. `implicitFinal`, which the simulator leaves to the core) */
    extra?: Partial<CoreEffects>);
    /** chained launches that failed at once, by id: the launch they were chained behind */
    private readonly endedEarly;
    /** Is launch `id` running or itself held? */
    private pending;
    /** Drop held launch `id` (reported as never started): what was held behind it now waits for its predecessor. */
    private drop;
    /** The first held launch fails before its predecessor ends (as a launch the agent cannot prepare does). */
    failFirstHeld(message: string): number;
    private start;
    submit(...descs: Array<Partial<JobDescription> & {
        name: string;
    }>): void;
    /** Advance virtual time, finishing tasks in end-time order, until nothing runs (or `untilUs`). */
    run(untilUs?: number): Promise<void>;
    /** Peak number of cores in use at any instant, from the start/end times of finished tasks. */
    peakCores(): number;
}
