/**
 * The manager's event stream (protocol.md §5) seen through one ZMQ SUB socket.
 *
 * Events are only read while somebody listens: between waits they stay queued in the socket (up to its high
 * water mark), so a later wait still sees them, and an idle client keeps no pending receive that would hold
 * the Node.js process open.
 */
import { Subscriber } from 'zeromq';
/** How often a receive returns empty-handed so the read loop can notice that nobody listens any more. */
const IDLE_RECEIVE_MS = 500;
export class EventStream {
    address;
    socket;
    listeners = new Set();
    /** events read while no listener was registered; handed to the next listener */
    backlog = [];
    reading = false;
    closed = false;
    constructor(address, socket) {
        this.address = address;
        this.socket = socket;
    }
    /**
     * Connect and subscribe. Resolves once the connection handshake is done (or the handshake timeout passed),
     * so the subscription is in place before the caller queries the state (slow joiner, protocol.md §1).
     */
    static async open(address, opts = {}) {
        const socket = new Subscriber({
            linger: 0,
            receiveTimeout: IDLE_RECEIVE_MS,
            receiveHighWaterMark: opts.highWaterMark ?? 100_000,
            ...opts.curve,
        });
        for (const topic of opts.topics ?? ['JFI', 'IFI', 'NOJ'])
            socket.subscribe(topic);
        const handshake = waitForHandshake(socket, opts.handshakeTimeoutMs ?? 2000);
        socket.connect(address);
        await handshake;
        return new EventStream(address, socket);
    }
    /** Register a listener; returns the function that removes it. */
    listen(listener) {
        this.listeners.add(listener);
        while (this.backlog.length > 0 && this.listeners.has(listener)) {
            if (listener(this.backlog.shift()) === true)
                this.listeners.delete(listener);
        }
        void this.read();
        return () => {
            this.listeners.delete(listener);
        };
    }
    close() {
        this.closed = true;
        this.listeners.clear();
        if (!this.socket.closed)
            this.socket.close();
    }
    async read() {
        if (this.reading)
            return;
        this.reading = true;
        try {
            while (!this.closed && this.listeners.size > 0) {
                let frame;
                try {
                    [frame] = await this.socket.receive();
                }
                catch (err) {
                    if (this.closed)
                        break;
                    if (err.code === 'EAGAIN')
                        continue;
                    throw err;
                }
                const event = parseEvent(frame);
                if (!event)
                    continue;
                if (this.listeners.size === 0) {
                    this.backlog.push(event);
                    continue;
                }
                for (const listener of [...this.listeners]) {
                    if (listener(event) === true)
                        this.listeners.delete(listener);
                }
            }
        }
        catch {
            // a broken socket: waiters fall back to querying the state (their re-check timer)
        }
        finally {
            this.reading = false;
        }
    }
}
/** `"<TOPIC> <json>"` → event, or null for a frame that does not follow protocol.md §5. */
export function parseEvent(frame) {
    const text = frame.toString();
    const space = text.indexOf(' ');
    if (space < 0)
        return null;
    try {
        const body = JSON.parse(text.slice(space + 1));
        if (typeof body !== 'object' || body === null)
            return null;
        return { ...body, topic: text.slice(0, space) };
    }
    catch {
        return null;
    }
}
/**
 * Resolve at the socket's first successful ZMTP handshake, or after `timeoutMs`. Never rejects.
 *
 * The observer is not closed here: closing an observer while its socket still produces events (reconnecting
 * to a publisher that is unreachable, or that refuses this client's CURVE keys) stalls every other socket of
 * the ZeroMQ context, so this client's requests would time out (zeromq.js 6.8). The observer ends with its
 * socket; events nobody reads are dropped by libzmq at the monitor's high-water mark. The read loop stops at the
 * first event after the wait, so no pending receive keeps Node.js running.
 */
async function waitForHandshake(socket, timeoutMs) {
    const observer = socket.events;
    let waiting = true;
    let timer;
    const timeout = new Promise((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
    });
    const handshake = (async () => {
        while (waiting) {
            const event = await observer.receive();
            if (event.type === 'handshake')
                return;
        }
    })().catch(() => undefined);
    await Promise.race([handshake, timeout]);
    waiting = false;
    clearTimeout(timer);
}
//# sourceMappingURL=events.js.map