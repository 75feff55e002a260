import { decodeRequest, encode, encodingOf } from '../protocol/codec.js';
export class RequestLoop {
    sock;
    handler;
    opts;
    queue = [];
    head = 0;
    pumping = false;
    closing = false;
    idle = Promise.resolve();
    resolveIdle = null;
    /** winston formats a message even when no transport wants it: per request, that costs more than the request */
    debug;
    constructor(sock, handler, opts) {
        this.sock = sock;
        this.handler = handler;
        this.opts = opts;
        this.debug = opts.log.isLevelEnabled('debug');
    }
    /** Serve until close(). */
    async run() {
        try {
            for await (const msg of this.sock) {
                if (this.closing)
                    break; // the socket is closing: no more replies (protocol.md §4.9)
                let frames;
                if (msg.length === 3 && msg[1].length === 0) {
                    // a REQ peer's [identity, delimiter, request]: the reply takes the request's place
                    msg[2] = this.answer([msg[2]]);
                    frames = msg;
                }
                else {
                    const { envelope, body } = splitEnvelope(msg);
                    frames = [...envelope, this.answer(body)];
                }
                const journal = this.opts.journal;
                const at = journal?.position ?? 0;
                if (!this.pumping && (!journal || journal.writer.durablePosition >= at)) {
                    // the common case, nothing to wait for and nothing queued: send right here, as a bare server would
                    await this.sock.send(frames);
                    continue;
                }
                this.queue.push({ frames, at });
                if (!this.pumping)
                    void this.pump();
            }
        }
        catch (e) {
            if (!this.closing)
                this.opts.log.error(`request socket failed: ${e.message}`);
        }
    }
    /** Stop reading; the replies already built still go out (each once its changes are durable), then close. */
    async close() {
        if (this.closing)
            return;
        this.closing = true;
        await this.idle;
        this.sock.close();
    }
    /** The reply frame to one request body. Never throws. */
    answer(body) {
        const first = body[0] ?? Buffer.alloc(0);
        try {
            if (body.length !== 1)
                return encode({ code: 1, message: `Invalid request: expected a single frame, got ${body.length}` }, 'json');
            const d = decodeRequest(first, this.opts.maxFrameBytes);
            if (!d.ok)
                return encode({ code: 1, message: d.message }, d.encoding);
            const r = this.handler.handle(d.value);
            if (this.debug)
                this.opts.log.debug(`request ${typeof d.value.request === 'string' ? d.value.request : '?'} → code ${r.code}${r.message ? `: ${r.message}` : ''}`);
            return encode(r, d.encoding);
        }
        catch (e) {
            this.opts.log.error(`request handling failed: ${e.stack}`);
            return encode({ code: 1, message: `Failed to process request: ${e.message}` }, encodingOf(first));
        }
    }
    /** Send queued replies in order, each once the journal holds what it may reveal. One send in flight at a time. */
    async pump() {
        this.pumping = true;
        this.idle = new Promise((r) => (this.resolveIdle = r));
        const journal = this.opts.journal;
        try {
            while (this.head < this.queue.length) {
                const next = this.queue[this.head];
                if (journal && journal.writer.durablePosition < next.at) {
                    await journal.writer.durable(next.at, true); // urgent: a client waits (not held back for group commit)
                    continue;
                }
                this.queue[this.head++] = undefined;
                if (this.head > 1024 && this.head * 2 > this.queue.length) {
                    this.queue.splice(0, this.head);
                    this.head = 0;
                }
                // (a ROUTER drops a reply to a client that has gone away; it never blocks)
                if (!this.sock.closed)
                    await this.sock.send(next.frames);
            }
            this.queue.length = this.head = 0;
        }
        catch (e) {
            if (!this.sock.closed)
                this.opts.log.error(`cannot send a reply: ${e.message}`);
        }
        finally {
            this.pumping = false;
            this.resolveIdle?.();
        }
    }
}
/**
 * A ROUTER message is the routing envelope (the peer's identity, then for REQ peers an empty delimiter frame)
 * and the request body. A peer without the delimiter (a DEALER) gets its reply without one.
 */
export function splitEnvelope(msg) {
    const delimiter = msg.findIndex((f, i) => i > 0 && f.length === 0);
    if (delimiter < 0)
        return { envelope: msg.slice(0, 1), body: msg.slice(1) };
    return { envelope: msg.slice(0, delimiter + 1), body: msg.slice(delimiter + 1) };
}
//# sourceMappingURL=request-loop.js.map