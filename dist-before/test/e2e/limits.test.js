/**
 * Limits (issue 6, README "Limits"): frame size, jobs per submit, jobs in the manager, iterations per job —
 * each refused with a code 1 reply that names the limit, nothing of a refused submit registered; and removing
 * finished jobs frees their memory and their place under the job limit.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encode } from '../../protocol/codec.js';
import { gateJob, openGate } from '../helpers/jobs.js';
import { CLI, startManagerProcess, submitOk, waitForState, waitIdle } from '../helpers/manager-process.js';
const trueJob = (name, extra = {}) => ({ name, execution: { exec: '/bin/true' }, ...extra });
const names = (prefix, n) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
describe('limits (--max-jobs-per-submit 50 --max-jobs 120 --max-iterations 1000 --max-frame-bytes 100000)', () => {
    let m;
    before(async () => {
        m = await startManagerProcess({ nodes: '2', extra: ['--max-jobs-per-submit', '50', '--max-jobs', '120', '--max-iterations', '1000', '--max-frame-bytes', '100000'] });
    });
    after(async () => {
        await m?.stop();
    });
    const count = async () => (await m.request({ request: 'listJobs' })).data.length;
    test('jobs per submit: 51 refused, naming the limit and its option; nothing registered; 50 accepted', async () => {
        for (const encoding of ['json', 'msgpack']) {
            const r = await m.request({ request: 'submit', jobs: names('a', 51).map((n) => trueJob(n)) }, { encoding });
            assert.deepStrictEqual(r, { code: 1, message: 'Invalid request: Wrong submit request - too many jobs (51, limit 50 per request; raise it with --max-jobs-per-submit)' });
        }
        assert.equal(await count(), 0);
        await submitOk(m, names('a', 50).map((n) => trueJob(n)));
        assert.equal(await count(), 50);
    });
    test('jobs in the manager: over the limit refused, nothing registered; up to it accepted; removing finished jobs makes room', async () => {
        await submitOk(m, names('b', 50).map((n) => trueJob(n)));
        const r = await m.request({ request: 'submit', jobs: names('c', 21).map((n) => trueJob(n)) });
        assert.deepStrictEqual(r, { code: 1, message: 'Wrong submit request: too many jobs (100 registered + 21 submitted, limit 120; remove finished jobs or raise it with --max-jobs)' });
        assert.equal(await count(), 100);
        await submitOk(m, names('c', 20).map((n) => trueJob(n)));
        assert.equal(await count(), 120);
        const full = await m.request({ request: 'submit', jobs: [trueJob('d0')] }, { encoding: 'msgpack' });
        assert.equal(full.code, 1);
        assert.match(full.message, /^Wrong submit request: too many jobs \(120 registered \+ 1 submitted, limit 120; /);
        await waitIdle(m);
        const rm = await m.request({ request: 'removeJob', jobNames: names('a', 50) });
        assert.deepStrictEqual(rm.data, { removed: 50 });
        await submitOk(m, names('d', 50).map((n) => trueJob(n)));
        assert.equal(await count(), 120);
        await waitIdle(m);
    });
    test('iterations per job: the limit is inclusive; one more is refused', async () => {
        await m.request({ request: 'removeJob', jobNames: names('b', 50) });
        const r = await m.request({ request: 'submit', jobs: [trueJob('it', { iteration: { stop: 1001 } })] });
        assert.deepStrictEqual(r, { code: 1, message: 'Wrong submit request: Too many iterations (1001, limit 1000)' });
        await submitOk(m, [trueJob('it', { iteration: { start: 1, stop: 1001 } })]);
        assert.equal(await waitForState(m, 'it'), 'SUCCEED');
    });
    test('frame size: 100 000 bytes decoded, 100 001 refused before decoding', async () => {
        const frame = (size, encoding) => {
            const build = (n) => encode({ request: 'status', options: { allJobsFinished: true }, pad: 'x'.repeat(n) }, encoding);
            const f = build(size - (build(size).length - size)); // the string's length header does not change in between
            assert.equal(f.length, size);
            return Buffer.from(f);
        };
        for (const encoding of ['json', 'msgpack']) {
            assert.equal(JSON.parse((await m.requestRaw(frame(100_000, 'json'))).toString()).code, 0);
            const over = await m.requestRaw(frame(100_001, encoding));
            assert.deepStrictEqual(JSON.parse(over.toString()), { code: 1, message: 'Invalid request: message too large (100001 bytes, limit 100000)' });
        }
    });
    test('serve refuses a limit that is not a whole number', () => {
        for (const [opt, v] of [['--max-jobs', '-1'], ['--max-jobs-per-submit', '2.5'], ['--max-jobs', 'many']]) {
            const r = spawnSync(process.execPath, [CLI, 'serve', '--nodes', '1', opt, v], { encoding: 'utf8', timeout: 30_000 });
            assert.notEqual(r.status, 0, `${opt} ${v} must be refused`);
            assert.match(r.stderr, new RegExp(`${opt}`), `the message names ${opt}: ${r.stderr}`);
        }
    });
});
/**
 * The manager runs with a heap limit (--max-old-space-size) that one round of jobs fits in easily and eight
 * rounds do not: if removed jobs stayed reachable, it would run out of memory and die. (RSS alone swings by
 * tens of MiB with the collector's timing; it is printed, not judged.)
 */
const HEAP_MIB = 160;
describe(`removing finished jobs frees their memory (manager heap limited to ${HEAP_MIB} MiB)`, () => {
    let m;
    let gate;
    before(async () => {
        m = await startManagerProcess({ nodes: '2', env: { NODE_OPTIONS: `--max-old-space-size=${HEAP_MIB}` } });
        gate = path.join(m.wd, 'gates', 'g');
        await submitOk(m, [gateJob('gate', gate)]);
        await waitForState(m, 'gate', ['EXECUTING']);
    });
    after(async () => {
        if (gate)
            openGate(gate);
        await m?.stop();
    });
    const rssKiB = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${m.child.pid}/status`, 'utf8'))[1]);
    test('8 rounds of 10 000 jobs (~45 MiB of job data each) submitted, cancelled and removed: the job count comes back, the manager lives', async (t) => {
        const N = 10_000;
        const CHUNK = 2_500;
        const rss = [];
        for (let round = 0; round < 8; round++) {
            // jobs with every part that is stored per job: dependencies (waiting for the gate), iterations, env, attributes
            const all = names(`r${round}-`, N);
            for (let i = 0; i < N; i += CHUNK) {
                const jobs = all.slice(i, i + CHUNK).map((name, k) => ({
                    name,
                    execution: { exec: '/bin/echo', args: [name, 'x'.repeat(1024)], env: { K: name }, stdout: `${name}.out` },
                    dependencies: { after: ['gate'] },
                    attributes: { round, k },
                    ...(k % 2 ? { iteration: { stop: 3 } } : {}),
                }));
                await submitOk(m, jobs, 'msgpack');
            }
            for (let i = 0; i < N; i += CHUNK) {
                const c = await m.request({ request: 'cancelJob', jobNames: all.slice(i, i + CHUNK) }, { encoding: 'msgpack' });
                assert.deepStrictEqual(c.data, { canceled: CHUNK });
                const r = await m.request({ request: 'removeJob', jobNames: all.slice(i, i + CHUNK) }, { encoding: 'msgpack' });
                assert.deepStrictEqual(r.data, { removed: CHUNK });
            }
            const st = await m.request({ request: 'status' });
            assert.deepStrictEqual(st.data.JobStats, { TotalJobs: 1, InScheduleJobs: 0, FailedJobs: 0, FinishedJobs: 0, ExecutingJobs: 1 });
            rss.push(rssKiB());
        }
        t.diagnostic(`manager RSS after each round (MiB): ${rss.map((x) => Math.round(x / 1024)).join(', ')}`);
        assert.equal(m.child.exitCode, null, `the manager is alive; stderr:\n${m.stderr()}`);
        assert.equal(await waitForState(m, 'gate', ['EXECUTING']), 'EXECUTING');
    });
});
//# sourceMappingURL=limits.test.js.map