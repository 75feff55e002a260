/**
 * The one codec of pilotmq's request socket (protocol.md §2): a frame starting with `{` is UTF-8 JSON
 * (QCG-PilotJob clients), anything else is MessagePack (pilotmq clients). Replies go back in the encoding
 * of the request; a frame that could not be decoded as MessagePack gets a JSON reply.
 */
import { Packr, Unpackr } from 'msgpackr';

export type Encoding = 'json' | 'msgpack';

export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
export const MAX_NESTING_DEPTH = 64;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

// Plain maps and arrays only: no records/structures extension, no bundled strings, so any MessagePack
// implementation (Python's msgpack included) reads what we write.
const packr = new Packr({ useRecords: false, moreTypes: false, encodeUndefinedAsNil: false, variableMapSize: true });
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true, int64AsType: 'number' });

export type DecodeResult =
  | { ok: true; value: Record<string, unknown>; encoding: Encoding }
  | { ok: false; message: string; encoding: Encoding };

const OPEN_BRACE = 0x7b;

/** The encoding a reply to this frame uses, whatever its content (protocol.md §2.1). */
export const encodingOf = (frame: Uint8Array): Encoding => (frame.length > 0 && frame[0] === OPEN_BRACE ? 'json' : 'msgpack');

/**
 * Decode one request frame, applying the request-level checks of protocol.md §2.4 up to "request must be
 * an object". Never throws.
 */
export function decodeRequest(frame: Uint8Array, maxBytes = DEFAULT_MAX_FRAME_BYTES): DecodeResult {
  const encoding = encodingOf(frame);
  if (frame.length > maxBytes) {
    return { ok: false, encoding, message: `Invalid request: message too large (${frame.length} bytes, limit ${maxBytes})` };
  }
  if (frame.length === 0) return { ok: false, encoding: 'json', message: 'Invalid request: empty message' };
  let value: unknown;
  if (encoding === 'json') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(frame);
    } catch {
      return { ok: false, encoding, message: 'Invalid request: malformed JSON (invalid UTF-8)' };
    }
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { ok: false, encoding, message: `Invalid request: malformed JSON (${(e as Error).message})` };
    }
  } else {
    try {
      value = unpackr.unpack(frame);
    } catch (e) {
      return { ok: false, encoding: 'json', message: `Invalid request: malformed MessagePack (${msgpackDetail(e)})` };
    }
    const bad = checkMsgpackValue(value, 0);
    if (bad === 'depth') return { ok: false, encoding, message: 'Invalid request: message nested too deeply' };
    if (bad) return { ok: false, encoding, message: `Invalid request: malformed MessagePack (${bad})` };
  }
  if (encoding === 'json' && depthExceeds(value, MAX_NESTING_DEPTH)) {
    return { ok: false, encoding, message: 'Invalid request: message nested too deeply' };
  }
  if (!isPlainObject(value)) return { ok: false, encoding, message: 'Invalid request: request must be an object' };
  return { ok: true, value, encoding };
}

function msgpackDetail(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/Data read, but end of buffer not reached/i.test(msg)) return 'unexpected trailing bytes';
  if (/Unexpected end of (MessagePack )?(data|buffer)/i.test(msg)) return 'truncated data';
  return msg.replace(/\s+/g, ' ').slice(0, 200);
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Map);

/**
 * MessagePack values allowed in a request (protocol.md §2.1): nil, bool, int within ±(2^53−1), float, str,
 * array, map with string keys. Returns a problem description, 'depth' when nested too deeply, or null.
 */
function checkMsgpackValue(v: unknown, depth: number): string | null {
  if (depth > MAX_NESTING_DEPTH) return 'depth';
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return null;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) > MAX_SAFE ? 'integer out of range' : null;
  if (typeof v === 'bigint') return 'integer out of range';
  if (v === undefined) return null;
  if (v instanceof Uint8Array) return 'binary values are not allowed';
  if (Array.isArray(v)) {
    for (const x of v) {
      const bad = checkMsgpackValue(x, depth + 1);
      if (bad) return bad;
    }
    return null;
  }
  if (v instanceof Map) return 'map keys must be strings';
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      return v instanceof Date ? 'extension types are not allowed' : 'invalid byte (0xc1) or unsupported type';
    }
    for (const x of Object.values(v as object)) {
      const bad = checkMsgpackValue(x, depth + 1);
      if (bad) return bad;
    }
    return null;
  }
  return 'unsupported value';
}

function depthExceeds(v: unknown, limit: number): boolean {
  // iterative, so a hostile 100 000-deep JSON array cannot overflow the stack here (JSON.parse copes)
  const stack: Array<[unknown, number]> = [[v, 0]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (typeof x !== 'object' || x === null) continue;
    if (d >= limit) return true;
    for (const y of Array.isArray(x) ? x : Object.values(x)) stack.push([y, d + 1]);
  }
  return false;
}

/** Encode a reply (or request) object in the given encoding. */
export function encode(value: unknown, encoding: Encoding): Buffer {
  return encoding === 'json' ? Buffer.from(JSON.stringify(value), 'utf8') : packr.pack(value);
}

/** Decode a reply frame (client side): same first-byte rule. Throws on malformed input. */
export function decodeReply(frame: Uint8Array): unknown {
  return encodingOf(frame) === 'json' ? JSON.parse(Buffer.from(frame).toString('utf8')) : unpackr.unpack(frame);
}
