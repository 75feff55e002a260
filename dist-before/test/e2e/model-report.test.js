/**
 * The job report after `finish` (jobs.md §12, examples/report.md), in `text` and, on another manager, `json`:
 * exactly one entry per final state of every iteration and every job (OMITTED iterations, iterations
 * cancelled before they were generated, stage C failures, wall time), iterations before their job, appended in
 * the order things ended, and every entry equal to what jobInfo said before the finish.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { submitOk, waitForState, waitIdle } from '../helpers/manager-process.js';
import { sleepMarker, waitNoMarker } from '../helpers/procs.js';
import { parseTextReport } from '../helpers/report.js';
import { assertKeys, readText } from '../helpers/util.js';
import { historyOf, info, useManager } from './model-common.js';
const CANC_ITS = 20;
/** Run the workload; return jobInfo data of every job and iteration, by name. */
async function workload(m, marker) {
    await submitOk(m, [
        { name: 'ok', execution: { exec: '/bin/date', stdout: 'date.out' } },
        { name: 'fail', execution: { exec: '/bin/sh', args: ['-c', 'exit 2'] } },
        { name: 'sw', execution: { exec: '/bin/sh', args: ['-c', 'exit $(( ${it} == 1 ))'] }, iteration: { stop: 3 } },
        { name: 'omit', execution: { exec: '/bin/true' }, dependencies: { after: ['fail'] } },
        { name: 'omit-it', execution: { exec: '/bin/true' }, iteration: { stop: 2 }, dependencies: { after: ['fail'] } },
        { name: 'perit', execution: { exec: '/bin/true' }, iteration: { stop: 3 }, dependencies: { after: ['sw:${it}'] } },
        { name: 'stagec', execution: { exec: '/bin/true' }, resources: { numCores: { min: 1 } } },
        { name: 'wtj', execution: { exec: 'sleep', args: [marker] }, resources: { numCores: { exact: 1 }, wt: '1s' } },
        {
            name: 'attr',
            execution: { exec: '/bin/echo', args: ['${jname}', '${it}'], stdout: 'attr_${it}.out' },
            iteration: { stop: 2 },
            resources: { numCores: { exact: 1 }, wt: '1h' },
            dependencies: { after: ['ok'] },
            attributes: { k: 'v', n: 1 },
        },
    ]);
    await waitIdle(m, 60_000);
    await submitOk(m, [{ name: 'canc', execution: { exec: 'sleep', args: [marker] }, iteration: { stop: CANC_ITS }, resources: { numCores: 2 } }]);
    await waitForState(m, 'canc:0', ['EXECUTING']);
    await submitOk(m, [{ name: 'qc', execution: { exec: '/bin/true' } }]);
    assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['qc'] }), { code: 0, data: { canceled: 1 } });
    assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['canc'] }), { code: 0, data: { canceled: 1 } });
    await waitIdle(m, 60_000);
    const iters = { sw: 3, 'omit-it': 2, perit: 3, attr: 2, canc: CANC_ITS };
    const out = new Map();
    for (const name of ['ok', 'fail', 'sw', 'omit', 'omit-it', 'perit', 'stagec', 'wtj', 'attr', 'canc', 'qc']) {
        for (let i = 0; i < (iters[name] ?? 0); i++)
            out.set(`${name}:${i}`, await info(m, `${name}:${i}`));
        out.set(name, await info(m, name));
    }
    // the workload did what the report is meant to show
    const st = (n) => out.get(n).status;
    assert.deepEqual(['ok', 'fail', 'sw', 'omit', 'omit-it', 'omit-it:0', 'perit', 'perit:1', 'stagec', 'wtj', 'attr', 'canc', 'canc:19', 'qc'].map(st), ['SUCCEED', 'FAILED', 'FAILED', 'OMITTED', 'OMITTED', 'OMITTED', 'FAILED', 'OMITTED', 'FAILED', 'FAILED', 'SUCCEED', 'CANCELED', 'CANCELED', 'CANCELED']);
    return out;
}
async function finishAndExit(m) {
    assert.equal((await m.request({ request: 'finish' })).code, 0);
    assert.deepStrictEqual(await m.exited, { code: 0, signal: null }, m.stderr());
}
/** Names in report order: each exactly once, iterations before their job, final times non-decreasing. */
function checkOrder(names, finals, expected) {
    assert.deepEqual([...names].sort(), [...expected.keys()].sort(), 'one entry per job and per iteration, no more');
    assert.equal(new Set(names).size, names.length, 'no duplicate entries');
    for (const [i, n] of names.entries()) {
        const c = n.lastIndexOf(':');
        if (c > 0)
            assert.ok(names.indexOf(n.slice(0, c)) > i, `${n} before its job`);
    }
    for (let i = 1; i < finals.length; i++)
        assert.ok(finals[i - 1] <= finals[i], `entries appended as things ended: ${names[i - 1]} ${finals[i - 1]} then ${names[i]} ${finals[i]}`);
}
describe('job report: text (nodes 2)', () => {
    const ctx = useManager({ nodes: '2' });
    const marker = sleepMarker();
    test('every final state of every iteration and job, equal to jobInfo, in the examples/report.md layout', async () => {
        const { m } = ctx;
        const expected = await workload(m, marker);
        await finishAndExit(m);
        const text = readText(path.join(m.auxDir, 'jobs.report'));
        const entries = parseTextReport(text);
        checkOrder(entries.map((e) => e.name), entries.map((e) => e.history[e.history.length - 1].date), expected);
        for (const e of entries) {
            const d = expected.get(e.name);
            assert.equal(e.state, d.status, `${e.name}: state`);
            assert.equal(e.messages, d.messages ?? '', `${e.name}: messages`);
            assert.deepEqual(e.history, historyOf(d), `${e.name}: history`);
            assert.deepEqual(e.runtime, Object.entries(d.runtime ?? {}), `${e.name}: runtime`);
        }
        const by = Object.fromEntries(entries.map((e) => [e.name, e]));
        assert.equal(by.stagec.messages, "Both core's range boundaries (min, max) must be defined");
        assert.equal(by.wtj.messages, 'wall time exceeded');
        assert.ok(by['canc:19'].emptyLine && by['omit-it:1'].emptyLine && by.qc.emptyLine && by.sw.emptyLine, 'entries without runtime end with an empty tab line');
        assert.match(text, /^omit \(OMITTED\) \n\t\S+ \S+: QUEUED\n\t\S+ \S+: OMITTED\n\t\n/m);
        assert.deepEqual(await waitNoMarker(marker), []);
    });
});
describe('job report: json (nodes 2)', () => {
    const ctx = useManager({ nodes: '2', extra: ['--report-format', 'json'] });
    const marker = sleepMarker();
    test('one object per line, equal to jobInfo; whole jobs carry their description after pass 1', async () => {
        const { m } = ctx;
        const expected = await workload(m, marker);
        await finishAndExit(m);
        const lines = readText(path.join(m.auxDir, 'jobs.report')).split('\n');
        assert.equal(lines.pop(), '', 'ends with a newline');
        const objs = lines.map((l) => JSON.parse(l));
        const hist = (o) => o.history;
        checkOrder(objs.map((o) => o.name), objs.map((o) => hist(o)[hist(o).length - 1].date), expected);
        for (const o of objs) {
            const name = o.name;
            const d = expected.get(name);
            const isIteration = name.includes(':');
            assert.deepEqual(Object.keys(o).slice(0, 4), ['name', 'state', 'history', 'runtime'], `${name}: leading keys`);
            assert.equal(o.state, d.status, `${name}: state`);
            assert.deepStrictEqual(hist(o), historyOf(d).map((h) => ({ state: h.state, date: h.date.replace(' ', 'T') })), `${name}: history`);
            for (const h of hist(o))
                assertKeys(h, ['state', 'date']);
            assert.deepStrictEqual(o.runtime, d.runtime ?? {}, `${name}: runtime`);
            assert.equal(o.messages, d.messages, `${name}: messages`);
            assert.equal('execution' in o, !isIteration, `${name}: execution only on whole jobs`);
            assert.equal('resources' in o, !isIteration, `${name}: resources only on whole jobs`);
        }
        const by = Object.fromEntries(objs.map((o) => [o.name, o]));
        assert.deepStrictEqual(by.attr.execution, { exec: '/bin/echo', args: ['attr', '${it}'], stdout: 'attr_${it}.out' }, 'pass 1 applied, ${it} kept');
        assert.deepStrictEqual(by.attr.resources, { numCores: { exact: 1 }, wt: '1h' }, 'wt kept');
        assert.deepStrictEqual(by.attr.dependencies, { after: ['ok'] });
        assert.deepStrictEqual(by.attr.attributes, { k: 'v', n: 1 });
        assert.deepStrictEqual(by.ok.resources, { numCores: { exact: 1 } }, 'defaults filled');
        assert.ok(!('dependencies' in by.ok) && !('attributes' in by.ok), 'dependencies and attributes only when given');
        assert.deepStrictEqual(by.perit.dependencies, { after: ['sw:${it}'] });
        assert.deepStrictEqual(by.stagec.resources, { numCores: { min: 1 } });
        assert.equal(by.stagec.messages, "Both core's range boundaries (min, max) must be defined");
        assert.deepStrictEqual(by['canc:7'].runtime, {}, 'an iteration cancelled before it was generated');
        assert.deepEqual(await waitNoMarker(marker), []);
    });
});
//# sourceMappingURL=model-report.test.js.map