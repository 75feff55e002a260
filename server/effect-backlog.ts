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
export const SLICE = 1000;

export class EffectBacklog {
  private queue: Array<(() => void) | Bulk> = [];
  private head = 0;
  private scheduled = false;
  private idle: Array<() => void> = [];

  constructor(
    /** an effect that throws is reported here and skipped (the rest still run) */
    private readonly onError: (e: unknown) => void,
    /**
     * Before each slice of bulk work: a promise to wait for first (the effects of the last slices have not
     * gone out yet, e.g. the event socket's queue is long), or null to go on
     */
    private readonly pace: () => Promise<void> | null = () => null,
    private readonly slice = SLICE,
  ) {}

  /** Effects are waiting: a new one must go through `defer`, not run at once. */
  get busy(): boolean {
    return this.head < this.queue.length;
  }

  /** Effects still to run, each unit of bulk work counted as one (status: System.EventBacklog). */
  get pending(): number {
    let n = 0;
    for (let i = this.head; i < this.queue.length; i++) {
      const item = this.queue[i];
      n += typeof item === 'function' ? 1 : item.left;
    }
    return n;
  }

  /** Run `effect` after everything queued. Call only while `busy` (else run it yourself: nothing is ahead of it). */
  defer(effect: () => void): void {
    this.queue.push(effect);
  }

  /** Queue bulk work; it starts on the next turn of the event loop. */
  bulk(work: Bulk): void {
    this.queue.push(work);
    this.schedule();
  }

  /** Resolves once nothing is queued. */
  drained(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.run());
  }

  /** One turn: effects up to and including one slice of bulk work. */
  private run(): void {
    this.scheduled = false;
    let budget = this.slice;
    while (this.head < this.queue.length) {
      const item = this.queue[this.head];
      try {
        if (typeof item === 'function') item();
        else {
          if (budget === 0) break;
          const wait = this.pace();
          if (wait) {
            // nothing more this turn; go on once what was produced has gone out (memory stays bounded)
            this.scheduled = true;
            void wait.then(() => {
              this.scheduled = false;
              this.schedule();
            });
            return;
          }
          const units = budget;
          // a Bulk reports what is left, not what it did: count a slice as spent whatever its share was
          budget = 0;
          if (item.step(units)) break;
        }
      } catch (e) {
        this.onError(e);
      }
      this.queue[this.head++] = undefined as never;
    }
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
      const waiting = this.idle;
      this.idle = [];
      for (const r of waiting) r();
    } else {
      if (this.head > 4096 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      this.schedule();
    }
  }
}
