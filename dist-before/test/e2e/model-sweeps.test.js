/**
 * Iterative jobs (sweeps) against a real manager (jobs.md §4, §6 pass 2, §8; protocol.md §3, §4.3–§4.5, §6 (c)):
 * `${it}` / `${itval}` in every execution field with files the test reads back, negative starts, `values` with
 * `start` ignored, per-iteration queries and cancels, counters while running, and the parent's state rules.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { gateLoop, openGate, shJob } from '../helpers/jobs.js';
import { submitOk, waitForState } from '../helpers/manager-process.js';
import { sleepMarker, waitNoMarker } from '../helpers/procs.js';
import { assertFinalRuntime, assertKeys, assertSameOrdered, historyStates, readText } from '../helpers/util.js';
import { finalStampOf, historyOf, info, stampOf, statesOf, statusOf, useManager } from './model-common.js';
describe('sweeps (nodes 4)', () => {
    const ctx = useManager({ nodes: '4' });
    const marker = sleepMarker();
    test('${it} and ${itval} (values form) in args, env, wd, stdin, stdout and stderr names', async () => {
        const { m } = ctx;
        const values = ['alpha', 'beta', 7];
        for (const v of values) {
            fs.mkdirSync(path.join(m.wd, 'sw', String(v)), { recursive: true });
            fs.writeFileSync(path.join(m.wd, 'sw', String(v), `in_${v}.txt`), `input of ${v}\n`);
        }
        await submitOk(m, [
            {
                name: 'vals',
                execution: {
                    exec: '/bin/sh',
                    // $1, $IT, $VAL are no placeholders (not a name / unknown): the shell gets them
                    args: ['-c', 'cat; echo "it=${it} val=${itval} env=$IT/$VAL arg=$1"; echo "err-${itval}" >&2', 'sh', 'arg-${it}-${itval}'],
                    env: { IT: '${it}', VAL: 'v-${itval}' },
                    wd: 'sw/${itval}',
                    stdin: 'in_${itval}.txt',
                    stdout: 'out_${it}.txt',
                    stderr: 'err_${itval}.txt',
                },
                iteration: { values },
            },
        ]);
        assert.equal(await waitForState(m, 'vals'), 'SUCCEED');
        values.forEach((v, i) => {
            const dir = path.join(m.wd, 'sw', String(v));
            assert.equal(readText(path.join(dir, `out_${i}.txt`)), `input of ${v}\nit=${i} val=${v} env=${i}/v-${v} arg=arg-${i}-${v}\n`);
            assert.equal(readText(path.join(dir, `err_${v}.txt`)), `err-${v}\n`);
        });
        const d = await info(m, 'vals', true);
        assertSameOrdered(d.iterations, { start: 0, stop: 3, total: 3, finished: 3, failed: 0 });
        d.childs.forEach((c, i) => {
            assert.equal(c.iteration, i);
            assertFinalRuntime(c.runtime, { wd: path.join(m.wd, 'sw', String(values[i])), exit_code: '0', pname: 'sh' });
        });
    });
    test('values with start: start is ignored, indices 0 … len−1, counters start 0 and stop = length', async () => {
        const { m } = ctx;
        await submitOk(m, [{ name: 'vstart', execution: { exec: '/bin/sh', args: ['-c', 'echo ${it}=${itval} > vstart_${it}.txt'] }, iteration: { start: 5, values: ['x', 'y'] } }]);
        assert.equal(await waitForState(m, 'vstart'), 'SUCCEED');
        assert.equal(readText(path.join(m.wd, 'vstart_0.txt')), '0=x\n');
        assert.equal(readText(path.join(m.wd, 'vstart_1.txt')), '1=y\n');
        assert.ok(!fs.existsSync(path.join(m.wd, 'vstart_5.txt')));
        assertSameOrdered((await info(m, 'vstart')).iterations, { start: 0, stop: 2, total: 2, finished: 2, failed: 0 });
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: ['vstart:5'] }), { code: 1, message: 'Unknown iteration 5 for job vstart' });
    });
    test('${itval} of number values is their decimal text', async () => {
        const { m } = ctx;
        await submitOk(m, [{ name: 'nums', execution: { exec: '/bin/echo', args: ['[${itval}]'], stdout: 'nums_${it}.txt' }, iteration: { values: [1.5, -3, 0, 'x y'] } }]);
        assert.equal(await waitForState(m, 'nums'), 'SUCCEED');
        assert.deepEqual([0, 1, 2, 3].map((i) => readText(path.join(m.wd, `nums_${i}.txt`))), ['[1.5]\n', '[-3]\n', '[0]\n', '[x y]\n']);
    });
    test('negative start: indices, files, per-iteration jobStatus/jobInfo, childs in index order', async () => {
        const { m } = ctx;
        await submitOk(m, [
            {
                name: 'negs',
                execution: { exec: '/bin/sh', args: ['-c', 'echo "${it}|${itval}"; exit $(( ${it} == -1 ))'], wd: 'negs', stdout: 'o_${it}.txt' },
                iteration: { start: -3, stop: 2 },
            },
        ]);
        assert.equal(await waitForState(m, 'negs'), 'FAILED', 'iteration -1 exits 1');
        for (const i of [-3, -2, -1, 0, 1])
            assert.equal(readText(path.join(m.wd, 'negs', `o_${i}.txt`)), `${i}|${i}\n`);
        assert.deepStrictEqual(await statesOf(m, ['negs:-3', 'negs:-2', 'negs:-1', 'negs:0', 'negs:1']), {
            'negs:-3': 'SUCCEED',
            'negs:-2': 'SUCCEED',
            'negs:-1': 'FAILED',
            'negs:0': 'SUCCEED',
            'negs:1': 'SUCCEED',
        });
        const it = await info(m, 'negs:-1');
        assertKeys(it, ['jobName', 'status', 'runtime', 'history'], 'jobInfo negs:-1');
        assert.equal(it.jobName, 'negs:-1');
        assertFinalRuntime(it.runtime, { exit_code: '1', wd: path.join(m.wd, 'negs') });
        assert.deepEqual(historyStates(it.history), ['SCHEDULED', 'EXECUTING', 'FAILED']);
        const d = await info(m, 'negs', true);
        assertSameOrdered(d.iterations, { start: -3, stop: 2, total: 5, finished: 5, failed: 1 });
        assert.deepEqual(d.childs.map((c) => [c.iteration, c.state]), [
            [-3, 'SUCCEED'],
            [-2, 'SUCCEED'],
            [-1, 'FAILED'],
            [0, 'SUCCEED'],
            [1, 'SUCCEED'],
        ]);
        // whole-request errors name the index as requested
        assert.deepStrictEqual(await m.request({ request: 'jobInfo', jobNames: ['negs:-4'] }), { code: 1, message: 'Unknown iteration -4 for job negs' });
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['negs:-3', 'negs:2'] }), {
            code: 0,
            data: { canceled: 0, errors: { 'negs:-3': 'Job negs:-3 already finished (SUCCEED)', 'negs:2': 'Unknown iteration 2 for job negs' } },
        });
    });
    test('iterations are allocated lowest index first (4-core iterations on 4 cores run one after another)', async () => {
        const { m } = ctx;
        await submitOk(m, [{ name: 'seq', execution: { exec: '/bin/sleep', args: ['0.1'] }, iteration: { start: -2, stop: 3 }, resources: { numCores: 4 } }]);
        assert.equal(await waitForState(m, 'seq'), 'SUCCEED');
        const its = [];
        for (const i of [-2, -1, 0, 1, 2])
            its.push(await info(m, `seq:${i}`));
        for (let k = 1; k < its.length; k++) {
            assert.ok(finalStampOf(its[k - 1]) <= stampOf(its[k], 'SCHEDULED'), `seq:${k - 3} ended before seq:${k - 2} was scheduled`);
        }
        for (const it of its)
            assert.equal(it.runtime.allocation, 'n0[0:1:2:3]');
    });
    test('parent EXECUTING while iterations run; counters while running; FAILED when one iteration failed', async () => {
        const { m } = ctx;
        const g = (i) => ctx.gate(`par_${i}`);
        const gates = [0, 1, 2, 3].map(g);
        // iteration i waits for gate par_i; iteration 1 then exits 3
        await submitOk(m, [shJob('par', `${gateLoop(path.join(m.wd, 'gates', 'par_${it}'))}; [ \${it} != 1 ] || exit 3`, { iteration: { stop: 4 } })]);
        for (let i = 0; i < 4; i++)
            await waitForState(m, `par:${i}`, ['EXECUTING']);
        const running = await info(m, 'par');
        assertKeys(running, ['jobName', 'status', 'iterations', 'history'], 'running iterative job');
        assert.equal(running.status, 'EXECUTING');
        assertSameOrdered(running.iterations, { start: 0, stop: 4, total: 4, finished: 0, failed: 0 });
        assert.deepEqual(historyStates(running.history), ['QUEUED', 'EXECUTING']);
        openGate(gates[1]);
        assert.equal(await waitForState(m, 'par:1'), 'FAILED');
        assert.equal(await statusOf(m, 'par'), 'EXECUTING', 'a failed iteration does not end the job while others run');
        assertSameOrdered((await info(m, 'par')).iterations, { start: 0, stop: 4, total: 4, finished: 1, failed: 1 });
        openGate(gates[0]);
        assert.equal(await waitForState(m, 'par:0'), 'SUCCEED');
        assertSameOrdered((await info(m, 'par')).iterations, { start: 0, stop: 4, total: 4, finished: 2, failed: 1 });
        openGate(gates[2]);
        openGate(gates[3]);
        assert.equal(await waitForState(m, 'par'), 'FAILED');
        const d = await info(m, 'par', true);
        assertSameOrdered(d.iterations, { start: 0, stop: 4, total: 4, finished: 4, failed: 1 });
        assert.deepEqual(historyStates(d.history), ['QUEUED', 'EXECUTING', 'FAILED']);
        const its = [];
        for (let i = 0; i < 4; i++)
            its.push(await info(m, `par:${i}`));
        const firstExec = its.map((x) => stampOf(x, 'EXECUTING')).sort()[0];
        const lastFinal = its.map(finalStampOf).sort()[3];
        assert.ok(stampOf(d, 'EXECUTING') >= firstExec, 'the parent becomes EXECUTING when its first iteration does');
        assert.ok(stampOf(d, 'EXECUTING') <= its.map(finalStampOf).sort()[0], 'the parent was EXECUTING before any iteration ended');
        assert.ok(stampOf(d, 'FAILED') >= lastFinal, 'the parent becomes final with its last iteration');
        assert.equal(d.messages, undefined, 'the parent has no messages of its own');
    });
    test('a running iteration cancelled by NAME:IDX: CANCELED (-15), the others go on, the job ends FAILED', async () => {
        const { m } = ctx;
        const g = ctx.gate('rc');
        await submitOk(m, [shJob('rc', `if [ \${it} = 1 ]; then exec sleep ${marker}; fi; ${gateLoop(g)}`, { iteration: { stop: 3 } })]);
        for (const i of [0, 1, 2])
            await waitForState(m, `rc:${i}`, ['EXECUTING']);
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['rc:1'] }), { code: 0, data: { canceled: 1 } });
        assert.equal(await waitForState(m, 'rc:1'), 'CANCELED');
        assert.deepStrictEqual(await statesOf(m, ['rc', 'rc:0', 'rc:2']), { rc: 'EXECUTING', 'rc:0': 'EXECUTING', 'rc:2': 'EXECUTING' });
        const it1 = await info(m, 'rc:1');
        assertFinalRuntime(it1.runtime, { exit_code: '-15', pname: 'sh' });
        assert.deepEqual(historyStates(it1.history), ['SCHEDULED', 'EXECUTING', 'CANCELED']);
        openGate(g);
        assert.equal(await waitForState(m, 'rc'), 'FAILED', 'an iteration CANCELED (job not cancelled as a whole): FAILED');
        const d = await info(m, 'rc', true);
        assertSameOrdered(d.iterations, { start: 0, stop: 3, total: 3, finished: 3, failed: 1 });
        assert.deepEqual(d.childs.map((c) => c.state), ['SUCCEED', 'CANCELED', 'SUCCEED']);
        assert.deepEqual(historyStates(d.history), ['QUEUED', 'EXECUTING', 'FAILED']);
    });
    test('cancelled as a whole after some iterations SUCCEED and one FAILED: CANCELED, not FAILED', async () => {
        const { m } = ctx;
        const g = ctx.gate('cw');
        // 1 core each on 4 cores: iterations 0 and 1 end at once (0 SUCCEED, 1 FAILED), 2..3 wait on the gate, 4..7 queue
        await submitOk(m, [shJob('cw', `case \${it} in 0) exit 0;; 1) exit 1;; esac; ${gateLoop(g)}`, { iteration: { stop: 8 }, resources: { numCores: 1 } })]);
        await waitForState(m, 'cw:0');
        await waitForState(m, 'cw:1');
        for (const i of [2, 3])
            await waitForState(m, `cw:${i}`, ['EXECUTING']);
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['cw'] }), { code: 0, data: { canceled: 1 } });
        assert.equal(await waitForState(m, 'cw'), 'CANCELED');
        const d = await info(m, 'cw', true);
        const states = d.childs.map((c) => c.state);
        assert.equal(states[0], 'SUCCEED');
        assert.equal(states[1], 'FAILED');
        assert.ok(states.slice(2).every((s) => s === 'CANCELED'), `the rest CANCELED: ${states.join(',')}`);
        assertSameOrdered(d.iterations, { start: 0, stop: 8, total: 8, finished: 8, failed: 7 });
        assert.deepEqual(historyStates(d.history), ['QUEUED', 'EXECUTING', 'CANCELED']);
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['cw', 'cw:7'] }), {
            code: 0,
            data: { canceled: 0, errors: { cw: 'Job cw already finished (CANCELED)', 'cw:7': 'Job cw:7 already finished (CANCELED)' } },
        });
    });
    test('every iteration cancelled one by one while queued: no iteration ever started → history QUEUED, FAILED', async () => {
        const { m } = ctx;
        const g = ctx.gate('hold4');
        await submitOk(m, [shJob('hold4', gateLoop(g), { resources: { numCores: 4 } })]);
        await waitForState(m, 'hold4', ['EXECUTING']);
        await submitOk(m, [{ name: 'never', execution: { exec: '/bin/true' }, iteration: { stop: 2 } }]);
        assert.equal(await statusOf(m, 'never'), 'QUEUED');
        assertSameOrdered((await info(m, 'never')).iterations, { start: 0, stop: 2, total: 2, finished: 0, failed: 0 });
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['never:0'] }), { code: 0, data: { canceled: 1 } });
        assert.equal(await statusOf(m, 'never'), 'QUEUED', 'one iteration left: the job is still queued');
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['never:1'] }), { code: 0, data: { canceled: 1 } });
        const d = await info(m, 'never', true);
        assert.equal(d.status, 'FAILED', 'iterations CANCELED, the job itself not cancelled: FAILED (jobs.md §8)');
        assertKeys(d, ['jobName', 'status', 'iterations', 'childs', 'history'], 'jobInfo never');
        assert.deepEqual(historyStates(d.history), ['QUEUED', 'FAILED'], 'protocol.md §6 (c): no iteration ever started');
        assertSameOrdered(d.childs, [
            { iteration: 0, state: 'CANCELED' },
            { iteration: 1, state: 'CANCELED' },
        ]);
        assertSameOrdered(d.iterations, { start: 0, stop: 2, total: 2, finished: 2, failed: 2 });
        openGate(g);
        assert.equal(await waitForState(m, 'hold4'), 'SUCCEED');
    });
    test('an iterative job cancelled as a whole while queued: QUEUED, CANCELED; every iteration CANCELED without runtime', async () => {
        const { m } = ctx;
        const g = ctx.gate('hold4b');
        await submitOk(m, [shJob('hold4b', gateLoop(g), { resources: { numCores: 4 } })]);
        await waitForState(m, 'hold4b', ['EXECUTING']);
        await submitOk(m, [{ name: 'qwhole', execution: { exec: '/bin/true' }, iteration: { start: -1, stop: 2 } }]);
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['qwhole'] }), { code: 0, data: { canceled: 1 } });
        const d = await info(m, 'qwhole', true);
        assert.equal(d.status, 'CANCELED');
        assert.deepEqual(historyStates(d.history), ['QUEUED', 'CANCELED']);
        assertSameOrdered(d.childs, [
            { iteration: -1, state: 'CANCELED' },
            { iteration: 0, state: 'CANCELED' },
            { iteration: 1, state: 'CANCELED' },
        ]);
        const it = await info(m, 'qwhole:-1');
        assertKeys(it, ['jobName', 'status', 'history'], 'a cancelled queued iteration has no runtime');
        assert.deepEqual(historyStates(it.history), ['CANCELED']);
        assert.equal(historyOf(it).length, 1);
        openGate(g);
        assert.equal(await waitForState(m, 'hold4b'), 'SUCCEED');
    });
    test('no job process is left', async () => {
        assert.deepEqual(await waitNoMarker(marker), []);
    });
});
//# sourceMappingURL=model-sweeps.test.js.map