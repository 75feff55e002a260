import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWallTime } from '../../protocol/walltime.js';
const ZERO = { ok: false, message: 'Wall time must be greater than 0' };
const FORMAT = { ok: false, message: 'Wrong wall time format' };
test('parseWallTime: valid forms', () => {
    const cases = [
        ['30s', 30],
        ['10m', 600],
        ['1h', 3600],
        ['1h30m', 5400],
        ['24h10m5s', 87005],
        ['1h5s', 3605],
        ['0h0m1s', 1],
        ['90m', 5400],
        ['007s', 7],
        ['100h', 360000],
    ];
    for (const [wt, seconds] of cases)
        assert.deepEqual(parseWallTime(wt), { ok: true, seconds }, wt);
});
test('parseWallTime: the longest matching prefix is worth 0 s', () => {
    for (const wt of ['soon', '2', '10:00', '-10s', '0m', '0h0m0s', '', 'h', ' 10m', '5M', '1.5h']) {
        assert.deepEqual(parseWallTime(wt), ZERO, wt);
    }
});
test('parseWallTime: the prefix is not the whole string', () => {
    for (const wt of ['10m later', '1h30', '1h1h', '10s5m', '10m ', '1m2m', '2s1h']) {
        assert.deepEqual(parseWallTime(wt), FORMAT, wt);
    }
});
test('parseWallTime: not a string', () => {
    for (const wt of [10, 1.5, true, null, undefined, ['10m'], { h: 1 }])
        assert.deepEqual(parseWallTime(wt), FORMAT);
});
test('parseWallTime: beyond what Python timedelta holds', () => {
    assert.deepEqual(parseWallTime('99999999999999999999h'), FORMAT);
    assert.deepEqual(parseWallTime('9'.repeat(400) + 's'), FORMAT);
    assert.deepEqual(parseWallTime('0'.repeat(400) + 's'), ZERO);
});
//# sourceMappingURL=walltime.test.js.map