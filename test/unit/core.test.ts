/**
 * The scheduling core on its own, driven by the simulator (virtual time, no processes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulator } from '../helpers/simulator.js';
import type { ImplicitRange } from '../../server/core/job.js';
import { parseNodeList } from '../../server/core/resources.js';
import { CHAIN_DEPTH } from '../../server/core/core.js';

const ms = 1000;

test('FIFO first fit: allocation strings take the lowest free core ids, node by node', async () => {
  const sim = new Simulator([{ name: 'a', cores: 2 }, { name: 'b', cores: 3 }], () => ({ durationUs: 10 * ms }));
  sim.submit({ name: 'one' }, { name: 'three', resources: { numCores: { exact: 3 } } }, { name: 'rest', resources: { numCores: { exact: 1 } } });
  const alloc = (n: string) => sim.core.jobs.get(n)!.task!.runtime?.allocation;
  assert.equal(alloc('one'), 'a[0]');
  assert.equal(alloc('three'), 'a[1],b[0:1]');
  assert.equal(alloc('rest'), 'b[2]');
  await sim.run();
  assert.deepEqual([...sim.core.jobs.values()].map((j) => j.state), ['SUCCEED', 'SUCCEED', 'SUCCEED']);
  assert.equal(sim.core.pool.usedCores, 0);
});

test('a job without iterations publishes SCHEDULED, EXECUTING, final, JFI, then NOJ', async () => {
  const sim = new Simulator([{ name: 'n0', cores: 4 }]);
  sim.submit({ name: 'date' });
  await sim.run();
  assert.deepEqual(sim.events, [
    'JST {"manager":"sim","job":"date","state":"SCHEDULED"}',
    'JST {"manager":"sim","job":"date","state":"EXECUTING"}',
    'JST {"manager":"sim","job":"date","state":"SUCCEED"}',
    'JFI {"manager":"sim","job":"date","state":"SUCCEED"}',
    'NOJ {"manager":"sim"}',
  ]);
});

test('parallelism never exceeds the cores, for 20 000 jobs of mixed sizes', async () => {
  const sim = new Simulator([{ name: 'n0', cores: 4 }, { name: 'n1', cores: 4 }], (cmd) => ({ durationUs: (1 + (cmd.args.length % 7)) * ms }));
  const jobs = Array.from({ length: 20_000 }, (_, i) => ({
    name: `j${i}`,
    execution: { exec: '/bin/true', args: Array.from({ length: i % 5 }, () => 'x'), env: {} },
    resources: { numCores: { exact: 1 + (i % 3) } },
  }));
  sim.submit(...jobs);
  await sim.run();
  assert.equal(sim.done.length, 20_000);
  assert.ok(sim.peakCores() <= 8, `peak ${sim.peakCores()} cores`);
  assert.ok(sim.core.allJobsFinished);
  assert.equal(sim.events.filter((e) => e.startsWith('JFI')).length, 20_000);
  assert.equal(sim.events.filter((e) => e.startsWith('NOJ')).length, 1);
});

test('a large job is not starved by a stream of small ones (reservation)', async () => {
  const sim = new Simulator([{ name: 'n0', cores: 4 }], () => ({ durationUs: 10 * ms }));
  sim.submit({ name: 's0' }, { name: 's1' }); // 2 cores busy
  sim.submit({ name: 'big', resources: { numCores: { exact: 4 } } });
  // a stream of small jobs keeps arriving while big waits
  for (let i = 0; i < 50; i++) {
    sim.submit({ name: `late${i}` });
    await sim.run(sim.now + 2 * ms);
  }
  await sim.run();
  const started = (n: string) => sim.done.find((t) => t.label === n)!.start;
  for (let i = 0; i < 50; i++) assert.ok(started('big') <= started(`late${i}`), `late${i} started before big`);
});

test('dependencies: chain order, OMITTED propagation, unknown job', async () => {
  const sim = new Simulator([{ name: 'n0', cores: 4 }], (cmd) => ({ durationUs: ms, exitCode: cmd.args[0] === 'fail' ? 1 : 0 }));
  sim.submit(
    { name: 'a' },
    { name: 'b', dependencies: { after: ['a'] } },
    { name: 'c', dependencies: { after: ['b'] } },
    { name: 'bad', execution: { exec: '/bin/false', args: ['fail'], env: {} } },
    { name: 'd1', dependencies: { after: ['bad'] } },
    { name: 'd2', dependencies: { after: ['d1'] } },
    { name: 'orphan', dependencies: { after: ['ghost'] } },
  );
  await sim.run();
  const st = (n: string) => sim.core.jobs.get(n)!.state;
  assert.equal(st('c'), 'SUCCEED');
  assert.equal(st('bad'), 'FAILED');
  assert.equal(st('d1'), 'OMITTED');
  assert.equal(st('d2'), 'OMITTED');
  assert.equal(st('orphan'), 'OMITTED');
  const end = (n: string) => sim.done.find((t) => t.label === n)!;
  assert.ok(end('a').end <= end('b').start && end('b').end <= end('c').start);
  assert.equal(sim.core.jobs.get('orphan')!.task!.runtime, undefined);
});

test('iterations are generated lazily: 1 000 000 declared iterations cost nothing until started', async () => {
  const sim = new Simulator([{ name: 'n0', cores: 2 }], () => ({ durationUs: ms }));
  sim.submit({ name: 'sweep', iteration: { start: 0, stop: 1_000_000 } });
  const job = sim.core.jobs.get('sweep')!;
  assert.equal(job.iterations!.size, 2, 'only the two started iterations have records');
  assert.equal(job.state, 'QUEUED');
  await sim.run(sim.now + 10 * ms);
  assert.equal(job.state, 'EXECUTING');
  assert.ok(job.iterations!.size <= 22 + 2 * CHAIN_DEPTH, `${job.iterations!.size} records`); // 20 ended, 2 running, chained ones
  assert.equal(sim.core.cancelJob(job), null);
  await sim.run();
  assert.equal(job.state, 'CANCELED');
  assert.equal(job.finishedCount, 1_000_000);
  assert.equal(sim.events.filter((e) => e.startsWith('IFI')).length, 1_000_000);
  assert.equal(sim.events.at(-1), 'NOJ {"manager":"sim"}');
});

test('a whole-job cancel is one change: the iterations without a record go to implicitFinal as one range, in pieces, skipping those with one; per-iteration dependants are omitted', async () => {
  const ranges: ImplicitRange[] = [];
  const sim = new Simulator([{ name: 'n0', cores: 1 }], () => ({ durationUs: 1000 * ms }), Math.random, undefined, { implicitFinal: (r) => ranges.push(r) });
  sim.submit({ name: 'hold' }, { name: 'sweep', iteration: { start: 10, stop: 1_000_010 } }, { name: 'dep', iteration: { start: 0, stop: 20 }, dependencies: { after: ['sweep:${it}'] } });
  const job = sim.core.jobs.get('sweep')!;
  assert.equal(sim.core.cancelTask(job, 13, 'sweep:13'), null);
  assert.equal(sim.core.cancelTask(job, 17, 'sweep:17'), null);
  sim.events.length = 0;
  assert.equal(sim.core.cancelJob(job), null);
  assert.equal(job.state, 'CANCELED', 'final at once');
  assert.equal(job.finishedCount, 1_000_000);
  assert.equal(ranges.length, 1);
  assert.equal(ranges[0].left, 1_000_000 - 2);
  // no per-iteration event at the cancel: those are the range's (the edge hands them out)
  assert.ok(!sim.events.some((e) => e.includes('"job":"sweep"') && e.startsWith('I')), sim.events.join('\n'));
  assert.deepEqual(sim.events.filter((e) => e.includes('"job":"sweep"')), ['JST {"manager":"sim","job":"sweep","state":"CANCELED"}', 'JFI {"manager":"sim","job":"sweep","state":"CANCELED"}']);
  // dep:i waits for sweep:i: those in the sweep's range (10..19) are omitted now, the rest (0..9) have no such iteration
  const dep = sim.core.jobs.get('dep')!;
  assert.equal(dep.state, 'FAILED', 'iterations omitted one by one: the job FAILED (jobs.md §8)');
  for (let i = 0; i < 20; i++) assert.equal(dep.iterationState(i), 'OMITTED', `dep:${i}`);
  const taken: number[] = [];
  let more = true;
  for (let piece = 0; more; piece++) {
    more = ranges[0].take(piece === 0 ? 5 : 300_000, (i) => taken.push(i));
    if (piece === 0) assert.deepEqual(taken, [10, 11, 12, 14, 15], 'in order, skipping iterations with a record');
  }
  assert.equal(taken.length, 1_000_000 - 2);
  assert.equal(ranges[0].left, 0);
  assert.ok(taken.every((v, i) => i === 0 || v > taken[i - 1]) && !taken.includes(17) && taken.at(-1) === 1_000_009);
});

test('an iterative job: IST/IFI per iteration, JST EXECUTING after the first, true final state', async () => {
  const sim = new Simulator([{ name: 'n0', cores: 4 }], (cmd) => ({ durationUs: cmd.args[0] === '1' ? ms : 2 * ms, exitCode: cmd.args[0] === '1' ? 1 : 0 }));
  sim.submit({ name: 'pair', iteration: { start: 0, stop: 2 }, execution: { exec: '/bin/sh', args: ['${it}'], env: {} } });
  await sim.run();
  assert.deepEqual(sim.events, [
    'IST {"manager":"sim","job":"pair","state":"SCHEDULED","it":0}',
    'IST {"manager":"sim","job":"pair","state":"SCHEDULED","it":1}',
    'IST {"manager":"sim","job":"pair","state":"EXECUTING","it":0}',
    'JST {"manager":"sim","job":"pair","state":"EXECUTING"}',
    'IST {"manager":"sim","job":"pair","state":"EXECUTING","it":1}',
    'IST {"manager":"sim","job":"pair","state":"FAILED","it":1}',
    'IFI {"manager":"sim","job":"pair","state":"FAILED","it":1}',
    'IST {"manager":"sim","job":"pair","state":"SUCCEED","it":0}',
    'IFI {"manager":"sim","job":"pair","state":"SUCCEED","it":0}',
    'JST {"manager":"sim","job":"pair","state":"FAILED"}',
    'JFI {"manager":"sim","job":"pair","state":"FAILED"}',
    'NOJ {"manager":"sim"}',
  ]);
});

test('cancel: queued at once, running when it exits; errors for final and repeated cancels', async () => {
  const sim = new Simulator([{ name: 'n0', cores: 1 }], () => ({ durationUs: 100 * ms }));
  sim.submit({ name: 'run' }, { name: 'wait' });
  const run = sim.core.jobs.get('run')!;
  const wait = sim.core.jobs.get('wait')!;
  assert.equal(sim.core.cancelJob(wait), null);
  assert.equal(wait.state, 'CANCELED');
  assert.equal(sim.core.cancelJob(wait), 'Job wait already finished (CANCELED)');
  await sim.run(sim.now + ms);
  assert.equal(sim.core.cancelJob(run), null);
  assert.equal(run.state, 'EXECUTING');
  assert.equal(sim.core.cancelJob(run), 'Job run already canceled');
  await sim.run();
  assert.equal(run.state, 'CANCELED');
  assert.equal(run.task!.runtime!.exit_code, '-15');
});

test('backfill: a short job with a wall time runs before the blocked job can start; a long one waits', async () => {
  const sim = new Simulator([{ name: 'n0', cores: 4 }], (cmd) => ({ durationUs: Number(cmd.args[0] ?? 10) * ms }));
  const wt = (s: number) => ({ numCores: { exact: 1 }, wt: `${s}s`, wtSeconds: s });
  // two running 1-core jobs with a 10 s wall time: the 4-core job can start in 10 s at the latest
  sim.submit({ name: 'r0', resources: wt(10), execution: { exec: 'x', args: ['100'], env: {} } });
  sim.submit({ name: 'r1', resources: wt(10), execution: { exec: 'x', args: ['100'], env: {} } });
  sim.submit({ name: 'big', resources: { numCores: { exact: 4 } } });
  sim.submit({ name: 'short', resources: wt(5), execution: { exec: 'x', args: ['50'], env: {} } });
  sim.submit({ name: 'long', resources: wt(20), execution: { exec: 'x', args: ['50'], env: {} } });
  sim.submit({ name: 'unknown' });
  const state = (n: string) => sim.core.jobs.get(n)!.state;
  assert.equal(state('short'), 'SCHEDULED', 'ends before the reservation: backfilled');
  assert.equal(state('long'), 'QUEUED', 'would delay the reserved job');
  assert.equal(state('unknown'), 'QUEUED', 'no wall time: cannot prove it ends in time');
  await sim.run();
  const t = (n: string) => sim.done.find((x) => x.label === n)!;
  assert.ok(t('big').start <= t('long').start && t('big').start <= t('unknown').start);
  assert.ok(sim.peakCores() <= 4);
});

test('a blocked whole-node job holds the nodes it will take and starts before later jobs', async () => {
  const sim = new Simulator([{ name: 'a', cores: 2 }, { name: 'b', cores: 2 }, { name: 'c', cores: 2 }], () => ({ durationUs: 10 * ms }));
  sim.submit({ name: 'busyA' }, { name: 'busyB' }); // a[0], a[1]: node a is busy
  sim.submit({ name: 'twoNodes', resources: { numNodes: { exact: 3 } } });
  sim.submit({ name: 'small' });
  const alloc = (n: string) => sim.core.jobs.get(n)!.task!.runtime?.allocation;
  assert.equal(sim.core.jobs.get('twoNodes')!.state, 'QUEUED');
  assert.equal(alloc('small'), undefined, 'nodes b and c are held for the 3-node job, a is full');
  await sim.run();
  const t = (n: string) => sim.done.find((x) => x.label === n)!;
  assert.ok(t('twoNodes').start <= t('small').start);
});

test('consumable resources: nodes declare gpu/mem; jobs take them per node and wait when they are taken', async () => {
  const nodes = parseNodeList('g1:4:gpu=2,g2:4:gpu=1,plain:4');
  assert.deepEqual(nodes[0], { name: 'g1', cores: 4, crs: { gpu: 2 } });
  const sim = new Simulator(nodes, () => ({ durationUs: 10 * ms }));
  const gpuJob = (name: string, gpu: number) => ({ name, resources: { numNodes: { exact: 1 }, numCores: { exact: 1 }, nodeCrs: { gpu } } });
  sim.submit(gpuJob('two', 2), gpuJob('one', 1), gpuJob('wait', 1), gpuJob('toomany', 3));
  sim.submit({ name: 'nonodes', resources: { numCores: { exact: 1 }, nodeCrs: { gpu: 1 } } });
  const job = (n: string) => sim.core.jobs.get(n)!;
  assert.equal(job('two').task!.runtime!.allocation, 'g1[0]');
  assert.equal(job('one').task!.runtime!.allocation, 'g2[0]');
  assert.equal(job('wait').state, 'QUEUED', 'every GPU is taken');
  assert.equal(job('toomany').state, 'FAILED');
  assert.equal(job('toomany').messages?.[0], 'CR GPU exceeds maximum available resources on node (2)');
  assert.equal(job('nonodes').messages?.[0], 'Number of nodes is required when CR are used');
  await sim.run();
  assert.equal(job('wait').state, 'SUCCEED');
  assert.deepEqual(sim.core.pool.nodes.map((n) => n.crFree), [{ gpu: 2 }, { gpu: 1 }, {}]);
});

test('a node taken offline keeps its running tasks, gets no new ones, and takes work again when back online', async () => {
  const sim = new Simulator([{ name: 'a', cores: 2 }, { name: 'b', cores: 2 }], () => ({ durationUs: 10 * ms }));
  const pool = sim.core.pool;
  sim.submit({ name: 'onA' }, { name: 'onA2' }, { name: 'onB' }); // a[0], a[1], b[0]
  const alloc = (n: string) => sim.core.jobs.get(n)!.task!.runtime?.allocation;
  assert.deepEqual(['onA', 'onA2', 'onB'].map(alloc), ['a[0]', 'a[1]', 'b[0]']);
  await new Promise((r) => setImmediate(r)); // the 'started' reports
  sim.core.setNodeOnline('b', false);
  assert.equal(pool.freeCores, 0, 'the free core of b is not allocatable');
  assert.equal(pool.usedCores, 3);
  assert.equal(sim.core.jobs.get('onB')!.state, 'EXECUTING', 'running tasks on the offline node are untouched');
  sim.submit({ name: 'later' }, { name: 'whole', resources: { numNodes: { exact: 1 } } });
  await sim.run(sim.now + 10 * ms); // the tasks on a and b end; b's cores stay out of scheduling
  assert.equal(sim.core.jobs.get('onB')!.state, 'SUCCEED', 'a task on an offline node still reports its end');
  assert.equal(alloc('later'), 'a[0]', 'new work goes to the online node only');
  assert.equal(alloc('whole'), undefined, 'a whole-node job waits: a is partly busy, b is offline');
  assert.equal(pool.freeCores, 1);
  await sim.run(sim.now + 5 * ms);
  assert.equal(alloc('whole'), undefined, 'still nothing on b');
  sim.core.setNodeOnline(1, true);
  assert.equal(alloc('whole'), 'b[0:1]', 'back online: b takes the waiting job at once');
  await sim.run();
  assert.ok(sim.done.every((t) => !t.allocation.startsWith('b') || t.label === 'onB' || t.label === 'whole'));
  assert.ok(sim.core.allJobsFinished);
  assert.equal(pool.freeCores, 4);
  assert.throws(() => sim.core.setNodeOnline('nope', false), /no node nope/);
});

test('a job that only fits with an offline node waits without a reservation; backfilling ignores offline cores', async () => {
  const sim = new Simulator([{ name: 'a', cores: 1 }, { name: 'b', cores: 1 }], (cmd) => ({ durationUs: (cmd.args[0] === 'long' ? 100 : 10) * ms }));
  sim.submit({ name: 'onA', execution: { exec: '/bin/true', args: ['long'], env: {} }, resources: { numCores: { exact: 1 }, wt: '200s' } });
  sim.submit({ name: 'onB', resources: { numCores: { exact: 1 }, wt: '20s' } });
  sim.core.setNodeOnline('b', false);
  // needs 2 cores, more than the online nodes have: it waits for b without holding up the jobs behind it
  sim.submit({ name: 'big', resources: { numCores: { exact: 2 } } });
  sim.submit({ name: 'short', resources: { numCores: { exact: 1 }, wt: '50s' } });
  await sim.run(sim.now + 150 * ms);
  assert.equal(sim.core.jobs.get('big')!.state, 'QUEUED', 'b is offline: 2 cores never come together');
  assert.equal(sim.core.jobs.get('short')!.state, 'SUCCEED', 'a job behind it runs on a once a is free');
  sim.core.setNodeOnline('b', true);
  await sim.run();
  assert.equal(sim.core.jobs.get('big')!.state, 'SUCCEED');
});

// ---- chained launches (Core.chainTasks) -----------------------------------------------------------------

test('short tasks are chained: the next task is handed over before the cores free, never more than the cores run', async () => {
  const sim = new Simulator([{ name: 'n0', cores: 2 }], () => ({ durationUs: ms }));
  sim.submit(...Array.from({ length: 200 }, (_, i) => ({ name: `j${i}` })));
  sim.submit({ name: 'sweep', iteration: { start: 0, stop: 200 } });
  await sim.run();
  assert.ok(sim.chained > 300, `${sim.chained} of 400 launches chained`);
  assert.equal(sim.peakCores(), 2);
  assert.ok([...sim.core.jobs.values()].every((j) => j.state === 'SUCCEED'));
  // FIFO: jobs start in submission order, the sweep after them, its iterations in order
  const starts = sim.done.map((t) => t.start);
  const labels = sim.done.slice().sort((a, b) => a.start - b.start || a.id - b.id).map((t) => t.label);
  assert.deepEqual(labels, [...Array.from({ length: 200 }, (_, i) => `j${i}`), ...Array.from({ length: 200 }, (_, i) => `sweep:${i}`)]);
  assert.equal(starts.length, 400);
  assert.equal(sim.core.pool.usedCores, 0);
});

test('long tasks are not chained (the queue keeps its plain look)', async () => {
  const sim = new Simulator([{ name: 'n0', cores: 2 }], () => ({ durationUs: 200 * ms }));
  sim.submit(...Array.from({ length: 20 }, (_, i) => ({ name: `j${i}` })));
  await sim.run(sim.now + 500 * ms);
  assert.equal(sim.chained, 0);
  assert.equal(sim.core.jobs.get('j9')!.state, 'QUEUED');
  await sim.run();
  assert.equal(sim.chained, 0);
});

test('cancelling a chained task: CANCELED at once, never started; its cores stay with the task it followed', async () => {
  const sim = new Simulator([{ name: 'n0', cores: 1 }], (cmd) => ({ durationUs: cmd.args[0] === 'long' ? 100 * ms : ms }));
  sim.submit({ name: 'warm' });
  await sim.run(); // one short task ended: chaining is on
  sim.submit({ name: 'long', execution: { exec: '/bin/sleep', args: ['long'], env: {} } }, { name: 'next' }, { name: 'third' });
  const next = sim.core.jobs.get('next')!;
  assert.equal(sim.held.size, 2, 'next is chained behind long, third behind next');
  assert.equal(next.state, 'QUEUED', 'a chained task looks queued');
  assert.equal(next.task!.runtime, undefined);
  assert.equal(sim.core.cancelJob(next), null);
  assert.equal(next.state, 'CANCELED', 'at once, like any queued job');
  assert.deepEqual([...sim.held.values()].map((h) => sim.core.taskOf(h.id)?.label), ['third'], 'next dropped by the executor');
  await sim.run();
  assert.equal(next.state, 'CANCELED');
  assert.ok(!sim.done.some((t) => t.label === 'next'), 'never started');
  assert.equal(sim.core.jobs.get('third')!.state, 'SUCCEED');
  assert.equal(sim.peakCores(), 1);
  assert.equal(sim.core.pool.usedCores, 0);
});

test('jobs with other shapes are not chained; a blocked bigger job keeps its reservation', async () => {
  const sim = new Simulator([{ name: 'n0', cores: 2 }], () => ({ durationUs: ms }));
  sim.submit({ name: 'warm' });
  await sim.run();
  sim.submit({ name: 'a' }, { name: 'b' }, { name: 'big', resources: { numCores: { exact: 2 } } }, { name: 'c' }, { name: 'd' });
  await sim.run();
  const start = (n: string) => sim.done.find((t) => t.label === n)!.start;
  assert.ok(start('big') <= start('c') && start('big') <= start('d'), 'c and d did not pass big');
  assert.equal(sim.peakCores(), 2);
});

test('nothing is chained onto a node whose executor cannot hold a launch (SSH plain mode)', async () => {
  const sim = new Simulator([{ name: 'a', cores: 1 }, { name: 'plain', cores: 1 }], () => ({ durationUs: ms }), Math.random, (node) => node === 0);
  sim.submit(...Array.from({ length: 100 }, (_, i) => ({ name: `j${i}` })));
  await sim.run();
  assert.ok(sim.chained > 0);
  const chainedOnPlain = sim.done.filter((t) => t.cmd.after !== undefined && t.cmd.node === 1);
  assert.deepEqual(chainedOnPlain, []);
  assert.equal(sim.peakCores(), 2);
});

/**
 * One core: 'long' runs, 'next' is chained behind it and its launch fails at once (the executor reports it
 * before long ends), 'third' waits in the queue.
 */
async function nextFailsWhileChained(): Promise<Simulator> {
  const sim = new Simulator([{ name: 'n0', cores: 1 }], (cmd) => ({ durationUs: cmd.args[0] === 'long' ? 100 * ms : ms }));
  sim.submit({ name: 'warm' });
  await sim.run();
  sim.submit({ name: 'long', execution: { exec: '/bin/sleep', args: ['long'], env: {} } }, { name: 'next' }, { name: 'third' });
  sim.failFirstHeld('no such program');
  await Promise.resolve(); // its report
  return sim;
}

test('a chained task that ends before its predecessor (launch failed, agent or host lost) ends after it, on its cores', async () => {
  const sim = await nextFailsWhileChained();
  const next = sim.core.jobs.get('next')!;
  assert.equal(next.state, 'QUEUED', 'waits for the task it follows');
  await sim.run();
  assert.equal(next.state, 'FAILED');
  assert.deepEqual(next.history.map(([s]) => s), ['QUEUED', 'SCHEDULED', 'EXECUTING', 'FAILED']);
  const longEnd = sim.core.jobs.get('long')!.history.at(-1)![1];
  assert.ok(next.history[1][1] >= longEnd, 'scheduled once long ended');
  assert.equal(next.task!.runtime!.allocation, 'n0[0]');
  assert.equal(sim.core.jobs.get('third')!.state, 'SUCCEED');
  assert.equal(sim.core.pool.usedCores, 0);
});

test('cancelling a chained task whose end is waiting: CANCELED, and the cores stay free of it', async () => {
  const sim = await nextFailsWhileChained();
  assert.equal(sim.core.cancelJob(sim.core.jobs.get('next')!), null);
  assert.equal(sim.core.jobs.get('next')!.state, 'CANCELED');
  await sim.run();
  assert.equal(sim.core.jobs.get('third')!.state, 'SUCCEED', 'chained after long in its place');
  assert.ok(sim.core.allJobsFinished);
  assert.equal(sim.core.pool.usedCores, 0);
});

test('a chained task is taken back when cores are free while the task it follows runs on (no job waits behind a long one)', async () => {
  const sim = new Simulator([{ name: 'n0', cores: 2 }], (cmd) => ({ durationUs: cmd.args[0] === 'long' ? 10_000 * ms : ms }));
  sim.submit({ name: 'warm' });
  await sim.run();
  sim.submit({ name: 'long', execution: { exec: '/bin/sleep', args: ['long'], env: {} } });
  sim.submit(...Array.from({ length: 200 }, (_, i) => ({ name: `s${i}` })));
  await sim.run(sim.now + 1000 * ms);
  assert.ok(sim.chained > 0);
  assert.ok(sim.unchained > 0, 'the task chained behind long was taken back');
  for (let i = 0; i < 200; i++) assert.equal(sim.core.jobs.get(`s${i}`)!.state, 'SUCCEED', `s${i}`);
  assert.equal(sim.core.jobs.get('long')!.state, 'EXECUTING');
  assert.equal(sim.core.pool.usedCores, 1);
  await sim.run();
  assert.ok(sim.core.allJobsFinished);
  assert.equal(sim.peakCores(), 2);
});

// ---- chains deeper than one (CHAIN_DEPTH) ------------------------------------------------------------------

/** One core, short tasks: 'long' runs, 'b', 'c' and 'd' are chained behind it (CHAIN_DEPTH 3), 'e' waits in the queue. */
async function chainOfThree(): Promise<Simulator> {
  const sim = new Simulator([{ name: 'n0', cores: 1 }], (cmd) => ({ durationUs: cmd.args[0] === 'long' ? 100 * ms : ms }));
  sim.submit({ name: 'warm' });
  await sim.run();
  sim.submit({ name: 'long', execution: { exec: '/bin/sleep', args: ['long'], env: {} } }, { name: 'b' }, { name: 'c' }, { name: 'd' }, { name: 'e' });
  return sim;
}

const startOf = (sim: Simulator, label: string) => sim.done.find((t) => t.label === label)?.start;

test('a core gets up to CHAIN_DEPTH tasks in hand, never more, and they run in order on its cores', async () => {
  assert.equal(CHAIN_DEPTH, 3);
  const sim = await chainOfThree();
  assert.equal(sim.held.size, 3, 'b behind long, c behind b, d behind c');
  assert.deepEqual(['b', 'c', 'd', 'e'].map((n) => sim.core.jobs.get(n)!.state), ['QUEUED', 'QUEUED', 'QUEUED', 'QUEUED']);
  await sim.run();
  assert.deepEqual(sim.done.slice(1).map((t) => t.label), ['long', 'b', 'c', 'd', 'e']);
  assert.equal(sim.peakCores(), 1);
  assert.ok(sim.core.allJobsFinished);
  assert.equal(sim.core.pool.usedCores, 0);
});

test('cancelling the middle of a chain: it never starts, the task behind it follows the one before it', async () => {
  const sim = await chainOfThree();
  assert.equal(sim.core.cancelJob(sim.core.jobs.get('b')!), null);
  assert.equal(sim.core.jobs.get('b')!.state, 'CANCELED');
  assert.equal(sim.held.size, 2, 'c is held behind long now, d behind c');
  await sim.run();
  assert.equal(startOf(sim, 'b'), undefined, 'never started');
  assert.deepEqual(sim.done.slice(1).map((t) => t.label), ['long', 'c', 'd', 'e']);
  assert.equal(sim.peakCores(), 1);
  assert.ok(sim.core.allJobsFinished);
  assert.equal(sim.core.pool.usedCores, 0);
});

test('the middle of a chain fails before the task it follows ends: it ends after it, the task behind it runs after it', async () => {
  const sim = await chainOfThree();
  sim.failFirstHeld('no such program');
  await sim.run();
  const b = sim.core.jobs.get('b')!;
  assert.equal(b.state, 'FAILED');
  assert.ok(b.history[1][1] >= sim.core.jobs.get('long')!.history.at(-1)![1], 'b scheduled once long ended');
  assert.deepEqual(sim.done.slice(1).map((t) => t.label), ['long', 'c', 'd', 'e']);
  assert.equal(sim.peakCores(), 1);
  assert.ok(sim.core.allJobsFinished);
  assert.equal(sim.core.pool.usedCores, 0);
});

test('what waits behind a task that runs long is taken back, even while no core is free: a stream is not held up', async () => {
  const sim = new Simulator([{ name: 'n0', cores: 2 }], (cmd) => ({ durationUs: cmd.args[0] === 'long' ? 10_000 * ms : ms }));
  sim.submit({ name: 'warm' });
  await sim.run();
  sim.submit({ name: 'long', execution: { exec: '/bin/sleep', args: ['long'], env: {} } });
  sim.submit(...Array.from({ length: 50 }, (_, i) => ({ name: `s${i}` })));
  await sim.run(sim.now + 500 * ms);
  for (let i = 0; i < 50; i++) assert.equal(sim.core.jobs.get(`s${i}`)!.state, 'SUCCEED', `s${i}`);
  // what was chained behind long was taken back once long had run a few times as long as the others
  for (let i = 0; i < 6; i++) assert.ok(startOf(sim, `s${i}`)! < startOf(sim, 's25')!, `s${i} did not wait for the stream to pass`);
  assert.ok(sim.unchained >= 1);
  await sim.run();
  assert.ok(sim.core.allJobsFinished);
  assert.equal(sim.peakCores(), 2);
});
