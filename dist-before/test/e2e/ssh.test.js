/**
 * Jobs on SSH hosts (`serve --hosts FILE`, issue #5): two real sshds on loopback (127.0.0.1 and 127.0.0.2, free
 * ports, own host keys, key-only, the non-root user pilotmqtest), one node agent per host over one exec channel.
 * Skips with a message when sshd cannot run here (not root, no openssh-server) unless CI=true.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, jobInfo, startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { allProcs, killAll, procsWithMarker, sleepMarker, waitNoMarker } from '../helpers/procs.js';
import { parseHosts } from '../../server/executor/ssh/hosts-file.js';
import { SessionPool } from '../../server/executor/ssh/session-pool.js';
import { startSshd, sshSkip, testUserIds } from '../helpers/sshd.js';
import { assertFinalRuntime, historyStates, waitFor } from '../helpers/util.js';
const NASTY = [
    'two words',
    "single'quote",
    'double"quote',
    '$(touch /tmp/pilotmq-pwned-x)', // (`$$` is the placeholder escape for `$`, as for local jobs)
    '`id`',
    'semi;colon && echo hi | cat > /tmp/x',
    'new\nline',
    '$HOME ${PATH} \\backslash\\ *glob* ?',
    '',
    ' leading and trailing ',
    'tab\there',
    'ünïcödé ✓',
    '-n',
    '--',
];
function writeHosts(file, hosts) {
    fs.writeFileSync(file, JSON.stringify({ hosts }, null, 2));
}
describe('serve --hosts: hosts file errors (no sshd needed)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-hosts-'));
    const key = path.join(dir, 'id');
    fs.writeFileSync(key, 'not really a key');
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const serveWith = (hosts) => {
        const f = path.join(dir, `h${Math.random()}.json`);
        fs.writeFileSync(f, typeof hosts === 'string' ? hosts : JSON.stringify(hosts));
        const r = spawnSync(process.execPath, [CLI, 'serve', '--hosts', f, '--wd', dir], { encoding: 'utf8', timeout: 30_000 });
        return { status: r.status, stderr: r.stderr };
    };
    const cases = [
        ['missing host', { hosts: [{ name: 'h1', identityFile: key }] }, /host 'h1': field 'host': missing/],
        ['missing name', { hosts: [{ host: 'x', identityFile: key }] }, /host #1: field 'name': missing/],
        ['unknown key', { hosts: [{ name: 'h1', host: 'x', identityFile: key, prot: 22 }] }, /host 'h1': field 'prot': unknown key/],
        ['two auth methods', { hosts: [{ name: 'h1', host: 'x', identityFile: key, agent: '/tmp/agent.sock' }] }, /host 'h1': field 'agent': two authentication methods/],
        ['bad port', { hosts: [{ name: 'h1', host: 'x', identityFile: key, port: 'ssh' }] }, /host 'h1': field 'port': must be an integer/],
        ['bad cores', { hosts: [{ name: 'h1', host: 'x', identityFile: key, cores: 0 }] }, /host 'h1': field 'cores'/],
        ['env not strings', { hosts: [{ name: 'h1', host: 'x', identityFile: key, env: { A: 1 } }] }, /host 'h1': field 'env': value of A must be a string/],
        ['duplicate name', { hosts: [{ name: 'h1', host: 'x', identityFile: key }, { name: 'h1', host: 'y', identityFile: key }] }, /host 'h1': field 'name': duplicate/],
        ['unreadable key', { hosts: [{ name: 'h1', host: 'x', identityFile: '/nonexistent/key' }] }, /host 'h1': field 'identityFile': cannot read/],
        ['relative workdir', { hosts: [{ name: 'h1', host: 'x', identityFile: key, workdir: 'rel' }] }, /host 'h1': field 'workdir'/],
        ['passphrase variable unset', { hosts: [{ name: 'h1', host: 'x', identityFile: key, passphraseEnv: 'PILOTMQ_NO_SUCH_VAR_X' }] }, /host 'h1': field 'passphraseEnv'.*PILOTMQ_NO_SUCH_VAR_X/],
        ['bad node name', { hosts: [{ name: 'a,b', host: 'x', identityFile: key }] }, /field 'name'.*not a valid node name/],
        ['reconnect too short', { hosts: [{ name: 'h1', host: 'x', identityFile: key, reconnect: { initialMs: 5 } }] }, /host 'h1': field 'reconnect.initialMs': must be an integer number of milliseconds, at least 100/],
        ['reconnect unknown key', { reconnect: { giveUp: 1000 }, hosts: [{ name: 'h1', host: 'x', identityFile: key }] }, /field 'reconnect': unknown key 'giveUp'/],
        ['reconnect max below initial', { hosts: [{ name: 'h1', host: 'x', identityFile: key, reconnect: { initialMs: 5000, maxMs: 1000 } }] }, /host 'h1': field 'reconnect.maxMs': must not be below initialMs/],
        ['not JSON', '{hosts: ', /not valid JSON/],
        ['empty', { hosts: [] }, /"hosts" must be a non-empty array/],
        ['bad mode', { hosts: [{ name: 'h1', host: 'x', identityFile: key, mode: 'fast' }] }, /host 'h1': field 'mode': 'fast': must be "agent", "plain" or "auto"/],
        ['bad maxSessions', { hosts: [{ name: 'h1', host: 'x', identityFile: key, maxSessions: 0 }] }, /host 'h1': field 'maxSessions': must be an integer/],
    ];
    for (const [what, doc, re] of cases) {
        test(`${what}: serve exits non-zero naming host and field`, () => {
            const r = serveWith(doc);
            assert.notEqual(r.status, 0, r.stderr);
            assert.match(r.stderr, re);
        });
    }
});
describe('plain mode: more SSH connections when sshd allows fewer channels (MaxSessions 3) than jobs run', { skip: sshSkip() }, () => {
    let root;
    let sshd;
    let m;
    let w;
    before(async () => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-ssh-ms-'));
        fs.chmodSync(root, 0o755);
        sshd = await startSshd(path.join(root, 'sshd'), '127.0.0.1', { maxSessions: 3 });
        const { uid, gid } = testUserIds();
        w = path.join(root, 'work');
        fs.mkdirSync(w);
        fs.chownSync(w, uid, gid);
        const hostsFile = path.join(root, 'hosts.json');
        // maxSessions left at its default (10): the pool learns sshd's 3 from the refused channel
        writeHosts(hostsFile, [{ name: 'h1', host: '127.0.0.1', port: sshd.port, user: 'pilotmqtest', cores: 8, identityFile: sshd.key, knownHosts: sshd.knownHosts, workdir: w, mode: 'plain' }]);
        m = await startManagerProcess({ nodes: '', extra: ['--hosts', hostsFile] });
    });
    after(async () => {
        await m?.stop();
        sshd?.stop();
        if (root)
            fs.rmSync(root, { recursive: true, force: true });
    });
    test('8 jobs at once on one host: all SUCCEED, more than 3 ran together, over several connections', async () => {
        const n = 16;
        await submitOk(m, [
            { name: 'ms', iteration: { stop: n }, execution: { exec: '/bin/sh', args: ['-c', 'mkdir -p "${root_wd}/ms"; s=$(date +%s%N); sleep 1; echo "$s $(date +%s%N)" > "${root_wd}/ms/${it}"'] } },
        ]);
        assert.equal(await waitForState(m, 'ms', undefined, 120_000), 'SUCCEED', JSON.stringify(await jobInfo(m, 'ms', true)));
        const ev = [];
        for (const f of fs.readdirSync(path.join(w, 'ms'))) {
            const [s, e] = fs.readFileSync(path.join(w, 'ms', f), 'utf8').trim().split(' ').map(BigInt);
            ev.push([s, 1], [e, -1]);
        }
        assert.equal(ev.length, 2 * n);
        ev.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
        let cur = 0;
        let max = 0;
        for (const [, d] of ev)
            max = Math.max(max, (cur += d));
        assert.ok(max > 3 && max <= 8, `jobs at once: ${max} (more than sshd's 3 channels per connection, at most the 8 cores)`);
        const accepted = fs.readFileSync(path.join(sshd.dir, 'sshd.log'), 'utf8').match(/Accepted publickey/g)?.length ?? 0;
        assert.ok(accepted >= 3, `SSH connections opened: ${accepted}`);
    });
    test('the session pool under churn: 300 channels, 8 at a time, all succeed; the limit learnt is sshd\'s 3', async () => {
        const spec = parseHosts({ hosts: [{ name: 'p', host: '127.0.0.1', port: sshd.port, user: 'pilotmqtest', identityFile: sshd.key, knownHosts: sshd.knownHosts }] })[0];
        const pool = new SessionPool(spec, 10, () => { });
        try {
            let next = 0;
            let ok = 0;
            const worker = async () => {
                while (next < 300) {
                    next++;
                    const ch = await pool.exec('true');
                    ch.resume();
                    ch.stderr.resume();
                    await new Promise((r) => ch.on('close', r));
                    ok++;
                }
            };
            await Promise.all(Array.from({ length: 8 }, worker));
            assert.equal(ok, 300);
            // sshd refuses channels it still counts after we closed them: those are retried, not taken for its limit
            assert.equal(pool.sessionLimit, 3);
            assert.ok(pool.connections >= 3, `connections: ${pool.connections}`);
        }
        finally {
            pool.close();
        }
    });
});
describe('plain mode: a manager killed with SIGKILL leaves no job running on the host', { skip: sshSkip() }, () => {
    let root;
    let sshd;
    before(async () => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-ssh-kill-'));
        fs.chmodSync(root, 0o755);
        sshd = await startSshd(path.join(root, 'sshd'), '127.0.0.1');
    });
    after(() => {
        sshd?.stop();
        if (root)
            fs.rmSync(root, { recursive: true, force: true });
    });
    test('SIGKILL of the manager: the wrappers see their channels close and terminate the jobs (exit -15 left in the job dirs)', async () => {
        const { uid, gid } = testUserIds();
        const w = path.join(root, 'work');
        fs.mkdirSync(w);
        fs.chownSync(w, uid, gid);
        const hostsFile = path.join(root, 'hosts.json');
        writeHosts(hostsFile, [{ name: 'h1', host: '127.0.0.1', port: sshd.port, user: 'pilotmqtest', cores: 2, identityFile: sshd.key, knownHosts: sshd.knownHosts, workdir: w, mode: 'plain' }]);
        const m = await startManagerProcess({ nodes: '', extra: ['--hosts', hostsFile] });
        const mk = sleepMarker();
        try {
            await submitOk(m, [{ name: 'long', iteration: { stop: 2 }, execution: { exec: '/bin/sh', args: ['-c', `sleep ${mk} & wait`] } }]);
            for (let i = 0; i < 2; i++)
                await waitForState(m, `long:${i}`, ['EXECUTING']);
            await waitFor(() => procsWithMarker(mk).filter((p) => p.cmdline.startsWith('sleep ')).length === 2, 10_000, 'both remote jobs running');
            m.child.kill('SIGKILL');
            await m.exited;
            m.closeSockets();
            assert.deepEqual(await waitNoMarker(mk, 20_000), [], 'no job process survives the manager');
            const jobs = path.join(w, m.instanceId, 'jobs');
            await waitFor(() => fs.readdirSync(jobs).every((d) => fs.existsSync(path.join(jobs, d, 'exit'))), 10_000, 'exit files');
            const exits = fs.readdirSync(jobs).map((d) => fs.readFileSync(path.join(jobs, d, 'exit'), 'utf8'));
            assert.deepEqual(exits, ['-15\n', '-15\n']);
        }
        finally {
            await m.stop();
            killAll(procsWithMarker(mk));
        }
    });
});
for (const mode of ['agent', 'plain']) {
    describe(`serve --hosts: jobs on two SSH hosts, ${mode} mode`, { skip: sshSkip() }, () => hostSuite(mode));
}
/** The same jobs and checks on two hosts in agent mode (the node agent) and in plain mode (sh wrapper per job). */
function hostSuite(mode) {
    let m;
    let root;
    let h1;
    let h2;
    let w1;
    let w2;
    const marker = sleepMarker();
    const pwned = '/tmp/pilotmq-pwned-';
    before(async () => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-ssh-'));
        fs.chmodSync(root, 0o755);
        h1 = await startSshd(path.join(root, 'sshd1'), '127.0.0.1');
        h2 = await startSshd(path.join(root, 'sshd2'), '127.0.0.2');
        const { uid, gid } = testUserIds();
        w1 = path.join(root, 'work1');
        w2 = path.join(root, 'work2');
        for (const w of [w1, w2]) {
            fs.mkdirSync(w);
            fs.chownSync(w, uid, gid);
        }
        const hostsFile = path.join(root, 'hosts.json');
        writeHosts(hostsFile, [
            // h1: cores given, env for its jobs; agent suite: mode auto finds node; plain suite: mode plain asked for
            { name: 'h1', host: '127.0.0.1', port: h1.port, user: 'pilotmqtest', cores: 2, identityFile: h1.key, knownHosts: h1.knownHosts, workdir: w1, env: { OMP_NUM_THREADS: '1', HOSTVAR: 'from h1 $(not run)' }, ...(mode === 'plain' ? { mode: 'plain' } : {}) },
            // h2: cores detected with nproc; plain suite: mode auto, and no node where it is looked for
            { name: 'h2', host: '127.0.0.2', port: h2.port, user: 'pilotmqtest', identityFile: h2.key, knownHosts: h2.knownHosts, workdir: w2, node: mode === 'agent' ? '/usr/bin/node' : '/nonexistent/node' },
        ]);
        m = await startManagerProcess({ nodes: '', extra: ['--hosts', hostsFile, '--kill-grace', '1'] });
    });
    after(async () => {
        await m?.stop();
        const left = await waitNoMarker(marker);
        // the agent daemons end with the manager's shutdown (and their bridges with the channels)
        if (w1)
            assert.deepEqual(await waitNoMarker(`${path.join(w1, '.pilotmq')}/agent-`, 15_000), [], 'no agent of h1 left');
        if (w2)
            assert.deepEqual(await waitNoMarker(`${path.join(w2, '.pilotmq')}/agent-`, 15_000), [], 'no agent of h2 left');
        h1?.stop();
        h2?.stop();
        assert.deepEqual(left, [], 'no remote job process outlives the manager');
        for (const f of fs.readdirSync('/tmp'))
            assert.ok(!f.startsWith(path.basename(pwned)), 'no argument ever went through a shell');
        if (root)
            fs.rmSync(root, { recursive: true, force: true });
    });
    test('resources: the hosts are the nodes (h1 from the file, h2 detected), nothing local', async () => {
        const r = await m.request({ request: 'resourcesInfo' });
        assert.equal(r.code, 0);
        assert.equal(r.data.total_nodes, 2);
        assert.equal(r.data.total_cores, 2 + os.availableParallelism());
        // pilotmq extension: each host with its connection state
        const hosts = r.data.hosts;
        assert.deepEqual(hosts.map((h) => [h.name, h.state, h.cores, h.used_cores]), [
            ['h1', 'online', 2, 0],
            ['h2', 'online', os.availableParallelism(), 0],
        ]);
        assert.match(String(hosts[0].since), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
        const st = await m.request({ request: 'status' });
        assert.deepEqual(st.data.Resources.Hosts.map((h) => [h.Name, h.State, h.Cores]), [
            ['h1', 'online', 2],
            ['h2', 'online', os.availableParallelism()],
        ]);
        const cli = spawnSync(process.execPath, [CLI, 'resources', '--address', m.address], { encoding: 'utf8', timeout: 30_000 });
        assert.equal(cli.status, 0, cli.stderr);
        assert.match(cli.stdout, /host h1: online since .*, 2 cores \(used 0\)/);
        assert.match(cli.stdout, /host h2: online since /);
    });
    test('a job runs on a host as the SSH user, in the host workdir, with the host env; allocation names the host', async () => {
        await submitOk(m, [
            {
                name: 'who',
                execution: { exec: '/bin/sh', args: ['-c', 'id -un; pwd; echo "$OMP_NUM_THREADS|$HOSTVAR|$QCG_PM_NODELIST"'], stdout: 'who.out' },
            },
        ]);
        assert.equal(await waitForState(m, 'who'), 'SUCCEED');
        const d = await jobInfo(m, 'who');
        const rt = assertFinalRuntime(d.runtime, { exit_code: '0', pname: 'sh' });
        assert.match(rt.allocation, /^h[12]\[\d\]$/);
        const w = rt.allocation.startsWith('h1') ? w1 : w2;
        assert.equal(rt.wd, w, 'the default wd is the host workdir');
        const out = fs.readFileSync(path.join(w, 'who.out'), 'utf8').split('\n');
        assert.equal(out[0], 'pilotmqtest');
        assert.equal(out[1], w);
        if (w === w1)
            assert.equal(out[2], `1|from h1 $(not run)|h1`);
        else
            assert.equal(out[2], `||h2`);
    });
    test('exit codes, relative wd under the host workdir, ${root_wd}', async () => {
        await submitOk(m, [{ name: 'ex', iteration: { stop: 4 }, execution: { exec: '/bin/sh', args: ['-c', 'echo "${root_wd}" > rw; exit ${it}'], wd: 'sub/${it}' } }]);
        await waitForState(m, 'ex');
        for (let i = 0; i < 4; i++) {
            const d = await jobInfo(m, `ex:${i}`);
            assert.equal(d.status, i === 0 ? 'SUCCEED' : 'FAILED');
            const rt = d.runtime;
            assert.equal(rt.exit_code, String(i));
            const w = rt.allocation.startsWith('h1') ? w1 : w2;
            assert.equal(rt.wd, path.join(w, 'sub', String(i)));
            assert.equal(fs.readFileSync(path.join(w, 'sub', String(i), 'rw'), 'utf8'), `${w}\n`);
        }
    });
    test('arguments, env names and values, wd, stdin/stdout paths and job names with every nasty character reach the job verbatim', async () => {
        const wd = `dir with 'q' "dq" $(touch ${pwned}wd) ; \`x\``;
        const out = `o'ut $(id) \`id\`;\n"x".txt`;
        const input = path.join(root, `in 'put' $(id);&\n.txt`); // readable by the SSH user
        const jname = 'nj;`touch_pwned`|x>y<z*?\\&';
        fs.writeFileSync(input, 'from the nasty input\n');
        await submitOk(m, [
            // (printenv run directly: a shell in between would drop the variable whose name is no shell name)
            { name: jname, execution: { exec: '/usr/bin/printenv', args: ['we-ird', 'NASTY_ENV'], env: { 'we-ird': "w $(x) 'y'", NASTY_ENV: NASTY.join('|') }, wd, stdout: out } },
            { name: `${jname}in`, execution: { exec: '/bin/cat', wd, stdin: input, stdout: `${out}.in` } },
        ]);
        for (const [name, file, text] of [
            [jname, out, `w $(x) 'y'\n${NASTY.join('|')}\n`],
            [`${jname}in`, `${out}.in`, 'from the nasty input\n'],
        ]) {
            assert.equal(await waitForState(m, name), 'SUCCEED', JSON.stringify(await jobInfo(m, name)));
            const rtn = (await jobInfo(m, name)).runtime;
            const wn = rtn.allocation.startsWith('h1') ? w1 : w2;
            assert.equal(fs.readFileSync(path.join(wn, wd, file), 'utf8'), text);
        }
        await submitOk(m, [
            {
                name: 'nasty',
                iteration: { stop: 2 },
                execution: {
                    exec: '/usr/bin/printf',
                    args: ['%s\\0', ...NASTY, '${it}'],
                    env: { NASTY_ENV: NASTY.join('|') },
                    wd,
                    stdout: 'args-${it}.out',
                },
            },
            { name: 'nastyenv', execution: { exec: '/bin/sh', args: ['-c', 'printf %s "$NASTY_ENV"'], env: { NASTY_ENV: NASTY.join('|') }, wd, stdout: 'env.out' } },
        ]);
        assert.equal(await waitForState(m, 'nasty'), 'SUCCEED');
        assert.equal(await waitForState(m, 'nastyenv'), 'SUCCEED');
        for (let i = 0; i < 2; i++) {
            const rt = (await jobInfo(m, `nasty:${i}`)).runtime;
            const w = rt.allocation.startsWith('h1') ? w1 : w2;
            assert.equal(rt.wd, path.join(w, wd));
            const got = fs.readFileSync(path.join(w, wd, `args-${i}.out`), 'utf8').split('\0');
            assert.deepEqual(got, [...NASTY, String(i), '']);
        }
        const rt = (await jobInfo(m, 'nastyenv')).runtime;
        const w = rt.allocation.startsWith('h1') ? w1 : w2;
        assert.equal(fs.readFileSync(path.join(w, wd, 'env.out'), 'utf8'), NASTY.join('|'));
    });
    test('launch failure: FAILED with the OS error, exit_code -1', async () => {
        await submitOk(m, [{ name: 'noexe', execution: { exec: '/nonexistent/bin' } }]);
        assert.equal(await waitForState(m, 'noexe'), 'FAILED');
        const d = await jobInfo(m, 'noexe');
        assert.equal(d.messages, "[Errno 2] No such file or directory: '/nonexistent/bin'");
        assertFinalRuntime(d.runtime, { exit_code: '-1', pid: '-1', pname: 'bin' });
    });
    test('cancel of a running remote job: SIGTERM to its group, CANCELED, exit_code -15, process gone', async () => {
        const mk = sleepMarker();
        await submitOk(m, [{ name: 'sleeper', execution: { exec: '/bin/sh', args: ['-c', `sleep ${mk} & wait`] } }]);
        assert.equal(await waitForState(m, 'sleeper', ['EXECUTING']), 'EXECUTING');
        await waitFor(() => procsWithMarker(mk).length > 0, 10_000, 'remote sleep running');
        assert.deepEqual(await m.request({ request: 'cancelJob', jobNames: ['sleeper'] }), { code: 0, data: { canceled: 1 } });
        assert.equal(await waitForState(m, 'sleeper'), 'CANCELED');
        const d = await jobInfo(m, 'sleeper');
        assertFinalRuntime(d.runtime, { exit_code: '-15', pname: 'sh' });
        assert.deepEqual(historyStates(d.history), ['QUEUED', 'SCHEDULED', 'EXECUTING', 'CANCELED']);
        assert.deepEqual(await waitNoMarker(mk, 10_000), [], 'the whole process group got the signal');
    });
    test('cancel at once after the start: CANCELED with exit_code -15 (the signal reaches a job still becoming its group)', async () => {
        const mk = sleepMarker();
        await submitOk(m, [{ name: 'quick-cancel', iteration: { stop: 3 }, execution: { exec: 'sleep', args: [mk] } }]);
        for (let i = 0; i < 3; i++) {
            assert.equal(await waitForState(m, `quick-cancel:${i}`, ['EXECUTING']), 'EXECUTING');
            await m.request({ request: 'cancelJob', jobNames: [`quick-cancel:${i}`] });
        }
        for (let i = 0; i < 3; i++) {
            assert.equal(await waitForState(m, `quick-cancel:${i}`), 'CANCELED');
            assertFinalRuntime((await jobInfo(m, `quick-cancel:${i}`)).runtime, { exit_code: '-15', pname: 'sleep' });
        }
        assert.deepEqual(await waitNoMarker(mk, 10_000), []);
    });
    test('wall time on a remote job: FAILED, "wall time exceeded"', async () => {
        const mk = sleepMarker();
        await submitOk(m, [{ name: 'wt', execution: { exec: 'sleep', args: [mk] }, resources: { numCores: 1, wt: '1s' } }]);
        assert.equal(await waitForState(m, 'wt'), 'FAILED');
        const d = await jobInfo(m, 'wt');
        assert.equal(d.messages, 'wall time exceeded');
        assertFinalRuntime(d.runtime, { exit_code: '-15', pname: 'sleep' });
        assert.deepEqual(await waitNoMarker(mk, 10_000), []);
    });
    test('a sweep spreads over both hosts and never exceeds their cores', async () => {
        const n = 24;
        // each iteration records start/end (ns) in its host's workdir (${root_wd} is the host's)
        await submitOk(m, [
            {
                name: 'sweep',
                iteration: { stop: n },
                execution: { exec: '/bin/sh', args: ['-c', 'mkdir -p "${root_wd}/sweep"; s=$(date +%s%N); sleep 0.2; echo "$s $(date +%s%N)" > "${root_wd}/sweep/${it}"'] },
            },
        ]);
        assert.equal(await waitForState(m, 'sweep', undefined, 60_000), 'SUCCEED');
        const cores = { [w1]: 2, [w2]: os.availableParallelism() };
        let total = 0;
        for (const w of [w1, w2]) {
            const dir = path.join(w, 'sweep');
            const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
            assert.ok(files.length > 0, `host with workdir ${w} ran some iterations`);
            total += files.length;
            const ev = [];
            for (const f of files) {
                const [s, e] = fs.readFileSync(path.join(dir, f), 'utf8').trim().split(' ').map(BigInt);
                ev.push([s, 1], [e, -1]);
            }
            ev.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
            let cur = 0;
            let max = 0;
            for (const [, d] of ev)
                max = Math.max(max, (cur += d));
            assert.ok(max <= cores[w], `at most ${cores[w]} at once on ${w}, saw ${max}`);
        }
        assert.equal(total, n);
    });
    test('no leftovers: per host one agent daemon and the one bridge of its channel (agent mode) or nothing (plain mode); no wrapper, no job directory left', async () => {
        const procs = allProcs().filter((p) => p.state !== 'Z' && p.cmdline.includes(root)); // (other tests may run SSH hosts too)
        const agents = procs.filter((p) => /\.pilotmq\/agent-[0-9a-f]+\.mjs/.test(p.cmdline));
        assert.equal(agents.length, mode === 'agent' ? 4 : 0, JSON.stringify(agents));
        for (const w of mode === 'agent' ? [w1, w2] : []) {
            const mine = agents.filter((p) => p.cmdline.includes(w));
            assert.equal(mine.filter((p) => / --daemon /.test(p.cmdline)).length, 1, JSON.stringify(mine));
            assert.equal(mine.filter((p) => / --attach /.test(p.cmdline)).length, 1, JSON.stringify(mine));
        }
        if (mode === 'agent')
            assert.ok(fs.readdirSync(path.join(w1, '.pilotmq')).some((f) => /^agent-[0-9a-f]{16}\.mjs$/.test(f)), 'agent cached in the workdir');
        else
            for (const w of [w1, w2])
                assert.ok(!fs.existsSync(path.join(w, '.pilotmq')), `plain mode (h1: asked for, h2: auto without node) copies nothing to ${w}`);
        await waitFor(() => !allProcs().some((p) => p.cmdline.includes('pilotmq-job') && p.cmdline.includes(root)), 10_000, 'no plain-mode wrapper left');
        for (const w of [w1, w2]) {
            for (const d of fs.readdirSync(w)) {
                const jobs = path.join(w, d, 'jobs');
                // (agent mode: removed by the agent once the manager acknowledged the exits, a moment later)
                if (fs.existsSync(jobs))
                    await waitFor(() => fs.readdirSync(jobs).length === 0, 10_000, `${jobs}: job directories are removed once their exit is read`);
            }
        }
    });
    test('launch errors name the OS error and the path as given, as locally', async () => {
        const cases = [
            ['e-path', { exec: 'no-such-program-xyz' }, "[Errno 2] No such file or directory: 'no-such-program-xyz'"],
            ['e-perm', { exec: '/etc/passwd' }, "[Errno 13] Permission denied: '/etc/passwd'"],
            ['e-stdout', { exec: '/bin/sh', args: ['-c', 'true'], stdout: 'missing dir/out' }, "[Errno 2] No such file or directory: 'missing dir/out'"],
            ['e-stdin', { exec: '/bin/cat', stdin: "no 'such' input" }, `[Errno 2] No such file or directory: "no 'such' input"`],
            ['e-wd', { exec: '/bin/true', wd: '/etc/hostname/sub dir' }, "[Errno 20] Not a directory: '/etc/hostname/sub dir'"],
            ['e-wd2', { exec: '/bin/true', wd: '/proc/1/x/y' }, "[Errno 2] No such file or directory: '/proc/1/x'"],
        ];
        await submitOk(m, cases.map(([name, execution]) => ({ name, execution })));
        for (const [name, , message] of cases) {
            assert.equal(await waitForState(m, name), 'FAILED', name);
            assert.equal((await jobInfo(m, name)).messages, message, name);
        }
    });
    test('stage-in over SFTP before the job (modes kept, dirs created), stage-out after it; failures FAILED naming the file', async () => {
        const data = path.join(m.wd, 'data');
        fs.mkdirSync(data, { recursive: true });
        for (let i = 0; i < 2; i++)
            fs.writeFileSync(path.join(data, `in ${i}'.txt`), `hello ${i}\n`);
        fs.writeFileSync(path.join(data, 'run.sh'), '#!/bin/sh\ntr a-z A-Z < input.txt > "out $1.txt"\n', { mode: 0o755 });
        await submitOk(m, [
            {
                name: 'staged',
                iteration: { stop: 2 },
                execution: { exec: './bin/run.sh', args: ['${it}'], wd: 'stage/${it}' },
                attributes: {
                    stageIn: [{ from: "data/in ${it}'.txt", to: 'input.txt' }, { from: 'data/run.sh', to: 'bin/run.sh' }],
                    stageOut: [{ from: 'out ${it}.txt', to: 'results/${it}/out.txt' }, { from: 'input.txt' }],
                },
            },
            { name: 'no-input', execution: { exec: '/bin/true' }, attributes: { stageIn: [{ from: 'data/missing.txt' }] } },
            { name: 'no-output', execution: { exec: '/bin/true' }, attributes: { stageOut: [{ from: 'never-written.txt' }] } },
        ]);
        assert.equal(await waitForState(m, 'staged'), 'SUCCEED', JSON.stringify(await jobInfo(m, 'staged', true)));
        for (let i = 0; i < 2; i++) {
            assert.equal(fs.readFileSync(path.join(m.wd, 'results', String(i), 'out.txt'), 'utf8'), `HELLO ${i}\n`, 'staged out to the manager wd');
            const rt = (await jobInfo(m, `staged:${i}`)).runtime;
            const w = rt.allocation.startsWith('h1') ? w1 : w2;
            assert.equal(fs.statSync(path.join(w, 'stage', String(i), 'bin', 'run.sh')).mode & 0o777, 0o755, 'mode kept');
            assert.equal(fs.statSync(path.join(w, 'stage', String(i), 'bin', 'run.sh')).uid, testUserIds().uid, 'written as the SSH user');
        }
        assert.equal(fs.readFileSync(path.join(m.wd, 'input.txt'), 'utf8').slice(0, 6), 'hello ', 'default target: the base name in the manager wd');
        assert.equal(await waitForState(m, 'no-input'), 'FAILED');
        const ni = await jobInfo(m, 'no-input');
        assert.match(String(ni.messages), new RegExp(`^stage-in failed: cannot copy '${path.join(m.wd, 'data', 'missing.txt')}' to host h[12]:'.*/missing.txt': .*no such file`, 'i'));
        assert.deepEqual(historyStates(ni.history), ['QUEUED', 'SCHEDULED', 'FAILED'], 'never started');
        assert.equal(await waitForState(m, 'no-output'), 'FAILED');
        const no = await jobInfo(m, 'no-output');
        assert.match(String(no.messages), /^stage-out failed: cannot copy host h[12]:'.*\/never-written.txt' to '.*never-written.txt': No such file/);
        assert.equal(no.runtime.exit_code, '0', 'the job itself ran and exited 0');
    });
    test('a declared result file is read where the job ran and exported', async () => {
        await submitOk(m, [
            { name: 'res', iteration: { stop: 2 }, execution: { exec: '/bin/sh', args: ['-c', 'printf "r=%s\\nq\'uote" "${it}" > res_${it}.txt'], wd: 'res' }, attributes: { resultFile: 'res_${it}.txt' } },
            { name: 'nores', execution: { exec: '/bin/true' }, attributes: { resultFile: 'never.txt' } },
        ]);
        assert.equal(await waitForState(m, 'res'), 'SUCCEED');
        assert.equal(await waitForState(m, 'nores'), 'SUCCEED');
        const out = path.join(m.wd, `export-${mode}.jsonl`);
        const r = spawnSync(process.execPath, [CLI, 'export', '--jsonl', '--out', out, '--address', m.address], { encoding: 'utf8', timeout: 60_000 });
        assert.equal(r.status, 0, r.stderr);
        const rows = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
        for (let i = 0; i < 2; i++)
            assert.equal(rows.find((x) => x.name === `res:${i}`)?.result, `r=${i}\nq'uote`);
        assert.equal(rows.find((x) => x.name === 'nores')?.result ?? null, null);
    });
    test('stdin from a file on the host, stderr into the same file as stdout', async () => {
        for (const w of [w1, w2])
            fs.writeFileSync(path.join(w, 'in.txt'), 'line one\nline two\n');
        await submitOk(m, [{ name: 'io', execution: { exec: '/bin/sh', args: ['-c', 'cat; echo to-stderr >&2'], stdin: 'in.txt', stdout: 'io.out', stderr: 'io.out' } }]);
        assert.equal(await waitForState(m, 'io'), 'SUCCEED');
        const rt = (await jobInfo(m, 'io')).runtime;
        const w = rt.allocation.startsWith('h1') ? w1 : w2;
        assert.equal(fs.readFileSync(path.join(w, 'io.out'), 'utf8'), 'line one\nline two\nto-stderr\n');
    });
    // (agent mode keeps jobs through a drop and reconnects: test/e2e/ssh-faults.test.ts)
    test('plain mode: killing the sshd of h2 while a job runs there: that job FAILED naming h2, h1 keeps working, nothing left behind', { skip: mode === 'agent' ? 'agent mode: see ssh-faults.test.ts' : false }, async () => {
        // fill h1 (2 cores) with gated jobs so the next one lands on h2
        const gate = path.join(w1, 'gate');
        await submitOk(m, [
            { name: 'hold', iteration: { stop: 2 }, execution: { exec: '/bin/sh', args: ['-c', `while [ ! -e '${gate}' ]; do sleep 0.05; done`] } },
        ]);
        for (let i = 0; i < 2; i++)
            await waitForState(m, `hold:${i}`, ['EXECUTING']);
        const holders = await Promise.all([0, 1].map(async (i) => (await jobInfo(m, `hold:${i}`)).runtime.allocation));
        const onH1 = holders.every((a) => a.startsWith('h1'));
        await submitOk(m, [{ name: 'victim', execution: { exec: 'sleep', args: [marker] } }]);
        assert.equal(await waitForState(m, 'victim', ['EXECUTING']), 'EXECUTING');
        const va = (await jobInfo(m, 'victim')).runtime.allocation;
        assert.ok(onH1 ? va.startsWith('h2') : true, `victim on ${va}`);
        fs.writeFileSync(gate, '');
        fs.chmodSync(gate, 0o644);
        for (let i = 0; i < 2; i++)
            assert.equal(await waitForState(m, `hold:${i}`), 'SUCCEED');
        await waitFor(() => procsWithMarker(marker).length > 0, 10_000, 'victim running');
        const victimHost = va.slice(0, 2);
        (victimHost === 'h1' ? h1 : h2).kill();
        assert.equal(await waitForState(m, 'victim'), 'FAILED');
        const d = await jobInfo(m, 'victim');
        assert.match(String(d.messages), new RegExp(`host ${victimHost} lost`));
        assert.deepEqual(await waitNoMarker(marker, 15_000), [], 'the remote job died with its agent');
        if (mode === 'plain') {
            // the wrapper saw its channel close: it terminated the job and left the job directory for recovery
            const jobs = path.join(victimHost === 'h1' ? w1 : w2, m.instanceId, 'jobs');
            const left = fs.readdirSync(jobs);
            assert.equal(left.length, 1, `one job directory left (the victim's): ${left}`);
            const pgid = Number(fs.readFileSync(path.join(jobs, left[0], 'pgid'), 'utf8'));
            assert.ok(pgid > 1, 'pgid recorded');
            await waitFor(() => fs.existsSync(path.join(jobs, left[0], 'exit')), 10_000, 'exit file written');
            assert.equal(fs.readFileSync(path.join(jobs, left[0], 'exit'), 'utf8'), '-15\n', 'SIGTERM to the group: exit -15');
        }
        const res = (await m.request({ request: 'resourcesInfo' })).data;
        const lost = res.hosts.find((h) => h.name === victimHost);
        assert.equal(lost.state, 'offline');
        assert.match(String(lost.message), new RegExp(`host ${victimHost} lost`));
        assert.equal(res.free_cores, res.total_cores - res.used_cores - lost.cores, 'the offline host takes no work');
        // the other host keeps working
        await submitOk(m, [{ name: 'after', iteration: { stop: 4 }, execution: { exec: '/bin/true' } }]);
        await waitForState(m, 'after');
        let ok = 0;
        for (let i = 0; i < 4; i++) {
            const di = await jobInfo(m, `after:${i}`);
            const a = di.runtime.allocation;
            if (a.startsWith(victimHost)) {
                assert.equal(di.status, 'FAILED');
                assert.match(String(di.messages), new RegExp(`host ${victimHost} lost`));
            }
            else {
                assert.equal(di.status, 'SUCCEED', JSON.stringify(di));
                ok++;
            }
        }
        assert.ok(ok > 0, 'some iterations ran on the surviving host');
    });
}
//# sourceMappingURL=ssh.test.js.map