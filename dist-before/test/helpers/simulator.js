/**
 * A discrete-event simulator around the pure core: virtual time, no sockets, no processes. Tasks "run" for a
 * duration chosen by the test; events and report entries are recorded for assertions.
 */
import { Core } from '../../server/core/core.js';
import { ResourcePool } from '../../server/core/resources.js';
export class Simulator {
    behaviour;
    now = 1_700_000_000_000_000; // epoch µs
    events = [];
    done = [];
    running = new Map();
    maxUsedCores = 0;
    /** times the core asked to be woken at (retry backoff), not yet reached */
    wakes = [];
    /** chained launches (TaskLaunch.after) waiting for their predecessor, by predecessor id */
    held = new Map();
    /** how many launches were chained, and taken back */
    chained = 0;
    unchained = 0;
    core;
    constructor(nodes, 
    /** duration in µs and exit code of a launched task */
    behaviour = () => ({ durationUs: 1000 }), random = Math.random, 
    /** which nodes' executors honour chained launches (default: all) */
    canChain, 
    /** effects of the manager's edge to add (e.g. `implicitFinal`, which the simulator leaves to the core) */
    extra = {}) {
        this.behaviour = behaviour;
        const pool = new ResourcePool(nodes);
        this.core = new Core(pool, {
            launch: (id, cmd) => {
                const b = this.behaviour(cmd, this.core.taskOf(id)?.label ?? '?');
                // like the agent: behind a chained task that ended early, wait for what that one waited for
                let after = cmd.after;
                while (after !== undefined && this.endedEarly.has(after))
                    after = this.endedEarly.get(after);
                if (after !== undefined && this.pending(after)) {
                    if (b.failure && b.early) {
                        // its launch fails at once (before its predecessor ends): later launches behind it wait on
                        this.endedEarly.set(id, after);
                        this.chained++;
                        this.start(id, cmd, b);
                        return;
                    }
                    // start it the moment its predecessor ends
                    if (this.held.has(after))
                        throw new Error(`task ${after} has two successors`);
                    this.held.set(after, { id, cmd, b });
                    this.chained++;
                    return;
                }
                this.start(id, cmd, b);
            },
            cancel: (id) => {
                const t = this.running.get(id);
                if (t)
                    t.canceled = true;
                if (this.drop(id))
                    return; // dropped before it started
            },
            ...(canChain ? { canChain } : {}),
            unchain: (id) => {
                if (this.drop(id))
                    this.unchained++; // taken back before it started
            },
            publish: (topic, body) => this.events.push(`${topic} ${JSON.stringify(body)}`),
            finished: () => { },
            wakeAt: (us) => {
                if (!this.wakes.includes(us))
                    this.wakes.push(us);
            },
            ...extra,
        }, { rootWd: '/sim', address: 'tcp://127.0.0.1:1', killGraceMs: 1000, instanceId: 'sim' }, () => this.now, random);
    }
    /** chained launches that failed at once, by id: the launch they were chained behind */
    endedEarly = new Map();
    /** Is launch `id` running or itself held? */
    pending(id) {
        return this.running.has(id) || [...this.held.values()].some((h) => h.id === id);
    }
    /** Drop held launch `id` (reported as never started): what was held behind it now waits for its predecessor. */
    drop(id, failure) {
        for (const [after, h] of this.held) {
            if (h.id !== id)
                continue;
            this.held.delete(after);
            const behind = this.held.get(id);
            if (behind) {
                this.held.delete(id);
                this.held.set(after, behind);
            }
            this.endedEarly.set(id, after);
            const end = failure ?? { reason: 'cancel' };
            queueMicrotask(() => this.core.onExited({ t: 'exited', id, pid: -1, exitCode: -1, rtimeUs: 0, ...end }, h.cmd.wd));
            return true;
        }
        return false;
    }
    /** The first held launch fails before its predecessor ends (as a launch the agent cannot prepare does). */
    failFirstHeld(message) {
        const [[, h]] = [...this.held];
        this.drop(h.id, { reason: 'launch', message });
        return h.id;
    }
    start(id, cmd, b) {
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
    submit(...descs) {
        const accepted = descs.map((d) => ({
            desc: { execution: { exec: '/bin/true', args: [], env: {} }, resources: { numCores: { exact: 1 } }, ...d },
        }));
        this.core.register(accepted);
    }
    /** Advance virtual time, finishing tasks in end-time order, until nothing runs (or `untilUs`). */
    async run(untilUs = Infinity) {
        await Promise.resolve();
        for (;;) {
            await new Promise((r) => setImmediate(r)); // let queued 'started' reports through
            let next = null;
            for (const t of this.running.values()) {
                const end = t.canceled ? Math.min(t.end, this.now) : t.end;
                if (!next || end < (next.canceled ? Math.min(next.end, this.now) : next.end))
                    next = t;
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
                if (wake !== Infinity && untilUs !== Infinity)
                    this.now = Math.max(this.now, untilUs); // waiting for a retry
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
            this.core.onExited({
                t: 'exited',
                id: next.id,
                pid: 1000 + next.id,
                exitCode: next.canceled ? -15 : next.exitCode,
                rtimeUs: this.now - next.start,
                reason: next.canceled ? 'cancel' : undefined,
            }, next.cmd.wd);
        }
    }
    /** Peak number of cores in use at any instant, from the start/end times of finished tasks. */
    peakCores() {
        const points = [];
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
//# sourceMappingURL=simulator.js.map