/**
 * Reservations for the oldest blocked job, and what later jobs may still start around it (jobs.md §10.3).
 *
 * A blocked request for cores only would take every core that frees up, so later jobs may start only when
 * their wall time proves they end before the blocked job can start (the "shadow time", computed from the
 * wall times of running tasks), or on cores the blocked job will not need even then (EASY backfilling).
 * A blocked request for nodes holds the nodes it will take; later jobs may use the other nodes.
 */
import { bounds, coreCount } from './resources.js';
export function coreShadowGate(blocked, pool, running, nowUs) {
    const need = bounds(blocked.cores ?? { exact: 1 })[0];
    let free = pool.freeCores;
    let shadowUs = Infinity;
    let extra = 0;
    for (const t of [...running].sort((a, b) => a.endUs - b.endUs)) {
        if (t.endUs === Infinity)
            break;
        free += t.cores;
        if (free >= need) {
            shadowUs = t.endUs;
            extra = free - need;
            break;
        }
    }
    const endsInTime = (wt) => wt !== undefined && nowUs + wt * 1e6 <= shadowUs;
    return {
        admit(req, wt) {
            if (endsInTime(wt))
                return true;
            return !req.nodes && bounds(req.cores ?? { exact: 1 })[1] <= extra;
        },
        taken(alloc, wt) {
            if (!endsInTime(wt))
                extra -= coreCount(alloc);
        },
        get closed() {
            return extra <= 0 && shadowUs === Infinity;
        },
    };
}
/** The nodes a blocked nodes-request will take (those with most free cores) are held; the rest is usable. */
export function nodeReservationGate(blocked, pool) {
    const nodes = pool.nodes;
    const [nmin] = bounds(blocked.nodes);
    const cmin = blocked.cores ? bounds(blocked.cores)[0] : Infinity;
    const free = (i) => pool.availableOn(i); // nothing on a node that is not online
    const order = nodes.map((_, i) => i).sort((a, b) => free(b) - free(a));
    const held = nodes.map(() => 0);
    for (const i of order.slice(0, nmin))
        held[i] = Math.min(free(i), cmin);
    return {
        avail: (i) => free(i) - held[i],
        admit: () => true,
        taken: () => { },
        closed: false,
    };
}
//# sourceMappingURL=backfill.js.map