import { WrongType } from './msgpack-read.js';
export type Encoding = 'json' | 'msgpack';
export declare const DEFAULT_MAX_FRAME_BYTES: number;
export declare const MAX_NESTING_DEPTH = 64;
/**
 * A request value of a type the protocol does not allow (MessagePack bin or ext, a map with non-string keys
 * below the top level). It is kept, not rejected at decoding, so it fails the field's type check with the
 * field's own message (protocol.md §2.1: such values "count as wrong field types").
 */
export { WrongType };
export type DecodeResult = {
    ok: true;
    value: Record<string, unknown>;
    encoding: Encoding;
} | {
    ok: false;
    message: string;
    encoding: Encoding;
};
/** The encoding a reply to this frame uses when it decodes (protocol.md §2.1). */
export declare const encodingOf: (frame: Uint8Array) => Encoding;
/**
 * Decode one request frame, applying the request-level checks of protocol.md §2.4 up to "request must be
 * an object". Never throws. A frame that was not decoded as MessagePack gets a JSON reply.
 */
export declare function decodeRequest(frame: Uint8Array, maxBytes?: number): DecodeResult;
/** A JSON object / MessagePack map (not an array, not a WrongType or other class instance). */
export declare const isPlainObject: (v: unknown) => v is Record<string, unknown>;
/** Encode a reply (or request) object in the given encoding. */
export declare function encode(value: unknown, encoding: Encoding): Buffer;
/** Decode a reply frame (client side): same first-byte rule. Throws on malformed input. */
export declare function decodeReply(frame: Uint8Array): unknown;
