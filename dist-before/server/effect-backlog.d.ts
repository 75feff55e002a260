/**
 * The order of the core's outward effects (events, report entries) when some come in bulk. A whole-job cancel or
 * omission of n queued iterations is one change in the core (ImplicitRange) but owes n `IST` + `IFI` pairs and n
 * report entries: doing them at once would keep the event loop busy for seconds, with every request waiting.
 * Here they go out in slices, one slice per turn of the event loop (setImmediate), so requests are read and
 * answered in between. Every effect that comes meanwhile waits behind them: events keep the order of the state
 * changes (protocol.md §5), and the job's own `JST`/`JFI` still follow the `IFI` of its last iteration. Without
 * bulk work pending, effects run at once (the common case costs a branch).
 */
/** Bulk work: `step(max)` does up to `max` units and returns whether any are left; `left` says how many. */
export interface Bulk {
    step(max: number): boolean;
    readonly left: number;
}
/** Units of bulk work per turn of the event loop: a few milliseconds of work (an iteration's events and report entry: ~5 µs). */
export declare const SLICE = 1000;
export declare class EffectBacklog {
    /** an effect that throws is reported here and skipped (the rest still run) */
    private readonly onError;
    private readonly slice;
    private queue;
    private head;
    private scheduled;
    private idle;
    constructor(
    /** an effect that throws is reported here and skipped (the rest still run) */
    onError: (e: unknown) => void, slice?: number);
    /** Effects are waiting: a new one must go through `defer`, not run at once. */
    get busy(): boolean;
    /** Effects still to run, each unit of bulk work counted as one (status: System.EventBacklog). */
    get pending(): number;
    /** Run `effect` after everything queued. Call only while `busy` (else run it yourself: nothing is ahead of it). */
    defer(effect: () => void): void;
    /** Queue bulk work; it starts on the next turn of the event loop. */
    bulk(work: Bulk): void;
    /** Resolves once nothing is queued. */
    drained(): Promise<void>;
    private schedule;
    /** One turn: effects up to and including one slice of bulk work. */
    private run;
}
