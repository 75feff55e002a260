/**
 * examples/req-submit.json against a real manager (nodes '4'): accepted submits, per-iteration dependencies,
 * submit-time placeholders, every rejection of the example file, and "nothing of a rejected request is
 * registered" (protocol.md §4.1, jobs.md §5–§7).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { jobInfo, startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { assertKeys, assertSameOrdered, historyStates, readText } from '../helpers/util.js';
describe('submit (req-submit.json)', () => {
    let m;
    /** submit requests with a non-empty jobs array sent so far (${rcnt}, jobs.md §6) */
    let rcnt = 0;
    const submit = async (jobs) => {
        if (Array.isArray(jobs) && jobs.length > 0)
            rcnt++;
        return m.request({ request: 'submit', jobs });
    };
    before(async () => {
        m = await startManagerProcess({ nodes: '4' });
    });
    after(async () => {
        await m?.stop();
    });
    test('one job', async () => {
        const r = await submit([{ name: 'date', execution: { exec: '/bin/date', args: ['+%Y-DATE-OK'], stdout: 'date.out' } }]);
        assert.deepStrictEqual(r, { code: 0, message: '1 jobs submitted', data: { submitted: 1, jobs: ['date'] } });
        assertKeys(r.data, ['submitted', 'jobs'], 'submit data');
        assert.equal(await waitForState(m, 'date'), 'SUCCEED');
        assert.match(readText(path.join(m.wd, 'date.out')), /^\d{4}-DATE-OK\n$/);
    });
    test('two jobs with a per-iteration dependency', async () => {
        const dir = path.join(m.wd, 'itdep');
        const r = await submit([
            { name: 'itdep1', execution: { exec: '/bin/sh', args: ['-c', 'exit ${it}'], wd: dir }, iteration: { start: 0, stop: 3 } },
            {
                name: 'itdep2',
                execution: { exec: '/bin/sh', args: ['-c', 'echo ok-${it}'], stdout: 'j2_${it}.out', wd: dir },
                iteration: { start: 0, stop: 3 },
                dependencies: { after: ['itdep1:${it}'] },
            },
        ]);
        assert.deepStrictEqual(r, { code: 0, message: '2 jobs submitted', data: { submitted: 2, jobs: ['itdep1', 'itdep2'] } });
        assert.equal(await waitForState(m, 'itdep1'), 'FAILED');
        assert.equal(await waitForState(m, 'itdep2'), 'FAILED', 'only some iterations OMITTED: the job ends FAILED (jobs.md §5)');
        const st = await m.request({ request: 'jobStatus', jobNames: ['itdep1:0', 'itdep1:1', 'itdep1:2', 'itdep2:0', 'itdep2:1', 'itdep2:2'] });
        const states = Object.fromEntries(Object.entries(st.data.jobs).map(([k, v]) => [k, v.data.status]));
        assert.deepStrictEqual(states, {
            'itdep1:0': 'SUCCEED',
            'itdep1:1': 'FAILED',
            'itdep1:2': 'FAILED',
            'itdep2:0': 'SUCCEED',
            'itdep2:1': 'OMITTED',
            'itdep2:2': 'OMITTED',
        });
        assert.equal(readText(path.join(dir, 'j2_0.out')), 'ok-0\n');
        const info = await jobInfo(m, 'itdep2', true);
        assertKeys(info, ['jobName', 'status', 'iterations', 'childs', 'history'], 'jobInfo itdep2');
        assertSameOrdered(info.iterations, { start: 0, stop: 3, total: 3, finished: 3, failed: 2 });
        const childs = info.childs;
        assert.equal(childs.length, 3);
        assertKeys(childs[0], ['iteration', 'state', 'runtime'], 'child 0');
        assertSameOrdered(childs[1], { iteration: 1, state: 'OMITTED' });
        assertSameOrdered(childs[2], { iteration: 2, state: 'OMITTED' });
        assert.deepEqual(historyStates(info.history), ['QUEUED', 'EXECUTING', 'FAILED']);
        // an OMITTED iteration's history is just its final state (jobs.md §8)
        const it1 = await jobInfo(m, 'itdep2:1');
        assertKeys(it1, ['jobName', 'status', 'history'], 'jobInfo itdep2:1');
        assert.deepEqual(historyStates(it1.history), ['OMITTED']);
    });
    test('submit-time placeholders in the name: run_${rcnt}', async () => {
        const r = await submit([{ name: 'run_${rcnt}', execution: { exec: '/bin/true' } }]);
        assert.equal(rcnt, 3);
        assert.deepStrictEqual(r, { code: 0, message: '1 jobs submitted', data: { submitted: 1, jobs: ['run_3'] } });
        assert.equal(await waitForState(m, 'run_3'), 'SUCCEED');
    });
    const rejected = [
        ['more cores than the manager has', [{ name: 'big-cores', execution: { exec: '/bin/date' }, resources: { numCores: { exact: 5 } } }], { code: 1, message: 'Not enough resources for job big-cores' }],
        ['minimum of a range above the total', [{ name: 'big-min', execution: { exec: '/bin/date' }, resources: { numCores: { min: 5 } } }], { code: 1, message: 'Not enough resources for job big-min' }],
        [
            "name already registered (the whole request is rejected, 'fresh' is not registered)",
            [
                { name: 'fresh', execution: { exec: '/bin/date' } },
                { name: 'date', execution: { exec: '/bin/date' } },
            ],
            { code: 1, message: 'Job date already exist' },
        ],
        [
            'name repeated in the same request',
            [
                { name: 'twice', execution: { exec: '/bin/date' } },
                { name: 'twice', execution: { exec: '/bin/date' } },
            ],
            { code: 1, message: 'Job twice already exist' },
        ],
        ['invalid character in the name', [{ name: 'bad name', execution: { exec: '/bin/date' } }], { code: 1, message: "Job identifier '(bad name)' contains invalid characters or unknown variables" }],
        [
            'execution-time placeholder in the name',
            [{ name: 'n_${it}', execution: { exec: '/bin/date' }, iteration: { stop: 2 } }],
            { code: 1, message: "Job identifier '(n_${it})' contains invalid characters or unknown variables" },
        ],
        ['colon in the name', [{ name: 'a:b', execution: { exec: '/bin/date' } }], { code: 1, message: 'Wrong submit request: Invalid job name a:b' }],
        ['no exec and no script', [{ name: 'noexec', execution: { exec: null } }], { code: 1, message: 'Wrong submit request: Job execution (exec or script) not defined' }],
        [
            'exact together with min',
            [{ name: 'exact-min', execution: { exec: '/bin/date' }, resources: { numCores: { exact: 2, min: 1 } } }],
            { code: 1, message: 'Wrong submit request: Exact number of resources defined with min/max/scheduler' },
        ],
        ['min greater than max', [{ name: 'min-gt-max', execution: { exec: '/bin/date' }, resources: { numCores: { min: 3, max: 2 } } }], { code: 1, message: 'Wrong submit request: Maximum number greater than minimal' }],
        ['negative size', [{ name: 'negative', execution: { exec: '/bin/date' }, resources: { numCores: { exact: -1 } } }], { code: 1, message: 'Wrong submit request: Negative number of resources' }],
        ['zero size', [{ name: 'zero', execution: { exec: '/bin/date' }, resources: { numCores: 0 } }], { code: 1, message: 'Wrong submit request: Number of resources must be greater than 0' }],
        ['args given as a string', [{ name: 'args-str', execution: { exec: '/bin/date', args: 'not-a-list' } }], { code: 1, message: 'Wrong submit request: Execution arguments must be an array' }],
        ['script with exec', [{ name: 'script-exec', execution: { exec: '/bin/date', script: 'date' } }], { code: 1, message: 'Wrong submit request: Job script and exec or args or env defined' }],
        [
            'wall time in a wrong format',
            [{ name: 'bad-wt', execution: { exec: '/bin/date' }, resources: { numCores: { exact: 1 }, wt: 'soon' } }],
            { code: 1, message: 'Wrong submit request: Wall time must be greater than 0' },
        ],
        ['wall time with trailing text', [{ name: 'bad-wt2', execution: { exec: '/bin/date' }, resources: { numCores: 1, wt: '10m later' } }], { code: 1, message: 'Wrong submit request: Wrong wall time format' }],
        ['wall time without a size', [{ name: 'wt-only', execution: { exec: '/bin/date' }, resources: { wt: '10m' } }], { code: 1, message: 'Wrong submit request: No resources defined' }],
        ['unknown key in a description', [{ name: 'bogus', execution: { exec: '/bin/date' }, bogus: 1 }], { code: 1, message: "Wrong submit request: unexpected keyword argument 'bogus'" }],
        [
            'iteration start above stop (parse stage)',
            [{ name: 'bad-iter', execution: { exec: '/bin/date' }, iteration: { start: 5, stop: 2 } }],
            { code: 1, message: 'Invalid request: Wrong format of iteration directive: start index larger than stop one' },
        ],
        [
            'empty iteration range',
            [{ name: 'zero-iter', execution: { exec: '/bin/date' }, iteration: { start: 0, stop: 0 } }],
            { code: 1, message: 'Wrong submit request: Job iteration stop greater or equal than start' },
        ],
        [
            'max together with an iteration scheduler',
            [{ name: 'split-max', execution: { exec: '/bin/date' }, iteration: { stop: 4 }, resources: { numCores: { min: 1, max: 2, scheduler: { name: 'split-into' } } } }],
            { code: 1, message: 'Wrong submit request - split-into directive mixed with max directive' },
        ],
        [
            'dependency cycle',
            [
                { name: 'cyc-a', execution: { exec: '/bin/true' }, dependencies: { after: ['cyc-b'] } },
                { name: 'cyc-b', execution: { exec: '/bin/true' }, dependencies: { after: ['cyc-a'] } },
            ],
            { code: 1, message: 'Wrong submit request: Dependency cycle: cyc-a -> cyc-b -> cyc-a' },
        ],
        ['empty jobs array', [], { code: 1, message: 'Invalid request: Wrong submit request - missing jobs data' }],
        ['jobs not an array', 'date', { code: 1, message: 'Invalid request: Wrong submit request - missing jobs data' }],
        ['an element not an object', [5], { code: 1, message: 'Invalid request: Wrong submit request - wrong job data' }],
        ['job without a name', [{ execution: { exec: '/bin/date' } }], { code: 1, message: 'Invalid request: Missing name in job description' }],
        ['job without execution', [{ name: 'noexe-elem' }], { code: 1, message: 'Invalid request: Missing execution element in job description' }],
        ['iteration not an object', [{ name: 'it-str', execution: { exec: '/bin/date' }, iteration: 'x' }], { code: 1, message: 'Invalid request: Wrong format of iteration directive: not a dictionary' }],
        [
            'iteration bounds not integers',
            [{ name: 'it-a', execution: { exec: '/bin/date' }, iteration: { start: 'a', stop: 2 } }],
            { code: 1, message: 'Invalid request: Wrong format of iteration directive: start and stop must be integers' },
        ],
    ];
    for (const [title, jobs, expected] of rejected) {
        test(`rejected: ${title}`, async () => {
            assert.deepStrictEqual(await submit(jobs), expected);
        });
    }
    test('nothing of a rejected request is registered', async () => {
        const l = await m.request({ request: 'listJobs' });
        assert.equal(l.code, 0);
        assert.deepEqual(Object.keys(l.data.jobs), ['date', 'itdep1', 'itdep2', 'run_3']);
        assert.equal(l.data.length, 4);
        for (const name of ['fresh', 'twice', 'cyc-a', 'cyc-b']) {
            assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: [name] }), { code: 1, message: `Job '${name}' doesn't exist` });
        }
    });
    test('${rcnt} counts rejected requests with a non-empty jobs array too', async () => {
        const r = await submit([{ name: 'after_${rcnt}', execution: { exec: '/bin/true' } }]);
        assert.deepStrictEqual(r, { code: 0, message: '1 jobs submitted', data: { submitted: 1, jobs: [`after_${rcnt}`] } });
    });
    test('a JSON number with an integral value is an integer (2.0), unknown top-level keys are ignored', async () => {
        rcnt++;
        const frame = Buffer.from('{"request": "submit", "comment": "ignored", "jobs": [{"name": "float-int", "execution": {"exec": "/bin/true"}, "resources": {"numCores": {"exact": 2.0}}, "iteration": {"start": 0.0, "stop": 2.0}}]}');
        const r = JSON.parse((await m.requestRaw(frame)).toString('utf8'));
        assert.deepStrictEqual(r, { code: 0, message: '1 jobs submitted', data: { submitted: 1, jobs: ['float-int'] } });
        assert.equal(await waitForState(m, 'float-int'), 'SUCCEED');
        const child = await jobInfo(m, 'float-int:1');
        assert.match(child.runtime.allocation, /^n0\[\d:\d\]$/);
    });
    test('a job with negative iteration indices', async () => {
        await submitOk(m, [{ name: 'neg', execution: { exec: '/bin/sh', args: ['-c', 'echo ${it} > neg_${it}.txt'] }, iteration: { start: -2, stop: 1 } }]);
        rcnt++;
        assert.equal(await waitForState(m, 'neg'), 'SUCCEED');
        assert.equal(readText(path.join(m.wd, 'neg_-2.txt')), '-2\n');
        const st = await m.request({ request: 'jobStatus', jobNames: ['neg:-2', 'neg:0'] });
        assert.deepStrictEqual(st, {
            code: 0,
            data: { jobs: { 'neg:-2': { status: 0, data: { jobName: 'neg:-2', status: 'SUCCEED' } }, 'neg:0': { status: 0, data: { jobName: 'neg:0', status: 'SUCCEED' } } } },
        });
        const info = await jobInfo(m, 'neg');
        assertSameOrdered(info.iterations, { start: -2, stop: 1, total: 3, finished: 3, failed: 0 });
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: ['neg:1'] }), { code: 1, message: 'Unknown iteration 1 for job neg' });
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: ['neg:-3'] }), { code: 1, message: 'Unknown iteration -3 for job neg' });
    });
});
//# sourceMappingURL=submit.test.js.map