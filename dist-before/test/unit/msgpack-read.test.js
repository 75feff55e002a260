/**
 * The request decoder for MessagePack (protocol/msgpack-read.ts): every MessagePack type against msgpackr's
 * encoder, and each way a frame can be refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Packr } from 'msgpackr';
import { readMsgpack, WrongType } from '../../protocol/msgpack-read.js';
const packr = new Packr({ useRecords: false, moreTypes: false, variableMapSize: true, useFloat32: 0 });
const read = (b) => readMsgpack(b, 64);
const hex = (h) => Buffer.from(h.replace(/ /g, ''), 'hex');
test('every type msgpackr writes reads back to the same value (maps as objects without prototype)', () => {
    const values = [
        0, 1, 127, 128, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER,
        -1, -32, -33, -128, -129, -32768, -32769, -(2 ** 31), -(2 ** 31) - 1, -Number.MAX_SAFE_INTEGER,
        0.5, -1.25, 1.5e-300, null, true, false,
        '', 'a', 'x'.repeat(31), 'x'.repeat(32), 'é'.repeat(40), 'y'.repeat(300), 'z'.repeat(70_000), '😀 ünïcødé',
        [], [1, [2, [3]]], Array.from({ length: 20 }, (_, i) => i), Array.from({ length: 70_000 }, () => 1),
        { a: 1, b: { c: [null, 'd'] } }, Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])),
    ];
    for (const v of values) {
        const r = read(packr.pack(v));
        assert.ok(r.ok, `${JSON.stringify(v)?.slice(0, 40)}: ${!r.ok && r.reason}`);
        // (null-prototype maps: compared through JSON, which keeps every value here)
        assert.deepEqual(JSON.parse(JSON.stringify(r.value)), JSON.parse(JSON.stringify(v)));
        if (typeof v !== 'object')
            assert.equal(r.value, v);
        if (v && typeof v === 'object' && !Array.isArray(v))
            assert.equal(Object.getPrototypeOf(r.value), null);
    }
    assert.deepEqual(read(hex('ca 3f c0 00 00')), { ok: true, value: 1.5 }, 'float32');
    assert.deepEqual(read(hex('d0 ff')), { ok: true, value: -1 }, 'int8');
    assert.deepEqual(read(hex('cf 00 00 00 00 00 00 00 07')), { ok: true, value: 7 }, 'uint64');
    assert.deepEqual(read(hex('d3 ff ff ff ff ff ff ff f9')), { ok: true, value: -7 }, 'int64');
});
test('bin, ext (fixext, ext8/16/32, timestamps) and maps with non-string keys are WrongType values', () => {
    const wrong = (h, kind) => {
        const r = read(hex(`91 ${h}`));
        assert.ok(r.ok, h);
        assert.ok(r.value[0] instanceof WrongType, h);
        assert.equal(r.value[0].kind, kind, h);
    };
    wrong('c4 02 01 02', 'bin');
    wrong('c5 00 01 09', 'bin');
    wrong('c6 00 00 00 00', 'bin');
    for (const h of ['d4 01 00', 'd5 01 00 00', 'd6 ff 00 00 00 00', 'd7 01 00 00 00 00 00 00 00 00', `d8 01 ${'00 '.repeat(16)}`, 'c7 02 05 00 00', 'c8 00 01 05 00', 'c9 00 00 00 00 05'])
        wrong(h, 'ext');
    wrong('81 01 02', 'map');
});
test('refusals: truncated, trailing bytes, invalid type byte, invalid UTF-8, too deep, integers out of range', () => {
    const reason = (b) => {
        const r = read(b);
        assert.equal(r.ok, false);
        return !r.ok && r.reason;
    };
    const full = packr.pack({ request: 'jobStatus', jobNames: ['a', 'b'], x: 1.5 });
    for (let cut = 0; cut < full.length; cut++)
        assert.equal(reason(full.subarray(0, cut)), 'truncated data', `cut at ${cut}`);
    assert.equal(reason(Buffer.concat([full, hex('c0')])), 'unexpected trailing bytes');
    assert.equal(reason(hex('91 c1')), 'invalid type byte 0xc1');
    for (const bad of ['a1 ff', 'a2 c0 80', 'a3 ed a0 80', 'a4 f4 90 80 80', 'a2 e2 82', `d9 28 ${'61 '.repeat(39)}ff`])
        assert.equal(reason(hex(bad)), 'invalid UTF-8 in a string', bad);
    assert.equal(reason(Buffer.concat([Buffer.alloc(65, 0x91), hex('c0')])), 'too deep');
    assert.ok(read(Buffer.concat([Buffer.alloc(64, 0x91), hex('c0')])).ok, '64 levels are fine');
    assert.equal(reason(Buffer.concat([Buffer.alloc(100_000, 0x91), hex('c0')])), 'too deep', 'no stack overflow');
    assert.equal(reason(hex('dd ff ff ff ff')), 'truncated data', 'a huge count is refused before anything is allocated');
    assert.equal(reason(hex('df ff ff ff ff')), 'truncated data');
    assert.equal(reason(hex('cf 00 20 00 00 00 00 00 00')), 'integer out of range', '2^53');
    assert.equal(reason(hex('d3 ff e0 00 00 00 00 00 00')), 'integer out of range', '-2^53');
    assert.equal(reason(packr.pack(1e300)), 'integer out of range', 'an integral float beyond 2^53');
    assert.equal(reason(hex('92 cf 00 20 00 00 00 00 00 00')), 'truncated data', 'a broken frame is reported as broken first');
});
//# sourceMappingURL=msgpack-read.test.js.map