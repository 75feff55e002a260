/**
 * The manager's ordered effects (server/effect-backlog.ts): bulk work goes out in slices, one per event-loop
 * turn, effects that come meanwhile wait behind it in order, and a slice waits while `pace` says the last
 * ones have not gone out yet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EffectBacklog, type Bulk } from '../../server/effect-backlog.js';

/** Bulk work of `n` units that logs `name:i` for each. */
function counting(name: string, n: number, log: string[]): Bulk {
  let i = 0;
  return {
    get left() {
      return n - i;
    },
    step(max) {
      for (let k = 0; k < max && i < n; k++) log.push(`${name}:${i++}`);
      return i < n;
    },
  };
}

const turn = () => new Promise<void>((r) => setImmediate(r));

test('slices of bulk work, one per turn; effects that come meanwhile run after it, in order; drained() at the end', async () => {
  const log: string[] = [];
  const b = new EffectBacklog((e) => assert.fail(String(e)), undefined, 3);
  assert.equal(b.busy, false);
  b.bulk(counting('a', 7, log));
  assert.equal(b.busy, true);
  assert.equal(b.pending, 7);
  b.defer(() => log.push('after a'));
  b.bulk(counting('b', 2, log));
  b.defer(() => log.push('after b'));
  assert.deepEqual(log, [], 'nothing at once');
  await turn();
  assert.deepEqual(log, ['a:0', 'a:1', 'a:2']);
  assert.equal(b.pending, 4 + 1 + 2 + 1);
  await b.drained();
  assert.deepEqual(log, ['a:0', 'a:1', 'a:2', 'a:3', 'a:4', 'a:5', 'a:6', 'after a', 'b:0', 'b:1', 'after b']);
  assert.equal(b.busy, false);
  assert.equal(b.pending, 0);
});

test('a slice waits for pace; an effect that throws is reported and the rest go on', async () => {
  const log: string[] = [];
  const errors: unknown[] = [];
  let gate: { promise: Promise<void>; open: () => void } | null = null;
  const hold = () => {
    let open!: () => void;
    const promise = new Promise<void>((r) => (open = r));
    gate = { promise, open };
  };
  const b = new EffectBacklog((e) => errors.push(e), () => gate?.promise ?? null, 2);
  b.bulk(counting('a', 5, log));
  b.defer(() => {
    throw new Error('boom');
  });
  b.defer(() => log.push('last'));
  await turn();
  assert.deepEqual(log, ['a:0', 'a:1']);
  hold();
  for (let i = 0; i < 5; i++) await turn();
  assert.deepEqual(log, ['a:0', 'a:1'], 'no slice while pace holds');
  const g = gate!;
  gate = null;
  g.open();
  await b.drained();
  assert.deepEqual(log, ['a:0', 'a:1', 'a:2', 'a:3', 'a:4', 'last']);
  assert.equal((errors[0] as Error).message, 'boom');
});
