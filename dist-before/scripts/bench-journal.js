/**
 * `node dist/scripts/bench-journal.js`: the cost of the journal. Two managers (2 cores each), one with the
 * journal and one with `--no-journal`, get the same work in alternating rounds (so that both see the same
 * machine noise); prints the median rates and their ratio (target >= 0.9), and exit → wait4 delays.
 *
 * Environment: BJ_ROUNDS (default 7), BJ_JOBS (separate /bin/true jobs per round, default 1000), BJ_ITERS
 * (iterations of one sweep per round, default 1000), BJ_WAITS (exit → wait4 samples per round, default 10),
 * BJ_ON_ARGS (extra options of the journal side, e.g. --journal-sync-interval 2).
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Manager } from '../client/manager.js';
import { pct, serve } from './bench-common.js';
const ROUNDS = Number(process.env.BJ_ROUNDS ?? 7);
const JOBS = Number(process.env.BJ_JOBS ?? 1000);
const ITERS = Number(process.env.BJ_ITERS ?? 1000);
const WAITS = Number(process.env.BJ_WAITS ?? 10);
/** CPU time (user + system) of a process so far, ms. */
function cpuMs(pid) {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (100/s)
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
async function jobs(m, round) {
    const list = Array.from({ length: JOBS }, (_, i) => ({ name: `t${round}_${i}`, execution: { exec: '/bin/true' } }));
    const t0 = performance.now();
    await m.submit(list);
    await m.wait4all();
    const rate = JOBS / ((performance.now() - t0) / 1000);
    await m.remove(list.map((j) => j.name));
    return rate;
}
async function sweep(m, round) {
    const name = `sweep${round}`;
    const t0 = performance.now();
    await m.submit([{ name, execution: { exec: '/bin/true' }, iteration: { stop: ITERS } }]);
    await m.wait4([name]);
    const rate = ITERS / ((performance.now() - t0) / 1000);
    await m.remove([name]);
    return rate;
}
async function waits(m, wd, round) {
    const out = [];
    for (let i = 0; i < WAITS; i++) {
        const name = `w${round}_${i}`;
        const file = path.join(wd, `${name}.t`);
        await m.submit([{ name, execution: { exec: '/bin/bash', args: ['-c', `printf %s "$EPOCHREALTIME" > ${file}`] } }]);
        await m.wait4([name]);
        out.push(((performance.timeOrigin + performance.now()) / 1000 - Number(readFileSync(file, 'utf8'))) * 1000);
        await m.remove([name]);
    }
    return out;
}
async function main() {
    const sides = [
        { label: 'journal', srv: await serve((process.env.BJ_ON_ARGS ?? '').split(' ').filter(Boolean)), jobs: [], sweep: [], waits: [], cpu: 0 },
        { label: 'no journal', srv: await serve(['--no-journal']), jobs: [], sweep: [], waits: [], cpu: 0 },
    ];
    const managers = sides.map((s) => new Manager(s.srv.address, { timeoutMs: 120_000 }));
    try {
        for (let r = -1; r < ROUNDS; r++) {
            const order = r % 2 === 0 ? [0, 1] : [1, 0];
            for (const i of order) {
                const s = sides[i];
                const c0 = cpuMs(s.srv.child.pid);
                const j = await jobs(managers[i], r);
                const w = await sweep(managers[i], r);
                const c1 = cpuMs(s.srv.child.pid);
                const d = await waits(managers[i], s.srv.wd, r);
                if (r < 0)
                    continue; // warm-up
                s.cpu += c1 - c0;
                s.jobs.push(j);
                s.sweep.push(w);
                s.waits.push(...d);
            }
        }
        const [on, off] = sides;
        const row = (what, a, b) => console.log(`${what.padEnd(28)} journal ${median(a).toFixed(0).padStart(6)}/s   no journal ${median(b).toFixed(0).padStart(6)}/s   ratio ${(median(a) / median(b)).toFixed(2)} (target >= 0.9)`);
        console.log(`${ROUNDS} rounds of ${JOBS} jobs, a ${ITERS}-iteration sweep and ${WAITS} exit → wait4 samples, alternating managers`);
        row('separate jobs, median', on.jobs, off.jobs);
        row('one sweep, median', on.sweep, off.sweep);
        for (const s of sides)
            console.log(`manager CPU (${s.label})`.padEnd(28) + ` ${((s.cpu * 1000) / (ROUNDS * (JOBS + ITERS))).toFixed(0)} µs per job or iteration`);
        for (const s of sides)
            console.log(`exit → wait4 (${s.label})`.padEnd(28) + ` p50 ${pct(s.waits, 0.5).toFixed(2)} ms  p99 ${pct(s.waits, 0.99).toFixed(2)} ms`);
        for (const m of managers)
            await m.finish();
    }
    finally {
        for (const m of managers)
            m.close();
        for (const s of sides) {
            await new Promise((r) => {
                s.srv.child.once('exit', r);
                setTimeout(() => s.srv.child.kill('SIGKILL'), 15_000).unref();
            });
            rmSync(s.srv.wd, { recursive: true, force: true });
        }
    }
}
main().catch((e) => {
    console.error(e);
    process.exit(1);
});
//# sourceMappingURL=bench-journal.js.map