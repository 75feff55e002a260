/**
 * SSH hosts made of network namespaces (issue #5): two namespaces joined by veth pairs to a bridge the test
 * creates, an sshd in each (test/helpers/netns.ts). Jobs spread over both; then a host's link is taken down
 * while its jobs run (a network failure: no FIN, no RST, only silence) and brought up again, or left down.
 * Without namespaces the hosts are sshds on 127.0.0.3 and 127.0.0.4 and the link tests skip, saying why.
 * Jobs append to a file per run, so a job lost or run twice shows; no assertion depends on durations.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jobInfo, startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { allProcs, sleepMarker, waitNoMarker } from '../helpers/procs.js';
import { netnsUnavailable, netnsUp } from '../helpers/netns.js';
import { startSshd, sshSkip, testUserIds, TEST_USER } from '../helpers/sshd.js';
import { waitFor } from '../helpers/util.js';
const skip = sshSkip();
const noNetns = skip ? null : netnsUnavailable();
describe(`SSH hosts in network namespaces${noNetns ? ` (fallback: sshds on 127.0.0.3/.4; ${noNetns})` : ''}`, { skip }, () => {
    let root;
    let lab = null;
    const sshds = [];
    const work = [];
    const addrs = [];
    let m;
    before(async () => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-netns-'));
        fs.chmodSync(root, 0o755);
        const { uid, gid } = testUserIds();
        try {
            if (!noNetns)
                lab = netnsUp(2);
            for (let i = 0; i < 2; i++) {
                const addr = lab ? lab.hosts[i].addr : `127.0.0.${3 + i}`;
                addrs.push(addr);
                sshds.push(await startSshd(path.join(root, `sshd${i + 1}`), addr, lab ? { port: 22, netns: lab.hosts[i].ns } : {}));
                const w = path.join(root, `w${i + 1}`);
                fs.mkdirSync(w);
                fs.chownSync(w, uid, gid);
                work.push(w);
            }
        }
        catch (e) {
            for (const d of sshds)
                d.stop();
            lab?.down();
            throw e;
        }
        const entry = (i, giveUpAfterMs) => ({
            name: `n${i + 1}`,
            host: addrs[i],
            port: sshds[i].port,
            user: TEST_USER,
            cores: 1,
            identityFile: sshds[i].key,
            knownHosts: sshds[i].knownHosts,
            workdir: work[i],
            keepalive: 1, // a dead link is noticed after three unanswered keep-alives
            connectTimeout: 2,
            reconnect: { initialMs: 200, maxMs: 1000, giveUpAfterMs },
        });
        const hostsFile = path.join(root, 'hosts.json');
        // n1 always comes back here; n2 is given up after 4 s
        fs.writeFileSync(hostsFile, JSON.stringify({ hosts: [entry(0, 120_000), entry(1, 4000)] }));
        m = await startManagerProcess({ nodes: '', extra: ['--hosts', hostsFile, '--kill-grace', '1'] });
    });
    after(async () => {
        try {
            await m?.stop();
            for (const w of work)
                assert.deepEqual(await waitNoMarker(`${w}/.pilotmq/agent-`, 15_000), [], `no agent of ${w} left`);
        }
        finally {
            for (const d of sshds)
                d.stop();
            lab?.down();
            if (root)
                fs.rmSync(root, { recursive: true, force: true });
        }
    });
    const hostState = async (name) => (await m.request({ request: 'resourcesInfo' })).data.hosts.find((h) => h.name === name);
    const waitHostState = (name, state) => waitFor(async () => (await hostState(name)).state === state, 120_000, `host ${name} ${state}`, 100);
    const runs = (w) => (fs.existsSync(path.join(w, 'runs')) ? fs.readFileSync(path.join(w, 'runs'), 'utf8').split('\n').filter(Boolean) : []);
    /** agent processes in a host's namespace (or, without namespaces, naming its workdir) */
    const agentsIn = (i) => {
        const inHost = lab ? new Set(lab.pids(lab.hosts[i])) : null;
        const procs = allProcs().filter((p) => p.state !== 'Z' && p.cmdline.includes(`${work[i]}/.pilotmq/agent-`) && (!inHost || inHost.has(p.pid)));
        return { daemons: procs.filter((p) => p.cmdline.includes(' --daemon ')).length, bridges: procs.filter((p) => p.cmdline.includes(' --attach ')).length };
    };
    test('jobs spread over both hosts: allocations name them, each job ran on the host its allocation names', async () => {
        await submitOk(m, [
            {
                name: 'spread',
                iteration: { stop: 6 },
                execution: { exec: '/bin/sh', args: ['-c', 'echo "${it} $SSH_CONNECTION" > "${root_wd}/spread-${it}"; sleep 0.3'] },
            },
        ]);
        assert.equal(await waitForState(m, 'spread', undefined, 60_000), 'SUCCEED');
        const seen = new Set();
        for (let i = 0; i < 6; i++) {
            const alloc = (await jobInfo(m, `spread:${i}`)).runtime.allocation;
            assert.match(alloc, /^n[12]\[0\]$/);
            seen.add(alloc.slice(0, 2));
            const h = Number(alloc[1]) - 1;
            // the job's SSH_CONNECTION (inherited from the session that started the agent) names the host's address
            const line = fs.readFileSync(path.join(work[h], `spread-${i}`), 'utf8').trim().split(' ');
            assert.equal(line[0], String(i));
            assert.equal(line[3], addrs[h], `spread:${i} ran at ${addrs[h]}`);
        }
        assert.deepEqual([...seen].sort(), ['n1', 'n2']);
        for (const i of [0, 1])
            assert.deepEqual(agentsIn(i), { daemons: 1, bridges: 1 }, `host n${i + 1}: one agent daemon, one bridge`);
    });
    test('link of n1 down while its job runs: reconnecting, the job ends on the host meanwhile; link up: completed from its job directory, ran once, no agent or bridge leaked', { skip: noNetns ? `needs network namespaces (${noNetns})` : false }, async () => {
        const gate = path.join(work[0], 'gate');
        await submitOk(m, [{ name: 'cut', execution: { exec: '/bin/sh', args: ['-c', `echo start >> "\${root_wd}/runs"; while [ ! -e '${gate}' ]; do sleep 0.05; done; echo end >> "\${root_wd}/runs"; exit 7`] } }]);
        assert.equal(await waitForState(m, 'cut', ['EXECUTING']), 'EXECUTING');
        // (first fit: n1 is free, as nothing else runs)
        assert.equal((await jobInfo(m, 'cut')).runtime.allocation, 'n1[0]');
        await waitFor(() => runs(work[0]).length === 1, 30_000, 'cut started');
        lab.setLink(lab.hosts[0], false);
        await waitHostState('n1', 'reconnecting');
        fs.writeFileSync(gate, '');
        await waitFor(() => runs(work[0]).length === 2, 30_000, 'cut ended on the host');
        assert.equal((await m.request({ request: 'jobStatus', jobNames: ['cut'] })).data.jobs.cut.data.status, 'EXECUTING', 'not known yet');
        // n2 takes the new work meanwhile
        await submitOk(m, [{ name: 'meanwhile', execution: { exec: '/bin/true' } }]);
        assert.equal(await waitForState(m, 'meanwhile'), 'SUCCEED');
        assert.equal((await jobInfo(m, 'meanwhile')).runtime.allocation, 'n2[0]');
        lab.setLink(lab.hosts[0], true);
        assert.equal(await waitForState(m, 'cut', undefined, 120_000), 'FAILED');
        assert.equal((await jobInfo(m, 'cut')).runtime.exit_code, '7', 'the exit code recorded on the host');
        await waitHostState('n1', 'online');
        assert.deepEqual(runs(work[0]), ['start', 'end'], 'it ran once');
        // the stale session's bridge ends when the new one attaches; nothing else is left over
        await waitFor(() => agentsIn(0).bridges === 1, 60_000, 'one bridge in n1');
        assert.deepEqual(agentsIn(0), { daemons: 1, bridges: 1 });
        // and one SSH connection: the stale one's sshd session ended too (sshd names it `sshd: USER@notty`)
        const sessions = () => {
            const inHost = new Set(lab.pids(lab.hosts[0]));
            return allProcs().filter((p) => inHost.has(p.pid) && p.state !== 'Z' && p.cmdline.startsWith(`sshd: ${TEST_USER}@`)).length;
        };
        await waitFor(() => sessions() === 1, 60_000, 'one SSH session in n1');
    });
    test('link of n2 down for good: offline, its job FAILED "host n2 lost" and killed there, n1 runs the new work; link up: n2 rejoins', { skip: noNetns ? `needs network namespaces (${noNetns})` : false }, async () => {
        const mk = sleepMarker();
        // n1 busy, so the victim lands on n2
        const gate = path.join(work[0], 'gate2');
        await submitOk(m, [{ name: 'busy', execution: { exec: '/bin/sh', args: ['-c', `while [ ! -e '${gate}' ]; do sleep 0.05; done`] } }]);
        assert.equal(await waitForState(m, 'busy', ['EXECUTING']), 'EXECUTING');
        await submitOk(m, [{ name: 'victim', execution: { exec: '/bin/sh', args: ['-c', `echo start >> "\${root_wd}/runs"; exec sleep ${mk}`] } }]);
        assert.equal(await waitForState(m, 'victim', ['EXECUTING']), 'EXECUTING');
        assert.equal((await jobInfo(m, 'victim')).runtime.allocation, 'n2[0]');
        await waitFor(() => runs(work[1]).length === 1, 30_000, 'victim started');
        fs.writeFileSync(gate, '');
        assert.equal(await waitForState(m, 'busy'), 'SUCCEED');
        lab.setLink(lab.hosts[1], false);
        assert.equal(await waitForState(m, 'victim', undefined, 120_000), 'FAILED');
        assert.match(String((await jobInfo(m, 'victim')).messages), /^host n2 lost: .*not back within 4000 ms/);
        const n2 = await hostState('n2');
        assert.equal(n2.state, 'offline');
        assert.match(String(n2.message), /host n2 lost/);
        assert.equal((await hostState('n1')).state, 'online');
        // on the cut-off host, the agent killed the job when it had not heard from a manager for too long, and left
        assert.deepEqual(await waitNoMarker(mk, 30_000), [], 'the job does not run on unobserved');
        await waitFor(() => agentsIn(1).daemons === 0 && agentsIn(1).bridges === 0, 30_000, 'no agent left in n2');
        await submitOk(m, [{ name: 'rest', iteration: { stop: 3 }, execution: { exec: '/bin/true' } }]);
        assert.equal(await waitForState(m, 'rest', undefined, 60_000), 'SUCCEED');
        for (let i = 0; i < 3; i++)
            assert.equal((await jobInfo(m, `rest:${i}`)).runtime.allocation, 'n1[0]');
        lab.setLink(lab.hosts[1], true);
        await waitHostState('n2', 'online');
        await submitOk(m, [{ name: 'back', iteration: { stop: 4 }, execution: { exec: '/bin/sh', args: ['-c', 'sleep 0.3'] } }]);
        assert.equal(await waitForState(m, 'back', undefined, 60_000), 'SUCCEED');
        const allocs = await Promise.all([0, 1, 2, 3].map(async (i) => (await jobInfo(m, `back:${i}`)).runtime.allocation));
        assert.ok(allocs.includes('n2[0]'), `n2 rejoined: ${allocs}`);
        assert.deepEqual(runs(work[1]), ['start'], 'the victim ran once');
    });
});
//# sourceMappingURL=ssh-netns.test.js.map