/** JobInfo: parsing of jobInfo data (jobs.md §9 formats). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JobInfo, parseAllocation, parseDuration, parseHistory } from '../../client/index.js';
test('durations in the rtime format', () => {
    assert.equal(parseDuration('0:00:00.007074'), 0.007074);
    assert.equal(parseDuration('1:02:03.500000'), 3723.5);
    assert.equal(parseDuration('1 day, 0:00:01.000000'), 86401);
    assert.equal(parseDuration('2 days, 1:00:00.000000'), 2 * 86400 + 3600);
    assert.ok(Number.isNaN(parseDuration('soon')));
});
test('allocations', () => {
    assert.deepEqual(parseAllocation('n0[0]'), { n0: ['0'] });
    assert.deepEqual(parseAllocation('a[0:1],b[0:1:2]'), { a: ['0', '1'], b: ['0', '1', '2'] });
    assert.deepEqual(parseAllocation('x[1&2:3]'), { x: ['1,2', '3'] });
});
test('history', () => {
    const h = parseHistory('\n2026-11-21 23:37:31.093518: QUEUED\n2026-11-21 23:37:31.101497: FAILED');
    assert.deepEqual(h.map((e) => e.state), ['QUEUED', 'FAILED']);
    assert.equal(h[0].date.getFullYear(), 2026);
    assert.equal(h[0].date.getMonth(), 10);
    assert.equal(h[0].date.getHours(), 23);
    assert.equal(h[0].date.getMilliseconds(), 93);
    assert.equal(h[1].date.getMilliseconds(), 101);
});
test('a finished job and an iterative job with childs', () => {
    const job = JobInfo.fromJob({
        jobName: 'exit3',
        status: 'FAILED',
        messages: 'boom',
        runtime: { allocation: 'n0[0:1]', wd: '/w', rtime: '0:00:01.250000', exit_code: '3', pid: '24304', pname: 'sh' },
        history: '\n2026-11-21 23:37:31.093518: QUEUED\n2026-11-21 23:37:31.101497: FAILED',
    });
    assert.equal(job.name, 'exit3');
    assert.equal(job.status, 'FAILED');
    assert.equal(job.iteration, undefined);
    assert.equal(job.messages, 'boom');
    assert.deepEqual(job.nodes, { n0: ['0', '1'] });
    assert.equal(job.totalCores, 2);
    assert.equal(job.wd, '/w');
    assert.equal(job.rtime, 1.25);
    assert.equal(job.exitCode, 3);
    assert.equal(job.pid, 24304);
    assert.equal(job.pname, 'sh');
    assert.equal(job.history.length, 2);
    const iter = JobInfo.fromJob({
        jobName: 'it',
        status: 'EXECUTING',
        iterations: { start: 0, stop: 2, total: 2, finished: 1, failed: 0 },
        childs: [
            { iteration: 0, state: 'SUCCEED', runtime: { allocation: 'n0[0]', exit_code: '0' } },
            { iteration: 1, state: 'QUEUED' },
        ],
    });
    assert.deepEqual(iter.iterations, { start: 0, stop: 2, total: 2, finished: 1, failed: 0 });
    assert.equal(iter.allocation, undefined);
    assert.deepEqual(iter.childs.map((c) => [c.name, c.iteration, c.status, c.exitCode]), [
        ['it:0', 0, 'SUCCEED', 0],
        ['it:1', 1, 'QUEUED', undefined],
    ]);
    assert.equal(JobInfo.fromJob({ jobName: 'it:-3', status: 'SUCCEED' }).iteration, -3);
});
//# sourceMappingURL=job-info.test.js.map