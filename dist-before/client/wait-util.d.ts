/** An optional overall time limit. */
export declare class Deadline {
    readonly timeoutMs?: number | undefined;
    private readonly end;
    constructor(timeoutMs?: number | undefined);
    remaining(): number;
    check(what?: string): void;
}
/**
 * A sleep that can be cut short. `wake()` before `sleep()` makes the next sleep return at once, so a wake-up
 * is never lost between checking a condition and going to sleep. `abort()` makes the current and every later
 * sleep reject.
 */
export declare class Wakeup {
    private woken;
    private error;
    private current;
    wake(): void;
    abort(err: Error): void;
    /** Resolves `true` when woken, `false` after `ms`. */
    sleep(ms: number): Promise<boolean>;
}
