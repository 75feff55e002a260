/**
 * The request socket (protocol.md §1, §2.4): a ROUTER, so that reading and handling requests never waits for a
 * reply to go out.
 *
 * Requests are handled one at a time in arrival order, as the protocol says, and each reply is queued with the
 * journal position at the moment it was built: a reply may reveal every change made before it, so it goes out
 * only once those records are on disk (a submit is acknowledged once durable). While one sync is in flight the
 * loop goes on reading and handling; the replies that gather meanwhile leave together after the next sync (group
 * commit for replies, not one sync per request as with a REP socket). Replies leave in the order they were built,
 * so each client (a REQ socket: one request at a time) gets its replies in order.
 */
import type * as zmq from 'zeromq';
import type { Logger } from './log.js';
import type { Reply } from './requests.js';
/** What the loop needs of the journal (server/journal/store.ts JournalStore). */
export interface ReplyJournal {
    /** the position a reply built now may reveal */
    readonly position: number;
    readonly writer: {
        readonly durablePosition: number;
        durable(pos: number, urgent: boolean): Promise<void>;
    };
}
export declare class RequestLoop {
    private readonly sock;
    private readonly handler;
    private readonly opts;
    private readonly queue;
    private head;
    private pumping;
    private closing;
    private idle;
    private resolveIdle;
    /** winston formats a message even when no transport wants it: per request, that costs more than the request */
    private readonly debug;
    constructor(sock: zmq.Router, handler: {
        handle(req: Record<string, unknown>): Reply;
    }, opts: {
        maxFrameBytes: number;
        log: Pick<Logger, 'debug' | 'error' | 'isLevelEnabled'>;
        journal: ReplyJournal | null;
    });
    /** Serve until close(). */
    run(): Promise<void>;
    /** Stop reading; the replies already built still go out (each once its changes are durable), then close. */
    close(): Promise<void>;
    /** The reply frame to one request body. Never throws. */
    private answer;
    /** Send queued replies in order, each once the journal holds what it may reveal. One send in flight at a time. */
    private pump;
}
/**
 * A ROUTER message is the routing envelope (the peer's identity, then for REQ peers an empty delimiter frame)
 * and the request body. A peer without the delimiter (a DEALER) gets its reply without one.
 */
export declare function splitEnvelope(msg: Buffer[]): {
    envelope: Buffer[];
    body: Buffer[];
};
