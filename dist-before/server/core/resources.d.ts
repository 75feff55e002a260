/**
 * Nodes, cores and allocations (jobs.md §10.1, §10.3). Pure: no I/O, no clock.
 */
import type { Size } from '../../protocol/job.js';
export interface NodeSpec {
    name: string;
    cores: number;
    /** consumable resources declared for the node (lower-case names), e.g. { gpu: 2 } */
    crs?: Record<string, number>;
}
export interface NodeState {
    readonly name: string;
    readonly cores: number;
    /** free core ids, ascending */
    free: number[];
    /** declared consumable resources (lower-case names) and how many of each are free */
    readonly crs: Readonly<Record<string, number>>;
    crFree: Record<string, number>;
    /** false while the node cannot take new tasks (an SSH host reconnecting or offline); its running tasks stay */
    online: boolean;
}
/** One node's part of an allocation. */
export interface AllocationPart {
    node: number;
    cores: number[];
    /** consumable resources taken on the node */
    crs?: Record<string, number>;
}
export type Allocation = AllocationPart[];
/** The number of cores of an allocation, over all its nodes. */
export declare function coreCount(alloc: Allocation): number;
/** What a task asks for; sizes already resolved (an iteration scheduler's per-iteration size is exact). */
export interface Request {
    cores?: Size;
    nodes?: Size;
    /** consumable resources per node (requires `nodes`) */
    crs?: Record<string, number>;
}
/**
 * Parse a node list `[NAME:]CORES[:CR=COUNT…],…` (jobs.md §10.1): `4` → n0(4); `a:2,b:3,4` → a(2), b(3),
 * n2(4). Consumable resources (gpu, mem) a node offers follow its cores: `g1:8:gpu=2:mem=64`.
 * Throws an Error with a readable message on bad input.
 */
export declare function parseNodeList(text: string): NodeSpec[];
export declare class ResourcePool {
    readonly nodes: NodeState[];
    readonly totalCores: number;
    private used;
    /** free cores on nodes that are not online (not allocatable) */
    private unavailable;
    constructor(specs: ReadonlyArray<NodeSpec>, opts?: {
        systemCore?: boolean;
    });
    get usedCores(): number;
    /** free cores that can be allocated now (those of online nodes) */
    get freeCores(): number;
    /** Free cores of node `i` that can be allocated now: none while it is not online. */
    availableOn(i: number): number;
    /**
     * Take a node out of scheduling (false) or give it back (true). Tasks running there are not touched: their
     * cores come back to the node when they end, and become allocatable when it is online again.
     */
    setOnline(i: number, online: boolean): void;
    /** Try to allocate; null when the request does not fit now. `avail` limits what may be taken per node. */
    allocate(req: Request, avail?: (node: number) => number): Allocation | null;
    release(alloc: Allocation): void;
    /** The most of a consumable resource any node declares (0 when none does). */
    maxCr(name: string): number;
    /** `node[core:core],node2[…]` (jobs.md §9). */
    allocationString(alloc: Allocation): string;
}
/** The bounds of a size: [min, max]. An exact size n is [n, n]; a missing bound of a range is its other one. */
export declare function bounds(s: Size): [number, number];
/**
 * How many cores to take on which node (jobs.md §10.3 table), given what is available per node.
 * Returns null when the minimum cannot be met.
 */
export declare function planAllocation(nodes: ReadonlyArray<NodeState>, req: Request, avail: (node: number) => number): Array<{
    node: number;
    count: number;
}> | null;
/** Minimum requirement check of jobs.md §10.2 against the configured (total) resources. */
export declare function canEverFit(nodes: ReadonlyArray<{
    cores: number;
}>, req: Request): boolean;
