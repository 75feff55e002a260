/**
 * The manager's ZAP handler (ZeroMQ RFC 27): libzmq asks it, over `inproc://zeromq.zap.01` in the sockets'
 * own context, whether a client that completed the CURVE handshake may talk to a server socket. It answers 200
 * for an authorized client public key and 400 for anything else; libzmq then drops the connection, so a
 * refused client never gets a reply or an event.
 *
 * Without a ZAP handler libzmq lets every CURVE client in, so the handler is bound before any server socket.
 */
import * as zmq from 'zeromq';
export declare const ZAP_ENDPOINT = "inproc://zeromq.zap.01";
/** the ZAP domain of the manager's sockets (any non-empty string; it shows in ZAP requests) */
export declare const ZAP_DOMAIN = "pilotmq";
export interface ZapDecision {
    mechanism: string;
    address: string;
    /** Z85 public key of a CURVE client */
    clientKey?: string;
    allowed: boolean;
}
export declare class ZapHandler {
    private allowed;
    private readonly onDecision;
    private readonly sock;
    private readonly loop;
    private constructor();
    /** Bind the handler in `context` (one per context: the endpoint is the context's well-known name). */
    static start(context: zmq.Context, allowed: ReadonlySet<string>, onDecision?: (d: ZapDecision) => void): Promise<ZapHandler>;
    private serve;
    /** Check connections made from now on against `keys` (those already made stay: ZAP asks once per connection). */
    setAllowed(keys: ReadonlySet<string>): void;
    close(): Promise<void>;
}
