/** The simulator with a journal: the core's records collected as the manager writes them, replayed as resume does. */
import { Simulator } from './simulator.js';
import { isFinal } from '../../protocol/job.js';
import { acceptJob } from '../../protocol/submit.js';
import { ReplayState } from '../../server/journal/replay.js';
/** A simulator whose core journals into `records` (as the manager does: a JSON copy at append time). */
export function journaled(nodes = [{ name: 'n0', cores: 2 }], behaviour) {
    const sim = new Simulator(nodes, behaviour);
    const records = [];
    sim.core.fx.record = (r) => records.push(JSON.parse(JSON.stringify(r)));
    return { sim, records };
}
/** Submit as the manager does: full descriptions through acceptJob (iteration sizes from the pool's totals). */
export function submit(sim, ...descs) {
    const pool = sim.core.pool;
    const totals = { nodes: pool.nodes.length, cores: pool.nodes.reduce((a, n) => a + n.cores, 0) };
    sim.core.register(descs.map((d) => acceptJob({ execution: { exec: '/bin/true', args: [], env: {} }, resources: { numCores: { exact: 1 } }, ...d }, totals)));
}
export function replay(records) {
    const st = new ReplayState();
    for (const r of records)
        st.apply(r);
    return st;
}
/**
 * A QUEUED iteration record without history (made for a chained launch, Core.chainTasks) means what no record
 * means, and the journal has none: views leave such records out of the iterations and the counts.
 */
const blank = (t) => t.state === 'QUEUED' && t.history.length === 0 && !t.messages;
/** What a client can see of a job table (and what the core needs to go on), as plain data. */
export function view(jobs) {
    const out = [];
    for (const j of jobs) {
        const its = j.iterations
            ? [...j.iterations.values()]
                .filter((t) => !blank(t))
                .sort((a, b) => a.idx - b.idx)
                .map((t) => ({ idx: t.idx, state: t.state, history: t.history, messages: t.messages, runtime: isFinal(t.state) ? t.runtime : undefined, cancel: t.cancelRequested, retry: [t.failures, t.notBefore], result: t.result }))
            : undefined;
        out.push({
            name: j.name,
            desc: j.desc,
            state: j.state,
            history: j.history,
            messages: j.messages,
            cancel: j.cancelRequested,
            depsReady: j.depsReady,
            implicit: [j.implicitState, j.implicitTime],
            counts: { ...j.counts, QUEUED: j.counts.QUEUED - [...(j.iterations?.values() ?? [])].filter(blank).length },
            task: j.task && { state: j.task.state, runtime: isFinal(j.task.state) ? j.task.runtime : undefined, cancel: j.task.cancelRequested, retry: [j.task.failures, j.task.notBefore], result: j.task.result },
            its,
            iterationCores: j.accepted.iterationCores && Array.from({ length: j.total }, (_, i) => j.accepted.iterationCores(i)),
        });
    }
    return JSON.parse(JSON.stringify(out)); // a copy: the live arrays go on changing
}
//# sourceMappingURL=journal-sim.js.map