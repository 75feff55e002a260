import type { CurveSocketOptions } from './curve.js';
export type Topic = 'JST' | 'JFI' | 'IST' | 'IFI' | 'NOJ';
export interface ManagerEvent {
    topic: Topic;
    manager?: string;
    job?: string;
    state?: string;
    /** iteration index, IST/IFI only */
    it?: number;
}
/** Returns `true` when it wants no further events (it is then removed). */
export type Listener = (event: ManagerEvent) => boolean | void;
export interface EventStreamOptions {
    topics?: Topic[];
    /** how many unread events the socket keeps before the publisher drops newer ones */
    highWaterMark?: number;
    /** how long `open` waits for the connection handshake */
    handshakeTimeoutMs?: number;
    /** CURVE keys (a manager with --curve-secret-key) */
    curve?: CurveSocketOptions | null;
}
export declare class EventStream {
    readonly address: string;
    private readonly socket;
    private readonly listeners;
    /** events read while no listener was registered; handed to the next listener */
    private backlog;
    private reading;
    private closed;
    private constructor();
    /**
     * Connect and subscribe. Resolves once the connection handshake is done (or the handshake timeout passed),
     * so the subscription is in place before the caller queries the state (slow joiner, protocol.md §1).
     */
    static open(address: string, opts?: EventStreamOptions): Promise<EventStream>;
    /** Register a listener; returns the function that removes it. */
    listen(listener: Listener): () => void;
    close(): void;
    private read;
}
/** `"<TOPIC> <json>"` → event, or null for a frame that does not follow protocol.md §5. */
export declare function parseEvent(frame: Buffer | string): ManagerEvent | null;
