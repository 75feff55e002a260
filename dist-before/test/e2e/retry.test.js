/**
 * Retries against a real manager (README "Retries"): a launch that fails because the program is missing is
 * retried with backoff until the program appears; a job's own non-zero exit is not retried unless asked;
 * when the retries are used up the job ends FAILED with the reason; the history shows every attempt.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { jobInfo, startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { historyStates, waitFor } from '../helpers/util.js';
let m;
before(async () => {
    m = await startManagerProcess({ nodes: '2' });
});
after(async () => {
    await m.stop();
});
const messages = (d) => String(d.messages ?? '').split('\n').filter(Boolean);
test('a missing executable that appears later: retried after each backoff until it runs, then SUCCEED', { timeout: 60_000 }, async () => {
    const prog = path.join(m.wd, 'appears-later.sh');
    await submitOk(m, [{ name: 'later', execution: { exec: prog, stdout: 'later.out' }, attributes: { retries: { max: 50, backoff: 0.2, maxBackoff: 0.4 } } }]);
    // at least two failed attempts, then the program appears
    await waitFor(async () => messages(await jobInfo(m, 'later')).length >= 2, 30_000, 'two failed attempts');
    fs.writeFileSync(prog, '#!/bin/sh\necho ran\n', { mode: 0o755 });
    assert.equal(await waitForState(m, 'later'), 'SUCCEED');
    const d = await jobInfo(m, 'later');
    const msgs = messages(d);
    assert.ok(msgs.length >= 2);
    msgs.forEach((x, i) => assert.match(x, new RegExp(`^attempt ${i + 1} of 51 failed: \\[Errno 2\\] No such file or directory: '${prog}'; retry in 0\\.[1-4]\\d\\d s$`)));
    const states = historyStates(d.history);
    // QUEUED, then per failed attempt SCHEDULED, EXECUTING, QUEUED; then the run that worked
    assert.deepEqual(states, ['QUEUED', ...msgs.flatMap(() => ['SCHEDULED', 'EXECUTING', 'QUEUED']), 'SCHEDULED', 'EXECUTING', 'SUCCEED']);
    assert.equal(fs.readFileSync(path.join(m.wd, 'later.out'), 'utf8'), 'ran\n');
    assert.equal(d.runtime.exit_code, '0');
});
test("a job's own non-zero exit is not retried by default; with onExitCode it is, until it succeeds", { timeout: 60_000 }, async () => {
    const counter = (n) => path.join(m.wd, `${n}.count`);
    // each run appends a line; it fails until its third run
    const flaky = (name, retries) => ({
        name,
        execution: { exec: '/bin/sh', args: ['-c', `echo x >> "$1"; [ $(wc -l < "$1") -ge 3 ]`, name, counter(name)] },
        attributes: { retries },
    });
    await submitOk(m, [flaky('own', 5), flaky('asked', { max: 5, backoff: 0.05, onExitCode: true })]);
    assert.equal(await waitForState(m, 'own'), 'FAILED');
    assert.equal(await waitForState(m, 'asked'), 'SUCCEED');
    const count = (n) => fs.readFileSync(counter(n), 'utf8').split('\n').filter(Boolean).length;
    assert.equal(count('own'), 1, 'a non-zero exit is not retried by default');
    assert.equal(count('asked'), 3);
    const own = await jobInfo(m, 'own');
    assert.equal(own.runtime.exit_code, '1');
    assert.deepEqual(messages(own), []);
    const asked = messages(await jobInfo(m, 'asked'));
    assert.equal(asked.length, 2);
    assert.match(asked[0], /^attempt 1 of 6 failed: exit code 1; retry in /);
});
test("retries used up: FAILED with the launch error and the attempt count; a missing program exec'd by the job's shell is its own exit, not retried", { timeout: 60_000 }, async () => {
    await submitOk(m, [
        { name: 'never', execution: { exec: '/nonexistent/prog' }, attributes: { retries: { max: 2, backoff: 0 } } },
        {
            name: 'sweep',
            iteration: { start: 0, stop: 4 },
            // iteration 2 runs a program that does not exist
            execution: { exec: '/bin/sh', args: ['-c', 'test "$1" != 2 || exec /nonexistent/it2', 'x', '${it}'] },
            attributes: { retries: 1 },
        },
    ]);
    assert.equal(await waitForState(m, 'never'), 'FAILED');
    const d = await jobInfo(m, 'never');
    const msgs = messages(d);
    assert.equal(msgs.length, 3);
    assert.equal(msgs[2], "[Errno 2] No such file or directory: '/nonexistent/prog' (attempt 3 of 3: no retry left)");
    assert.equal(historyStates(d.history).filter((s) => s === 'EXECUTING').length, 3);
    // the sweep: exec of a missing program inside the shell is the job's own exit (127), not a launch failure
    assert.equal(await waitForState(m, 'sweep'), 'FAILED');
    const it2 = await jobInfo(m, 'sweep:2');
    assert.equal(it2.status, 'FAILED');
    assert.equal(it2.runtime.exit_code, '127');
    assert.deepEqual(historyStates(it2.history), ['SCHEDULED', 'EXECUTING', 'FAILED']);
});
test('a bad retry policy is refused at submit, naming the field; nothing is registered', async () => {
    const r = await m.request({ request: 'submit', jobs: [{ name: 'badretry', execution: { exec: '/bin/true' }, attributes: { retries: { max: 'many' } } }] });
    assert.equal(r.code, 1);
    assert.equal(r.message, 'Wrong submit request: attributes.retries.max must be an integer from 0 to 1000');
    const l = await m.request({ request: 'jobStatus', jobNames: ['badretry'] });
    assert.equal(l.code, 1);
});
test('a sweep of short tasks (chained launches) with some iterations failing to launch: each retried on its own', { timeout: 90_000 }, async () => {
    const N = 300;
    const values = Array.from({ length: N }, (_, i) => (i % 25 === 7 ? '/nonexistent/prog' : '/bin/true'));
    await submitOk(m, [{ name: 'mixed', iteration: { values }, execution: { exec: '${itval}' }, attributes: { retries: { max: 2, backoff: 0 } } }]);
    assert.equal(await waitForState(m, 'mixed', undefined, 60_000), 'FAILED');
    const d = await jobInfo(m, 'mixed', true);
    const childs = d.childs;
    const bad = values.flatMap((v, i) => (v === '/bin/true' ? [] : [i]));
    assert.deepEqual(childs.filter((c) => c.state === 'FAILED').map((c) => c.iteration), bad);
    assert.equal(childs.filter((c) => c.state === 'SUCCEED').length, N - bad.length);
    for (const i of bad.slice(0, 3)) {
        const it = await jobInfo(m, `mixed:${i}`);
        assert.equal(historyStates(it.history).filter((s) => s === 'EXECUTING').length, 3, `mixed:${i}`);
        assert.match(String(it.messages), /attempt 3 of 3: no retry left/);
    }
    const good = await jobInfo(m, 'mixed:0');
    assert.deepEqual(historyStates(good.history).slice(-1), ['SUCCEED']);
    assert.equal(good.messages, undefined);
});
//# sourceMappingURL=retry.test.js.map