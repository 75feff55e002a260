/**
 * The manager's ZeroMQ sockets (protocol.md §1): a ROUTER request socket (served by request-loop.ts), and a
 * PUB socket for events. Both bind to a given port or a random free one in a range.
 */
import * as zmq from 'zeromq';
/** Bind to `port`, or to a random free port in [min, max]. Returns the bound port. Throws when impossible. */
export declare function bindPort(sock: zmq.Socket, host: string, port: number | undefined, min: number, max: number): Promise<number>;
/**
 * Events go out in order through one sender loop: zeromq.js allows one send in flight per socket, and a PUB
 * socket never blocks (it drops at the high-water mark), so the queue drains as fast as it fills.
 *
 * The socket is an XPUB: it sees its subscribers' topic prefixes, so an event nobody subscribed to is never
 * built into a frame or sent. QCG's client and ours subscribe to JFI, IFI and NOJ only, which saves three of the
 * four sends per job on the hot path. (libzmq would filter them out anyway, after the cost of sending.)
 */
export declare class EventPublisher {
    private readonly sock;
    private queue;
    private pumping;
    private idle;
    private resolveIdle;
    /** topic prefixes with at least one subscriber (XPUB reports the first subscribe and the last unsubscribe) */
    private readonly prefixes;
    constructor(sock: zmq.XPublisher | null);
    private watchSubscriptions;
    /** Is anybody subscribed to events of this topic? */
    wants(topic: string): boolean;
    publish(frame: string): void;
    private pump;
    /** Wait until queued events were handed to ZeroMQ. */
    drain(): Promise<void>;
}
