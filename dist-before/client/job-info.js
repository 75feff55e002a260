export class JobInfo {
    /** the requested name (`NAME`, or `NAME:IDX` for an iteration) */
    name = '';
    status = 'QUEUED';
    /** iteration index, for an iteration (`NAME:IDX` or a child entry) */
    iteration;
    messages;
    history = [];
    /** counters of an iterative job as a whole */
    iterations;
    /** per-iteration entries (info with `withChilds`) */
    childs = [];
    // runtime (jobs.md §9), present once allocated / finished
    allocation;
    /** allocated core ids per node, from `allocation` */
    nodes;
    totalCores;
    wd;
    /** run time in seconds */
    rtime;
    exitCode;
    pid;
    pname;
    static fromJob(data) {
        const info = new JobInfo();
        info.name = data.jobName;
        info.status = data.status;
        const colon = data.jobName.lastIndexOf(':');
        if (colon > 0 && /^-?\d+$/.test(data.jobName.slice(colon + 1)))
            info.iteration = Number(data.jobName.slice(colon + 1));
        if (data.messages !== undefined)
            info.messages = data.messages;
        if (data.history !== undefined)
            info.history = parseHistory(data.history);
        if (data.iterations)
            info.iterations = { ...data.iterations };
        if (data.runtime)
            info.setRuntime(data.runtime);
        info.childs = (data.childs ?? []).map((child) => JobInfo.fromChild(data.jobName, child));
        return info;
    }
    static fromChild(jobName, child) {
        const info = new JobInfo();
        info.name = `${jobName}:${child.iteration}`;
        info.iteration = child.iteration;
        info.status = child.state;
        if (child.runtime)
            info.setRuntime(child.runtime);
        return info;
    }
    setRuntime(rt) {
        if (rt.allocation !== undefined) {
            this.allocation = rt.allocation;
            this.nodes = parseAllocation(rt.allocation);
            this.totalCores = Object.values(this.nodes).reduce((sum, cores) => sum + cores.length, 0);
        }
        if (rt.wd !== undefined)
            this.wd = rt.wd;
        if (rt.rtime !== undefined)
            this.rtime = parseDuration(rt.rtime);
        if (rt.exit_code !== undefined)
            this.exitCode = Number(rt.exit_code);
        if (rt.pid !== undefined)
            this.pid = Number(rt.pid);
        if (rt.pname !== undefined)
            this.pname = rt.pname;
    }
}
/** `"\n<YYYY-MM-DD HH:MM:SS.ffffff>: <STATE>"…` → entries (local time, millisecond precision). */
export function parseHistory(history) {
    const entries = [];
    for (const line of history.split('\n')) {
        const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))?: (\S+)$/.exec(line.trim());
        if (!m)
            continue;
        const [, y, mo, d, h, mi, s, frac = '0', state] = m;
        const ms = Math.floor(Number(`0.${frac}`) * 1000);
        entries.push({ state: state, date: new Date(+y, +mo - 1, +d, +h, +mi, +s, ms) });
    }
    return entries;
}
/** `H:MM:SS.ffffff`, optionally prefixed `<d> day, ` / `<d> days, ` → seconds. NaN when malformed. */
export function parseDuration(text) {
    const m = /^(?:(\d+) days?, )?(\d+):(\d\d):(\d\d(?:\.\d+)?)$/.exec(text.trim());
    if (!m)
        return NaN;
    return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}
/** `n0[0:1],n1[0]` → `{n0: ['0','1'], n1: ['0']}`; a `&` in a core id stands for `,`. */
export function parseAllocation(allocation) {
    const nodes = {};
    for (const m of allocation.matchAll(/([^,[\]]+)\[([^\]]*)\]/g)) {
        const cores = m[2] === '' ? [] : m[2].split(':').map((id) => id.replaceAll('&', ','));
        nodes[m[1]] = (nodes[m[1]] ?? []).concat(cores);
    }
    return nodes;
}
//# sourceMappingURL=job-info.js.map