/**
 * Running jobs (jobs.md §2, §6, §7 stage L/R, §9, §11, §12): launch failures, exit codes, working
 * directories, stdio files, environment, script jobs, placeholders, wall time.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { shJob } from '../helpers/jobs.js';
import { jobInfo, startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { sleepMarker, waitNoMarker } from '../helpers/procs.js';
import { assertFinalRuntime, assertKeys, historyStates, readText } from '../helpers/util.js';
function parseEnv(text) {
    const out = {};
    for (const line of text.split('\n')) {
        const i = line.indexOf('=');
        if (i > 0)
            out[line.slice(0, i)] = line.slice(i + 1);
    }
    return out;
}
describe('execution (nodes 4)', () => {
    let m;
    const marker = sleepMarker();
    before(async () => {
        m = await startManagerProcess({ nodes: '4', env: { PILOTMQ_E2E_INHERITED: 'from-manager', QCG_PM_NPROCS: 'stale' } });
    });
    after(async () => {
        await m?.stop();
        assert.deepEqual(await waitNoMarker(marker), []);
    });
    test('missing executable: FAILED at launch, [Errno 2], exit_code -1, pid -1', async () => {
        await submitOk(m, [{ name: 'noexe', execution: { exec: '/nonexistent/bin' } }]);
        assert.equal(await waitForState(m, 'noexe'), 'FAILED');
        const d = await jobInfo(m, 'noexe');
        assertKeys(d, ['jobName', 'status', 'messages', 'runtime', 'history'], 'jobInfo noexe');
        assert.equal(d.messages, "[Errno 2] No such file or directory: '/nonexistent/bin'");
        assertFinalRuntime(d.runtime, { exit_code: '-1', pid: '-1', pname: 'bin', wd: m.wd, allocation: 'n0[0]' });
        assert.deepEqual(historyStates(d.history), ['QUEUED', 'SCHEDULED', 'EXECUTING', 'FAILED']);
    });
    test('program not found in PATH', async () => {
        await submitOk(m, [{ name: 'nopath', execution: { exec: 'pilotmq-no-such-program-xyz' } }]);
        assert.equal(await waitForState(m, 'nopath'), 'FAILED');
        const d = await jobInfo(m, 'nopath');
        assert.equal(d.messages, "[Errno 2] No such file or directory: 'pilotmq-no-such-program-xyz'");
        assertFinalRuntime(d.runtime, { exit_code: '-1', pid: '-1', pname: 'pilotmq-no-such-program-xyz' });
    });
    test('program not executable', async () => {
        const f = path.join(m.wd, 'notexec.sh');
        fs.writeFileSync(f, '#!/bin/sh\necho hi\n', { mode: 0o644 });
        await submitOk(m, [{ name: 'noperm', execution: { exec: f } }]);
        assert.equal(await waitForState(m, 'noperm'), 'FAILED');
        const d = await jobInfo(m, 'noperm');
        assert.equal(d.messages, `[Errno 13] Permission denied: '${f}'`);
        assertFinalRuntime(d.runtime, { exit_code: '-1', pid: '-1', pname: 'notexec.sh' });
    });
    test('missing stdin file', async () => {
        await submitOk(m, [{ name: 'nostdin', execution: { exec: '/bin/cat', stdin: 'missing-input.txt' } }]);
        assert.equal(await waitForState(m, 'nostdin'), 'FAILED');
        const d = await jobInfo(m, 'nostdin');
        assert.equal(d.messages, "[Errno 2] No such file or directory: 'missing-input.txt'");
        assertFinalRuntime(d.runtime, { exit_code: '-1', pid: '-1', pname: 'cat' });
    });
    test('stdout in a directory that does not exist', async () => {
        await submitOk(m, [{ name: 'nostdout', execution: { exec: '/bin/true', stdout: 'no/such/dir/out.txt' } }]);
        assert.equal(await waitForState(m, 'nostdout'), 'FAILED');
        const d = await jobInfo(m, 'nostdout');
        assert.equal(d.messages, "[Errno 2] No such file or directory: 'no/such/dir/out.txt'");
    });
    test('working directory that cannot be created', async () => {
        const blocker = path.join(m.wd, 'plainfile');
        fs.writeFileSync(blocker, 'x');
        await submitOk(m, [{ name: 'badwd', execution: { exec: '/bin/true', wd: path.join(blocker, 'sub') } }]);
        assert.equal(await waitForState(m, 'badwd'), 'FAILED');
        const d = await jobInfo(m, 'badwd');
        assert.match(String(d.messages), /^\[Errno 20\] Not a directory: '.+'$/);
        assert.ok(!historyStates(d.history).includes('EXECUTING'), 'SCHEDULED → FAILED when the wd cannot be created (jobs.md §8)');
    });
    test('exit codes and signals', async () => {
        // `$$` is a placeholder escape in execution strings: `$$$$$$$$` reaches the shell as `$$` (jobs.md §6)
        await submitOk(m, [shJob('exit0', 'exit 0'), shJob('exit7', 'exit 7'), shJob('exit255', 'exit 255'), shJob('killed', 'kill -9 $$$$$$$$')]);
        const expect = { exit0: ['SUCCEED', '0'], exit7: ['FAILED', '7'], exit255: ['FAILED', '255'], killed: ['FAILED', '-9'] };
        for (const [name, [state, code]] of Object.entries(expect)) {
            assert.equal(await waitForState(m, name), state, name);
            const d = await jobInfo(m, name);
            assertKeys(d, ['jobName', 'status', 'runtime', 'history'], `jobInfo ${name}`);
            const rt = assertFinalRuntime(d.runtime, { exit_code: code, pname: 'sh' });
            assert.notEqual(rt.pid, '-1');
        }
    });
    test('wd: absent → manager wd; relative → joined and created with parents; absolute created', async () => {
        const abs = path.join(m.wd, 'abs', 'x', 'y');
        await submitOk(m, [
            { name: 'wd-default', execution: { exec: '/bin/pwd', stdout: 'pwd-default.txt' } },
            { name: 'wd-rel', execution: { exec: '/bin/pwd', wd: 'rel/a/b', stdout: 'pwd.txt' } },
            { name: 'wd-abs', execution: { exec: '/bin/pwd', wd: abs, stdout: 'pwd.txt' } },
        ]);
        for (const n of ['wd-default', 'wd-rel', 'wd-abs'])
            assert.equal(await waitForState(m, n), 'SUCCEED', n);
        assert.equal(readText(path.join(m.wd, 'pwd-default.txt')), `${m.wd}\n`);
        assert.equal(readText(path.join(m.wd, 'rel/a/b/pwd.txt')), `${path.join(m.wd, 'rel/a/b')}\n`);
        assert.equal(readText(path.join(abs, 'pwd.txt')), `${abs}\n`);
        assertFinalRuntime((await jobInfo(m, 'wd-rel')).runtime, { wd: path.join(m.wd, 'rel/a/b') });
        assertFinalRuntime((await jobInfo(m, 'wd-default')).runtime, { wd: m.wd });
    });
    test('stdin, stdout and stderr files; stdout and stderr to the same file', async () => {
        fs.writeFileSync(path.join(m.wd, 'in.txt'), 'line one\nline two\n');
        await submitOk(m, [
            { name: 'cat', execution: { exec: '/bin/cat', stdin: 'in.txt', stdout: 'cat.out' } },
            shJob('streams', 'echo to-out; echo to-err >&2', {}, { stdout: 'streams.out', stderr: 'streams.err' }),
            shJob('shared', 'echo first; echo second >&2; echo third', {}, { stdout: 'both.txt', stderr: 'both.txt' }),
            shJob('discard', 'echo nothing-to-see; echo nor-here >&2'),
        ]);
        for (const n of ['cat', 'streams', 'shared', 'discard'])
            assert.equal(await waitForState(m, n), 'SUCCEED', n);
        assert.equal(readText(path.join(m.wd, 'cat.out')), 'line one\nline two\n');
        assert.equal(readText(path.join(m.wd, 'streams.out')), 'to-out\n');
        assert.equal(readText(path.join(m.wd, 'streams.err')), 'to-err\n');
        assert.equal(readText(path.join(m.wd, 'both.txt')), 'first\nsecond\nthird\n');
    });
    test('stdout file is truncated, relative to the job wd', async () => {
        const dir = path.join(m.wd, 'trunc');
        fs.mkdirSync(dir);
        fs.writeFileSync(path.join(dir, 'o.txt'), 'old content that is much longer than the new one\n');
        await submitOk(m, [shJob('trunc', 'echo new', {}, { wd: dir, stdout: 'o.txt' })]);
        assert.equal(await waitForState(m, 'trunc'), 'SUCCEED');
        assert.equal(readText(path.join(dir, 'o.txt')), 'new\n');
    });
    test('args: numbers become their decimal text', async () => {
        await submitOk(m, [{ name: 'args', execution: { exec: '/bin/echo', args: [1, 2.5, -3, 'x y', ''], stdout: 'args.out' } }]);
        assert.equal(await waitForState(m, 'args'), 'SUCCEED');
        assert.equal(readText(path.join(m.wd, 'args.out')), '1 2.5 -3 x y \n');
    });
    test('exec found through PATH and relative to the job wd', async () => {
        const dir = path.join(m.wd, 'tools');
        fs.mkdirSync(dir);
        fs.writeFileSync(path.join(dir, 'hello.sh'), '#!/bin/sh\necho hello "$@"\n', { mode: 0o755 });
        await submitOk(m, [
            { name: 'viapath', execution: { exec: 'echo', args: ['via-path'], stdout: 'viapath.out' } },
            { name: 'relexec', execution: { exec: './hello.sh', args: ['rel'], wd: dir, stdout: 'rel.out' } },
        ]);
        assert.equal(await waitForState(m, 'viapath'), 'SUCCEED');
        assert.equal(await waitForState(m, 'relexec'), 'SUCCEED');
        assert.equal(readText(path.join(m.wd, 'viapath.out')), 'via-path\n');
        assert.equal(readText(path.join(dir, 'rel.out')), 'hello rel\n');
        assert.equal((await jobInfo(m, 'relexec')).runtime.pname, 'hello.sh');
    });
    test('job environment: inherited, execution.env (numbers as text), QCG_PM_* variables on top', async () => {
        await submitOk(m, [
            {
                name: 'env',
                execution: { exec: '/usr/bin/env', stdout: 'env.out', env: { FOO: 'bar baz', NUM: 5, QCG_PM_NNODES: 'overridden?' } },
                resources: { numCores: 2 },
            },
        ]);
        assert.equal(await waitForState(m, 'env'), 'SUCCEED');
        const e = parseEnv(readText(path.join(m.wd, 'env.out')));
        assert.equal(e.PILOTMQ_E2E_INHERITED, 'from-manager');
        assert.equal(e.FOO, 'bar baz');
        assert.equal(e.NUM, '5');
        assert.equal(e.QCG_PM_ZMQ_ADDRESS, m.address);
        assert.equal(e.QCG_PM_NNODES, '1', 'QCG_PM_* override execution.env');
        assert.equal(e.QCG_PM_NODELIST, 'n0');
        assert.equal(e.QCG_PM_NPROCS, '2', 'QCG_PM_* override the inherited environment');
        assert.equal(e.QCG_PM_NTASKS, '2');
        assert.equal(e.QCG_PM_TASKS_PER_NODE, '2');
        assert.match(e.QCG_PM_STEP_ID ?? '', /^[0-9a-f]{32}$/);
        assert.ok(!('QCG_PM_CPU_SET' in e), 'no CPU set for the local executor');
    });
    test('QCG_PM_STEP_ID is unique per execution', async () => {
        await submitOk(m, [{ name: 'steps', execution: { exec: '/bin/sh', args: ['-c', 'echo $QCG_PM_STEP_ID > step_${it}.txt'] }, iteration: { stop: 3 } }]);
        assert.equal(await waitForState(m, 'steps'), 'SUCCEED');
        const ids = [0, 1, 2].map((i) => readText(path.join(m.wd, `step_${i}.txt`)).trim());
        for (const s of ids)
            assert.match(s, /^[0-9a-f]{32}$/);
        assert.equal(new Set(ids).size, 3);
    });
    test('a job can drive its own manager through QCG_PM_ZMQ_ADDRESS', async () => {
        const client = path.join(m.wd, 'selfclient.mjs');
        const codec = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../protocol/codec.js');
        const zmqPath = new URL(import.meta.resolve('zeromq')).pathname;
        fs.writeFileSync(client, `import * as zmq from ${JSON.stringify(zmqPath)};\nimport { encode, decodeReply } from ${JSON.stringify(codec)};\n` +
            `const s = new zmq.Request({ linger: 0, receiveTimeout: 20000 });\ns.connect(process.env.QCG_PM_ZMQ_ADDRESS);\n` +
            `await s.send(encode({ request: 'jobStatus', jobNames: ['selfjob'] }, 'json'));\nconst [r] = await s.receive();\n` +
            `console.log(JSON.stringify(decodeReply(r)));\ns.close();\n`);
        await submitOk(m, [{ name: 'selfjob', execution: { exec: process.execPath, args: [client], stdout: 'self.out', stderr: 'self.err' } }]);
        assert.equal(await waitForState(m, 'selfjob'), 'SUCCEED', readText(path.join(m.wd, 'self.err')));
        assert.deepStrictEqual(JSON.parse(readText(path.join(m.wd, 'self.out'))), {
            code: 0,
            data: { jobs: { selfjob: { status: 0, data: { jobName: 'selfjob', status: 'EXECUTING' } } } },
        });
    });
    test('script jobs: bash -l -c, pname bash, execution-time placeholders', async () => {
        const dir = path.join(m.wd, 'case1');
        await submitOk(m, [
            { name: 'prepare', execution: { script: 'mkdir -p data\necho "prepared" > data/info.txt\n', wd: dir, stdout: 'prepare.out', stderr: 'prepare.err' } },
            {
                name: 'report',
                execution: { script: 'echo cores=${ncores} nodes=${nnodes} nlist=${nlist} nprocs=$QCG_PM_NPROCS root=${root_wd} sum=$((1+2)) home=${HOME:+set}', wd: dir, stdout: 'report.out' },
                resources: { numCores: 2 },
                dependencies: { after: ['prepare'] },
            },
        ]);
        assert.equal(await waitForState(m, 'report'), 'SUCCEED');
        assert.equal(readText(path.join(dir, 'data/info.txt')), 'prepared\n');
        assert.equal(readText(path.join(dir, 'report.out')), `cores=2 nodes=1 nlist=n0 nprocs=2 root=${m.wd} sum=3 home=set\n`);
        const rt = assertFinalRuntime((await jobInfo(m, 'report')).runtime, { pname: 'bash', exit_code: '0', wd: dir });
        assert.notEqual(rt.pid, '-1');
    });
    test('iteration placeholders: ${it} and ${itval}; $${it} works like ${it}', async () => {
        await submitOk(m, [
            { name: 'vals', execution: { exec: '/bin/sh', args: ['-c', 'echo ${it}:${itval}:$${it}'], stdout: 'val_${it}.txt' }, iteration: { values: ['a', 'b', 7] } },
            { name: 'range', execution: { exec: '/bin/sh', args: ['-c', 'echo ${it}:${itval}'], stdout: 'range_${itval}.txt' }, iteration: { start: 5, stop: 7 } },
        ]);
        assert.equal(await waitForState(m, 'vals'), 'SUCCEED');
        assert.equal(await waitForState(m, 'range'), 'SUCCEED');
        assert.equal(readText(path.join(m.wd, 'val_0.txt')), '0:a:0\n');
        assert.equal(readText(path.join(m.wd, 'val_2.txt')), '2:7:2\n');
        assert.equal(readText(path.join(m.wd, 'range_5.txt')), '5:5\n');
        assert.equal(readText(path.join(m.wd, 'range_6.txt')), '6:6\n');
        assert.deepStrictEqual((await jobInfo(m, 'vals')).iterations, { start: 0, stop: 3, total: 3, finished: 3, failed: 0 });
    });
    test('wall time: SIGTERM at the limit, FAILED with "wall time exceeded", exit_code -15', async () => {
        await submitOk(m, [{ name: 'slow', execution: { exec: 'sleep', args: [marker] }, resources: { numCores: 1, wt: '1s' } }]);
        assert.equal(await waitForState(m, 'slow'), 'FAILED');
        const d = await jobInfo(m, 'slow');
        assertKeys(d, ['jobName', 'status', 'messages', 'runtime', 'history'], 'jobInfo slow');
        assert.equal(d.messages, 'wall time exceeded');
        assertFinalRuntime(d.runtime, { exit_code: '-15', pname: 'sleep' });
        assert.deepEqual(historyStates(d.history), ['QUEUED', 'SCHEDULED', 'EXECUTING', 'FAILED']);
    });
});
describe('execution on several nodes (a:2,b:3)', () => {
    let m;
    before(async () => {
        m = await startManagerProcess({ nodes: 'a:2,b:3' });
    });
    after(async () => {
        await m?.stop();
    });
    test('allocation across nodes and the QCG_PM_* node variables', async () => {
        await submitOk(m, [{ name: 'wide', execution: { exec: '/usr/bin/env', stdout: 'wide.env' }, resources: { numCores: 4 } }]);
        assert.equal(await waitForState(m, 'wide'), 'SUCCEED');
        assertFinalRuntime((await jobInfo(m, 'wide')).runtime, { allocation: 'a[0:1],b[0:1]' });
        const e = parseEnv(readText(path.join(m.wd, 'wide.env')));
        assert.equal(e.QCG_PM_NNODES, '2');
        assert.equal(e.QCG_PM_NODELIST, 'a,b');
        assert.equal(e.QCG_PM_NPROCS, '4');
        assert.equal(e.QCG_PM_NTASKS, '4');
        assert.equal(e.QCG_PM_TASKS_PER_NODE, '2,2');
    });
    test('whole nodes and cores per node', async () => {
        await submitOk(m, [
            { name: 'node-b', execution: { exec: '/bin/sh', args: ['-c', 'echo ${ncores} ${nnodes} ${nlist}'], stdout: 'nodeb.out' }, resources: { numNodes: 2 } },
        ]);
        assert.equal(await waitForState(m, 'node-b'), 'SUCCEED');
        assertFinalRuntime((await jobInfo(m, 'node-b')).runtime, { allocation: 'a[0:1],b[0:1:2]' });
        assert.equal(readText(path.join(m.wd, 'nodeb.out')), '5 2 a,b\n');
        const r = await m.request({ request: 'resourcesInfo' });
        assert.deepStrictEqual(r, { code: 0, data: { total_nodes: 2, total_cores: 5, used_cores: 0, free_cores: 5 } });
    });
});
//# sourceMappingURL=execution.test.js.map