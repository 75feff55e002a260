/**
 * Resources against a real manager (jobs.md §3, §7 stage C, §10.1–§10.4, §11.2): core and node sizes on a
 * multi-node list, allocation strings, the minimum requirement at submit, stage C failures, the iteration
 * resource schedulers (§10.4 examples), and parallelism never above the configured cores, measured from the
 * real start/end times of real jobs.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { gateLoop, openGate, shJob } from '../helpers/jobs.js';
import { submitOk, waitForState, waitIdle } from '../helpers/manager-process.js';
import { assertKeys, assertSameOrdered, historyStates, readText } from '../helpers/util.js';
import { coreIds, coresIn, finalStampOf, info, listJobs, maxConcurrentCores, parseAllocation, parseEnv, stampOf, statusOf, useManager } from './model-common.js';
/** Run one job alone, return its allocation string and its environment (QCG_PM_* checked against it). */
async function runAlone(m, name, resources) {
    await submitOk(m, [{ name, execution: { exec: '/usr/bin/env', stdout: `${name}.env` }, resources }]);
    assert.equal(await waitForState(m, name), 'SUCCEED', name);
    const alloc = (await info(m, name)).runtime.allocation;
    checkEnv(readText(path.join(m.wd, `${name}.env`)), alloc, name);
    return alloc;
}
/** QCG_PM_* variables consistent with the allocation (jobs.md §11.2). */
function checkEnv(text, alloc, what) {
    const e = parseEnv(text);
    const nodes = parseAllocation(alloc);
    assert.equal(e.QCG_PM_NNODES, String(nodes.length), `${what}: QCG_PM_NNODES for ${alloc}`);
    assert.equal(e.QCG_PM_NODELIST, nodes.map((n) => n.node).join(','), `${what}: QCG_PM_NODELIST for ${alloc}`);
    assert.equal(e.QCG_PM_NPROCS, String(coresIn(alloc)), `${what}: QCG_PM_NPROCS for ${alloc}`);
    assert.equal(e.QCG_PM_NTASKS, String(coresIn(alloc)), `${what}: QCG_PM_NTASKS for ${alloc}`);
    assert.equal(e.QCG_PM_TASKS_PER_NODE, nodes.map((n) => n.cores.length).join(','), `${what}: QCG_PM_TASKS_PER_NODE for ${alloc}`);
}
describe('sizes on nodes a:2,b:2,c:4', () => {
    const ctx = useManager({ nodes: 'a:2,b:2,c:4' });
    test('idle manager: each shape alone gets the allocation of jobs.md §10.3', async () => {
        const { m } = ctx;
        const shapes = [
            ['exact5', { numCores: 5 }, 'a[0:1],b[0:1],c[0]'],
            ['range-all', { numCores: { min: 2, max: 20 } }, 'a[0:1],b[0:1],c[0:1:2:3]'],
            ['range-3', { numCores: { min: 1, max: 3 } }, 'a[0:1],b[0]'],
            ['whole1', { numNodes: 1 }, 'a[0:1]'],
            ['whole2', { numNodes: { exact: 2 } }, 'a[0:1],b[0:1]'],
            ['whole3', { numNodes: 3 }, 'a[0:1],b[0:1],c[0:1:2:3]'],
            ['nodes-range', { numNodes: { min: 1, max: 2 } }, 'a[0:1],b[0:1]'],
            ['per-node-2x2', { numNodes: 2, numCores: 2 }, 'a[0:1],b[0:1]'],
            ['per-node-3x1', { numNodes: 3, numCores: 1 }, 'a[0],b[0],c[0]'],
            ['one-node-3', { numNodes: 1, numCores: 3 }, 'c[0:1:2]'],
            ['one-node-4', { numNodes: { exact: 1 }, numCores: { exact: 4 } }, 'c[0:1:2:3]'],
            ['ranges-both', { numNodes: { min: 1, max: 3 }, numCores: { min: 2, max: 3 } }, 'a[0:1],b[0:1],c[0:1:2]'],
            ['nodes2-cores-range', { numNodes: 2, numCores: { min: 1, max: 4 } }, 'a[0:1],b[0:1]'],
            ['nodes3-cores2', { numNodes: 3, numCores: 2 }, 'a[0:1],b[0:1],c[0:1]'],
            ['nodes-range-cores2', { numNodes: { min: 1, max: 3 }, numCores: 2 }, 'a[0:1],b[0:1],c[0:1]'],
            ['nodes-range-cores3', { numNodes: { min: 1, max: 3 }, numCores: { exact: 3 } }, 'c[0:1:2]'],
            ['min8-max100', { numCores: { min: 8, max: 100 } }, 'a[0:1],b[0:1],c[0:1:2:3]'],
        ];
        for (const [name, res, expected] of shapes) {
            assert.equal(await runAlone(m, name, res), expected, `${name} ${JSON.stringify(res)}`);
        }
    });
    test('with a[0] busy: ranges take what is free, whole nodes skip the busy node, cores per node skip a', async () => {
        const { m } = ctx;
        const g = ctx.gate('busy-a0');
        await submitOk(m, [shJob('busy-a0', gateLoop(g))]);
        await waitForState(m, 'busy-a0', ['EXECUTING']);
        assert.equal((await info(m, 'busy-a0')).runtime.allocation, 'a[0]');
        const shapes = [
            ['f-range', { numCores: { min: 2, max: 4 } }, 'a[1],b[0:1],c[0]'],
            ['f-range-all', { numCores: { min: 1, max: 100 } }, 'a[1],b[0:1],c[0:1:2:3]'],
            ['f-whole1', { numNodes: 1 }, 'b[0:1]'],
            ['f-nodes-range', { numNodes: { min: 1, max: 3 } }, 'b[0:1],c[0:1:2:3]'],
            ['f-per-node', { numNodes: 2, numCores: 2 }, 'b[0:1],c[0:1]'],
            ['f-per-node-1', { numNodes: 3, numCores: 1 }, 'a[1],b[0],c[0]'],
        ];
        for (const [name, res, expected] of shapes) {
            assert.equal(await runAlone(m, name, res), expected, `${name} ${JSON.stringify(res)}`);
        }
        openGate(g);
        assert.equal(await waitForState(m, 'busy-a0'), 'SUCCEED');
    });
    test('a size that does not fit now waits (QUEUED) and runs once resources free up', async () => {
        const { m } = ctx;
        const g = ctx.gate('busy6');
        await submitOk(m, [shJob('busy6', gateLoop(g), { resources: { numCores: 6 } })]);
        await waitForState(m, 'busy6', ['EXECUTING']);
        assert.equal((await info(m, 'busy6')).runtime.allocation, 'a[0:1],b[0:1],c[0:1]');
        await submitOk(m, [
            { name: 'w-range', execution: { exec: '/bin/true' }, resources: { numCores: { min: 3, max: 4 } } },
            { name: 'w-node', execution: { exec: '/bin/true' }, resources: { numNodes: { min: 2, max: 3 } } },
        ]);
        assert.equal(await statusOf(m, 'w-range'), 'QUEUED', 'min 3 > 2 free');
        assert.equal(await statusOf(m, 'w-node'), 'QUEUED', 'no idle node');
        assert.deepStrictEqual((await m.request({ request: 'resourcesInfo' })).data, { total_nodes: 3, total_cores: 8, used_cores: 6, free_cores: 2 });
        openGate(g);
        assert.equal(await waitForState(m, 'w-range'), 'SUCCEED');
        assert.equal(await waitForState(m, 'w-node'), 'SUCCEED');
        const r = await info(m, 'w-range');
        const n = await info(m, 'w-node');
        assert.ok(stampOf(r, 'SCHEDULED') >= finalStampOf(await info(m, 'busy6')));
        assert.ok(stampOf(n, 'SCHEDULED') >= finalStampOf(await info(m, 'busy6')));
        assert.ok(coresIn(r.runtime.allocation) >= 3);
        assert.ok(parseAllocation(n.runtime.allocation).length >= 2);
    });
    test('an iterative job with a core range (no scheduler): each iteration takes what is free up to max', async () => {
        const { m } = ctx;
        await submitOk(m, [{ name: 'it-range', execution: { exec: '/bin/sleep', args: ['0.1'] }, iteration: { stop: 3 }, resources: { numCores: { min: 2, max: 8 } } }]);
        assert.equal(await waitForState(m, 'it-range'), 'SUCCEED');
        const d = await info(m, 'it-range', true);
        // iteration 0 takes all 8 cores; the others wait for them (min 2 > 0 free) and take all 8 again
        assert.deepEqual(d.childs.map((c) => c.runtime.allocation), Array(3).fill('a[0:1],b[0:1],c[0:1:2:3]'));
    });
    test('minimum requirement at submit (jobs.md §10.2): rejected with "Not enough resources", nothing registered', async () => {
        const { m } = ctx;
        const before = await listJobs(m);
        const tooBig = [
            ['nb-nodes4', { numNodes: 4 }],
            ['nb-nodes-min4', { numNodes: { min: 4, max: 5 } }],
            ['nb-cores9', { numCores: 9 }],
            ['nb-cores-min9', { numCores: { min: 9, max: 12 } }],
            ['nb-2x3', { numNodes: 2, numCores: 3 }],
            ['nb-1x5', { numNodes: 1, numCores: 5 }],
            ['nb-ranges', { numNodes: { min: 2, max: 3 }, numCores: { min: 3, max: 4 } }],
            ['nb-3x3', { numNodes: 3, numCores: { min: 3, max: 3 } }],
        ];
        for (const [name, res] of tooBig) {
            const r = await m.request({ request: 'submit', jobs: [{ name: `${name}-ok`, execution: { exec: '/bin/true' } }, { name, execution: { exec: '/bin/true' }, resources: res }] });
            assert.deepStrictEqual(r, { code: 1, message: `Not enough resources for job ${name}` }, JSON.stringify(res));
        }
        assert.deepStrictEqual(await listJobs(m), before);
    });
    test('stage C: one-sided ranges and nodeCrs fail when scheduled (QUEUED, FAILED, message, no runtime)', async () => {
        const { m } = ctx;
        const cases = [
            ['c-min-only', { numCores: { min: 2 } }, "Both core's range boundaries (min, max) must be defined"],
            ['c-max-only', { numCores: { max: 2 } }, "Both core's range boundaries (min, max) must be defined"],
            ['n-min-only', { numNodes: { min: 1 } }, "Both node's range boundaries (min, max) must be defined"],
            ['n-max-only', { numNodes: { max: 2 } }, "Both node's range boundaries (min, max) must be defined"],
            ['crs-no-nodes', { numCores: 1, nodeCrs: { gpu: 1 } }, 'Number of nodes is required when CR are used'],
            ['crs-none-configured', { numNodes: 1, nodeCrs: { gpu: 1 } }, /^CR GPU exceeds maximum available resources on node \(\d+\)$/],
        ];
        const r = await m.request({ request: 'submit', jobs: cases.map(([name, resources]) => ({ name, execution: { exec: '/bin/true' }, resources })) });
        assert.equal(r.code, 0, `stage C errors are accepted at submit: ${JSON.stringify(r)}`);
        for (const [name, , msg] of cases) {
            assert.equal(await waitForState(m, name), 'FAILED', name);
            const d = await info(m, name);
            assertKeys(d, ['jobName', 'status', 'messages', 'history'], `${name}: never SCHEDULED, no runtime`);
            if (typeof msg === 'string')
                assert.equal(d.messages, msg, name);
            else
                assert.match(String(d.messages), msg, name);
            assert.deepEqual(historyStates(d.history), ['QUEUED', 'FAILED'], name);
        }
    });
    test('stage C on an iterative job fails each iteration; the job ends FAILED', async () => {
        const { m } = ctx;
        await submitOk(m, [{ name: 'c-it', execution: { exec: '/bin/true' }, iteration: { stop: 3 }, resources: { numCores: { min: 1 } } }]);
        assert.equal(await waitForState(m, 'c-it'), 'FAILED');
        const d = await info(m, 'c-it', true);
        assertSameOrdered(d.iterations, { start: 0, stop: 3, total: 3, finished: 3, failed: 3 });
        assert.deepStrictEqual(d.childs, [
            { iteration: 0, state: 'FAILED' },
            { iteration: 1, state: 'FAILED' },
            { iteration: 2, state: 'FAILED' },
        ]);
        const it = await info(m, 'c-it:1');
        assertKeys(it, ['jobName', 'status', 'messages', 'history'], 'c-it:1');
        assert.equal(it.messages, "Both core's range boundaries (min, max) must be defined");
        assert.deepEqual(historyStates(it.history), ['FAILED']);
    });
});
/** Cores per iteration of an iterative job, from the allocation strings, in index order. */
async function sizesOf(m, name) {
    assert.equal(await waitForState(m, name, undefined, 60_000), 'SUCCEED', name);
    const d = await info(m, name, true);
    return d.childs.map((c) => coresIn(c.runtime.allocation));
}
/** `${ncores}` each iteration printed (its own view of the allocation). */
function printedSizes(m, name, n, start = 0) {
    return Array.from({ length: n }, (_, i) => Number(readText(path.join(m.wd, `${name}_${start + i}.out`)).trim()));
}
const sized = (name, stop, numCores) => ({
    name,
    execution: { exec: '/bin/sh', args: ['-c', 'echo ${ncores}'], stdout: `${name}_\${it}.out` },
    iteration: { stop },
    resources: { numCores },
});
describe('iteration resource schedulers, 10 cores (jobs.md §10.4 examples)', () => {
    const ctx = useManager({ nodes: '10' });
    test('split-into parts 5, 10 iterations → 2 each; maximum-iters, 3 iterations → [3, 3, 4]', async () => {
        const { m } = ctx;
        await submitOk(m, [sized('sp5', 10, { min: 1, scheduler: { name: 'split-into', params: { parts: 5 } } }), sized('mi3', 3, { min: 1, scheduler: { name: 'maximum-iters' } })]);
        assert.deepEqual(await sizesOf(m, 'sp5'), Array(10).fill(2));
        assert.deepEqual(await sizesOf(m, 'mi3'), [3, 3, 4]);
        assert.deepEqual(printedSizes(m, 'mi3', 3), [3, 3, 4]);
    });
    test('sizes come from the total cores, not the free ones (6 of 10 busy: still [3, 3, 4])', async () => {
        const { m } = ctx;
        const g = ctx.gate('busy');
        await submitOk(m, [shJob('busy', gateLoop(g), { resources: { numCores: 6 } })]);
        await waitForState(m, 'busy', ['EXECUTING']);
        await submitOk(m, [sized('mi3b', 3, { min: 1, scheduler: 'Maximum-Iters' })]);
        openGate(g);
        assert.deepEqual(await sizesOf(m, 'mi3b'), [3, 3, 4]);
    });
});
describe('iteration resource schedulers, 11 cores (jobs.md §10.4 examples)', () => {
    const ctx = useManager({ nodes: '11' });
    test('maximum-iters: 3 → [3, 4, 4]; min 5, 3 → [5, 6, 11]; min 5, 4 → [5, 6, 5, 6]; min 6, 4 → [11, 11, 11, 11]', async () => {
        const { m } = ctx;
        await submitOk(m, [
            sized('m3', 3, { min: 1, scheduler: 'maximum-iters' }),
            sized('m5x3', 3, { min: 5, scheduler: { name: 'maximum-iters' } }),
            sized('m5x4', 4, { min: 5, scheduler: { name: 'MAXIMUM-ITERS', params: {} } }),
            sized('m6x4', 4, { min: 6, scheduler: 'some-other-name' }),
        ]);
        assert.deepEqual(await sizesOf(m, 'm3'), [3, 4, 4]);
        assert.deepEqual(await sizesOf(m, 'm5x3'), [5, 6, 11]);
        assert.deepEqual(await sizesOf(m, 'm5x4'), [5, 6, 5, 6]);
        assert.deepEqual(await sizesOf(m, 'm6x4'), [11, 11, 11, 11], 'any other scheduler name means maximum-iters');
        assert.deepEqual(printedSizes(m, 'm5x3', 3), [5, 6, 11]);
    });
});
describe('iteration resource schedulers, nodes 4,5 (examples/jobs-split-into.json)', () => {
    const ctx = useManager({ nodes: '4,5' });
    test('split3 [3,3,3], split4 8 × 2, maxit [2,2,2,3], maxit-min [4,5,9]; allocations span n0,n1', async () => {
        const { m } = ctx;
        await submitOk(m, [
            sized('split3', 3, { min: 1, scheduler: { name: 'split-into' } }),
            sized('split4', 8, { min: 1, scheduler: { name: 'split-into', params: { parts: 4 } } }),
            sized('maxit', 4, { min: 1, scheduler: 'maximum-iters' }),
            sized('maxit-min', 3, { min: 4, scheduler: { name: 'maximum-iters' } }),
        ]);
        assert.deepEqual(await sizesOf(m, 'split3'), [3, 3, 3]);
        assert.deepEqual(await sizesOf(m, 'split4'), Array(8).fill(2));
        assert.deepEqual(await sizesOf(m, 'maxit'), [2, 2, 2, 3]);
        assert.deepEqual(await sizesOf(m, 'maxit-min'), [4, 5, 9]);
        assert.deepEqual(printedSizes(m, 'maxit-min', 3), [4, 5, 9]);
        const d = await info(m, 'maxit-min:2');
        assert.equal(d.runtime.allocation, 'n0[0:1:2:3],n1[0:1:2:3:4]');
    });
});
describe('node scheduler: split-into over numNodes on a:2,b:2,c:4', () => {
    const ctx = useManager({ nodes: 'a:2,b:2,c:4' });
    test('numNodes {min 1, split-into}, 3 iterations: one whole node each', async () => {
        const { m } = ctx;
        await submitOk(m, [{ name: 'pernode', execution: { exec: '/bin/true' }, iteration: { stop: 3 }, resources: { numNodes: { min: 1, scheduler: 'split-into' } } }]);
        assert.equal(await waitForState(m, 'pernode'), 'SUCCEED');
        const d = await info(m, 'pernode', true);
        const allocs = d.childs.map((c) => c.runtime.allocation);
        for (const a of allocs)
            assert.ok(['a[0:1]', 'b[0:1]', 'c[0:1:2:3]'].includes(a), `one whole node: ${a}`);
    });
});
describe('parallelism never exceeds the cores (nodes x:1,y:2 — 3 cores)', () => {
    const ctx = useManager({ nodes: 'x:1,y:2' });
    test('30 real jobs (sleep 0.2, 1–3 cores) and a 6-iteration 2-core sweep: measured concurrency ≤ 3 cores', async (t) => {
        const { m } = ctx;
        // each process reports its own start and end (ns since the epoch), besides the manager's history
        const body = 'echo "S $(date +%s%N)"; sleep 0.2; echo "E $(date +%s%N)"';
        const jobs = [];
        for (let i = 0; i < 30; i++) {
            jobs.push({ name: `p${i}`, execution: { exec: '/bin/sh', args: ['-c', body], wd: 'par', stdout: '${jname}.out' }, resources: { numCores: (i % 3) + 1 } });
        }
        jobs.push({ name: 'psweep', execution: { exec: '/bin/sh', args: ['-c', body], wd: 'par', stdout: '${jname}_${it}.out' }, iteration: { stop: 6 }, resources: { numCores: 2 } });
        // in three requests, so that queued work meets running work
        await submitOk(m, jobs.slice(0, 10));
        await submitOk(m, jobs.slice(10, 20));
        await submitOk(m, jobs.slice(20));
        await waitIdle(m, 120_000);
        const units = [];
        for (let i = 0; i < 30; i++)
            units.push({ name: `p${i}`, file: `p${i}.out` });
        for (let i = 0; i < 6; i++)
            units.push({ name: `psweep:${i}`, file: `psweep_${i}.out` });
        const byHistory = [];
        const byProcess = [];
        for (const u of units) {
            const d = await info(m, u.name);
            assert.equal(d.status, 'SUCCEED', u.name);
            const alloc = d.runtime.allocation;
            const expectCores = u.name.startsWith('psweep') ? 2 : (Number(u.name.slice(1)) % 3) + 1;
            assert.equal(coresIn(alloc), expectCores, `${u.name}: ${alloc}`);
            const cores = coreIds(alloc);
            byHistory.push({ name: u.name, start: stampOf(d, 'EXECUTING'), end: finalStampOf(d), cores });
            const out = readText(path.join(m.wd, 'par', u.file));
            const mm = /^S (\d+)\nE (\d+)\n$/.exec(out);
            assert.ok(mm, `${u.name} output: ${JSON.stringify(out)}`);
            byProcess.push({ name: u.name, start: Number(BigInt(mm[1]) / 1000n), end: Number(BigInt(mm[2]) / 1000n), cores });
        }
        const fromHistory = maxConcurrentCores(byHistory);
        const fromProcesses = maxConcurrentCores(byProcess);
        assert.ok(fromHistory <= 3, `cores in use at once (history EXECUTING → final): ${fromHistory}`);
        assert.ok(fromProcesses <= 3, `cores in use at once (processes' own clocks): ${fromProcesses}`);
        assert.ok(fromHistory >= 1 && fromProcesses >= 1);
        t.diagnostic(`max cores at once: ${fromHistory} (history), ${fromProcesses} (processes)`);
    });
});
//# sourceMappingURL=model-resources.test.js.map