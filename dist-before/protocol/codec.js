/**
 * The one codec of pilotmq's request socket (protocol.md §2): a frame starting with `{` is UTF-8 JSON
 * (QCG-PilotJob clients), anything else is MessagePack (pilotmq clients). Replies go back in the encoding
 * of the request; a frame that could not be decoded as MessagePack gets a JSON reply.
 */
import { addExtension, Packr, Unpackr } from 'msgpackr';
import { readMsgpack, WrongType } from './msgpack-read.js';
export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
export const MAX_NESTING_DEPTH = 64;
// Plain maps and arrays only: no records/structures extension, no bundled strings, so any MessagePack
// implementation (Python's msgpack included) reads what we write.
const packr = new Packr({ useRecords: false, moreTypes: false, encodeUndefinedAsNil: false, variableMapSize: true });
// Replies (the client side): maps decode as Map, turned into plain objects below. Requests: msgpack-read.ts.
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: false, int64AsType: 'number' });
/**
 * A request value of a type the protocol does not allow (MessagePack bin or ext, a map with non-string keys
 * below the top level). It is kept, not rejected at decoding, so it fails the field's type check with the
 * field's own message (protocol.md §2.1: such values "count as wrong field types").
 */
export { WrongType };
// in replies, every application extension type decodes to WrongType (msgpackr would throw "Unknown extension")
for (let type = 0; type < 128; type++)
    addExtension({ type, unpack: () => new WrongType('ext') });
const OPEN_BRACE = 0x7b;
/** The encoding a reply to this frame uses when it decodes (protocol.md §2.1). */
export const encodingOf = (frame) => (frame.length > 0 && frame[0] === OPEN_BRACE ? 'json' : 'msgpack');
const TOO_DEEP = 'Invalid request: message nested too deeply';
/**
 * Decode one request frame, applying the request-level checks of protocol.md §2.4 up to "request must be
 * an object". Never throws. A frame that was not decoded as MessagePack gets a JSON reply.
 */
export function decodeRequest(frame, maxBytes = DEFAULT_MAX_FRAME_BYTES) {
    if (frame.length > maxBytes) {
        return { ok: false, encoding: 'json', message: `Invalid request: message too large (${frame.length} bytes, limit ${maxBytes})` };
    }
    if (frame.length === 0)
        return { ok: false, encoding: 'json', message: 'Invalid request: empty message' };
    return encodingOf(frame) === 'json' ? decodeJson(frame) : decodeMsgpack(frame);
}
function decodeJson(frame) {
    const encoding = 'json';
    let text;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(frame);
    }
    catch {
        return { ok: false, encoding, message: 'Invalid request: malformed JSON (invalid UTF-8)' };
    }
    // before parsing: JSON.parse would build every level of a hostile 1 000 000-deep frame first
    if (jsonDepthExceeds(frame, MAX_NESTING_DEPTH))
        return { ok: false, encoding, message: TOO_DEEP };
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (e) {
        return { ok: false, encoding, message: `Invalid request: malformed JSON (${e.message})` };
    }
    if (!isPlainObject(value))
        return { ok: false, encoding, message: 'Invalid request: request must be an object' };
    return { ok: true, value, encoding };
}
function decodeMsgpack(frame) {
    const r = readMsgpack(frame, MAX_NESTING_DEPTH);
    if (!r.ok) {
        if (r.reason === 'too deep')
            return { ok: false, encoding: 'msgpack', message: TOO_DEEP };
        // (not a valid request object, so not "decoded": the reply is JSON, protocol.md §2.1)
        return { ok: false, encoding: 'json', message: `Invalid request: malformed MessagePack (${r.reason})` };
    }
    if (!isPlainObject(r.value))
        return { ok: false, encoding: 'msgpack', message: 'Invalid request: request must be an object' };
    return { ok: true, value: r.value, encoding: 'msgpack' };
}
/** A JSON object / MessagePack map (not an array, not a WrongType or other class instance). */
export const isPlainObject = (v) => {
    if (typeof v !== 'object' || v === null)
        return false;
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
};
/**
 * Do brackets nest more than `limit` deep (the top-level object is one level)? A scan of the bytes that skips
 * strings; it runs on valid UTF-8 only, where the bytes of `"`, `\\`, `[`, `{`, `]`, `}` are never part of a
 * multi-byte character.
 */
function jsonDepthExceeds(frame, limit) {
    let depth = 0;
    let inString = false;
    for (let i = 0; i < frame.length; i++) {
        const c = frame[i];
        if (inString) {
            if (c === 0x5c)
                i++; // backslash: skip the escaped character
            else if (c === 0x22)
                inString = false;
        }
        else if (c === 0x22)
            inString = true;
        else if (c === 0x5b || c === 0x7b) {
            if (++depth > limit)
                return true;
        }
        else if (c === 0x5d || c === 0x7d)
            depth--;
    }
    return false;
}
/** Encode a reply (or request) object in the given encoding. */
export function encode(value, encoding) {
    return encoding === 'json' ? Buffer.from(JSON.stringify(value), 'utf8') : packr.pack(value);
}
/** Decode a reply frame (client side): same first-byte rule. Throws on malformed input. */
export function decodeReply(frame) {
    return encodingOf(frame) === 'json' ? JSON.parse(Buffer.from(frame).toString('utf8')) : mapsToObjects(unpackr.unpack(frame));
}
/** Maps → plain objects, keeping a `__proto__` key as an own property (msgpackr would rename it). */
function mapsToObjects(v) {
    if (Array.isArray(v))
        return v.map(mapsToObjects);
    if (!(v instanceof Map))
        return v;
    const out = {};
    for (const [k, x] of v) {
        const key = String(k);
        if (key === '__proto__')
            Object.defineProperty(out, key, { value: mapsToObjects(x), enumerable: true, writable: true, configurable: true });
        else
            out[key] = mapsToObjects(x);
    }
    return out;
}
//# sourceMappingURL=codec.js.map