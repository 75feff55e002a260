/** The per-job remote directory contract (server/executor/ssh/job-dir.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jobDir, jobsRoot, parseExitFile, parsePgidFile } from '../../server/executor/ssh/job-dir.js';
test('job dir: <root>/<InstanceId>/jobs/<task id>, the InstanceId kept to one path component', () => {
    assert.equal(jobDir('/scratch/pm', 'vm.1234', 17), '/scratch/pm/vm.1234/jobs/17');
    assert.equal(jobsRoot('/home/u/', 'a/b'), '/home/u/a_b/jobs');
    assert.equal(jobsRoot('/w', '..'), '/w/__/jobs');
    assert.equal(jobsRoot('/w', ''), '/w/_/jobs');
});
test('exit and pgid files: integers (negative exit = signal), anything else undefined', () => {
    assert.equal(parseExitFile('0\n'), 0);
    assert.equal(parseExitFile('-15\n'), -15);
    assert.equal(parseExitFile('127'), 127);
    for (const bad of ['', 'x', '1.5', '--1', '1 2'])
        assert.equal(parseExitFile(bad), undefined, bad);
    assert.equal(parsePgidFile('4242\n'), 4242);
    for (const bad of ['0', '-3', '', 'abc'])
        assert.equal(parsePgidFile(bad), undefined, bad);
});
//# sourceMappingURL=ssh-job-dir.test.js.map