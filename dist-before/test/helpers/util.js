/** Small shared utilities of the end-to-end tests. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/**
 * Poll `pred` (every `intervalMs`) until it returns a truthy value; returns that value. Throws after
 * `timeoutMs` (a hang guard, never a timing assertion).
 */
export async function waitFor(pred, timeoutMs = 30_000, what = 'condition', intervalMs = 50) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const v = await pred();
        if (v)
            return v;
        if (Date.now() > deadline)
            throw new Error(`timeout (${timeoutMs} ms) waiting for ${what}`);
        await sleep(intervalMs);
    }
}
/** `H:MM:SS.ffffff`, optionally with a `<d> day(s), ` prefix (jobs.md §9). */
export const RTIME_RE = /^(\d+ days?, )?\d+:\d\d:\d\d\.\d{6}$/;
/** `\n<YYYY-MM-DD HH:MM:SS.ffffff>: <STATE>` repeated (jobs.md §9). */
export const HISTORY_RE = /^(\n\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}: [A-Z]+)+$/;
export const TIMESTAMP_RE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/;
/** The states of a history string, in order; asserts the format and non-decreasing timestamps. */
export function historyStates(history) {
    assert.equal(typeof history, 'string', `history must be a string, got ${JSON.stringify(history)}`);
    const h = history;
    assert.match(h, HISTORY_RE);
    const lines = h.split('\n').slice(1);
    const stamps = lines.map((l) => l.slice(0, 26));
    for (let i = 1; i < stamps.length; i++)
        assert.ok(stamps[i - 1] <= stamps[i], `history timestamps decrease: ${JSON.stringify(h)}`);
    return lines.map((l) => l.slice(28));
}
/** Assert the exact key order of an object. */
export function assertKeys(obj, keys, what = 'object') {
    assert.ok(typeof obj === 'object' && obj !== null && !Array.isArray(obj), `${what} must be an object: ${JSON.stringify(obj)}`);
    assert.deepEqual(Object.keys(obj), keys, `${what} keys (in order) of ${JSON.stringify(obj)}`);
}
/** Deep equality that also requires the same key order in every object. */
export function assertSameOrdered(actual, expected, where = '$') {
    assert.deepStrictEqual(actual, expected, where);
    const walk = (a, e, at) => {
        if (Array.isArray(a) && Array.isArray(e))
            a.forEach((x, i) => walk(x, e[i], `${at}[${i}]`));
        else if (a && e && typeof a === 'object' && typeof e === 'object') {
            assert.deepEqual(Object.keys(a), Object.keys(e), `key order at ${at}`);
            for (const k of Object.keys(e))
                walk(a[k], e[k], `${at}.${k}`);
        }
    };
    walk(actual, expected, where);
}
/** Runtime of a final job or iteration (jobs.md §9): key order and formats. */
export function assertFinalRuntime(rt, expect = {}) {
    assertKeys(rt, ['allocation', 'wd', 'rtime', 'exit_code', 'pid', 'pname'], 'runtime');
    const r = rt;
    for (const [k, v] of Object.entries(r))
        assert.equal(typeof v, 'string', `runtime.${k} must be a string`);
    assert.match(r.allocation, /^[^[\],]+\[[^\]]+\](,[^[\],]+\[[^\]]+\])*$/);
    assert.match(r.rtime, RTIME_RE);
    assert.match(r.exit_code, /^-?\d+$/);
    assert.match(r.pid, /^(-1|\d+)$/);
    for (const [k, v] of Object.entries(expect))
        assert.equal(r[k], v, `runtime.${k}`);
    return r;
}
/** Python's json.dumps with default separators (`", "`, `": "`), for event bodies. */
export function pyJson(v) {
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return `[${v.map(pyJson).join(', ')}]`;
    if (typeof v === 'object') {
        return `{${Object.entries(v)
            .map(([k, x]) => `${JSON.stringify(k)}: ${pyJson(x)}`)
            .join(', ')}}`;
    }
    if (typeof v === 'string')
        return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return JSON.stringify(v);
}
/** Expected event frame text (protocol.md §5). */
export function ev(topic, manager, job, state, it) {
    const body = { manager, job, state };
    if (it !== undefined)
        body.it = it;
    return `${topic} ${pyJson(body)}`;
}
export const noj = (manager) => `NOJ ${pyJson({ manager })}`;
export function readText(p) {
    return fs.readFileSync(p, 'utf8');
}
/** Walk one MessagePack value; returns the set of kinds used and the kind of every map value by path. */
export function msgpackKinds(buf) {
    const kinds = new Set();
    const byPath = new Map();
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let pos = 0;
    const u8 = () => buf[pos++];
    const take = (n) => {
        const s = buf.subarray(pos, pos + n);
        pos += n;
        return s;
    };
    const str = (n) => Buffer.from(take(n)).toString('utf8');
    const len = (bytes) => {
        const v = bytes === 1 ? dv.getUint8(pos) : bytes === 2 ? dv.getUint16(pos) : dv.getUint32(pos);
        pos += bytes;
        return v;
    };
    const val = (at) => {
        const b = u8();
        let k;
        let out = undefined;
        if (b <= 0x7f || b >= 0xe0) {
            k = 'int';
        }
        else if (b >= 0x80 && b <= 0x8f) {
            k = 'map';
            out = mapOf(b & 0x0f, at);
        }
        else if (b >= 0x90 && b <= 0x9f) {
            k = 'array';
            arrOf(b & 0x0f, at);
        }
        else if (b >= 0xa0 && b <= 0xbf) {
            k = 'str';
            out = str(b & 0x1f);
        }
        else {
            switch (b) {
                case 0xc0:
                    k = 'nil';
                    break;
                case 0xc2:
                case 0xc3:
                    k = 'bool';
                    break;
                case 0xc4:
                    k = 'bin';
                    take(len(1));
                    break;
                case 0xc5:
                    k = 'bin';
                    take(len(2));
                    break;
                case 0xc6:
                    k = 'bin';
                    take(len(4));
                    break;
                case 0xc7:
                    k = 'ext';
                    take(len(1) + 1);
                    break;
                case 0xc8:
                    k = 'ext';
                    take(len(2) + 1);
                    break;
                case 0xc9:
                    k = 'ext';
                    take(len(4) + 1);
                    break;
                case 0xca:
                    k = 'float';
                    take(4);
                    break;
                case 0xcb:
                    k = 'float';
                    take(8);
                    break;
                case 0xcc:
                case 0xd0:
                    k = 'int';
                    take(1);
                    break;
                case 0xcd:
                case 0xd1:
                    k = 'int';
                    take(2);
                    break;
                case 0xce:
                case 0xd2:
                    k = 'int';
                    take(4);
                    break;
                case 0xcf:
                case 0xd3:
                    k = 'int';
                    take(8);
                    break;
                case 0xd4:
                    k = 'ext';
                    take(2);
                    break;
                case 0xd5:
                    k = 'ext';
                    take(3);
                    break;
                case 0xd6:
                    k = 'ext';
                    take(5);
                    break;
                case 0xd7:
                    k = 'ext';
                    take(9);
                    break;
                case 0xd8:
                    k = 'ext';
                    take(17);
                    break;
                case 0xd9:
                    k = 'str';
                    out = str(len(1));
                    break;
                case 0xda:
                    k = 'str';
                    out = str(len(2));
                    break;
                case 0xdb:
                    k = 'str';
                    out = str(len(4));
                    break;
                case 0xdc:
                    k = 'array';
                    arrOf(len(2), at);
                    break;
                case 0xdd:
                    k = 'array';
                    arrOf(len(4), at);
                    break;
                case 0xde:
                    k = 'map';
                    mapOf(len(2), at);
                    break;
                case 0xdf:
                    k = 'map';
                    mapOf(len(4), at);
                    break;
                default: throw new Error(`invalid MessagePack byte 0x${b.toString(16)} at ${pos - 1}`);
            }
        }
        kinds.add(k);
        byPath.set(at, k);
        return out;
    };
    const arrOf = (n, at) => {
        for (let i = 0; i < n; i++)
            val(`${at}[${i}]`);
    };
    const mapOf = (n, at) => {
        for (let i = 0; i < n; i++) {
            const kb = buf[pos];
            const key = val(`${at}.<key>`);
            if (typeof key !== 'string')
                throw new Error(`map key at ${at} is not a string (0x${kb.toString(16)})`);
            val(`${at}.${key}`);
        }
        return undefined;
    };
    val('$');
    return { kinds, byPath, end: pos };
}
/** mulberry32: a small seeded pseudo-random generator, values in [0, 1) (tests that print their seed). */
export function seededRandom(seed) {
    let s = seed >>> 0;
    return () => {
        s = (s + 0x6d2b79f5) >>> 0;
        let t = s;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
//# sourceMappingURL=util.js.map