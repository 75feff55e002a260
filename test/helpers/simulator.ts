/**
 * A discrete-event simulator around the pure core: virtual time, no sockets, no processes. Tasks "run" for a
 * duration chosen by the test; events and report entries are recorded for assertions.
 */
import { Core, type CoreEffects, type EventTopic } from '../../server/core/core.js';
import { ResourcePool, type NodeSpec } from '../../server/core/resources.js';
import type { TaskLaunch } from '../../server/core/launch.js';
import type { AcceptedJob } from '../../protocol/submit-types.js';
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
  failure?: { reason: 'launch' | 'hostLost'; message: string };
  /** a chained launch fails at once, before its predecessor ends (as with the agent's launcher: the program is looked up first) */
  early?: boolean;
}

export class Simulator {
  now = 1_700_000_000_000_000; // epoch µs
  readonly events: string[] = [];
  readonly done: SimTask[] = [];
  readonly running = new Map<number, SimTask & { exitCode: number; canceled: boolean }>();
  maxUsedCores = 0;
  /** times the core asked to be woken at (retry backoff), not yet reached */
  readonly wakes: number[] = [];
  /** chained launches (TaskLaunch.after) waiting for their predecessor, by predecessor id */
  readonly held = new Map<number, { id: number; cmd: TaskLaunch; b: SimBehaviour }>();
  /** how many launches were chained, and taken back */
  chained = 0;
  unchained = 0;
  core: Core;

  constructor(
    nodes: NodeSpec[],
    /** duration in µs and exit code of a launched task */
    private readonly behaviour: (cmd: TaskLaunch, label: string) => SimBehaviour = () => ({ durationUs: 1000 }),
    random: () => number = Math.random,
    /** which nodes' executors honour chained launches (default: all) */
    canChain?: (node: number) => boolean,
    /** effects of the manager's edge to add (e.g. `implicitFinal`, which the simulator leaves to the core) */
    extra: Partial<CoreEffects> = {},
  ) {
    const pool = new ResourcePool(nodes);
    this.core = new Core(
      pool,
      {
        launch: (id, cmd) => {
          const b = this.behaviour(cmd, this.core.taskOf(id)?.label ?? '?');
          // like the agent: behind a chained task that ended early, wait for what that one waited for
          let after = cmd.after;
          while (after !== undefined && this.endedEarly.has(after)) after = this.endedEarly.get(after);
          if (after !== undefined && this.pending(after)) {
            if (b.failure && b.early) {
              // its launch fails at once (before its predecessor ends): later launches behind it wait on
              this.endedEarly.set(id, after);
              this.chained++;
              this.start(id, cmd, b);
              return;
            }
            // start it the moment its predecessor ends
            if (this.held.has(after)) throw new Error(`task ${after} has two successors`);
            this.held.set(after, { id, cmd, b });
            this.chained++;
            return;
          }
          this.start(id, cmd, b);
        },
        cancel: (id) => {
          const t = this.running.get(id);
          if (t) t.canceled = true;
          if (this.drop(id)) return; // dropped before it started
        },
        ...(canChain ? { canChain } : {}),
        unchain: (id) => {
          if (this.drop(id)) this.unchained++; // taken back before it started
        },
        publish: (topic: EventTopic, body) => this.events.push(`${topic} ${JSON.stringify(body)}`),
        finished: () => {},
        wakeAt: (us) => {
          if (!this.wakes.includes(us)) this.wakes.push(us);
        },
        ...extra,
      },
      { rootWd: '/sim', address: 'tcp://127.0.0.1:1', killGraceMs: 1000, instanceId: 'sim' },
      () => this.now,
      random,
    );
  }

  /** chained launches that failed at once, by id: the launch they were chained behind */
  private readonly endedEarly = new Map<number, number>();

  /** Is launch `id` running or itself held? */
  private pending(id: number): boolean {
    return this.running.has(id) || [...this.held.values()].some((h) => h.id === id);
  }

  /** Drop held launch `id` (reported as never started): what was held behind it now waits for its predecessor. */
  private drop(id: number, failure?: { reason: 'launch' | 'hostLost'; message: string }): boolean {
    for (const [after, h] of this.held) {
      if (h.id !== id) continue;
      this.held.delete(after);
      const behind = this.held.get(id);
      if (behind) {
        this.held.delete(id);
        this.held.set(after, behind);
      }
      this.endedEarly.set(id, after);
      const end = failure ?? { reason: 'cancel' as const };
      queueMicrotask(() => this.core.onExited({ t: 'exited', id, pid: -1, exitCode: -1, rtimeUs: 0, ...end }, h.cmd.wd));
      return true;
    }
    return false;
  }

  /** The first held launch fails before its predecessor ends (as a launch the agent cannot prepare does). */
  failFirstHeld(message: string): number {
    const [[, h]] = [...this.held];
    this.drop(h.id, { reason: 'launch', message });
    return h.id;
  }

  private start(id: number, cmd: TaskLaunch, b: SimBehaviour): void {
    const task = this.core.taskOf(id)?.label ?? '?';
    if (b.failure) {
      // the launch fails (or the host is lost) before the process runs: reported at once, nothing started
      const { reason, message } = b.failure;
      queueMicrotask(() => this.core.onExited({ t: 'exited', id, pid: -1, exitCode: -1, rtimeUs: 0, reason, message }, cmd.wd));
      // like the launcher: what was held behind a launch that failed starts in its place
      const behind = this.held.get(id);
      if (behind) {
        this.held.delete(id);
        this.start(behind.id, behind.cmd, behind.b);
      }
      return;
    }
    this.running.set(id, {
      id,
      cmd,
      label: task,
      start: this.now,
      end: this.now + b.durationUs,
      allocation: '',
      ncores: Number(cmd.env.QCG_PM_NPROCS),
      exitCode: b.exitCode ?? 0,
      canceled: false,
    });
    this.maxUsedCores = Math.max(this.maxUsedCores, this.core.pool.usedCores);
    // started right away (the agent's 'started' report)
    queueMicrotask(() => this.core.onStarted(id, cmd.wd));
  }

  submit(...descs: Array<Partial<JobDescription> & { name: string }>): void {
    const accepted: AcceptedJob[] = descs.map((d) => ({
      desc: { execution: { exec: '/bin/true', args: [], env: {} }, resources: { numCores: { exact: 1 } }, ...d } as JobDescription,
    }));
    this.core.register(accepted);
  }

  /** Advance virtual time, finishing tasks in end-time order, until nothing runs (or `untilUs`). */
  async run(untilUs = Infinity): Promise<void> {
    await Promise.resolve();
    for (;;) {
      await new Promise((r) => setImmediate(r)); // let queued 'started' reports through
      let next: (SimTask & { exitCode: number; canceled: boolean }) | null = null;
      for (const t of this.running.values()) {
        const end = t.canceled ? Math.min(t.end, this.now) : t.end;
        if (!next || end < (next.canceled ? Math.min(next.end, this.now) : next.end)) next = t;
      }
      const wake = this.wakes.length ? Math.min(...this.wakes) : Infinity;
      const end = next ? (next.canceled ? Math.min(next.end, this.now) : next.end) : Infinity;
      if (wake < end && wake <= untilUs) {
        // a retry's backoff ends first: advance to it and let the core schedule
        this.wakes.splice(0, this.wakes.length, ...this.wakes.filter((w) => w > wake));
        this.now = Math.max(this.now, wake);
        this.core.schedule();
        continue;
      }
      if (!next) {
        if (wake !== Infinity && untilUs !== Infinity) this.now = Math.max(this.now, untilUs); // waiting for a retry
        return;
      }
      if (end > untilUs) {
        this.now = untilUs;
        return;
      }
      this.now = Math.max(this.now, end);
      this.running.delete(next.id);
      this.done.push({ ...next, end: this.now });
      // like the agent, a chained follower starts before the exit is reported
      const follower = this.held.get(next.id);
      if (follower) {
        this.held.delete(next.id);
        this.start(follower.id, follower.cmd, follower.b);
      }
      this.core.onExited(
        {
          t: 'exited',
          id: next.id,
          pid: 1000 + next.id,
          exitCode: next.canceled ? -15 : next.exitCode,
          rtimeUs: this.now - next.start,
          reason: next.canceled ? 'cancel' : undefined,
        },
        next.cmd.wd,
      );
    }
  }

  /** Peak number of cores in use at any instant, from the start/end times of finished tasks. */
  peakCores(): number {
    const points: Array<[number, number]> = [];
    for (const t of this.done) {
      points.push([t.start, t.ncores], [t.end, -t.ncores]);
    }
    points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let cur = 0;
    let peak = 0;
    for (const [, d] of points) {
      cur += d;
      peak = Math.max(peak, cur);
    }
    return peak;
  }
}
