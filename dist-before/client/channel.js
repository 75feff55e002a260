/**
 * The request side of a client: one ZMQ REQ socket, one request in flight at a time (a promise queue), and a
 * receive timeout per request. A REQ socket that missed its reply cannot send again, so after a timeout the
 * socket is thrown away and a new one is connected for the next request (protocol.md §1, client rules).
 */
import { Request } from 'zeromq';
import { decodeReply, encode } from '../protocol/codec.js';
import { ConnectionError, InternalError, TimeoutElapsed } from './errors.js';
export class RequestChannel {
    address;
    encoding;
    curve;
    socket = null;
    queue = Promise.resolve();
    closed = false;
    constructor(address, encoding, 
    /** CURVE keys (a manager with --curve-secret-key), or null */
    curve = null) {
        this.address = address;
        this.encoding = encoding;
        this.curve = curve;
    }
    /**
     * Send one request and return its validated reply. `code 1` → ConnectionError("Request failed - <message>");
     * a malformed reply, or (unless `allowNoData`) an OK reply without `data` → InternalError.
     */
    request(body, timeoutMs, allowNoData = false) {
        const run = () => this.exchange(body, timeoutMs).then((reply) => validate(reply, allowNoData));
        const result = this.queue.then(run, run);
        this.queue = result.catch(() => undefined);
        return result;
    }
    /** Close the socket; a request in flight fails with ConnectionError. Later requests fail too. */
    close() {
        this.closed = true;
        this.dropSocket();
    }
    async exchange(body, timeoutMs) {
        if (this.closed)
            throw new ConnectionError('Not connected');
        let socket;
        try {
            socket = this.connected();
        }
        catch (err) {
            throw new ConnectionError(`Failed to connect to ${this.address} - ${err.message}`);
        }
        // zeromq takes whole milliseconds; -1 would mean "forever", so keep at least 1
        const ms = Math.max(1, Math.ceil(timeoutMs));
        socket.sendTimeout = ms;
        socket.receiveTimeout = ms;
        let frame;
        try {
            await socket.send(encode(body, this.encoding));
            [frame] = await socket.receive();
        }
        catch (err) {
            if (this.closed)
                throw new ConnectionError('Connection closed');
            this.dropSocket();
            if (err.code === 'EAGAIN') {
                throw new TimeoutElapsed(`No reply from the manager at ${this.address} within ${ms} ms`);
            }
            throw new ConnectionError(`Failed to communicate with ${this.address} - ${err.message}`);
        }
        try {
            return decodeReply(frame);
        }
        catch (err) {
            throw new InternalError(`Invalid reply from the service: ${err.message}`);
        }
    }
    connected() {
        if (!this.socket) {
            // linger 0: a request to a manager that never answered must not keep the process alive at exit
            const socket = new Request({ linger: 0, ...this.curve });
            try {
                socket.connect(this.address);
            }
            catch (err) {
                socket.close();
                throw err;
            }
            this.socket = socket;
        }
        return this.socket;
    }
    dropSocket() {
        const socket = this.socket;
        this.socket = null;
        if (socket && !socket.closed)
            socket.close();
    }
}
function validate(reply, allowNoData) {
    if (typeof reply !== 'object' || reply === null || Array.isArray(reply) || !('code' in reply)) {
        throw new InternalError('Invalid reply from the service');
    }
    const r = reply;
    if (r.code !== 0) {
        const message = r.message ?? '';
        throw new ConnectionError(r.message !== undefined ? `Request failed - ${message}` : 'Request failed', message);
    }
    if (!allowNoData && r.data === undefined)
        throw new InternalError('Invalid reply from the service');
    return r;
}
//# sourceMappingURL=channel.js.map