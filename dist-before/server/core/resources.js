/** The number of cores of an allocation, over all its nodes. */
export function coreCount(alloc) {
    return alloc.reduce((a, p) => a + p.cores.length, 0);
}
/**
 * Parse a node list `[NAME:]CORES[:CR=COUNT…],…` (jobs.md §10.1): `4` → n0(4); `a:2,b:3,4` → a(2), b(3),
 * n2(4). Consumable resources (gpu, mem) a node offers follow its cores: `g1:8:gpu=2:mem=64`.
 * Throws an Error with a readable message on bad input.
 */
export function parseNodeList(text) {
    const nodes = [];
    const parts = text.split(',').map((s) => s.trim());
    parts.forEach((part, i) => {
        const m = /^(?:([^:=\s[\]]+):)?(\d+)((?::[A-Za-z]+=\d+)*)$/.exec(part);
        if (!m)
            throw new Error(`invalid node list entry '${part}' in '${text}' (expected [NAME:]CORES[:gpu=N][:mem=N])`);
        const cores = Number(m[2]);
        if (cores < 1)
            throw new Error(`node list entry '${part}': a node needs at least 1 core`);
        const name = m[1] ?? `n${i}`;
        if (nodes.some((n) => n.name === name))
            throw new Error(`node list: duplicate node name '${name}'`);
        const crs = {};
        for (const cr of m[3].split(':').slice(1)) {
            const [k, v] = cr.split('=');
            const key = k.toLowerCase();
            if (key !== 'gpu' && key !== 'mem')
                throw new Error(`node list entry '${part}': unknown consumable resource '${k}' (gpu, mem)`);
            crs[key] = Number(v);
        }
        nodes.push(Object.keys(crs).length ? { name, cores, crs } : { name, cores });
    });
    return nodes;
}
export class ResourcePool {
    nodes;
    totalCores;
    used = 0;
    /** free cores on nodes that are not online (not allocatable) */
    unavailable = 0;
    constructor(specs, opts = {}) {
        if (specs.length === 0)
            throw new Error('at least one node is required');
        this.nodes = specs.map((s) => ({
            name: s.name,
            cores: s.cores,
            free: Array.from({ length: s.cores }, (_, i) => i),
            crs: { ...s.crs },
            crFree: { ...s.crs },
            online: true,
        }));
        this.totalCores = specs.reduce((a, s) => a + s.cores, 0);
        if (opts.systemCore) {
            // core 0 of the first node belongs to the manager and counts as used (jobs.md §10.1)
            this.nodes[0].free.shift();
            this.used = 1;
        }
    }
    get usedCores() {
        return this.used;
    }
    /** free cores that can be allocated now (those of online nodes) */
    get freeCores() {
        return this.totalCores - this.used - this.unavailable;
    }
    /** Free cores of node `i` that can be allocated now: none while it is not online. */
    availableOn(i) {
        const n = this.nodes[i];
        return n.online ? n.free.length : 0;
    }
    /**
     * Take a node out of scheduling (false) or give it back (true). Tasks running there are not touched: their
     * cores come back to the node when they end, and become allocatable when it is online again.
     */
    setOnline(i, online) {
        const n = this.nodes[i];
        if (n.online === online)
            return;
        n.online = online;
        this.unavailable += online ? -n.free.length : n.free.length;
    }
    /** Try to allocate; null when the request does not fit now. `avail` limits what may be taken per node. */
    allocate(req, avail) {
        const plan = planAllocation(this.nodes, req, avail ? (i) => (this.nodes[i].online ? avail(i) : 0) : (i) => this.availableOn(i));
        if (!plan)
            return null;
        const alloc = plan.map(({ node, count }) => {
            const part = { node, cores: this.nodes[node].free.splice(0, count) };
            if (req.crs) {
                part.crs = { ...req.crs };
                for (const [k, n] of Object.entries(req.crs))
                    this.nodes[node].crFree[k] -= n;
            }
            return part;
        });
        for (const p of alloc)
            this.used += p.cores.length;
        return alloc;
    }
    release(alloc) {
        for (const p of alloc) {
            const node = this.nodes[p.node];
            for (const c of p.cores)
                insertSorted(node.free, c);
            for (const [k, n] of Object.entries(p.crs ?? {}))
                node.crFree[k] += n;
            this.used -= p.cores.length;
            if (!node.online)
                this.unavailable += p.cores.length;
        }
    }
    /** The most of a consumable resource any node declares (0 when none does). */
    maxCr(name) {
        return Math.max(0, ...this.nodes.map((n) => n.crs[name] ?? 0));
    }
    /** `node[core:core],node2[…]` (jobs.md §9). */
    allocationString(alloc) {
        return alloc.map((p) => `${this.nodes[p.node].name.replace(/,/g, '&')}[${p.cores.join(':')}]`).join(',');
    }
}
function insertSorted(a, v) {
    let i = a.length;
    while (i > 0 && a[i - 1] > v)
        i--;
    a.splice(i, 0, v);
}
/** The bounds of a size: [min, max]. An exact size n is [n, n]; a missing bound of a range is its other one. */
export function bounds(s) {
    if (s.exact !== undefined)
        return [s.exact, s.exact];
    const min = s.min ?? s.max ?? 1;
    return [min, s.max ?? min];
}
/**
 * How many cores to take on which node (jobs.md §10.3 table), given what is available per node.
 * Returns null when the minimum cannot be met.
 */
export function planAllocation(nodes, req, avail) {
    if (!req.nodes) {
        // cores only: node by node in node order, as many as free on each, up to max; at least min
        const [min, max] = bounds(req.cores ?? { exact: 1 });
        let want = max;
        const plan = [];
        for (let i = 0; i < nodes.length && want > 0; i++) {
            const take = Math.min(avail(i), want);
            if (take > 0) {
                plan.push({ node: i, count: take });
                want -= take;
            }
        }
        return max - want >= min ? plan : null;
    }
    const [nmin, nmax] = bounds(req.nodes);
    const plan = [];
    const crsFit = (i) => !req.crs || Object.entries(req.crs).every(([k, n]) => (nodes[i].crFree?.[k] ?? 0) >= n);
    if (!req.cores) {
        // whole idle nodes, all their cores
        for (let i = 0; i < nodes.length && plan.length < nmax; i++) {
            if (avail(i) === nodes[i].cores && nodes[i].free.length === nodes[i].cores && crsFit(i))
                plan.push({ node: i, count: nodes[i].cores });
        }
    }
    else {
        // c (or min(b, free)) cores on each node that has at least c (a) free
        const [cmin, cmax] = bounds(req.cores);
        for (let i = 0; i < nodes.length && plan.length < nmax; i++) {
            const a = avail(i);
            if (a >= cmin && crsFit(i))
                plan.push({ node: i, count: Math.min(a, cmax) });
        }
    }
    return plan.length >= nmin ? plan : null;
}
/** Minimum requirement check of jobs.md §10.2 against the configured (total) resources. */
export function canEverFit(nodes, req) {
    const cmin = req.cores ? bounds(req.cores)[0] : 1;
    const nmin = req.nodes ? bounds(req.nodes)[0] : 0;
    if (nmin > nodes.length)
        return false;
    if (req.cores && req.nodes && nodes.filter((n) => n.cores >= cmin).length < nmin)
        return false;
    return cmin * Math.max(nmin, 1) <= nodes.reduce((a, n) => a + n.cores, 0);
}
//# sourceMappingURL=resources.js.map