/**
 * Dependencies against a real manager (jobs.md §5, §8; protocol.md §6 (d), (j)). Order is proven from the
 * history timestamps the manager recorded: a dependant is never SCHEDULED/EXECUTING before its dependee's
 * final state. Omission propagation, per-iteration entries, cancel propagation and cycle rejection.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { gateLoop, openGate, shJob } from '../helpers/jobs.js';
import { submitOk, waitForState } from '../helpers/manager-process.js';
import { assertKeys, assertSameOrdered, historyStates, readText } from '../helpers/util.js';
import { finalStampOf, info, listJobs, stampOf, statesOf, statusOf, useManager } from './model-common.js';
/** Assert that `dependant` was scheduled and started no earlier than `dependee` ended. */
async function assertAfter(m, dependant, dependee) {
    const a = await info(m, dependant);
    const b = await info(m, dependee);
    const end = finalStampOf(b);
    assert.ok(stampOf(a, 'SCHEDULED') >= end, `${dependant} SCHEDULED ${stampOf(a, 'SCHEDULED')} before ${dependee} ended ${end}`);
    assert.ok(stampOf(a, 'EXECUTING') >= end, `${dependant} EXECUTING ${stampOf(a, 'EXECUTING')} before ${dependee} ended ${end}`);
}
describe('dependencies (nodes 4)', () => {
    const ctx = useManager({ nodes: '4' });
    const sleepJob = (name, after, extra = {}) => ({
        name,
        execution: { exec: '/bin/sh', args: ['-c', 'sleep 0.2; echo ${jname} >> order.txt'], wd: 'deps' },
        ...(after ? { dependencies: { after } } : {}),
        ...extra,
    });
    test('chain a → b → c → d: each one starts after the previous ended (timestamps)', async () => {
        const { m } = ctx;
        // submitted in reverse order of the chain: registration order does not drive the start order
        await submitOk(m, [sleepJob('ch-a'), sleepJob('ch-d', ['ch-c']), sleepJob('ch-c', ['ch-b']), sleepJob('ch-b', ['ch-a'])]);
        assert.equal(await waitForState(m, 'ch-d'), 'SUCCEED');
        await assertAfter(m, 'ch-b', 'ch-a');
        await assertAfter(m, 'ch-c', 'ch-b');
        await assertAfter(m, 'ch-d', 'ch-c');
        assert.equal(readText(path.join(m.wd, 'deps', 'order.txt')), 'ch-a\nch-b\nch-c\nch-d\n');
    });
    test('diamond top → (left, right) → bottom; left and right may overlap, bottom waits for both', async () => {
        const { m } = ctx;
        await submitOk(m, [sleepJob('dm-top'), sleepJob('dm-left', ['dm-top']), sleepJob('dm-right', ['dm-top']), sleepJob('dm-bottom', ['dm-left', 'dm-right'])]);
        assert.equal(await waitForState(m, 'dm-bottom'), 'SUCCEED');
        await assertAfter(m, 'dm-left', 'dm-top');
        await assertAfter(m, 'dm-right', 'dm-top');
        await assertAfter(m, 'dm-bottom', 'dm-left');
        await assertAfter(m, 'dm-bottom', 'dm-right');
    });
    test('a job after a whole iterative job starts after every iteration and the job ended', async () => {
        const { m } = ctx;
        await submitOk(m, [
            { name: 'fan', execution: { exec: '/bin/sh', args: ['-c', 'sleep 0.${it}'] }, iteration: { stop: 4 } },
            { name: 'gather', execution: { exec: '/bin/true' }, dependencies: { after: ['fan'] } },
        ]);
        assert.equal(await waitForState(m, 'gather'), 'SUCCEED');
        for (let i = 0; i < 4; i++)
            await assertAfter(m, 'gather', `fan:${i}`);
        await assertAfter(m, 'gather', 'fan');
    });
    test('after ["a:3"]: waits for iteration 3 only, even when every other iteration is done (§6 (d))', async () => {
        const { m } = ctx;
        const g = ctx.gate('a3');
        await submitOk(m, [
            shJob('a3', `[ \${it} != 3 ] || { ${gateLoop(g)}; }`, { iteration: { stop: 5 } }),
            { name: 'on3', execution: { exec: '/bin/true' }, dependencies: { after: ['a3:3'] } },
        ]);
        for (const i of [0, 1, 2, 4])
            assert.equal(await waitForState(m, `a3:${i}`), 'SUCCEED');
        await waitForState(m, 'a3:3', ['EXECUTING']);
        assert.equal(await statusOf(m, 'on3'), 'QUEUED', 'iteration 3 still runs: on3 waits');
        openGate(g);
        assert.equal(await waitForState(m, 'on3'), 'SUCCEED');
        await assertAfter(m, 'on3', 'a3:3');
    });
    test('after ["a:1"] with a:1 FAILED: OMITTED while the rest of a still runs', async () => {
        const { m } = ctx;
        const g = ctx.gate('b1');
        await submitOk(m, [
            shJob('b1', `[ \${it} = 1 ] && exit 4; ${gateLoop(g)}`, { iteration: { stop: 3 } }),
            { name: 'on1', execution: { exec: '/bin/true' }, dependencies: { after: ['b1:1'] } },
            { name: 'on0', execution: { exec: '/bin/true' }, dependencies: { after: ['b1:0'] } },
        ]);
        assert.equal(await waitForState(m, 'on1'), 'OMITTED');
        assert.deepStrictEqual(await statesOf(m, ['b1', 'b1:0', 'b1:1', 'b1:2', 'on0']), { b1: 'EXECUTING', 'b1:0': 'EXECUTING', 'b1:1': 'FAILED', 'b1:2': 'EXECUTING', on0: 'QUEUED' });
        const o = await info(m, 'on1');
        assertKeys(o, ['jobName', 'status', 'history'], 'OMITTED: no runtime');
        assert.deepEqual(historyStates(o.history), ['QUEUED', 'OMITTED']);
        assert.ok(stampOf(o, 'OMITTED') >= finalStampOf(await info(m, 'b1:1')));
        openGate(g);
        assert.equal(await waitForState(m, 'on0'), 'SUCCEED');
        await assertAfter(m, 'on0', 'b1:0');
    });
    test('after ["src:${it}"]: per iteration; dst:i waits for src:i only; a failed src:i omits dst:i only; dst ends FAILED', async () => {
        const { m } = ctx;
        const gates = [0, 1, 2, 3].map((i) => ctx.gate(`src_${i}`));
        await submitOk(m, [
            shJob('src', `${gateLoop(path.join(m.wd, 'gates', 'src_${it}'))}; [ \${it} != 2 ] || exit 1`, { iteration: { stop: 4 } }),
            { name: 'dst', execution: { exec: '/bin/sh', args: ['-c', 'echo dst-${it} > dst_${it}.txt'] }, iteration: { stop: 4 }, dependencies: { after: ['src:${it}'] } },
            { name: 'whole', execution: { exec: '/bin/true' }, dependencies: { after: ['src'] } },
        ]);
        for (let i = 0; i < 4; i++)
            await waitForState(m, `src:${i}`, ['EXECUTING']);
        openGate(gates[3]);
        assert.equal(await waitForState(m, 'dst:3'), 'SUCCEED', 'dst:3 runs as soon as src:3 is done');
        openGate(gates[0]);
        assert.equal(await waitForState(m, 'dst:0'), 'SUCCEED');
        assert.deepStrictEqual(await statesOf(m, ['src:1', 'src:2', 'dst:1', 'dst:2', 'dst', 'whole']), {
            'src:1': 'EXECUTING',
            'src:2': 'EXECUTING',
            'dst:1': 'QUEUED',
            'dst:2': 'QUEUED',
            dst: 'EXECUTING',
            whole: 'QUEUED',
        });
        openGate(gates[2]);
        assert.equal(await waitForState(m, 'dst:2'), 'OMITTED');
        assert.equal(await statusOf(m, 'dst'), 'EXECUTING', 'only the affected iteration is OMITTED');
        openGate(gates[1]);
        assert.equal(await waitForState(m, 'dst'), 'FAILED');
        assert.equal(await waitForState(m, 'whole'), 'OMITTED', 'src ended FAILED');
        for (const i of [0, 1, 3]) {
            await assertAfter(m, `dst:${i}`, `src:${i}`);
            assert.equal(readText(path.join(m.wd, `dst_${i}.txt`)), `dst-${i}\n`);
        }
        // dst:3 and dst:0 did not wait for src:1 (still running when they ended)
        const src1End = finalStampOf(await info(m, 'src:1'));
        assert.ok(finalStampOf(await info(m, 'dst:3')) <= src1End);
        assert.ok(finalStampOf(await info(m, 'dst:0')) <= src1End);
        const d = await info(m, 'dst', true);
        assertSameOrdered(d.iterations, { start: 0, stop: 4, total: 4, finished: 4, failed: 1 });
        assert.deepEqual(d.childs.map((c) => c.state), ['SUCCEED', 'SUCCEED', 'OMITTED', 'SUCCEED']);
        assert.deepEqual(historyStates(d.history), ['QUEUED', 'EXECUTING', 'FAILED']);
        assert.deepEqual(historyStates((await info(m, 'dst:2')).history), ['OMITTED']);
    });
    test('negative iteration indices in dependencies: "n:-1" and "n:${it}" with start −2', async () => {
        const { m } = ctx;
        await submitOk(m, [
            { name: 'nsrc', execution: { exec: '/bin/sh', args: ['-c', 'sleep 0.1; exit $(( ${it} == 0 ))'] }, iteration: { start: -2, stop: 1 } },
            { name: 'ndst', execution: { exec: '/bin/true' }, iteration: { start: -2, stop: 1 }, dependencies: { after: ['nsrc:${it}'] } },
            { name: 'non-1', execution: { exec: '/bin/true' }, dependencies: { after: ['nsrc:-1'] } },
            { name: 'non-3', execution: { exec: '/bin/true' }, dependencies: { after: ['nsrc:-3'] } },
        ]);
        assert.equal(await waitForState(m, 'ndst'), 'FAILED');
        assert.deepStrictEqual(await statesOf(m, ['nsrc:-2', 'nsrc:-1', 'nsrc:0', 'ndst:-2', 'ndst:-1', 'ndst:0']), {
            'nsrc:-2': 'SUCCEED',
            'nsrc:-1': 'SUCCEED',
            'nsrc:0': 'FAILED',
            'ndst:-2': 'SUCCEED',
            'ndst:-1': 'SUCCEED',
            'ndst:0': 'OMITTED',
        });
        assert.equal(await waitForState(m, 'non-1'), 'SUCCEED');
        assert.equal(await waitForState(m, 'non-3'), 'OMITTED', 'index out of range');
        await assertAfter(m, 'non-1', 'nsrc:-1');
        await assertAfter(m, 'ndst:-2', 'nsrc:-2');
        await assertAfter(m, 'ndst:-1', 'nsrc:-1');
    });
    test('a removed job is no longer registered: a later dependant on it is OMITTED', async () => {
        const { m } = ctx;
        await submitOk(m, [{ name: 'gone', execution: { exec: '/bin/true' } }]);
        assert.equal(await waitForState(m, 'gone'), 'SUCCEED');
        assert.deepStrictEqual(await m.request({ request: 'removeJob', jobNames: ['gone'] }), { code: 0, data: { removed: 1 } });
        await submitOk(m, [{ name: 'after-gone', execution: { exec: '/bin/true' }, dependencies: { after: ['gone'] } }]);
        assert.equal(await waitForState(m, 'after-gone'), 'OMITTED');
    });
    test('a ${it} entry naming plain jobs: "pre_${it}" means job pre_0 for iteration 0, pre_1 for iteration 1', async () => {
        const { m } = ctx;
        await submitOk(m, [
            shJob('pre_0', 'sleep 0.1'),
            shJob('pre_1', 'exit 1'),
            { name: 'fanin', execution: { exec: '/bin/true' }, iteration: { stop: 3 }, dependencies: { after: ['pre_${it}'] } },
        ]);
        assert.equal(await waitForState(m, 'fanin'), 'FAILED');
        assert.deepStrictEqual(await statesOf(m, ['fanin:0', 'fanin:1', 'fanin:2']), { 'fanin:0': 'SUCCEED', 'fanin:1': 'OMITTED', 'fanin:2': 'OMITTED' }, 'pre_2 is not registered');
        await assertAfter(m, 'fanin:0', 'pre_0');
    });
    test('OMITTED propagates down a chain of 5 (an iterative job in the middle: all its iterations OMITTED)', async () => {
        const { m } = ctx;
        await submitOk(m, [
            shJob('c1', 'exit 2'),
            { name: 'c2', execution: { exec: '/bin/true' }, dependencies: { after: ['c1'] } },
            { name: 'c3', execution: { exec: '/bin/true' }, iteration: { stop: 3 }, dependencies: { after: ['c2'] } },
            { name: 'c4', execution: { exec: '/bin/true' }, dependencies: { after: ['c3'] } },
            { name: 'c5', execution: { exec: '/bin/true' }, dependencies: { after: ['c4', 'c1'] } },
        ]);
        assert.equal(await waitForState(m, 'c5'), 'OMITTED');
        assert.deepStrictEqual(await statesOf(m, ['c1', 'c2', 'c3', 'c3:0', 'c3:1', 'c3:2', 'c4', 'c5']), {
            c1: 'FAILED',
            c2: 'OMITTED',
            c3: 'OMITTED',
            'c3:0': 'OMITTED',
            'c3:1': 'OMITTED',
            'c3:2': 'OMITTED',
            c4: 'OMITTED',
            c5: 'OMITTED',
        });
        const c1End = finalStampOf(await info(m, 'c1'));
        for (const n of ['c2', 'c4', 'c5']) {
            const d = await info(m, n);
            assertKeys(d, ['jobName', 'status', 'history'], `${n}: OMITTED, no runtime`);
            assert.deepEqual(historyStates(d.history), ['QUEUED', 'OMITTED']);
            assert.ok(finalStampOf(d) >= c1End);
        }
        const c3 = await info(m, 'c3', true);
        assertSameOrdered(c3.iterations, { start: 0, stop: 3, total: 3, finished: 3, failed: 3 });
        assert.deepEqual(historyStates(c3.history), ['QUEUED', 'OMITTED']);
        assertSameOrdered(c3.childs, [
            { iteration: 0, state: 'OMITTED' },
            { iteration: 1, state: 'OMITTED' },
            { iteration: 2, state: 'OMITTED' },
        ]);
        assert.deepEqual(historyStates((await info(m, 'c3:1')).history), ['OMITTED']);
    });
    test('a job omitted as a whole after one of its iterations was already final (cancelled): the job is OMITTED (jobs.md §5, §8)', async () => {
        const { m } = ctx;
        const g = ctx.gate('wdep');
        await submitOk(m, [
            shJob('wdep', `${gateLoop(g)}; exit 1`),
            { name: 'wj', execution: { exec: '/bin/true' }, iteration: { stop: 3 }, dependencies: { after: ['wdep'] } },
        ]);
        await waitForState(m, 'wdep', ['EXECUTING']);
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['wj:0'] }), { code: 0, data: { canceled: 1 } });
        assert.deepStrictEqual(await statesOf(m, ['wj', 'wj:0', 'wj:1']), { wj: 'QUEUED', 'wj:0': 'CANCELED', 'wj:1': 'QUEUED' });
        openGate(g);
        assert.equal(await waitForState(m, 'wdep'), 'FAILED');
        assert.deepStrictEqual(await statesOf(m, ['wj:0', 'wj:1', 'wj:2']), { 'wj:0': 'CANCELED', 'wj:1': 'OMITTED', 'wj:2': 'OMITTED' });
        const d = await info(m, 'wj');
        assert.equal(d.status, 'OMITTED', 'the job itself was omitted (a whole-job entry failed): OMITTED, whatever its iterations');
        assert.deepEqual(historyStates(d.history), ['QUEUED', 'OMITTED']);
        assertSameOrdered(d.iterations, { start: 0, stop: 3, total: 3, finished: 3, failed: 3 });
    });
    test('mixed entries (an ${it} entry already failed, a plain entry fails later): the job and all its iterations are OMITTED', async () => {
        const { m } = ctx;
        const g = ctx.gate('mdep');
        await submitOk(m, [
            shJob('mdep', `${gateLoop(g)}; exit 1`),
            shJob('msrc', 'exit $(( ${it} == 0 ))', { iteration: { stop: 2 } }),
            { name: 'mix', execution: { exec: '/bin/true' }, iteration: { stop: 2 }, dependencies: { after: ['msrc:${it}', 'mdep'] } },
        ]);
        await waitForState(m, 'msrc');
        await waitForState(m, 'mdep', ['EXECUTING']);
        openGate(g);
        assert.equal(await waitForState(m, 'mix'), 'OMITTED', 'the plain entry mdep FAILED: all iterations and the job become OMITTED');
        assert.deepStrictEqual(await statesOf(m, ['mix:0', 'mix:1']), { 'mix:0': 'OMITTED', 'mix:1': 'OMITTED' });
    });
    test('dependency on an unknown job: OMITTED (whole entry), and per-iteration entries on an unknown job', async () => {
        const { m } = ctx;
        await submitOk(m, [
            { name: 'u-ok', execution: { exec: '/bin/true' } },
            { name: 'u-plain', execution: { exec: '/bin/true' }, dependencies: { after: ['u-ok', 'u-ghost'] } },
            { name: 'u-it', execution: { exec: '/bin/true' }, iteration: { stop: 2 }, dependencies: { after: ['u-ghost'] } },
            { name: 'u-perit', execution: { exec: '/bin/true' }, iteration: { stop: 2 }, dependencies: { after: ['u-ghost:${it}'] } },
        ]);
        assert.equal(await waitForState(m, 'u-plain'), 'OMITTED');
        assert.equal(await waitForState(m, 'u-it'), 'OMITTED', 'a whole-job entry: the job itself is OMITTED');
        assert.deepStrictEqual(await statesOf(m, ['u-it:0', 'u-it:1']), { 'u-it:0': 'OMITTED', 'u-it:1': 'OMITTED' });
        // jobs.md §5: with ${it} entries only the affected iterations become OMITTED and the job ends FAILED
        assert.equal(await waitForState(m, 'u-perit'), 'FAILED');
        assert.deepStrictEqual(await statesOf(m, ['u-perit:0', 'u-perit:1']), { 'u-perit:0': 'OMITTED', 'u-perit:1': 'OMITTED' });
        assertSameOrdered((await info(m, 'u-perit')).iterations, { start: 0, stop: 2, total: 2, finished: 2, failed: 2 });
        assert.equal(await waitForState(m, 'u-ok'), 'SUCCEED');
    });
    test('cancel propagation: a cancelled queued job omits its dependants at once, transitively', async () => {
        const { m } = ctx;
        const g = ctx.gate('hold');
        await submitOk(m, [shJob('hold', gateLoop(g), { resources: { numCores: 4 } })]);
        await waitForState(m, 'hold', ['EXECUTING']);
        await submitOk(m, [
            { name: 'q1', execution: { exec: '/bin/true' } },
            { name: 'q2', execution: { exec: '/bin/true' }, dependencies: { after: ['q1'] } },
            { name: 'q3', execution: { exec: '/bin/true' }, dependencies: { after: ['q2'] } },
            { name: 'p', execution: { exec: '/bin/true' }, iteration: { stop: 3 } },
            { name: 'pd', execution: { exec: '/bin/true' }, iteration: { stop: 3 }, dependencies: { after: ['p:${it}'] } },
            { name: 'p1', execution: { exec: '/bin/true' }, dependencies: { after: ['p:1'] } },
            { name: 'p0', execution: { exec: '/bin/true' }, dependencies: { after: ['p:0'] } },
            { name: 'pw', execution: { exec: '/bin/true' }, dependencies: { after: ['p'] } },
            { name: 'pc', execution: { exec: '/bin/true' }, iteration: { stop: 3 } },
            { name: 'pc2', execution: { exec: '/bin/true' }, dependencies: { after: ['pc:2'] } },
            { name: 'pcw', execution: { exec: '/bin/true' }, iteration: { stop: 2 }, dependencies: { after: ['pc'] } },
        ]);
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['pc'] }), { code: 0, data: { canceled: 1 } });
        assert.deepStrictEqual(await statesOf(m, ['pc', 'pc:2', 'pc2', 'pcw', 'pcw:1']), { pc: 'CANCELED', 'pc:2': 'CANCELED', pc2: 'OMITTED', pcw: 'OMITTED', 'pcw:1': 'OMITTED' });
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['q1', 'p:1'] }), { code: 0, data: { canceled: 2 } });
        // the reply reflects the cancel and the scheduling pass that followed it (protocol.md §1 Processing, jobs.md §10.3)
        assert.deepStrictEqual(await statesOf(m, ['q1', 'q2', 'q3', 'p:1', 'p1', 'p0', 'pw']), {
            q1: 'CANCELED',
            q2: 'OMITTED',
            q3: 'OMITTED',
            'p:1': 'CANCELED',
            p1: 'OMITTED',
            p0: 'QUEUED',
            pw: 'QUEUED',
        });
    });
    test('cancel propagation: the per-iteration dependant of a cancelled queued iteration is OMITTED at the next pass (jobs.md §5, §10.3)', async () => {
        const { m } = ctx;
        // every core is still held by 'hold': the pass after the cancel must still evaluate pd:1's dependency
        assert.equal(await statusOf(m, 'hold'), 'EXECUTING');
        assert.deepStrictEqual(await statesOf(m, ['pd', 'pd:1']), { pd: 'QUEUED', 'pd:1': 'OMITTED' });
    });
    test('cancel propagation: once the cores free up, the rest runs; p FAILED omits its whole-job dependant', async () => {
        const { m } = ctx;
        openGate(path.join(m.wd, 'gates', 'hold'));
        assert.equal(await waitForState(m, 'pd'), 'FAILED');
        assert.equal(await waitForState(m, 'pw'), 'OMITTED', 'p ended FAILED (an iteration CANCELED)');
        assert.equal(await waitForState(m, 'p0'), 'SUCCEED');
        assert.deepStrictEqual(await statesOf(m, ['p', 'pd:0', 'pd:1', 'pd:2']), { p: 'FAILED', 'pd:0': 'SUCCEED', 'pd:1': 'OMITTED', 'pd:2': 'SUCCEED' });
        await assertAfter(m, 'p0', 'p:0');
        await assertAfter(m, 'pd:2', 'p:2');
        assertSameOrdered((await info(m, 'pd')).iterations, { start: 0, stop: 3, total: 3, finished: 3, failed: 1 });
    });
});
describe('dependency cycles rejected (nodes 2)', () => {
    const ctx = useManager({ nodes: '2' });
    const j = (name, after, extra = {}) => ({ name, execution: { exec: '/bin/true' }, dependencies: { after }, ...extra });
    const cases = [
        ['a job naming itself', [j('self', ['self'])], 'Wrong submit request: Dependency cycle: self -> self'],
        ['two jobs', [j('a', ['b']), j('b', ['a'])], 'Wrong submit request: Dependency cycle: a -> b -> a'],
        ['three jobs after valid ones', [j('ok1', []), { name: 'ok2', execution: { exec: '/bin/true' } }, j('x', ['y']), j('y', ['z']), j('z', ['x'])], 'Wrong submit request: Dependency cycle: x -> y -> z -> x'],
        ['through an iteration entry', [j('ja', ['jb:0']), j('jb', ['ja'], { iteration: { stop: 2 } })], 'Wrong submit request: Dependency cycle: ja -> jb -> ja'],
        ['through ${it} entries', [j('ia', ['ib:${it}'], { iteration: { stop: 2 } }), j('ib', ['ia:${it}'], { iteration: { stop: 2 } })], 'Wrong submit request: Dependency cycle: ia -> ib -> ia'],
    ];
    test('each cycle rejects the whole request with its path; nothing of it is registered', async () => {
        const { m } = ctx;
        await submitOk(m, [{ name: 'pre', execution: { exec: '/bin/true' } }]);
        assert.equal(await waitForState(m, 'pre'), 'SUCCEED');
        const before = await listJobs(m);
        for (const [title, jobs, message] of cases) {
            assert.deepStrictEqual(await m.request({ request: 'submit', jobs }), { code: 1, message }, title);
            assert.deepStrictEqual(await listJobs(m), before, `${title}: listJobs unchanged`);
            for (const jb of jobs) {
                assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: [jb.name] }), { code: 1, message: `Job '${jb.name}' doesn't exist` }, `${title}: ${jb.name}`);
            }
        }
        assert.deepStrictEqual((await m.request({ request: 'status' })).data.JobStats.TotalJobs, 1);
    });
    test('the same names without the cycle are accepted afterwards (nothing was half-registered)', async () => {
        const { m } = ctx;
        await submitOk(m, [j('a', []), j('b', ['a']), j('self', ['a', 'b'])]);
        assert.equal(await waitForState(m, 'self'), 'SUCCEED');
        assert.deepEqual(Object.keys((await listJobs(m)).jobs), ['pre', 'a', 'b', 'self']);
    });
    test('a chain that only looks like a cycle across requests is fine: depending on a registered job', async () => {
        const { m } = ctx;
        await submitOk(m, [j('later', ['a'])]);
        assert.equal(await waitForState(m, 'later'), 'SUCCEED');
    });
});
//# sourceMappingURL=model-deps.test.js.map