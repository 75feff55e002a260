export class AgentExecutor {
    conn;
    events;
    onLost;
    killGroups;
    opts;
    chains = true; // the agent holds a chained launch until its predecessor ends
    /** working directory of each task in flight, by task id */
    inFlight = new Map();
    /** process group of each started task, by task id */
    pids = new Map();
    shuttingDown = false;
    /** set once the agent is gone: later launches fail at once with it */
    lostReason;
    constructor(conn, events, onLost, 
    /** kill the process groups an agent left behind when it died (where the executor can reach them) */
    killGroups = () => { }, opts = {}) {
        this.conn = conn;
        this.events = events;
        this.onLost = onLost;
        this.killGroups = killGroups;
        this.opts = opts;
        conn.onReport((r) => {
            switch (r.t) {
                case 'started':
                    this.pids.set(r.id, r.pid);
                    this.events.onStarted(r.id, this.inFlight.get(r.id) ?? '', r.atUs);
                    break;
                case 'wdFailed':
                    this.inFlight.delete(r.id);
                    this.events.onWdFailed(r.id, r.message);
                    break;
                case 'exited': {
                    const wd = this.inFlight.get(r.id) ?? '';
                    this.inFlight.delete(r.id);
                    this.pids.delete(r.id);
                    this.events.onExited(r, wd);
                    break;
                }
            }
        });
        conn.onClose((e) => {
            if (this.shuttingDown)
                return;
            // The agent is gone, and with it every process it ran: report them as failed launches.
            const reason = opts.host
                ? `host ${opts.host} lost: ${e ? e.message : 'node agent connection closed'}`
                : `node agent exited unexpectedly${e ? ` (${e.message})` : ''}`;
            this.lostReason = reason;
            const why = this.lostKind();
            this.killGroups([...this.pids.values()]);
            this.pids.clear();
            for (const [id, wd] of [...this.inFlight]) {
                this.inFlight.delete(id);
                this.events.onExited({ t: 'exited', id, pid: -1, exitCode: -1, rtimeUs: 0, reason: why, message: reason }, wd);
            }
            this.onLost(reason);
        });
    }
    /** The exit reason of tasks ended by the loss: an SSH host's is 'hostLost'; the local agent's a failed launch. */
    lostKind() {
        return this.opts.host ? 'hostLost' : 'launch';
    }
    get running() {
        return this.inFlight.size;
    }
    launch(id, cmd) {
        if (this.lostReason !== undefined) {
            const message = this.lostReason;
            const why = this.lostKind();
            process.nextTick(() => this.events.onExited({ t: 'exited', id, pid: -1, exitCode: -1, rtimeUs: 0, reason: why, message }, cmd.wd));
            return;
        }
        this.inFlight.set(id, cmd.wd);
        const { pname: _pname, node: _node, ...rest } = cmd;
        if (this.opts.env)
            rest.env = { ...this.opts.env, ...rest.env };
        this.conn.send({ t: 'launch', id, ...rest });
    }
    cancel(id) {
        if (this.inFlight.has(id))
            this.conn.send({ t: 'cancel', id });
    }
    unchain(id) {
        if (this.inFlight.has(id))
            this.conn.send({ t: 'unchain', id });
    }
    /** SIGKILL every started task's process group at once, where the executor can reach them (a forced exit). */
    killAllNow() {
        this.killGroups([...this.pids.values()]);
    }
    /** Terminate everything still running and stop the agent. */
    async shutdown() {
        this.shuttingDown = true;
        this.conn.send({ t: 'shutdown' });
        await this.conn.closed;
    }
}
//# sourceMappingURL=agent-executor.js.map