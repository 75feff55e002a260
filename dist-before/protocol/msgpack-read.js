/**
 * The request decoder for MessagePack frames (protocol.md §2.1, §2.4), in one pass: exactly one well-formed
 * object, nested at most `maxDepth` deep, every str valid UTF-8, integers within ±(2^53−1); maps become plain
 * objects without a prototype, bin and ext values become `WrongType`s (they count as wrong field types), a map
 * with a non-string key becomes a `WrongType` too.
 *
 * Why not msgpackr for requests: its decoder recurses without a bound (a deep frame exhausts the stack, at a
 * depth that depends on what else is on it), it decodes invalid UTF-8 silently (to U+FFFD or lone surrogates, so
 * a job name could differ from the bytes sent), and decoding to Maps and converting them costs more than this
 * whole pass. Recursion here stops at `maxDepth` (64), and a container's count is checked against the bytes
 * left before anything is allocated for it.
 */
import { isUtf8 } from 'node:buffer';
/** A value of a type the protocol does not allow in a request (see codec.ts). */
export class WrongType {
    kind;
    constructor(kind) {
        this.kind = kind;
    }
    toJSON() {
        return `<${this.kind}>`;
    }
}
class Malformed {
    reason;
    constructor(reason) {
        this.reason = reason;
    }
}
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** Decode one frame. Never throws. */
export function readMsgpack(frame, maxDepth) {
    const r = new Reader(frame, maxDepth);
    try {
        const value = r.value(0);
        if (r.pos !== frame.length)
            return { ok: false, reason: 'unexpected trailing bytes' };
        // an integer out of range is a wrong value, not a broken frame: reported once the frame is known whole
        if (r.outOfRange)
            return { ok: false, reason: 'integer out of range' };
        return { ok: true, value };
    }
    catch (e) {
        if (e instanceof Malformed)
            return { ok: false, reason: e.reason };
        throw e;
    }
}
class Reader {
    maxDepth;
    pos = 0;
    outOfRange = false;
    buf;
    dataView = null;
    constructor(frame, maxDepth) {
        this.maxDepth = maxDepth;
        this.buf = Buffer.isBuffer(frame) ? frame : Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
    }
    /** for multi-byte numbers only (most requests have none) */
    get view() {
        return (this.dataView ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength));
    }
    need(n) {
        const at = this.pos;
        if (at + n > this.buf.length)
            throw new Malformed('truncated data');
        this.pos = at + n;
        return at;
    }
    num(v) {
        if (Number.isInteger(v) && Math.abs(v) > MAX_SAFE)
            this.outOfRange = true;
        return v;
    }
    big(v) {
        if (v > BigInt(MAX_SAFE) || v < -BigInt(MAX_SAFE))
            this.outOfRange = true;
        return Number(v);
    }
    value(depth) {
        if (depth > this.maxDepth)
            throw new Malformed('too deep');
        const b = this.buf[this.need(1)];
        if (b <= 0x7f)
            return b;
        if (b >= 0xe0)
            return b - 0x100;
        if (b <= 0x8f)
            return this.map(b & 0x0f, depth);
        if (b <= 0x9f)
            return this.array(b & 0x0f, depth);
        if (b <= 0xbf)
            return this.str(b & 0x1f);
        const v = this.view;
        switch (b) {
            case 0xc0:
                return null;
            case 0xc2:
                return false;
            case 0xc3:
                return true;
            case 0xc4:
                return this.skip(this.buf[this.need(1)], 'bin');
            case 0xc5:
                return this.skip(v.getUint16(this.need(2)), 'bin');
            case 0xc6:
                return this.skip(v.getUint32(this.need(4)), 'bin');
            case 0xc7:
                return this.skip(this.buf[this.need(1)] + 1, 'ext');
            case 0xc8:
                return this.skip(v.getUint16(this.need(2)) + 1, 'ext');
            case 0xc9:
                return this.skip(v.getUint32(this.need(4)) + 1, 'ext');
            case 0xca:
                return this.num(v.getFloat32(this.need(4)));
            case 0xcb:
                return this.num(v.getFloat64(this.need(8)));
            case 0xcc:
                return this.buf[this.need(1)];
            case 0xcd:
                return v.getUint16(this.need(2));
            case 0xce:
                return v.getUint32(this.need(4));
            case 0xcf:
                return this.big(v.getBigUint64(this.need(8)));
            case 0xd0:
                return v.getInt8(this.need(1));
            case 0xd1:
                return v.getInt16(this.need(2));
            case 0xd2:
                return v.getInt32(this.need(4));
            case 0xd3:
                return this.big(v.getBigInt64(this.need(8)));
            case 0xd4:
            case 0xd5:
            case 0xd6:
            case 0xd7:
            case 0xd8:
                return this.skip((1 << (b - 0xd4)) + 1, 'ext');
            case 0xd9:
                return this.str(this.buf[this.need(1)]);
            case 0xda:
                return this.str(v.getUint16(this.need(2)));
            case 0xdb:
                return this.str(v.getUint32(this.need(4)));
            case 0xdc:
                return this.array(v.getUint16(this.need(2)), depth);
            case 0xdd:
                return this.array(v.getUint32(this.need(4)), depth);
            case 0xde:
                return this.map(v.getUint16(this.need(2)), depth);
            case 0xdf:
                return this.map(v.getUint32(this.need(4)), depth);
            default:
                throw new Malformed(`invalid type byte 0x${b.toString(16)}`);
        }
    }
    skip(n, kind) {
        this.need(n);
        return new WrongType(kind);
    }
    str(n) {
        const at = this.need(n);
        const buf = this.buf;
        if (n <= 32) {
            // short ASCII (request and field names, most job names): built here, cheaper than two native calls
            let s = '';
            let i = at;
            for (; i < at + n; i++) {
                const c = buf[i];
                if (c >= 0x80)
                    break;
                s += String.fromCharCode(c);
            }
            if (i === at + n)
                return s;
        }
        const bytes = buf.subarray(at, at + n);
        if (!isUtf8(bytes))
            throw new Malformed('invalid UTF-8 in a string');
        return bytes.toString('utf8');
    }
    /** Each value takes at least one byte: a count beyond the bytes left is a truncated frame (nothing allocated). */
    count(n, perEntry) {
        if (n * perEntry > this.buf.length - this.pos)
            throw new Malformed('truncated data');
    }
    array(n, depth) {
        this.count(n, 1);
        const out = new Array(n);
        for (let i = 0; i < n; i++)
            out[i] = this.value(depth + 1);
        return out;
    }
    map(n, depth) {
        this.count(n, 2);
        const out = Object.create(null);
        let keysOk = true;
        for (let i = 0; i < n; i++) {
            const k = this.value(depth + 1);
            const x = this.value(depth + 1);
            if (typeof k === 'string')
                out[k] = x;
            else
                keysOk = false;
        }
        return keysOk ? out : new WrongType('map');
    }
}
//# sourceMappingURL=msgpack-read.js.map