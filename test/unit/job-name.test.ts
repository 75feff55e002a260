/** `NAME` / `NAME:IDX` in requests (protocol.md §3): what parseJobName takes and refuses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJobName } from '../../server/requests.js';

test('parseJobName: a name, a name with an iteration index (negative too); malformed ones are null', () => {
  assert.deepEqual(parseJobName('sweep'), { name: 'sweep', idx: null });
  assert.deepEqual(parseJobName('__proto__'), { name: '__proto__', idx: null });
  assert.deepEqual(parseJobName('sweep:12'), { name: 'sweep', idx: 12 });
  assert.deepEqual(parseJobName('sweep:-3'), { name: 'sweep', idx: -3 });
  assert.deepEqual(parseJobName('a b:007'), { name: 'a b', idx: 7 });
  for (const bad of ['', ':', ':1', 'sweep:', 'a:b', 'a:1:2', 'a::1', 'a:1.5', 'a:+1', 'a: 1', 'a:1 ']) assert.equal(parseJobName(bad), null, JSON.stringify(bad));
});
