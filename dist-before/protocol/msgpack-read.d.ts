/** A value of a type the protocol does not allow in a request (see codec.ts). */
export declare class WrongType {
    readonly kind: 'bin' | 'ext' | 'map';
    constructor(kind: 'bin' | 'ext' | 'map');
    toJSON(): string;
}
type Reason = 'too deep' | 'integer out of range' | 'truncated data' | 'unexpected trailing bytes' | 'invalid UTF-8 in a string' | `invalid type byte 0x${string}`;
export type ReadResult = {
    ok: true;
    value: unknown;
} | {
    ok: false;
    reason: Reason;
};
/** Decode one frame. Never throws. */
export declare function readMsgpack(frame: Uint8Array, maxDepth: number): ReadResult;
export {};
