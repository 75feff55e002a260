/**
 * Manager start options that change the wire (protocol.md §1: bind failure, publisher disabled; jobs.md §10.1
 * system core, §12 aux dir and job report in both formats).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { parseTextReport } from '../helpers/report.js';
import { assertKeys, readText, waitFor } from '../helpers/util.js';
const started = [];
async function start(nodes, extra = []) {
    const m = await startManagerProcess({ nodes, extra });
    started.push(m);
    return m;
}
after(async () => {
    for (const m of started)
        await m.stop();
});
/** finish with the delay, wait for exit 0 */
async function finishAndExit(m) {
    assert.equal((await m.request({ request: 'finish' })).code, 0);
    assert.deepStrictEqual(await m.exited, { code: 0, signal: null }, m.stderr());
}
describe('start options', () => {
    test('a bind failure at start is fatal: non-zero exit, message on stderr', async () => {
        const m = await start('1');
        const port = m.address.split(':').pop();
        await assert.rejects(startManagerProcess({ nodes: '1', extra: ['--net-port', port], startTimeoutMs: 30_000 }), (e) => {
            assert.match(e.message, /manager exited early \(code [1-9]\d*, signal null\)/);
            assert.match(e.message, /stderr:\n.+/s, 'a message on stderr');
            return true;
        });
    });
    test('--no-publisher: StatusPublisher is null', async () => {
        const m = await start('1', ['--no-publisher']);
        const s = await m.request({ request: 'status' });
        assert.equal(s.data.System.StatusPublisher, null);
        assert.ok('StatusPublisher' in s.data.System);
    });
    test('--id: InstanceId and the aux dir name', async () => {
        const m = await start('1', ['--id', 'e2e-custom']);
        assert.equal(m.instanceId, 'e2e-custom');
        assert.equal(path.basename(m.auxDir), '.qcgpjm-service-e2e-custom');
        assert.equal((await m.request({ request: 'status' })).data.System.InstanceId, 'e2e-custom');
    });
    test('--system-core: core 0 of the first node counts as used', async () => {
        const m = await start('2', ['--system-core']);
        assert.deepStrictEqual(await m.request({ request: 'resourcesInfo' }), { code: 0, data: { total_nodes: 1, total_cores: 2, used_cores: 1, free_cores: 1 } });
        await submitOk(m, [{ name: 'one', execution: { exec: '/bin/true' } }]);
        assert.equal(await waitForState(m, 'one'), 'SUCCEED');
        const info = await m.request({ request: 'jobInfo', jobNames: ['one'] });
        assert.equal(info.data.jobs.one.data.runtime.allocation, 'n0[1]');
    });
});
describe('job report (jobs.md §12)', () => {
    const jobs = [
        { name: 'sweep', execution: { exec: '/bin/sh', args: ['-c', 'exit ${it}'] }, iteration: { stop: 2 } },
        { name: 'date', execution: { exec: '/bin/date', stdout: 'date.out' } },
        { name: 'noexe', execution: { exec: '/nonexistent/bin' } },
        { name: 'depD', execution: { exec: '/bin/true' }, dependencies: { after: ['ghost'] }, attributes: { tag: 'x' } },
    ];
    test('text: one entry per final state, iterations before their job, layout of examples/report.md', async () => {
        const m = await start('4');
        await submitOk(m, jobs);
        for (const j of jobs)
            await waitForState(m, j.name);
        await finishAndExit(m);
        const text = readText(path.join(m.auxDir, 'jobs.report'));
        const entries = parseTextReport(text);
        const names = entries.map((e) => e.name);
        assert.deepEqual([...names].sort(), ['date', 'depD', 'noexe', 'sweep', 'sweep:0', 'sweep:1']);
        assert.ok(names.indexOf('sweep:0') < names.indexOf('sweep') && names.indexOf('sweep:1') < names.indexOf('sweep'), 'iterations before their job');
        const by = Object.fromEntries(entries.map((e) => [e.name, e]));
        assert.equal(by.sweep.state, 'FAILED');
        assert.equal(by.sweep.runtime.length, 0, 'a whole iterative job has no runtime');
        assert.deepEqual(by['sweep:1'].history.map((h) => h.state), ['SCHEDULED', 'EXECUTING', 'FAILED']);
        assert.equal(Object.fromEntries(by['sweep:1'].runtime).exit_code, '1');
        assert.equal(by.noexe.messages, "[Errno 2] No such file or directory: '/nonexistent/bin'");
        assert.equal(Object.fromEntries(by.noexe.runtime).pid, '-1');
        assert.equal(by.depD.state, 'OMITTED');
        assert.equal(by.depD.runtime.length, 0);
        assert.match(text, /^date \(SUCCEED\) \n\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}: QUEUED\n/m, 'header with a trailing space when there are no messages');
    });
    test('json: one object per line', async () => {
        const m = await start('4', ['--report-format', 'json']);
        await submitOk(m, jobs);
        for (const j of jobs)
            await waitForState(m, j.name);
        await finishAndExit(m);
        const lines = readText(path.join(m.auxDir, 'jobs.report')).split('\n');
        assert.equal(lines.pop(), '', 'ends with a newline');
        const objs = lines.map((l) => JSON.parse(l));
        const by = Object.fromEntries(objs.map((o) => [o.name, o]));
        assert.deepEqual(Object.keys(by).sort(), ['date', 'depD', 'noexe', 'sweep', 'sweep:0', 'sweep:1']);
        for (const o of objs) {
            assert.deepEqual(Object.keys(o).slice(0, 4), ['name', 'state', 'history', 'runtime'], `${o.name}: leading keys`);
            for (const h of o.history) {
                assertKeys(h, ['state', 'date']);
                assert.match(h.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
            }
        }
        // iterations carry no description; whole jobs do, after pass 1, defaults filled
        assert.ok(!('execution' in by['sweep:0']));
        assert.deepStrictEqual(by.sweep.runtime, {});
        assert.deepStrictEqual(by.sweep.resources, { numCores: { exact: 1 } });
        assert.deepStrictEqual(by.date.execution, { exec: '/bin/date', stdout: 'date.out' });
        assert.deepStrictEqual(by.depD.dependencies, { after: ['ghost'] });
        assert.deepStrictEqual(by.depD.attributes, { tag: 'x' });
        assert.equal(by.noexe.messages, "[Errno 2] No such file or directory: '/nonexistent/bin'");
        assertKeys(by.date.runtime, ['allocation', 'wd', 'rtime', 'exit_code', 'pid', 'pname'], 'date runtime');
    });
    test('the report is appended while the manager runs (buffered at most 1 s)', async () => {
        const m = await start('1');
        await submitOk(m, [{ name: 'early', execution: { exec: '/bin/true' } }]);
        assert.equal(await waitForState(m, 'early'), 'SUCCEED');
        const f = path.join(m.auxDir, 'jobs.report');
        await waitFor(() => fs.existsSync(f) && readText(f).startsWith('early (SUCCEED) '), 30_000, 'report entry written before exit');
    });
});
//# sourceMappingURL=startup-report.test.js.map