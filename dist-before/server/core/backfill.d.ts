/**
 * Reservations for the oldest blocked job, and what later jobs may still start around it (jobs.md §10.3).
 *
 * A blocked request for cores only would take every core that frees up, so later jobs may start only when
 * their wall time proves they end before the blocked job can start (the "shadow time", computed from the
 * wall times of running tasks), or on cores the blocked job will not need even then (EASY backfilling).
 * A blocked request for nodes holds the nodes it will take; later jobs may use the other nodes.
 */
import { type Allocation, type ResourcePool, type Request } from './resources.js';
export interface Gate {
    /** cores usable on a node by later jobs (undefined: all free cores) */
    readonly avail?: (node: number) => number;
    /** may a task with this request (and wall time, seconds) start now? */
    admit(req: Request, wtSeconds: number | undefined): boolean;
    /** a task admitted by `admit` was allocated */
    taken(alloc: Allocation, wtSeconds: number | undefined): void;
    /** nothing can be admitted any more: the pass may stop */
    readonly closed: boolean;
}
/** A running task as backfilling sees it: its cores and its estimated end (Infinity without wall time). */
export interface RunningTask {
    cores: number;
    endUs: number;
}
export declare function coreShadowGate(blocked: Request, pool: ResourcePool, running: Iterable<RunningTask>, nowUs: number): Gate;
/** The nodes a blocked nodes-request will take (those with most free cores) are held; the rest is usable. */
export declare function nodeReservationGate(blocked: Request, pool: ResourcePool): Gate;
