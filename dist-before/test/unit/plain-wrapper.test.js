/**
 * Plain mode's sh wrapper (server/executor/ssh/plain-wrapper.ts) run by a real /bin/sh on this machine, without
 * SSH: its command line goes through `sh -c` exactly as through a remote login shell. Both ways of making the
 * job's process group (setsid, perl) are exercised; the SSH tests (test/e2e/ssh.test.ts) can only use the one
 * the host has.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from '../helpers/util.js';
import { parseWrapperLine, plainCommand } from '../../server/executor/ssh/plain-wrapper.js';
const tools = ['setsid', ...(spawnSync('sh', ['-c', 'command -v perl']).status === 0 ? ['perl'] : [])];
/** Run one launch; `onStart` may write to the wrapper's stdin (e.g. TERM) once the S line came. */
function run(cmd, tool, onStart) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-wrapper-'));
    const jobDir = path.join(root, 'inst', 'jobs', '7');
    const p = spawn('/bin/sh', ['-c', plainCommand(cmd, { jobDir, tool })], { stdio: ['pipe', 'pipe', 'inherit'] });
    const out = { lines: [], jobDir, code: null };
    let buf = '';
    p.stdout.setEncoding('utf8');
    p.stdout.on('data', (d) => {
        buf += d;
        for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
            const w = parseWrapperLine(buf.slice(0, i));
            buf = buf.slice(i + 1);
            if (!w)
                continue;
            out.lines.push(w);
            if (w.t === 'S') {
                onStart?.(p.stdin, w.pid);
            }
            if (w.t === 'X')
                p.stdin.end('OK\n');
            if (w.t === 'L' || w.t === 'W')
                p.stdin.end();
        }
    });
    return new Promise((res) => p.on('close', (code) => res({ ...out, code })));
}
function binfmtHandlers() {
    try {
        return fs.readdirSync('/proc/sys/fs/binfmt_misc').some((n) => n !== 'register' && n !== 'status');
    }
    catch {
        return false;
    }
}
const base = (over) => ({ exec: '/bin/true', args: [], env: {}, wd: fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-wd-')), killGraceMs: 1000, ...over });
for (const tool of tools) {
    test(`wrapper (${tool}): argv and environment verbatim, own process group, exit code, job dir removed after OK`, async () => {
        const nasty = ["it's", '$(touch /tmp/pilotmq-pwned-w)', '`id`', 'a;b', 'new\nline', '', ' x ', '-n'];
        const cmd = base({ exec: '/bin/sh', args: ['-c', 'printf "%s\\0" "$0" "$@" > argv; printf %s "$NASTY" > env; cat /proc/$$/stat > stat; sleep 0.3; exit 3', ...nasty], env: { NASTY: nasty.join('|'), 'odd-name': 'v' }, stdout: 'out.txt' });
        const r = await run(cmd, tool);
        const s = r.lines.find((l) => l.t === 'S');
        const x = r.lines.find((l) => l.t === 'X');
        assert.ok(s && x, JSON.stringify(r.lines, (_, v) => (typeof v === 'bigint' ? String(v) : v)));
        const [pid, , , pgrp, session] = fs.readFileSync(path.join(cmd.wd, 'stat'), 'utf8').replace(/\(.*\) /, '').split(' ');
        assert.deepEqual([Number(pid), Number(pgrp)], [s.pid, s.pid], 'the job leads its own process group');
        if (tool === 'setsid')
            assert.equal(Number(session), s.pid, 'and its own session');
        assert.equal(x.code, 3);
        assert.equal(x.reason, undefined);
        assert.ok(s.ns !== undefined && x.ns !== undefined && x.ns - s.ns >= 300000000n, 'run time from the host clock');
        assert.deepEqual(fs.readFileSync(path.join(cmd.wd, 'argv'), 'utf8').split('\0'), [...nasty, '']);
        assert.equal(fs.readFileSync(path.join(cmd.wd, 'env'), 'utf8'), nasty.join('|'));
        assert.equal(r.code, 0);
        assert.ok(!fs.existsSync(r.jobDir), 'job dir removed once the exit was acknowledged');
        assert.ok(!fs.existsSync('/tmp/pilotmq-pwned-w'));
    });
    test(`wrapper (${tool}): TERM on stdin terminates the whole group: -15, reason cancel`, async () => {
        const cmd = base({ exec: '/bin/sh', args: ['-c', 'sleep 30 & echo $! > child; wait'] });
        const childFile = path.join(cmd.wd, 'child');
        const r = await run(cmd, tool, (stdin) => void waitFor(() => fs.existsSync(childFile) && fs.readFileSync(childFile, 'utf8').endsWith('\n'), 10_000, 'child started').then(() => stdin.write('TERM\n')));
        const x = r.lines.find((l) => l.t === 'X');
        assert.deepEqual([x.code, x.reason], [-15, 'cancel']);
        const child = Number(fs.readFileSync(childFile, 'utf8'));
        const gone = () => {
            try {
                return /\) Z /.test(fs.readFileSync(`/proc/${child}/stat`, 'utf8')); // a zombie waiting for init
            }
            catch {
                return true;
            }
        };
        await waitFor(gone, 5_000, 'the background child got the signal too');
    });
    test(`wrapper (${tool}): wall time: SIGTERM, then SIGKILL after the grace for a job that ignores it`, async () => {
        const cmd = base({ exec: '/bin/sh', args: ['-c', "trap '' TERM; sleep 30"], wallTimeMs: 300, killGraceMs: 300 });
        const r = await run(cmd, tool);
        const x = r.lines.find((l) => l.t === 'X');
        assert.deepEqual([x.code, x.reason], [-9, 'walltime']);
    });
    test(`wrapper (${tool}): stdin end while the job runs (manager gone): job terminated, exit left in the job dir`, async () => {
        const cmd = base({ exec: 'sleep', args: ['30'] });
        const r = await run(cmd, tool, (stdin) => setTimeout(() => stdin.end(), 200));
        const x = r.lines.find((l) => l.t === 'X');
        assert.deepEqual([x.code, x.reason], [-15, 'lost']);
        assert.equal(fs.readFileSync(path.join(r.jobDir, 'exit'), 'utf8'), '-15\n');
        assert.equal(Number(fs.readFileSync(path.join(r.jobDir, 'pgid'), 'utf8')), r.lines[0].pid);
    });
}
test('wrapper: launch errors as errno names for the manager, in the agent\'s order (wd, program, stdin, stdout, stderr)', async () => {
    const wd = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-wd-'));
    fs.writeFileSync(path.join(wd, 'plain.txt'), 'not a program\n', { mode: 0o755 });
    const cases = [
        [{ exec: 'no-such-program-x' }, { t: 'L', what: 'exec', error: 'ENOENT' }],
        [{ exec: '/etc/passwd' }, { t: 'L', what: 'exec', error: 'EACCES' }],
        // (like the agent, the check is left to the kernel where binfmt_misc handlers are registered)
        ...(binfmtHandlers() ? [] : [[{ exec: './plain.txt' }, { t: 'L', what: 'exec', error: 'ENOEXEC' }]]),
        [{ exec: 'true', env: { PATH: '/nonexistent' } }, { t: 'L', what: 'exec', error: 'ENOENT' }],
        [{ stdin: 'missing.in' }, { t: 'L', what: 'stdin', error: 'ENOENT' }],
        [{ stdout: 'no/dir/out' }, { t: 'L', what: 'stdout', error: 'ENOENT' }],
        [{ stdout: 'ok.out', stderr: 'plain.txt/err' }, { t: 'L', what: 'stderr', error: 'ENOTDIR' }],
        [{ wd: path.join(wd, 'plain.txt', 'sub') }, { t: 'W', depth: 0, error: 'ENOTDIR' }],
        [{ wd: '/proc/1/x/y' }, { t: 'W', depth: 1, error: 'ENOENT' }],
    ];
    for (const [over, want] of cases) {
        const r = await run({ ...base({ wd }), ...over }, 'setsid');
        assert.deepEqual(r.lines, [want], JSON.stringify(over));
    }
});
//# sourceMappingURL=plain-wrapper.test.js.map