import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDateTime, formatTime, substitute, substituteDeep } from '../../protocol/placeholders.js';
const vars = { name: 'N', it: '7', a: 'A', _x1: 'X', empty: '' };
test('substitute: $name and ${name} are replaced when known', () => {
    assert.equal(substitute('$name', vars), 'N');
    assert.equal(substitute('${name}', vars), 'N');
    assert.equal(substitute('x-${it}-y', vars), 'x-7-y');
    assert.equal(substitute('$_x1/$a', vars), 'X/A');
    assert.equal(substitute('[$empty]', vars), '[]');
    assert.equal(substitute('${a}b', vars), 'Ab');
    assert.equal(substitute('$a-b', vars), 'A-b');
});
test('substitute: unknown names are left as they are', () => {
    assert.equal(substitute('$HOME/${it}', vars), '$HOME/7');
    assert.equal(substitute('${unknown}', vars), '${unknown}');
    // the identifier is the longest run of name characters: $namex is unknown
    assert.equal(substitute('$namex', vars), '$namex');
    assert.equal(substitute('$Name', vars), '$Name'); // case-sensitive
});
test('substitute: $$ becomes $, other $ stay', () => {
    assert.equal(substitute('$$', vars), '$');
    assert.equal(substitute('$$$$', vars), '$$');
    assert.equal(substitute('$$name', vars), '$name');
    assert.equal(substitute('$${it}', vars), '${it}');
    assert.equal(substitute('$$$name', vars), '$N');
    assert.equal(substitute('$', vars), '$');
    assert.equal(substitute('a$', vars), 'a$');
    assert.equal(substitute('$1', vars), '$1');
    assert.equal(substitute('$ name', vars), '$ name');
    assert.equal(substitute('${name', vars), '${name');
    assert.equal(substitute('${ name}', vars), '${ name}');
    assert.equal(substitute('${}', vars), '${}');
    assert.equal(substitute('$-', vars), '$-');
    assert.equal(substitute('cost: 5$ or $(date)', vars), 'cost: 5$ or $(date)');
    assert.equal(substitute('', vars), '');
    assert.equal(substitute('no dollars', vars), 'no dollars');
});
test('substitute: identifiers are ASCII only', () => {
    assert.equal(substitute('$é', { é: 'x' }), '$é');
    assert.equal(substitute('$aé', vars), 'Aé');
});
test('substitute: no names from the object prototype', () => {
    assert.equal(substitute('$constructor ${toString} $__proto__', {}), '$constructor ${toString} $__proto__');
});
test('substitute: a function as the lookup', () => {
    const seen = [];
    const fn = (n) => {
        seen.push(n);
        return n === 'it' ? '3' : undefined;
    };
    assert.equal(substitute('${it}:$it:$other:$$it', fn), '3:3:$other:$it');
    assert.deepEqual(seen, ['it', 'it', 'other']);
});
test('substitute: values are inserted literally (no re-substitution, no replacement patterns)', () => {
    assert.equal(substitute('$a', { a: '$name' }), '$name');
    assert.equal(substitute('$a', { a: "$& $' $1" }), "$& $' $1");
});
test('substituteDeep: every string value, never keys, input untouched', () => {
    const input = {
        '$name': 'v-$name',
        list: ['$it', 1, true, null, { deep: '${a}' }],
        n: 2.5,
        nested: { '${a}': ['$$'] },
    };
    const copy = structuredClone(input);
    const out = substituteDeep(input, vars);
    assert.deepEqual(out, {
        '$name': 'v-N',
        list: ['7', 1, true, null, { deep: 'A' }],
        n: 2.5,
        nested: { '${a}': ['$'] },
    });
    assert.deepEqual(input, copy);
    assert.equal(substituteDeep('$a', vars), 'A');
    assert.equal(substituteDeep(5, vars), 5);
    assert.equal(substituteDeep(null, vars), null);
});
test('substituteDeep: a __proto__ key stays an own key', () => {
    const input = JSON.parse('{"__proto__": {"x": "$a"}, "y": "$a"}');
    const out = substituteDeep(input, vars);
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.keys(out), ['__proto__', 'y']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(out, '__proto__')?.value, { x: 'A' });
});
test('formatDateTime / formatTime: local time, 6 fraction digits', () => {
    const d = new Date(2024, 0, 2, 3, 4, 5, 6);
    assert.equal(formatDateTime(d), '2024-01-02 03:04:05.006000');
    assert.equal(formatTime(d), '03:04:05.006000');
    assert.equal(formatDateTime(d, 123456), '2024-01-02 03:04:05.123456');
    assert.equal(formatTime(d, 7), '03:04:05.000007');
    const late = new Date(1999, 11, 31, 23, 59, 59, 999);
    assert.equal(formatDateTime(late), '1999-12-31 23:59:59.999000');
    assert.match(formatDateTime(new Date()), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
});
//# sourceMappingURL=placeholders.test.js.map