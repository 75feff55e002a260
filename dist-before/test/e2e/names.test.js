/**
 * Job names on the wire (protocol.md §3, jobs.md §7): names that are special to JavaScript objects, quoting in
 * jobInfo's error, empty entries, non-ASCII names, the iteration limit.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startManagerProcess, submitOk, waitForState, waitIdle } from '../helpers/manager-process.js';
describe('job names (nodes 2)', () => {
    let m;
    before(async () => {
        m = await startManagerProcess({ nodes: '2' });
    });
    after(async () => {
        await m?.stop();
    });
    const special = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    test('names special to JavaScript objects are ordinary job names', async () => {
        await submitOk(m, special.map((name) => ({ name, execution: { exec: '/bin/true' } })));
        await waitIdle(m);
        for (const encoding of ['json', 'msgpack']) {
            const l = await m.request({ request: 'listJobs' }, { encoding });
            assert.deepEqual(Object.keys(l.data.jobs), special, `listJobs keys (${encoding})`);
            assert.equal(l.data.length, special.length);
            const st = await m.request({ request: 'jobStatus', jobNames: special }, { encoding });
            assert.deepEqual(Object.keys(st.data.jobs), special, `jobStatus keys (${encoding})`);
            for (const n of special)
                assert.deepStrictEqual(st.data.jobs[n], { status: 0, data: { jobName: n, status: 'SUCCEED' } });
            const info = await m.request({ request: 'jobInfo', jobNames: ['__proto__'] }, { encoding });
            assert.deepEqual(Object.keys(info.data.jobs), ['__proto__'], `jobInfo keys (${encoding})`);
            const c = await m.request({ request: 'cancelJob', jobNames: ['__proto__'] }, { encoding });
            assert.deepEqual(Object.keys(c.data.errors ?? {}), ['__proto__'], `cancelJob errors keys (${encoding})`);
            assert.equal(c.data.errors.__proto__, 'Job __proto__ already finished (SUCCEED)');
        }
        assert.deepStrictEqual(await m.request({ request: 'removeJob', jobNames: ['__proto__', 'constructor'] }), { code: 0, data: { removed: 2 } });
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: ['__proto__'] }), { code: 1, message: "Job '__proto__' doesn't exist" });
    });
    test('an unknown name that is special to JavaScript objects is unknown', async () => {
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: ['valueOf'] }), { code: 1, message: "Job 'valueOf' doesn't exist" });
        assert.deepStrictEqual(await m.request({ request: 'cancelJob', jobNames: ['valueOf:1'] }), {
            code: 0,
            data: { canceled: 0, errors: { 'valueOf:1': "Job/iteration valueOf doesn't exist" } },
        });
        assert.deepStrictEqual(await m.request({ request: 'removeJob', jobNames: ['isPrototypeOf'] }), {
            code: 0,
            data: { removed: 0, errors: { isPrototypeOf: "Job 'isPrototypeOf' doesn't exist" } },
        });
    });
    test('jobInfo error quoting: backslash and quote escaped with a backslash', async () => {
        assert.deepStrictEqual(await m.request({ request: 'jobInfo', jobNames: ['a\\b', "c'd"] }), { code: 1, message: "Job ['a\\\\b', 'c\\'d'] doesn't exist" });
    });
    test('non-ASCII names', async () => {
        await submitOk(m, [{ name: 'zadanie-żółw-例', execution: { exec: '/bin/true' } }]);
        assert.equal(await waitForState(m, 'zadanie-żółw-例'), 'SUCCEED');
        const st = await m.request({ request: 'jobStatus', jobNames: ['zadanie-żółw-例'] }, { encoding: 'msgpack' });
        assert.deepStrictEqual(st.data.jobs['zadanie-żółw-例'].data, { jobName: 'zadanie-żółw-例', status: 'SUCCEED' });
    });
    test('an empty entry is malformed', async () => {
        assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: [''] }), { code: 0, data: { jobs: { '': { status: 1, message: "Invalid job name ''" } } } });
    });
    test('too many iterations', async () => {
        assert.deepStrictEqual(await m.request({ request: 'submit', jobs: [{ name: 'huge', execution: { exec: '/bin/true' }, iteration: { stop: 1_000_001 } }] }), {
            code: 1,
            message: 'Wrong submit request: Too many iterations (1000001, limit 1000000)',
        });
    });
});
//# sourceMappingURL=names.test.js.map