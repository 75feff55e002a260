export class RemoteExecutor {
    host;
    events;
    env;
    /** the agent holds a chained launch until its predecessor ends (also one sent again by a recover) */
    chains = true;
    /** shutdown() was called: the connection closing is expected */
    stopped = false;
    conn = null;
    inFlight = new Map();
    /** exits received since the last `ack` (their job directories may go) */
    acks = [];
    constructor(
    /** host name, for messages */
    host, events, 
    /** the host's `env`, under every task's own */
    env) {
        this.host = host;
        this.events = events;
        this.env = env;
    }
    get running() {
        return this.inFlight.size;
    }
    /**
     * A new connection to the agent: `hello` (the attach) goes first, then what became of every task in
     * flight, then the cancels the agent may have missed.
     */
    attach(conn, hello) {
        this.conn = conn;
        conn.onReport((r) => this.onReport(r));
        conn.send(hello);
        const tasks = [...this.inFlight].map(([id, f]) => ({ id, ...(f.launch ? { launch: f.launch } : {}), ...(f.result ? { result: f.result } : {}) }));
        if (tasks.length)
            conn.send({ t: 'recover', tasks });
        for (const [id, f] of this.inFlight)
            if (f.cancel)
                conn.send({ t: 'cancel', id });
    }
    /** The connection is gone: keep every task in flight until the next attach (or failAll). */
    detach() {
        this.conn = null;
        this.acks = [];
    }
    launch(id, cmd) {
        const { pname: _pname, node: _node, ...rest } = cmd;
        const launch = { t: 'launch', id, ...rest, env: { ...this.env, ...rest.env } };
        const result = cmd.resultFile ? { file: cmd.resultFile, wd: cmd.wd, maxBytes: cmd.resultMaxBytes } : undefined;
        this.inFlight.set(id, { wd: cmd.wd, launch, ...(result ? { result } : {}) });
        this.conn?.send(launch); // while disconnected it waits for the next attach's recover
    }
    cancel(id) {
        const f = this.inFlight.get(id);
        if (!f)
            return;
        f.cancel = true;
        this.conn?.send({ t: 'cancel', id });
    }
    /** keeps the agent's orphan clock from running out */
    ping() {
        this.conn?.send({ t: 'ping' });
    }
    /** The host is given up: every task in flight ends with reason 'hostLost' and this message. */
    failAll(message) {
        for (const [id, f] of [...this.inFlight]) {
            this.inFlight.delete(id);
            this.events.onExited({ t: 'exited', id, pid: -1, exitCode: -1, rtimeUs: 0, reason: 'hostLost', message }, f.wd);
        }
    }
    /** Terminate everything still running and stop the agent (when connected; a host that is down has nothing to stop). */
    async shutdown() {
        this.stopped = true;
        const conn = this.conn;
        if (!conn || conn.isClosed)
            return;
        conn.send({ t: 'shutdown' });
        await conn.closed;
    }
    onReport(r) {
        switch (r.t) {
            case 'started': {
                const f = this.inFlight.get(r.id);
                if (!f)
                    return;
                delete f.launch;
                this.events.onStarted(r.id, f.wd, r.atUs);
                return;
            }
            case 'wdFailed': {
                if (!this.inFlight.delete(r.id))
                    return;
                this.ack(r.id);
                this.events.onWdFailed(r.id, r.message);
                return;
            }
            case 'exited': {
                const f = this.inFlight.get(r.id);
                if (!f)
                    return;
                this.inFlight.delete(r.id);
                this.ack(r.id);
                if (r.reason === 'hostLost')
                    r.message = `host ${this.host} lost: ${r.message ?? 'the job ended with its agent'}`;
                this.events.onExited(r, f.wd);
                return;
            }
        }
    }
    ack(id) {
        if (this.acks.push(id) > 1)
            return;
        setImmediate(() => {
            if (this.acks.length)
                this.conn?.send({ t: 'ack', ids: this.acks });
            this.acks = [];
        });
    }
}
//# sourceMappingURL=remote-executor.js.map