/** Bind to `port`, or to a random free port in [min, max]. Returns the bound port. Throws when impossible. */
export async function bindPort(sock, host, port, min, max) {
    const h = host.includes(':') ? `[${host}]` : host;
    if (port !== undefined) {
        await sock.bind(`tcp://${h}:${port}`);
        return port;
    }
    let lastError;
    for (let attempt = 0; attempt < 100; attempt++) {
        const p = min + Math.floor(Math.random() * (max - min + 1));
        try {
            await sock.bind(`tcp://${h}:${p}`);
            return p;
        }
        catch (e) {
            lastError = e;
        }
    }
    throw new Error(`no free port in ${min}-${max} on ${host}: ${lastError?.message}`);
}
/**
 * Events go out in order through one sender loop: zeromq.js allows one send in flight per socket, and a PUB
 * socket never blocks (it drops at the high-water mark), so the queue drains as fast as it fills.
 *
 * The socket is an XPUB: it sees its subscribers' topic prefixes, so an event nobody subscribed to is never
 * built into a frame or sent. QCG's client and ours subscribe to JFI, IFI and NOJ only, which saves three of the
 * four sends per job on the hot path. (libzmq would filter them out anyway, after the cost of sending.)
 */
export class EventPublisher {
    sock;
    queue = [];
    pumping = false;
    idle = Promise.resolve();
    resolveIdle = null;
    /** topic prefixes with at least one subscriber (XPUB reports the first subscribe and the last unsubscribe) */
    prefixes = new Set();
    constructor(sock) {
        this.sock = sock;
        if (sock)
            void this.watchSubscriptions(sock);
    }
    async watchSubscriptions(sock) {
        try {
            for await (const [msg] of sock) {
                const prefix = msg.subarray(1).toString('utf8');
                if (msg[0] === 1)
                    this.prefixes.add(prefix);
                else if (msg[0] === 0)
                    this.prefixes.delete(prefix);
            }
        }
        catch {
            // closed at shutdown
        }
    }
    /** Is anybody subscribed to events of this topic? */
    wants(topic) {
        for (const p of this.prefixes)
            if (topic.startsWith(p) || p.startsWith(topic))
                return true;
        return false;
    }
    publish(frame) {
        if (!this.sock || this.sock.closed)
            return;
        this.queue.push(frame);
        if (!this.pumping)
            void this.pump();
    }
    async pump() {
        this.pumping = true;
        this.idle = new Promise((r) => (this.resolveIdle = r));
        try {
            while (this.queue.length && this.sock && !this.sock.closed) {
                const batch = this.queue;
                this.queue = [];
                for (const f of batch)
                    await this.sock.send(f);
            }
        }
        catch {
            // socket closed under us at shutdown: nothing left to deliver to
        }
        finally {
            this.pumping = false;
            this.resolveIdle?.();
        }
    }
    /** Wait until queued events were handed to ZeroMQ. */
    async drain() {
        await this.idle;
    }
}
//# sourceMappingURL=transport.js.map