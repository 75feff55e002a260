/**
 * Retries (README "Retries") in the pure core, on virtual time: which failures are retried, the backoff with
 * jitter, the history of every attempt, the limit, and the journal records a resume keeps counting from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulator } from '../helpers/simulator.js';
import { journaled, replay, submit, view } from '../helpers/journal-sim.js';
import { checkAttributes, retryDelaySeconds, retryPolicy } from '../../protocol/attributes.js';
import { parseSubmit } from '../../protocol/submit.js';
const ms = 1000;
const s = 1_000_000;
const MISSING = { reason: 'launch', message: "[Errno 2] No such file or directory: '/opt/missing'" };
/** A behaviour that fails the first `n` launches of each task label in the list, with `failure` or an exit code. */
function failFirst(n, how = MISSING) {
    const seen = new Map();
    return (_cmd, label) => {
        const k = (seen.get(label) ?? 0) + 1;
        seen.set(label, k);
        if (k > (n[label] ?? 0))
            return { durationUs: 10 * ms };
        return typeof how === 'number' ? { durationUs: 10 * ms, exitCode: how } : { durationUs: 0, failure: how };
    };
}
function simWith(behaviour, random = () => 0) {
    return new Simulator([{ name: 'n0', cores: 2 }], behaviour, random);
}
const retries = (r) => ({ attributes: { retries: r } });
const accept = (sim, ...descs) => submit(sim, ...descs);
const states = (h) => h.map((e) => e[0]);
test('a failed launch is retried after an exponential backoff with jitter; the history shows every attempt', async () => {
    const sim = simWith(failFirst({ j: 2 }));
    accept(sim, { name: 'j', ...retries({ max: 3, backoff: 2, maxBackoff: 60 }) });
    await sim.run();
    const job = sim.core.jobs.get('j');
    assert.equal(job.state, 'SUCCEED');
    assert.deepEqual(states(job.history), ['QUEUED', 'SCHEDULED', 'EXECUTING', 'QUEUED', 'SCHEDULED', 'EXECUTING', 'QUEUED', 'SCHEDULED', 'EXECUTING', 'SUCCEED']);
    // random() = 0: the lower end of the jitter, half the backoff: 1 s, then 2 s
    const at = (i) => job.history[i][1];
    assert.equal(at(4) - at(3), 1 * s);
    assert.equal(at(7) - at(6), 2 * s);
    assert.deepEqual(job.messages, [
        `attempt 1 of 4 failed: ${MISSING.message}; retry in 1.000 s`,
        `attempt 2 of 4 failed: ${MISSING.message}; retry in 2.000 s`,
    ]);
    assert.equal(job.task.failures, 2);
    assert.equal(sim.done.length, 1, 'one process ran');
    assert.equal(sim.core.pool.usedCores, 0);
});
test('backoff: doubles per retry, capped at maxBackoff, jitter within its upper half', () => {
    const p = retryPolicy({ retries: { max: 10, backoff: 1, maxBackoff: 5 } });
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => retryDelaySeconds(p, n, 0)), [0.5, 1, 2, 2.5, 2.5]);
    assert.deepEqual([1, 2, 3, 4].map((n) => retryDelaySeconds(p, n, 0.999999).toFixed(3)), ['1.000', '2.000', '4.000', '5.000']);
    assert.deepEqual(retryPolicy({ retries: 3 }), { max: 3, backoff: 1, maxBackoff: 60, onExitCode: false });
    assert.equal(retryPolicy({ retries: 0 }), undefined);
    assert.equal(retryPolicy({}), undefined);
});
test('a lost host is retried like a failed launch; the task may run elsewhere', async () => {
    const sim = simWith(failFirst({ j: 1 }, { reason: 'hostLost', message: 'host h1 lost: connection reset' }));
    accept(sim, { name: 'j', ...retries(1) });
    await sim.run();
    const job = sim.core.jobs.get('j');
    assert.equal(job.state, 'SUCCEED');
    assert.match(job.messages[0], /^attempt 1 of 2 failed: host h1 lost: connection reset; retry in /);
});
test("a job's own non-zero exit is not retried by default, and is when onExitCode is set", async () => {
    const sim = simWith(failFirst({ plain: 1, asked: 2, nopolicy: 1 }, 3));
    accept(sim, { name: 'plain', ...retries(5) }, { name: 'asked', ...retries({ max: 5, backoff: 0.1, onExitCode: true }) }, { name: 'nopolicy' });
    await sim.run();
    const get = (n) => sim.core.jobs.get(n);
    assert.equal(get('plain').state, 'FAILED');
    assert.equal(get('plain').task.runtime.exit_code, '3');
    assert.equal(get('plain').messages, undefined);
    assert.equal(get('nopolicy').state, 'FAILED');
    assert.equal(get('asked').state, 'SUCCEED');
    assert.deepEqual(get('asked').messages.map((m) => m.replace(/retry in .*/, '')), ['attempt 1 of 6 failed: exit code 3; ', 'attempt 2 of 6 failed: exit code 3; ']);
    assert.equal(sim.done.filter((t) => t.label === 'asked').length, 3);
    assert.equal(sim.done.filter((t) => t.label === 'plain').length, 1);
});
test('retries used up: FAILED with the reason and the attempt count; no policy: FAILED at once', async () => {
    const sim = simWith(failFirst({ j: 100, bare: 100 }));
    accept(sim, { name: 'j', ...retries({ max: 2, backoff: 0 }) }, { name: 'bare' });
    await sim.run();
    const job = sim.core.jobs.get('j');
    assert.equal(job.state, 'FAILED');
    assert.equal(job.messages.length, 3);
    assert.equal(job.messages[2], `${MISSING.message} (attempt 3 of 3: no retry left)`);
    assert.equal(states(job.history).filter((x) => x === 'SCHEDULED').length, 3);
    const bare = sim.core.jobs.get('bare');
    assert.equal(bare.state, 'FAILED');
    assert.deepEqual(bare.messages, [MISSING.message]);
});
test('wall time and cancel are never retried; a cancel during the backoff ends the task CANCELED', async () => {
    const sim = simWith(failFirst({ j: 1 }));
    accept(sim, { name: 'j', ...retries({ max: 3, backoff: 100 }) }, { name: 'other' });
    await sim.run(sim.now + 1 * ms);
    const job = sim.core.jobs.get('j');
    assert.equal(job.state, 'QUEUED');
    assert.ok(sim.wakes.length > 0, 'the core asked to be woken');
    assert.equal(sim.core.cancelJob(job), null);
    await sim.run();
    assert.equal(job.state, 'CANCELED');
    assert.equal(sim.done.filter((t) => t.label === 'j').length, 0);
});
test('iterations retry on their own; other iterations and the job go on, counts stay right', async () => {
    const sim = simWith(failFirst({ 'sweep:1': 2, 'sweep:4': 1 }));
    accept(sim, { name: 'sweep', iteration: { start: 0, stop: 6 }, ...retries({ max: 2, backoff: 0.5 }) }, { name: 'after', dependencies: { after: ['sweep'] } });
    await sim.run();
    const job = sim.core.jobs.get('sweep');
    assert.equal(job.state, 'SUCCEED');
    assert.equal(job.counts.SUCCEED, 6);
    assert.equal(job.iterations.get(1).failures, 2);
    assert.equal(job.iterations.get(4).failures, 1);
    assert.equal(job.iterations.get(0).failures, 0);
    assert.deepEqual(states(job.iterations.get(4).history), ['SCHEDULED', 'EXECUTING', 'QUEUED', 'SCHEDULED', 'EXECUTING', 'SUCCEED']);
    assert.equal(sim.core.jobs.get('after').state, 'SUCCEED');
    assert.equal(sim.done.length, 7);
});
test('journal: retry records carry the attempt count and the retry time; replay and restore keep counting', async () => {
    const { sim, records } = journaled([{ name: 'n0', cores: 2 }], failFirst({ j: 3, 'sw:0': 3 }));
    submit(sim, { name: 'j', ...retries({ max: 3, backoff: 10 }) }, { name: 'sw', iteration: { start: 0, stop: 2 }, ...retries({ max: 3, backoff: 10 }) });
    // until both have failed twice and wait for their third attempt
    while (sim.core.jobs.get('j').task.failures < 2 || sim.core.jobs.get('sw').iterations.get(0).failures < 2)
        await sim.run(sim.now + 1 * s);
    const retryRecs = records.filter((r) => r.t === 's' && r.s === 'QUEUED' && 'a' in r);
    assert.ok(retryRecs.length >= 4, JSON.stringify(retryRecs));
    assert.ok(retryRecs.every((r) => r.t === 's' && typeof r.nb === 'number'));
    const cut = replay(records);
    assert.deepEqual(view(cut.jobs.values()), view(sim.core.jobs.values()));
    // a resumed core: one retry left each; the third failure is retried, the fourth is final
    const next = journaled([{ name: 'n0', cores: 2 }], failFirst({ j: 2, 'sw:0': 2 }));
    next.sim.now = sim.now;
    next.sim.core.restore(cut.jobs.values());
    await next.sim.run();
    const j = next.sim.core.jobs.get('j');
    const it0 = next.sim.core.jobs.get('sw').iterations.get(0);
    assert.equal(j.state, 'FAILED');
    assert.match(j.messages.at(-1), /attempt 4 of 4: no retry left/);
    assert.equal(it0.state, 'FAILED');
    assert.equal(it0.failures, 3);
    assert.deepEqual(view(replay([...records, ...next.records]).jobs.values()), view(next.sim.core.jobs.values()));
});
test('submit checks attributes.retries and attributes.resultFile, naming the field', () => {
    const bad = [
        [-1, /attributes\.retries must be an integer from 0 to 1000/],
        [2.5, /attributes\.retries must be an integer/],
        ['3', /attributes\.retries must be an integer or an object/],
        [{ backoff: 1 }, /attributes\.retries\.max must be an integer/],
        [{ max: 2, backof: 1 }, /unknown key 'backof'/],
        [{ max: 2, backoff: -1 }, /attributes\.retries\.backoff must be a number of seconds/],
        [{ max: 2, maxBackoff: 'x' }, /attributes\.retries\.maxBackoff/],
        [{ max: 2, onExitCode: 1 }, /attributes\.retries\.onExitCode must be a boolean/],
    ];
    const ctx = { rcnt: 1, uniq: 'u', now: new Date(), maxIterations: 100, isRegistered: () => false, nodes: [{ name: 'n0', cores: 2 }] };
    for (const [value, re] of bad) {
        const r = parseSubmit({ jobs: [{ name: 'a', execution: { exec: '/bin/true' }, attributes: { retries: value } }] }, ctx);
        assert.ok(!r.ok && /^Wrong submit request: /.test(r.message) && re.test(r.message), `${JSON.stringify(value)}: ${JSON.stringify(r)}`);
    }
    for (const f of ['', 5, ['a']])
        assert.match(checkAttributes({ resultFile: f }) ?? '', /attributes\.resultFile must be a non-empty path/);
    const good = parseSubmit({ jobs: [{ name: 'a', execution: { exec: '/bin/true' }, attributes: { retries: { max: 2, onExitCode: true }, resultFile: 'out/${it}.json', other: [1] } }] }, ctx);
    assert.ok(good.ok);
    assert.deepEqual(good.jobs[0].retry, { max: 2, backoff: 1, maxBackoff: 60, onExitCode: true });
});
test('chained launches that fail at once (before their predecessor ends) are retried without launching any task twice', async () => {
    const N = 300;
    const bad = (label) => Number(label.split(':')[1]) % 25 === 7;
    const sim = new Simulator([{ name: 'n0', cores: 8 }], (_cmd, label) => (bad(label) ? { durationUs: 0, failure: MISSING, early: true } : { durationUs: 1 * ms + (Number(label.split(':')[1]) % 3) * 100 }), () => 0.5);
    accept(sim, { name: 'mixed', iteration: { start: 0, stop: N }, ...retries({ max: 2, backoff: 0 }) });
    await sim.run();
    assert.ok(sim.chained > 0, 'launches were chained');
    const job = sim.core.jobs.get('mixed');
    assert.equal(job.state, 'FAILED');
    assert.equal(job.counts.FAILED, 12);
    assert.equal(job.counts.SUCCEED, N - 12);
    const runs = new Map();
    for (const t of sim.done)
        runs.set(t.label, (runs.get(t.label) ?? 0) + 1);
    assert.ok([...runs.values()].every((n) => n === 1), 'no task ran twice');
    assert.equal(runs.size, N - 12);
    for (const [idx, t] of job.iterations)
        if (bad(`x:${idx}`))
            assert.equal(t.failures, 2);
    assert.equal(sim.core.pool.usedCores, 0);
});
//# sourceMappingURL=retry.test.js.map