/**
 * Stage-in / stage-out (attributes.stageIn / stageOut) on local nodes: plain file copies around the job, the
 * same rules as on SSH hosts (test/e2e/ssh.test.ts checks them over SFTP in both SSH modes).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { jobInfo, startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { historyStates } from '../helpers/util.js';
let m;
before(async () => {
    m = await startManagerProcess({ nodes: '2' });
});
after(async () => {
    await m?.stop();
});
test('local node: files staged into the job wd before it runs and back after it ended', async () => {
    fs.mkdirSync(path.join(m.wd, 'data'));
    fs.writeFileSync(path.join(m.wd, 'data', 'a.txt'), 'abc\n');
    fs.writeFileSync(path.join(m.wd, 'data', 'run.sh'), '#!/bin/sh\nrev < in/a.txt > rev.txt\n', { mode: 0o750 });
    await submitOk(m, [
        {
            name: 'st',
            iteration: { stop: 2 },
            execution: { exec: './run.sh', wd: 'jobs/${it}' },
            attributes: { stageIn: [{ from: 'data/a.txt', to: 'in/a.txt' }, { from: 'data/run.sh' }], stageOut: [{ from: 'rev.txt', to: 'out/rev-${it}.txt' }] },
        },
    ]);
    assert.equal(await waitForState(m, 'st'), 'SUCCEED', JSON.stringify(await jobInfo(m, 'st', true)));
    for (let i = 0; i < 2; i++) {
        assert.equal(fs.readFileSync(path.join(m.wd, 'out', `rev-${i}.txt`), 'utf8'), 'cba\n');
        assert.equal(fs.statSync(path.join(m.wd, 'jobs', String(i), 'run.sh')).mode & 0o777, 0o750);
    }
});
test('local node: a missing stage-in file fails the job before it starts; a missing output fails a job that exited 0', async () => {
    await submitOk(m, [
        { name: 'miss-in', execution: { exec: '/bin/true' }, attributes: { stageIn: [{ from: 'nope/missing.txt' }] } },
        { name: 'miss-out', execution: { exec: '/bin/true', wd: 'mo' }, attributes: { stageOut: [{ from: 'missing.out', to: 'x/y.out' }] } },
        { name: 'fail-out', execution: { exec: '/bin/sh', args: ['-c', 'exit 3'], wd: 'fo' }, attributes: { stageOut: [{ from: 'missing.out' }] } },
    ]);
    assert.equal(await waitForState(m, 'miss-in'), 'FAILED');
    const a = await jobInfo(m, 'miss-in');
    assert.equal(a.messages, `stage-in failed: cannot copy '${path.join(m.wd, 'nope', 'missing.txt')}' to this machine:'${path.join(m.wd, 'missing.txt')}': ENOENT: no such file or directory, stat '${path.join(m.wd, 'nope', 'missing.txt')}'`);
    assert.deepEqual(historyStates(a.history), ['QUEUED', 'SCHEDULED', 'FAILED']);
    assert.equal(await waitForState(m, 'miss-out'), 'FAILED');
    const b = await jobInfo(m, 'miss-out');
    assert.match(String(b.messages), /^stage-out failed: cannot copy this machine:'.*\/mo\/missing.out' to '.*\/x\/y.out': ENOENT/);
    assert.equal(b.runtime.exit_code, '0');
    assert.equal(await waitForState(m, 'fail-out'), 'FAILED');
    const c = await jobInfo(m, 'fail-out');
    assert.equal(c.runtime.exit_code, '3', 'a failed job keeps its own outcome');
    assert.ok(!String(c.messages ?? '').includes('stage-out'), String(c.messages));
});
//# sourceMappingURL=staging.test.js.map