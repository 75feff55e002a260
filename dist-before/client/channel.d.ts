import { type Encoding } from '../protocol/codec.js';
import type { CurveSocketOptions } from './curve.js';
export interface Reply {
    code: number;
    message?: string;
    data?: unknown;
}
export declare class RequestChannel {
    readonly address: string;
    private readonly encoding;
    /** CURVE keys (a manager with --curve-secret-key), or null */
    private readonly curve;
    private socket;
    private queue;
    private closed;
    constructor(address: string, encoding: Encoding, 
    /** CURVE keys (a manager with --curve-secret-key), or null */
    curve?: CurveSocketOptions | null);
    /**
     * Send one request and return its validated reply. `code 1` → ConnectionError("Request failed - <message>");
     * a malformed reply, or (unless `allowNoData`) an OK reply without `data` → InternalError.
     */
    request(body: Record<string, unknown>, timeoutMs: number, allowNoData?: boolean): Promise<Reply>;
    /** Close the socket; a request in flight fails with ConnectionError. Later requests fail too. */
    close(): void;
    private exchange;
    private connected;
    private dropSocket;
}
