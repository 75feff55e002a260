/**
 * The manager's ZAP handler (ZeroMQ RFC 27): libzmq asks it, over `inproc://zeromq.zap.01` in the sockets'
 * own context, whether a client that completed the CURVE handshake may talk to a server socket. It answers 200
 * for an authorized client public key and 400 for anything else; libzmq then drops the connection, so a
 * refused client never gets a reply or an event.
 *
 * Without a ZAP handler libzmq lets every CURVE client in, so the handler is bound before any server socket.
 */
import * as zmq from 'zeromq';
import { z85Encode } from '../protocol/curve-keys.js';
export const ZAP_ENDPOINT = 'inproc://zeromq.zap.01';
/** the ZAP domain of the manager's sockets (any non-empty string; it shows in ZAP requests) */
export const ZAP_DOMAIN = 'pilotmq';
export class ZapHandler {
    allowed;
    onDecision;
    sock;
    loop;
    constructor(sock, allowed, onDecision) {
        this.allowed = allowed;
        this.onDecision = onDecision;
        this.sock = sock;
        this.loop = this.serve();
    }
    /** Bind the handler in `context` (one per context: the endpoint is the context's well-known name). */
    static async start(context, allowed, onDecision = () => { }) {
        const sock = new zmq.Router({ context, linger: 0 });
        try {
            await sock.bind(ZAP_ENDPOINT);
        }
        catch (e) {
            sock.close();
            throw e;
        }
        return new ZapHandler(sock, allowed, onDecision);
    }
    async serve() {
        try {
            for await (const frames of this.sock) {
                // [routing id, empty delimiter, version, request id, domain, address, identity, mechanism, credentials…]
                const [route, delimiter, version, requestId, , address, , mechanism, ...credentials] = frames;
                if (!route || !delimiter || !requestId)
                    continue; // not a ZAP request: nothing to answer
                const mech = mechanism?.toString() ?? '';
                let status = '400';
                let text = 'Unauthorized';
                let clientKey;
                if (version?.toString() !== '1.0')
                    text = 'Unsupported ZAP version';
                else if (mech !== 'CURVE')
                    text = `Mechanism ${mech} not accepted`;
                else if (credentials[0]?.length !== 32)
                    text = 'Malformed CURVE credentials';
                else {
                    clientKey = z85Encode(credentials[0]);
                    if (this.allowed.has(clientKey)) {
                        status = '200';
                        text = 'OK';
                    }
                }
                this.onDecision({ mechanism: mech, address: address?.toString() ?? '', clientKey, allowed: status === '200' });
                // user id: the client's key (ZeroMQ passes it along as the messages' "User-Id" property)
                await this.sock.send([route, delimiter, '1.0', requestId, status, text, status === '200' ? (clientKey ?? '') : '', '']);
            }
        }
        catch {
            // closed at shutdown
        }
    }
    /** Check connections made from now on against `keys` (those already made stay: ZAP asks once per connection). */
    setAllowed(keys) {
        this.allowed = keys;
    }
    async close() {
        if (!this.sock.closed)
            this.sock.close();
        await this.loop;
    }
}
//# sourceMappingURL=zap.js.map