/**
 * Throw-away OpenSSH servers for the SSH tests, through scripts/test-sshd.sh (root, Debian's openssh-server,
 * installed by scripts/setup-test-deps.sh). `sshAvailable()` says why not when they cannot run: the tests skip
 * then, unless CI=true, where they fail.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from './manager-process.js';
import { allProcs } from './procs.js';
export const TEST_USER = 'pilotmqtest';
const SCRIPT = path.join(REPO_ROOT, 'scripts', 'test-sshd.sh');
let availability;
/** null when test sshds can run here; else the reason they cannot. Installs openssh-server once when root. */
export function sshUnavailableReason() {
    if (availability !== undefined)
        return availability;
    if (process.getuid?.() !== 0)
        return (availability = 'not root (test sshds need root: own host keys, a test user)');
    if (!fs.existsSync('/usr/sbin/sshd')) {
        const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'setup-test-deps.sh')], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
        if (!fs.existsSync('/usr/sbin/sshd'))
            return (availability = `/usr/sbin/sshd missing and setup-test-deps.sh could not install it (${(r.stderr ?? '').trim().slice(-300)})`);
    }
    return (availability = null);
}
/** skip option for node:test: skip with the reason, or throw under CI=true */
export function sshSkip() {
    const why = sshUnavailableReason();
    if (!why)
        return false;
    if (process.env.CI === 'true')
        throw new Error(`SSH tests cannot run under CI: ${why}`);
    return `SSH tests skipped: ${why}`;
}
export async function freePort(addr) {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.once('error', reject);
        srv.listen(0, addr, () => {
            const port = srv.address().port;
            srv.close(() => resolve(port));
        });
    });
}
/** A test sshd on addr; restart() starts it again on the same port with the same keys. */
export async function startSshd(dir, addr, o = {}) {
    const port = o.port ?? (await freePort(addr));
    const env = o.maxSessions === undefined ? process.env : { ...process.env, PILOTMQ_SSHD_MAX_SESSIONS: String(o.maxSessions) };
    const start = () => {
        const argv = ['bash', SCRIPT, 'start', dir, addr, String(port)];
        if (o.netns)
            execFileSync('ip', ['netns', 'exec', o.netns, ...argv], { stdio: ['ignore', 'ignore', 'inherit'], env });
        else
            execFileSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'inherit'], env });
        return Number(fs.readFileSync(path.join(dir, 'sshd.pid'), 'utf8'));
    };
    let pid = start();
    return {
        dir,
        addr,
        port,
        key: path.join(dir, 'client_ed25519'),
        knownHosts: path.join(dir, 'known_hosts'),
        get pid() {
            return pid;
        },
        restart: () => {
            pid = start();
        },
        stop: () => {
            spawnSync('bash', [SCRIPT, 'stop', dir], { stdio: 'ignore' });
        },
        kill: () => {
            const procs = allProcs();
            const victims = [pid];
            for (let i = 0; i < victims.length; i++) {
                for (const p of procs)
                    if (p.ppid === victims[i] && p.cmdline.startsWith('sshd'))
                        victims.push(p.pid);
            }
            for (const v of victims) {
                try {
                    process.kill(v, 'SIGKILL');
                }
                catch {
                    // gone
                }
            }
        },
    };
}
export function testUserIds() {
    return {
        uid: Number(execFileSync('id', ['-u', TEST_USER], { encoding: 'utf8' }).trim()),
        gid: Number(execFileSync('id', ['-g', TEST_USER], { encoding: 'utf8' }).trim()),
    };
}
//# sourceMappingURL=sshd.js.map