/**
 * SSH part of `npm run bench` (scripts/bench.ts): trivial jobs/s on one SSH host in agent mode (node agent over one
 * channel) and in plain mode (an exec channel + sh wrapper per job) vs. the same manager with a local node, vs. one
 * `ssh host /bin/true` per job (2 at a time). Needs root and /usr/sbin/sshd (scripts/setup-test-deps.sh): starts a
 * throw-away sshd on 127.0.0.1 (scripts/test-sshd.sh).
 * Environment: BENCH_SSH_JOBS (default 3000), BENCH_SSH_PLAIN_MODE_JOBS (default 600), BENCH_SSH_PLAIN (ssh per
 * job, default 300), BENCH_SSH=0 skips it.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Manager } from '../client/manager.js';
import { seconds, throughput } from './bench-common.js';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = fileURLToPath(new URL('../client/cli/main.js', import.meta.url));
const JOBS = Number(process.env.BENCH_SSH_JOBS ?? 3000);
const PLAIN = Number(process.env.BENCH_SSH_PLAIN ?? 300);
const PLAIN_MODE_JOBS = Number(process.env.BENCH_SSH_PLAIN_MODE_JOBS ?? 600);
async function freePort() {
    return new Promise((res, rej) => {
        const s = net.createServer().once('error', rej);
        s.listen(0, '127.0.0.1', () => {
            const p = s.address().port;
            s.close(() => res(p));
        });
    });
}
async function serve(wd, args) {
    const child = spawn(process.execPath, [CLI, 'serve', ...args, '--wd', wd, '--net-port-min', '20000', '--net-port-max', '60000', '--report-format', 'none'], {
        stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let i = 0; i < 3000; i++) {
        const aux = existsSync(wd) ? readdirSync(wd).find((f) => f.startsWith('.qcgpjm-service-')) : undefined;
        const file = aux && path.join(wd, aux, 'address');
        if (file && existsSync(file))
            return { m: new Manager(readFileSync(file, 'utf8'), { timeoutMs: 120_000 }), child };
        if (child.exitCode !== null)
            break;
        await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('manager did not start');
}
async function stop(s) {
    await s.m.finish();
    s.m.close();
    await new Promise((r) => {
        s.child.once('exit', r);
        setTimeout(() => s.child.kill('SIGKILL'), 15_000).unref();
    });
}
/** rows for bench.ts's table, or one row saying why it was skipped */
export async function sshBench() {
    if (process.env.BENCH_SSH === '0')
        return [];
    if (process.getuid?.() !== 0 || !existsSync('/usr/sbin/sshd'))
        return [['jobs/s on one SSH host', 'skipped', 'needs root and /usr/sbin/sshd', '(scripts/setup-test-deps.sh)']];
    const dir = mkdtempSync(path.join(tmpdir(), 'pilotmq-bench-ssh-'));
    chmodSync(dir, 0o755);
    const sshd = path.join(dir, 'sshd');
    try {
        const port = await freePort();
        execFileSync('bash', [path.join(ROOT, 'scripts', 'test-sshd.sh'), 'start', sshd, '127.0.0.1', String(port)], { stdio: 'ignore' });
        const work = path.join(dir, 'work');
        mkdirSync(work);
        const uid = Number(execFileSync('id', ['-u', 'pilotmqtest'], { encoding: 'utf8' }));
        chownSync(work, uid, uid === 0 ? 0 : Number(execFileSync('id', ['-g', 'pilotmqtest'], { encoding: 'utf8' })));
        const key = path.join(sshd, 'client_ed25519');
        const kh = path.join(sshd, 'known_hosts');
        const hosts = path.join(dir, 'hosts.json');
        const hostsPlain = path.join(dir, 'hosts-plain.json');
        const host = { name: 'h1', host: '127.0.0.1', port, user: 'pilotmqtest', cores: 2, identityFile: key, knownHosts: kh, workdir: work };
        writeFileSync(hosts, JSON.stringify({ hosts: [host] }));
        writeFileSync(hostsPlain, JSON.stringify({ hosts: [{ ...host, mode: 'plain' }] }));
        const wdL = path.join(dir, 'local');
        const wdS = path.join(dir, 'ssh');
        mkdirSync(wdL);
        mkdirSync(wdS);
        const local = await serve(wdL, ['--nodes', '2']);
        await throughput(local.m, 300, 'w');
        const localRate = await throughput(local.m, JOBS, 'l');
        await stop(local);
        const remote = await serve(wdS, ['--hosts', hosts]);
        await throughput(remote.m, 300, 'w');
        const sshRate = await throughput(remote.m, JOBS, 's');
        await stop(remote);
        const wdP = path.join(dir, 'plain');
        mkdirSync(wdP);
        const plainMode = await serve(wdP, ['--hosts', hostsPlain]);
        await throughput(plainMode.m, 50, 'w');
        const plainModeRate = await throughput(plainMode.m, PLAIN_MODE_JOBS, 'p');
        await stop(plainMode);
        const ssh = `ssh -n -o BatchMode=yes -o ControlMaster=no -i ${key} -o UserKnownHostsFile=${kh} -p ${port} pilotmqtest@127.0.0.1 /bin/true`;
        const t0 = performance.now();
        const r = spawnSync('bash', ['-c', `seq ${PLAIN} | xargs -P2 -I{} ${ssh}`], { stdio: 'ignore' });
        if (r.status !== 0)
            throw new Error('ssh per job failed');
        const plainRate = PLAIN / seconds(t0);
        return [
            ['jobs/s on one SSH host (agent, 2 cores)', sshRate.toFixed(0), `local --nodes 2: ${localRate.toFixed(0)}/s`, `ratio ${(sshRate / localRate).toFixed(2)} (target >= 300 jobs/s)`],
            ['  vs. one `ssh host /bin/true` per job', sshRate.toFixed(0), `ssh -P2: ${plainRate.toFixed(1)}/s`, `ratio ${(sshRate / plainRate).toFixed(0)}`],
            ['jobs/s on one SSH host (plain mode, 2 cores)', plainModeRate.toFixed(0), `local --nodes 2: ${localRate.toFixed(0)}/s`, `ratio ${(plainModeRate / localRate).toFixed(2)}`],
            ['  vs. one `ssh host /bin/true` per job', plainModeRate.toFixed(0), `ssh -P2: ${plainRate.toFixed(1)}/s`, `ratio ${(plainModeRate / plainRate).toFixed(1)}`],
        ];
    }
    finally {
        spawnSync('bash', [path.join(ROOT, 'scripts', 'test-sshd.sh'), 'stop', sshd], { stdio: 'ignore' });
        rmSync(dir, { recursive: true, force: true });
    }
}
// standalone: node dist/scripts/bench-ssh.js
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
    sshBench().then((rows) => {
        for (const r of rows)
            console.log(r.join('  '));
        process.exit(0);
    }, (e) => {
        console.error(e);
        process.exit(1);
    });
}
//# sourceMappingURL=bench-ssh.js.map