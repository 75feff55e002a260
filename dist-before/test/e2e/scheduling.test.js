/**
 * Scheduling seen through the wire (jobs.md §5, §10; protocol.md §6 (d), (k)): dependencies on iterations,
 * omission rules, the reservation of the oldest waiting job, core ranges and iteration resource schedulers.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { gateJob, gateLoop, openGate, shJob } from '../helpers/jobs.js';
import { jobInfo, startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { assertKeys, historyStates } from '../helpers/util.js';
describe('scheduling (nodes 4)', () => {
    let m;
    const gates = [];
    const gate = (n) => {
        const g = path.join(m.wd, 'gates', n);
        gates.push(g);
        return g;
    };
    before(async () => {
        m = await startManagerProcess({ nodes: '4' });
    });
    after(async () => {
        for (const g of gates)
            openGate(g);
        await m?.stop();
    });
    const status = async (name) => (await m.request({ request: 'jobStatus', jobNames: [name] })).data.jobs[name].data.status;
    test('after ["job:IDX"] waits for that iteration only (pilotmq §6 (d))', async () => {
        const g = gate('slowit');
        await submitOk(m, [
            shJob('slowit', `[ \${it} = 3 ] || { ${gateLoop(g)}; }`, { iteration: { stop: 4 } }),
            { name: 'afterit3', execution: { exec: '/bin/true' }, dependencies: { after: ['slowit:3'] } },
        ]);
        assert.equal(await waitForState(m, 'afterit3'), 'SUCCEED');
        assert.equal(await status('slowit'), 'EXECUTING', 'the job as a whole is still running');
        openGate(g);
        assert.equal(await waitForState(m, 'slowit'), 'SUCCEED');
    });
    test('dependency omission rules', async () => {
        await submitOk(m, [
            { name: 'plainjob', execution: { exec: '/bin/true' } },
            { name: 'itjob', execution: { exec: '/bin/true' }, iteration: { stop: 2 } },
        ]);
        await waitForState(m, 'plainjob');
        await waitForState(m, 'itjob');
        await submitOk(m, [
            { name: 'idx-on-plain', execution: { exec: '/bin/true' }, dependencies: { after: ['plainjob:0'] } },
            { name: 'idx-out-of-range', execution: { exec: '/bin/true' }, dependencies: { after: ['itjob:5'] } },
            { name: 'on-later', execution: { exec: '/bin/true' }, dependencies: { after: ['submitted-later'] } },
            { name: 'before-in-array', execution: { exec: '/bin/true' }, dependencies: { after: ['later-in-array'] } },
            { name: 'later-in-array', execution: { exec: '/bin/true' } },
            { name: 'empty-after', execution: { exec: '/bin/true' }, dependencies: { after: [] } },
        ]);
        await submitOk(m, [{ name: 'submitted-later', execution: { exec: '/bin/true' } }]);
        assert.equal(await waitForState(m, 'idx-on-plain'), 'OMITTED');
        assert.equal(await waitForState(m, 'idx-out-of-range'), 'OMITTED');
        assert.equal(await waitForState(m, 'on-later'), 'OMITTED', 'a job may not depend on a later request');
        assert.equal(await waitForState(m, 'before-in-array'), 'SUCCEED', 'a job may depend on a job of its own request');
        assert.equal(await waitForState(m, 'empty-after'), 'SUCCEED');
    });
    test('per-iteration ${it} dependency on a failed iteration omits only that iteration', async () => {
        await submitOk(m, [
            shJob('up', 'exit $(( ${it} == 1 ))', { iteration: { stop: 3 } }),
            { name: 'down', execution: { exec: '/bin/true' }, iteration: { stop: 3 }, dependencies: { after: ['up:${it}'] } },
        ]);
        assert.equal(await waitForState(m, 'down'), 'FAILED');
        const d = await jobInfo(m, 'down', true);
        assert.deepStrictEqual(d.childs.map((c) => c.state), ['SUCCEED', 'OMITTED', 'SUCCEED']);
    });
    test('the oldest waiting job gets a reservation: a later small job does not start on its cores (pilotmq §6 (k))', async () => {
        const g = gate('hold');
        await submitOk(m, [gateJob('hold', g)]);
        await waitForState(m, 'hold', ['EXECUTING']);
        await submitOk(m, [{ name: 'big', execution: { exec: '/bin/true' }, resources: { numCores: 4 } }]);
        await submitOk(m, [{ name: 'small', execution: { exec: '/bin/true' } }]);
        // a scheduling pass ran after each submit: small must still wait (its only cores are reserved for big)
        assert.equal(await status('big'), 'QUEUED');
        assert.equal(await status('small'), 'QUEUED');
        assert.deepStrictEqual((await m.request({ request: 'resourcesInfo' })).data, { total_nodes: 1, total_cores: 4, used_cores: 1, free_cores: 3 });
        openGate(g);
        assert.equal(await waitForState(m, 'big'), 'SUCCEED');
        assert.equal(await waitForState(m, 'small'), 'SUCCEED');
        const hist = (n) => jobInfo(m, n).then((d) => String(d.history).split('\n').find((l) => l.endsWith(': SCHEDULED')).slice(0, 26));
        assert.ok((await hist('big')) <= (await hist('small')), 'big was scheduled before small');
    });
    test('core range: as many free cores as possible up to max', async () => {
        await submitOk(m, [{ name: 'range', execution: { exec: '/bin/true' }, resources: { numCores: { min: 1, max: 3 } } }]);
        assert.equal(await waitForState(m, 'range'), 'SUCCEED');
        assert.equal((await jobInfo(m, 'range')).runtime.allocation, 'n0[0:1:2]');
    });
    test('maximum-iters scheduler on 4 cores, 3 iterations: sizes 1, 1, 2', async () => {
        await submitOk(m, [
            { name: 'maxit', execution: { exec: '/bin/sh', args: ['-c', 'echo ${ncores} > maxit_${it}.txt'] }, iteration: { stop: 3 }, resources: { numCores: { min: 1, scheduler: 'maximum-iters' } } },
        ]);
        assert.equal(await waitForState(m, 'maxit'), 'SUCCEED');
        const d = await jobInfo(m, 'maxit', true);
        const allocs = d.childs.map((c) => c.runtime.allocation);
        assert.deepStrictEqual(allocs.map((a) => a.split(':').length), [1, 1, 2]);
    });
    test('split-into scheduler: floor(total / parts) cores each', async () => {
        await submitOk(m, [
            { name: 'split', execution: { exec: '/bin/true' }, iteration: { stop: 4 }, resources: { numCores: { min: 1, scheduler: { name: 'split-into', params: { parts: 2 } } } } },
        ]);
        assert.equal(await waitForState(m, 'split'), 'SUCCEED');
        const d = await jobInfo(m, 'split', true);
        for (const c of d.childs)
            assert.match(c.runtime.allocation, /^n0\[\d:\d\]$/);
    });
    test('iteration messages belong to the iteration, not to the whole job', async () => {
        await submitOk(m, [{ name: 'noexe-it', execution: { exec: '/nonexistent/bin' }, iteration: { stop: 2 } }]);
        assert.equal(await waitForState(m, 'noexe-it'), 'FAILED');
        const it0 = await jobInfo(m, 'noexe-it:0');
        assertKeys(it0, ['jobName', 'status', 'messages', 'runtime', 'history'], 'iteration with a launch error');
        assert.equal(it0.messages, "[Errno 2] No such file or directory: '/nonexistent/bin'");
        assertKeys(await jobInfo(m, 'noexe-it'), ['jobName', 'status', 'iterations', 'history'], 'the whole job has no messages of its own');
    });
});
describe('chained launches (README "Chained launches")', () => {
    test('a task chained behind a long one is taken back when a core is free: no job waits behind it', async () => {
        const m = await startManagerProcess({ nodes: '2' });
        const gate = path.join(m.wd, 'gates', 'long');
        try {
            await submitOk(m, [{ name: 'warm', execution: { exec: '/bin/true' } }]);
            assert.equal(await waitForState(m, 'warm'), 'SUCCEED');
            await submitOk(m, [gateJob('long', gate), ...Array.from({ length: 300 }, (_, i) => ({ name: `t${i}`, execution: { exec: '/bin/true' } }))]);
            for (let i = 0; i < 300; i++)
                assert.equal(await waitForState(m, `t${i}`), 'SUCCEED', `t${i} while long runs`);
            const st = await m.request({ request: 'jobStatus', jobNames: ['long'] });
            assert.equal(st.data.jobs.long.data.status, 'EXECUTING');
            openGate(gate);
            assert.equal(await waitForState(m, 'long'), 'SUCCEED');
        }
        finally {
            openGate(gate);
            await m.stop();
        }
    });
    test('short tasks on one core: chained, never two at once, every job once, in order', async () => {
        const m = await startManagerProcess({ nodes: '1' });
        try {
            const log = path.join(m.wd, 'order.log');
            // each task writes a start and an end line: any overlap of two tasks breaks the s/e alternation
            const task = (tag) => ({ exec: '/bin/sh', args: ['-c', `echo "s ${tag}" >> ${log}; echo "e ${tag}" >> ${log}`] });
            await submitOk(m, [{ name: 'warm', execution: { exec: '/bin/true' } }]);
            assert.equal(await waitForState(m, 'warm'), 'SUCCEED');
            await submitOk(m, [
                ...Array.from({ length: 60 }, (_, i) => ({ name: `j${i}`, execution: task(`j${i}`) })),
                { name: 'sweep', execution: task('sweep:${it}'), iteration: { stop: 60 } },
            ]);
            assert.equal(await waitForState(m, 'sweep'), 'SUCCEED');
            for (let i = 0; i < 60; i++)
                assert.equal(await waitForState(m, `j${i}`), 'SUCCEED');
            const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
            const tags = [...Array.from({ length: 60 }, (_, i) => `j${i}`), ...Array.from({ length: 60 }, (_, i) => `sweep:${i}`)];
            assert.deepEqual(lines, tags.flatMap((t) => [`s ${t}`, `e ${t}`]));
            // a chained task is QUEUED → SCHEDULED → EXECUTING → SUCCEED like any other, after the one before it ended
            const info = await jobInfo(m, 'sweep:10');
            assert.deepEqual(historyStates(info.history), ['SCHEDULED', 'EXECUTING', 'SUCCEED']);
            await m.stop();
            const summary = /(\d+) tasks launched, (\d+) of them chained/.exec(fs.readFileSync(path.join(m.auxDir, 'service.log'), 'utf8'));
            assert.ok(summary, 'the shutdown line of service.log');
            assert.equal(Number(summary[1]), 121);
            assert.ok(Number(summary[2]) > 0, `${summary[2]} of 121 launches chained`);
        }
        finally {
            await m.stop();
        }
    });
});
//# sourceMappingURL=scheduling.test.js.map