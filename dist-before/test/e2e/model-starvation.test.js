/**
 * No starvation (jobs.md §10.3, protocol.md §6 (k)): a large job queued behind running small jobs, while a
 * stream of small jobs keeps arriving, starts before any job submitted after it. Proven with the manager's
 * history timestamps, never with durations.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gateLoop, openGate, shJob } from '../helpers/jobs.js';
import { submitOk, waitForState, waitIdle } from '../helpers/manager-process.js';
import { sleep } from '../helpers/util.js';
import { info, stampOf, statusOf, useManager } from './model-common.js';
/**
 * r1, r2 hold one core each (gated); `big` (bigCores) is submitted; then 1-core jobs keep arriving; r1 is
 * released after 5 of them, r2 after 10; the stream goes on until `big` has started and 5 more were
 * submitted. Returns the names of the stream jobs.
 */
async function scenario(m, gate, prefix, bigCores, bigExtra = {}) {
    const g1 = gate(`${prefix}-r1`);
    const g2 = gate(`${prefix}-r2`);
    await submitOk(m, [shJob(`${prefix}-r1`, gateLoop(g1)), shJob(`${prefix}-r2`, gateLoop(g2))]);
    await waitForState(m, `${prefix}-r1`, ['EXECUTING']);
    await waitForState(m, `${prefix}-r2`, ['EXECUTING']);
    await submitOk(m, [{ name: `${prefix}-big`, execution: { exec: '/bin/sleep', args: ['0.2'] }, resources: { numCores: bigCores }, ...bigExtra }]);
    assert.equal(await statusOf(m, `${prefix}-big`), 'QUEUED');
    const stream = [];
    let afterStart = -1;
    for (let k = 0; k < 200; k++) {
        const name = `${prefix}-s${k}`;
        await submitOk(m, [{ name, execution: { exec: '/bin/sleep', args: ['0.05'] } }]);
        stream.push(name);
        if (k === 5)
            openGate(g1);
        if (k === 10)
            openGate(g2);
        if (afterStart < 0 && (await statusOf(m, `${prefix}-big`)) !== 'QUEUED')
            afterStart = k;
        if (afterStart >= 0 && k >= afterStart + 5)
            break;
        await sleep(20);
    }
    assert.ok(afterStart >= 0, `${prefix}-big never started while the stream went on`);
    await waitIdle(m, 60_000);
    return stream;
}
async function assertBigFirst(m, prefix, stream) {
    const big = await info(m, `${prefix}-big`);
    assert.equal(big.status, 'SUCCEED');
    const bigSched = stampOf(big, 'SCHEDULED');
    const bigExec = stampOf(big, 'EXECUTING');
    for (const s of stream) {
        const d = await info(m, s);
        assert.equal(d.status, 'SUCCEED', s);
        assert.ok(stampOf(d, 'SCHEDULED') >= bigSched, `${s} SCHEDULED ${stampOf(d, 'SCHEDULED')} before ${prefix}-big ${bigSched}`);
        assert.ok(stampOf(d, 'EXECUTING') >= bigExec, `${s} EXECUTING ${stampOf(d, 'EXECUTING')} before ${prefix}-big ${bigExec}`);
    }
    // and big did not start before the cores it needed were released
    const r1End = stampOf(await info(m, `${prefix}-r1`), 'SUCCEED');
    assert.ok(bigSched >= r1End, `${prefix}-big scheduled before r1 released its core`);
}
describe('no starvation (nodes 3)', () => {
    const ctx = useManager({ nodes: '3' });
    test('a 3-core job behind two running 1-core jobs starts before every 1-core job submitted after it', async (t) => {
        const stream = await scenario(ctx.m, ctx.gate, 'w3', 3);
        t.diagnostic(`${stream.length} 1-core jobs submitted after the 3-core job`);
        await assertBigFirst(ctx.m, 'w3', stream);
        const r2End = stampOf(await info(ctx.m, 'w3-r2'), 'SUCCEED');
        assert.ok(stampOf(await info(ctx.m, 'w3-big'), 'SCHEDULED') >= r2End, 'the 3-core job needed r2 too');
    });
    test('a 2-core job behind two running 1-core jobs (one core free): the free core is reserved, not backfilled', async (t) => {
        const stream = await scenario(ctx.m, ctx.gate, 'w2', 2);
        t.diagnostic(`${stream.length} 1-core jobs submitted after the 2-core job`);
        await assertBigFirst(ctx.m, 'w2', stream);
    });
    test('an iterative 3-core job (2 iterations): both iterations start before every 1-core job submitted after it', async (t) => {
        const { m } = ctx;
        const stream = await scenario(m, ctx.gate, 'wi', 3, { iteration: { stop: 2 } });
        t.diagnostic(`${stream.length} 1-core jobs submitted after the iterative job`);
        assert.equal((await info(m, 'wi-big')).status, 'SUCCEED');
        const i0 = await info(m, 'wi-big:0');
        const i1 = await info(m, 'wi-big:1');
        assert.ok(stampOf(i1, 'SCHEDULED') >= stampOf(i0, 'SUCCEED'), 'the iterations ran one after the other');
        for (const s of stream) {
            const d = await info(m, s);
            assert.ok(stampOf(d, 'EXECUTING') >= stampOf(i1, 'EXECUTING'), `${s} EXECUTING ${stampOf(d, 'EXECUTING')} before wi-big:1 ${stampOf(i1, 'EXECUTING')}`);
        }
    });
    test('backfill with known wall times (nodes 3): a job with wt that ends before the reservation starts may run on reserved cores; one without wt may not', async () => {
        const { m } = ctx;
        const g = ctx.gate('bf-r1');
        await submitOk(m, [shJob('bf-r1', gateLoop(g), { resources: { numCores: 1, wt: '1h' } })]);
        await waitForState(m, 'bf-r1', ['EXECUTING']);
        await submitOk(m, [{ name: 'bf-big', execution: { exec: '/bin/true' }, resources: { numCores: 3 } }]);
        await submitOk(m, [
            { name: 'bf-nowt', execution: { exec: '/bin/true' } },
            { name: 'bf-short', execution: { exec: '/bin/true' }, resources: { numCores: 2, wt: '10m' } },
        ]);
        // bf-big can only start when bf-r1 ends, at the latest 1 h from its start: a 10-minute job fits before that
        assert.equal(await waitForState(m, 'bf-short'), 'SUCCEED', 'backfilled: ends before the reservation would start');
        assert.equal(await statusOf(m, 'bf-nowt'), 'QUEUED', 'no wall time: it could overrun the reservation');
        assert.equal(await statusOf(m, 'bf-big'), 'QUEUED');
        openGate(g);
        assert.equal(await waitForState(m, 'bf-big'), 'SUCCEED');
        assert.equal(await waitForState(m, 'bf-nowt'), 'SUCCEED');
        const big = await info(m, 'bf-big');
        assert.ok(stampOf(await info(m, 'bf-nowt'), 'SCHEDULED') >= stampOf(big, 'SCHEDULED'), 'bf-nowt waited for bf-big');
    });
});
describe('no starvation of a whole-node job (nodes a:2,b:2)', () => {
    const ctx = useManager({ nodes: 'a:2,b:2' });
    test('numNodes 1 behind 1-core jobs on both nodes, with overlapping 1-core jobs streaming in: it gets a node', async (t) => {
        const { m } = ctx;
        const g1 = ctx.gate('n-r1');
        const g2 = ctx.gate('n-r2');
        const g3 = ctx.gate('n-r3');
        await submitOk(m, [shJob('n-r1', gateLoop(g1)), shJob('n-r2', gateLoop(g2)), shJob('n-r3', gateLoop(g3))]);
        for (const n of ['n-r1', 'n-r2', 'n-r3'])
            await waitForState(m, n, ['EXECUTING']);
        const alloc = async (n) => (await info(m, n)).runtime.allocation;
        assert.deepEqual([await alloc('n-r1'), await alloc('n-r2'), await alloc('n-r3')], ['a[0]', 'a[1]', 'b[0]']);
        openGate(g2);
        await waitForState(m, 'n-r2');
        // now: a[0] and b[0] busy, a[1] and b[1] free, no idle node
        await submitOk(m, [{ name: 'n-big', execution: { exec: '/bin/true' }, resources: { numNodes: 1 } }]);
        assert.equal(await statusOf(m, 'n-big'), 'QUEUED');
        let startedAt = -1;
        let k = 0;
        for (; k < 150; k++) {
            await submitOk(m, [{ name: `n-s${k}`, execution: { exec: '/bin/sleep', args: ['0.3'] } }]);
            if (k === 3)
                openGate(g1);
            if (k === 6)
                openGate(g3);
            if (startedAt < 0 && (await statusOf(m, 'n-big')) !== 'QUEUED')
                startedAt = k;
            if (startedAt >= 0 && k >= startedAt + 3)
                break;
            await sleep(20);
        }
        t.diagnostic(`the whole-node job started after ${startedAt + 1} of ${k + 1} streamed jobs`);
        assert.ok(startedAt >= 0, 'the whole-node job never started while 1-core jobs kept arriving');
        await waitIdle(m, 60_000);
        const big = await info(m, 'n-big');
        assert.equal(big.status, 'SUCCEED');
        assert.ok(['a[0:1]', 'b[0:1]'].includes(big.runtime.allocation));
    });
});
//# sourceMappingURL=model-starvation.test.js.map