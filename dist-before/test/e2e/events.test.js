/**
 * Published events (protocol.md §5, §6 (b); examples/events.json): exact frame texts, per-job order,
 * exactly one JFI per job and one IFI per iteration, NOJ each time the manager becomes idle.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { gateJob, gateLoop, openGate, shJob } from '../helpers/jobs.js';
import { jobInfo, startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { sleepMarker, waitNoMarker } from '../helpers/procs.js';
import { assertKeys, ev, noj, pyJson } from '../helpers/util.js';
const FRAME_RE = /^(JST|JFI|IST|IFI|NOJ) (\{.*\})$/;
describe('events (events.json)', () => {
    let m;
    let sub;
    let id;
    const marker = sleepMarker();
    /** every frame of every scenario */
    const all = [];
    /** job name → iteration count (0 = no iterations), for the global JFI/IFI count */
    const submitted = new Map();
    const gates = [];
    const gate = (name) => {
        const g = path.join(m.wd, 'gates', name);
        gates.push(g);
        return g;
    };
    const submit = async (jobs) => {
        for (const j of jobs) {
            const it = j.iteration;
            submitted.set(j.name, it ? it.stop - (it.start ?? 0) : 0);
        }
        await submitOk(m, jobs);
    };
    /** Wait for the NOJ that ends a scenario, return the scenario's frames and forget them. */
    const untilIdle = async () => {
        await sub.waitFor((f) => f.length > 0 && f[f.length - 1] === noj(id), 30_000, 'NOJ');
        // the manager is idle: nothing else may follow
        const st = await m.request({ request: 'status', options: { allJobsFinished: true } });
        assert.deepStrictEqual(st.data, { AllJobsFinished: true });
        const frames = [...sub.frames];
        all.push(...frames);
        sub.clear();
        return frames;
    };
    before(async () => {
        m = await startManagerProcess({ nodes: '4' });
        id = m.instanceId;
        sub = await m.subscribe();
    });
    after(async () => {
        for (const g of gates)
            openGate(g);
        await m?.stop();
        assert.deepEqual(await waitNoMarker(marker), []);
    });
    test('simple job, manager idle afterwards', async () => {
        await submit([{ name: 'date', execution: { exec: '/bin/date' } }]);
        await sub.waitForFrame(ev('JFI', id, 'date', 'SUCCEED'));
        // an event is published only after the change is visible to requests
        assert.equal(await waitForState(m, 'date', ['SUCCEED'], 1), 'SUCCEED');
        assert.deepStrictEqual(await untilIdle(), [
            ev('JST', id, 'date', 'SCHEDULED'),
            ev('JST', id, 'date', 'EXECUTING'),
            ev('JST', id, 'date', 'SUCCEED'),
            ev('JFI', id, 'date', 'SUCCEED'),
            noj(id),
        ]);
    });
    test("iterative job 'pair': iteration 1 exits 1, the job ends FAILED (true final state)", async () => {
        const g0 = gate('pair0');
        const g1 = gate('pair1');
        await submit([shJob('pair', `if [ \${it} = 1 ]; then ${gateLoop(g1)}; exit 1; fi; ${gateLoop(g0)}`, { iteration: { stop: 2 } })]);
        await sub.waitFor((f) => f.includes(ev('IST', id, 'pair', 'EXECUTING', 0)) && f.includes(ev('IST', id, 'pair', 'EXECUTING', 1)), 30_000, 'both iterations EXECUTING');
        openGate(g1);
        await sub.waitForFrame(ev('IFI', id, 'pair', 'FAILED', 1));
        openGate(g0);
        const frames = await untilIdle();
        assert.equal(frames.length, 12, frames.join('\n'));
        // first five: the start of both iterations; per-iteration order, lowest index first, JST EXECUTING right
        // after the first IST EXECUTING (the order between the two iterations' SCHEDULED/EXECUTING may vary)
        const head = frames.slice(0, 5);
        assert.deepStrictEqual([...head].sort(), [
            ev('IST', id, 'pair', 'SCHEDULED', 0),
            ev('IST', id, 'pair', 'SCHEDULED', 1),
            ev('IST', id, 'pair', 'EXECUTING', 0),
            ev('JST', id, 'pair', 'EXECUTING'),
            ev('IST', id, 'pair', 'EXECUTING', 1),
        ].sort());
        assert.ok(head.indexOf(ev('IST', id, 'pair', 'SCHEDULED', 0)) < head.indexOf(ev('IST', id, 'pair', 'SCHEDULED', 1)), 'iteration 0 scheduled first');
        for (const i of [0, 1])
            assert.ok(head.indexOf(ev('IST', id, 'pair', 'SCHEDULED', i)) < head.indexOf(ev('IST', id, 'pair', 'EXECUTING', i)));
        const firstExec = head.findIndex((f) => f.startsWith('IST ') && f.includes('"EXECUTING"'));
        assert.equal(head[firstExec + 1], ev('JST', id, 'pair', 'EXECUTING'), 'JST EXECUTING right after the first IST EXECUTING');
        assert.deepStrictEqual(frames.slice(5), [
            ev('IST', id, 'pair', 'FAILED', 1),
            ev('IFI', id, 'pair', 'FAILED', 1),
            ev('IST', id, 'pair', 'SUCCEED', 0),
            ev('IFI', id, 'pair', 'SUCCEED', 0),
            ev('JST', id, 'pair', 'FAILED'),
            ev('JFI', id, 'pair', 'FAILED'),
            noj(id),
        ]);
        assert.equal(await waitForState(m, 'pair', ['FAILED'], 1), 'FAILED', 'JFI carries the state jobStatus reports');
    });
    test('job depending on an unregistered job: omitted at the first scheduling pass', async () => {
        await submit([{ name: 'orphan', execution: { exec: '/bin/true' }, dependencies: { after: ['unregistered'] } }]);
        assert.deepStrictEqual(await untilIdle(), [ev('JST', id, 'orphan', 'OMITTED'), ev('JFI', id, 'orphan', 'OMITTED'), noj(id)]);
    });
    test('transitive omission: a FAILED, b after a, c after b', async () => {
        await submit([
            shJob('chain-a', 'exit 1'),
            { name: 'chain-b', execution: { exec: '/bin/true' }, dependencies: { after: ['chain-a'] } },
            { name: 'chain-c', execution: { exec: '/bin/true' }, dependencies: { after: ['chain-b'] } },
        ]);
        const frames = await untilIdle();
        const of = (job) => frames.filter((f) => f.includes(`"job": "${job}"`));
        assert.deepStrictEqual(of('chain-a'), [ev('JST', id, 'chain-a', 'SCHEDULED'), ev('JST', id, 'chain-a', 'EXECUTING'), ev('JST', id, 'chain-a', 'FAILED'), ev('JFI', id, 'chain-a', 'FAILED')]);
        assert.deepStrictEqual(of('chain-b'), [ev('JST', id, 'chain-b', 'OMITTED'), ev('JFI', id, 'chain-b', 'OMITTED')]);
        assert.deepStrictEqual(of('chain-c'), [ev('JST', id, 'chain-c', 'OMITTED'), ev('JFI', id, 'chain-c', 'OMITTED')]);
        assert.equal(frames.length, 9);
        assert.equal(frames[8], noj(id));
        assert.ok(frames.indexOf(ev('JFI', id, 'chain-a', 'FAILED')) < frames.indexOf(ev('JST', id, 'chain-b', 'OMITTED')));
    });
    test('two queued iterations cancelled while iteration 0 runs', async () => {
        const g = gate('itcancel');
        await submit([gateJob('itcancel', g, { iteration: { stop: 4 }, resources: { numCores: 4 } })]);
        await sub.waitForFrame(ev('JST', id, 'itcancel', 'EXECUTING'));
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['itcancel:2', 'itcancel:3'] }), { code: 0, data: { canceled: 2 } });
        await sub.waitForFrame(ev('IFI', id, 'itcancel', 'CANCELED', 3));
        openGate(g);
        assert.deepStrictEqual(await untilIdle(), [
            ev('IST', id, 'itcancel', 'SCHEDULED', 0),
            ev('IST', id, 'itcancel', 'EXECUTING', 0),
            ev('JST', id, 'itcancel', 'EXECUTING'),
            ev('IST', id, 'itcancel', 'CANCELED', 2),
            ev('IFI', id, 'itcancel', 'CANCELED', 2),
            ev('IST', id, 'itcancel', 'CANCELED', 3),
            ev('IFI', id, 'itcancel', 'CANCELED', 3),
            ev('IST', id, 'itcancel', 'SUCCEED', 0),
            ev('IFI', id, 'itcancel', 'SUCCEED', 0),
            ev('IST', id, 'itcancel', 'SCHEDULED', 1),
            ev('IST', id, 'itcancel', 'EXECUTING', 1),
            ev('IST', id, 'itcancel', 'SUCCEED', 1),
            ev('IFI', id, 'itcancel', 'SUCCEED', 1),
            ev('JST', id, 'itcancel', 'FAILED'),
            ev('JFI', id, 'itcancel', 'FAILED'),
            noj(id),
        ]);
        const info = await jobInfo(m, 'itcancel', true);
        assert.equal(info.status, 'FAILED');
        assert.deepStrictEqual(info.iterations, { start: 0, stop: 4, total: 4, finished: 4, failed: 2 });
        const childs = info.childs;
        assertKeys(childs[2], ['iteration', 'state'], 'cancelled-while-queued iteration has no runtime');
        assert.equal(childs[0].runtime.allocation, 'n0[0:1:2:3]');
    });
    test('running job cancelled', async () => {
        await submit([{ name: 'sleeper', execution: { exec: 'sleep', args: [marker] } }]);
        await sub.waitForFrame(ev('JST', id, 'sleeper', 'EXECUTING'));
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['sleeper'] }), { code: 0, data: { canceled: 1 } });
        await sub.waitForFrame(ev('JFI', id, 'sleeper', 'CANCELED'));
        assert.equal(await waitForState(m, 'sleeper', ['CANCELED'], 1), 'CANCELED');
        assert.deepStrictEqual(await untilIdle(), [
            ev('JST', id, 'sleeper', 'SCHEDULED'),
            ev('JST', id, 'sleeper', 'EXECUTING'),
            ev('JST', id, 'sleeper', 'CANCELED'),
            ev('JFI', id, 'sleeper', 'CANCELED'),
            noj(id),
        ]);
    });
    test('job cancelled while queued: only JST/JFI CANCELED, no NOJ while other work runs', async () => {
        const g = gate('blocker');
        await submit([gateJob('blocker', g, { resources: { numCores: 4 } }), { name: 'waiting', execution: { exec: '/bin/true' } }]);
        await sub.waitForFrame(ev('JST', id, 'blocker', 'EXECUTING'));
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['waiting'] }), { code: 0, data: { canceled: 1 } });
        await sub.waitForFrame(ev('JFI', id, 'waiting', 'CANCELED'));
        // a status round trip: anything published for the cancel is out by now
        await m.request({ request: 'status' });
        assert.ok(!sub.frames.some((f) => f.startsWith('NOJ ')), 'not idle while blocker runs');
        openGate(g);
        assert.deepStrictEqual(await untilIdle(), [
            ev('JST', id, 'blocker', 'SCHEDULED'),
            ev('JST', id, 'blocker', 'EXECUTING'),
            ev('JST', id, 'waiting', 'CANCELED'),
            ev('JFI', id, 'waiting', 'CANCELED'),
            ev('JST', id, 'blocker', 'SUCCEED'),
            ev('JFI', id, 'blocker', 'SUCCEED'),
            noj(id),
        ]);
    });
    test('launch failure: missing program', async () => {
        await submit([{ name: 'noexe', execution: { exec: '/nonexistent/bin' } }]);
        assert.deepStrictEqual(await untilIdle(), [
            ev('JST', id, 'noexe', 'SCHEDULED'),
            ev('JST', id, 'noexe', 'EXECUTING'),
            ev('JST', id, 'noexe', 'FAILED'),
            ev('JFI', id, 'noexe', 'FAILED'),
            noj(id),
        ]);
    });
    test('working directory that cannot be created: SCHEDULED then FAILED, never EXECUTING', async () => {
        const file = path.join(m.wd, 'not-a-dir');
        fs.writeFileSync(file, '');
        await submit([{ name: 'badwd', execution: { exec: '/bin/true', wd: path.join(file, 'sub') } }]);
        assert.deepStrictEqual(await untilIdle(), [ev('JST', id, 'badwd', 'SCHEDULED'), ev('JST', id, 'badwd', 'FAILED'), ev('JFI', id, 'badwd', 'FAILED'), noj(id)]);
    });
    test('per-iteration dependency: only the affected iteration is OMITTED (IST/IFI OMITTED), the job ends FAILED', async () => {
        await submit([
            shJob('src', 'exit ${it}', { iteration: { stop: 2 } }),
            { name: 'dst', execution: { exec: '/bin/true' }, iteration: { stop: 2 }, dependencies: { after: ['src:${it}'] } },
        ]);
        const frames = await untilIdle();
        const dst = frames.filter((f) => f.includes('"job": "dst"'));
        assert.ok(dst.includes(ev('IST', id, 'dst', 'OMITTED', 1)) && dst.includes(ev('IFI', id, 'dst', 'OMITTED', 1)), dst.join('\n'));
        assert.equal(dst[dst.indexOf(ev('IST', id, 'dst', 'OMITTED', 1)) + 1], ev('IFI', id, 'dst', 'OMITTED', 1));
        assert.ok(!dst.some((f) => f.includes('"it": 1') && !f.includes('OMITTED')), 'iteration 1 never ran');
        assert.deepStrictEqual(dst.slice(-2), [ev('JST', id, 'dst', 'FAILED'), ev('JFI', id, 'dst', 'FAILED')]);
        assert.ok(dst.includes(ev('IFI', id, 'dst', 'SUCCEED', 0)));
    });
    test('wall time: JST FAILED after EXECUTING', async () => {
        await submit([{ name: 'slow', execution: { exec: 'sleep', args: [marker] }, resources: { numCores: 1, wt: '1s' } }]);
        assert.deepStrictEqual(await untilIdle(), [
            ev('JST', id, 'slow', 'SCHEDULED'),
            ev('JST', id, 'slow', 'EXECUTING'),
            ev('JST', id, 'slow', 'FAILED'),
            ev('JFI', id, 'slow', 'FAILED'),
            noj(id),
        ]);
    });
    test('failure at scheduling (stage C): a one-sided core range', async () => {
        await submit([{ name: 'onesided', execution: { exec: '/bin/true' }, resources: { numCores: { min: 2 } } }]);
        assert.deepStrictEqual(await untilIdle(), [ev('JST', id, 'onesided', 'FAILED'), ev('JFI', id, 'onesided', 'FAILED'), noj(id)]);
        const d = await jobInfo(m, 'onesided');
        assertKeys(d, ['jobName', 'status', 'messages', 'history'], 'stage C failure: no runtime');
        assert.equal(d.messages, "Both core's range boundaries (min, max) must be defined");
    });
    test('whole iterative job cancelled: every iteration one IFI CANCELED, then JST/JFI CANCELED', async () => {
        await submit([{ name: 'itall', execution: { exec: 'sleep', args: [marker] }, iteration: { stop: 3 }, resources: { numCores: 2 } }]);
        await sub.waitFor((f) => f.includes(ev('IST', id, 'itall', 'EXECUTING', 0)) && f.includes(ev('IST', id, 'itall', 'EXECUTING', 1)), 30_000, 'two iterations running');
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['itall'] }), { code: 0, data: { canceled: 1 } });
        const frames = await untilIdle();
        const ifi = frames.filter((f) => f.startsWith('IFI '));
        assert.deepStrictEqual([...ifi].sort(), [0, 1, 2].map((i) => ev('IFI', id, 'itall', 'CANCELED', i)).sort());
        assert.deepStrictEqual(frames.slice(-3), [ev('JST', id, 'itall', 'CANCELED'), ev('JFI', id, 'itall', 'CANCELED'), noj(id)]);
        assert.ok(!frames.includes(ev('IST', id, 'itall', 'SCHEDULED', 2)), 'the queued iteration never started');
        for (const i of [0, 1, 2]) {
            const ist = frames.indexOf(ev('IST', id, 'itall', 'CANCELED', i));
            assert.ok(ist >= 0);
            assert.equal(frames[ist + 1], ev('IFI', id, 'itall', 'CANCELED', i), 'IFI right after its IST');
        }
        assert.equal(await waitForState(m, 'itall', ['CANCELED'], 1), 'CANCELED');
    });
    test('every frame: topic, one space, a JSON body with Python separators and key order', () => {
        assert.ok(all.length > 0);
        for (const f of all) {
            const mm = FRAME_RE.exec(f);
            assert.ok(mm, `frame format: ${f}`);
            const body = JSON.parse(mm[2]);
            assert.equal(pyJson(body), mm[2], `Python-style separators: ${f}`);
            const keys = mm[1] === 'NOJ' ? ['manager'] : mm[1] === 'IST' || mm[1] === 'IFI' ? ['manager', 'job', 'state', 'it'] : ['manager', 'job', 'state'];
            assertKeys(body, keys, `body of ${mm[1]}`);
            assert.equal(body.manager, id);
            if ('it' in body)
                assert.ok(Number.isInteger(body.it), 'it is an integer');
        }
        assert.ok(!all.some((f) => f.includes('"QUEUED"')), 'QUEUED is never published');
    });
    test('exactly one JFI per job and one IFI per iteration', () => {
        for (const [job, n] of submitted) {
            const jfi = all.filter((f) => f.startsWith('JFI ') && f.includes(`"job": ${JSON.stringify(job)},`));
            assert.equal(jfi.length, 1, `one JFI for ${job}: ${jfi.join(' | ')}`);
            for (let i = 0; i < n; i++) {
                const ifi = all.filter((f) => f.startsWith('IFI ') && f.includes(`"job": ${JSON.stringify(job)},`) && f.endsWith(`"it": ${i}}`));
                assert.equal(ifi.length, 1, `one IFI for ${job}:${i}`);
            }
            if (n === 0)
                assert.ok(!all.some((f) => f.startsWith('I') && f.includes(`"job": ${JSON.stringify(job)},`)), `no iteration events for ${job}`);
        }
    });
});
//# sourceMappingURL=events.test.js.map