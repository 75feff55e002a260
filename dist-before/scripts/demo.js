/**
 * The demo workload (`npm run demo`): a manager on this machine and a small workflow through it —
 * a 200-point parameter sweep, a reduction that depends on it, and a report of what ran where.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Jobs, LocalManager } from '../client/index.js';
const POINTS = Number(process.env.DEMO_POINTS ?? 200);
async function main() {
    const wd = process.argv[2] ?? mkdtempSync(path.join(os.tmpdir(), 'pilotmq-demo-'));
    const cores = os.availableParallelism();
    console.log(`pilotmq demo: a manager with 1 node x ${cores} cores, working directory ${wd}`);
    const m = await LocalManager.create(['--nodes', String(cores), '--wd', wd]);
    const t0 = performance.now();
    try {
        const jobs = new Jobs()
            // one iteration per parameter value; ${it} is the iteration index; wd 'sweep' is created when missing
            .add({ name: 'sweep', exec: '/bin/sh', args: ['-c', 'echo $((${it} * ${it}))'], wd: 'sweep', stdout: 'out_${it}.txt', iteration: POINTS })
            // runs once every iteration of the sweep SUCCEEDed
            .add({ name: 'reduce', script: "awk '{ s += $1 } END { print s }' sweep/out_*.txt", stdout: 'sum.txt', after: 'sweep' })
            // a job that fails on purpose, and one that is OMITTED because it depends on it
            .add({ name: 'broken', exec: '/bin/sh', args: ['-c', 'echo "simulated failure" >&2; exit 3'], stderr: 'broken.err' })
            .add({ name: 'never', exec: '/bin/true', after: 'broken' });
        const names = await m.submit(jobs);
        console.log(`submitted ${names.join(', ')}`);
        const states = await m.wait4(names);
        const seconds = (performance.now() - t0) / 1000;
        for (const [name, state] of Object.entries(states))
            console.log(`  ${name.padEnd(7)} ${state}`);
        const sum = readFileSync(path.join(wd, 'sum.txt'), 'utf8').trim();
        const expected = Array.from({ length: POINTS }, (_, i) => i * i).reduce((a, b) => a + b, 0);
        console.log(`sum of squares 0..${POINTS - 1} = ${sum} (expected ${expected}) — ${sum === String(expected) ? 'OK' : 'WRONG'}`);
        const info = (await m.infoParsed(['sweep', 'broken']));
        console.log(`sweep: ${info.sweep.iterations?.finished}/${info.sweep.iterations?.total} iterations finished, ${info.sweep.iterations?.failed} failed`);
        console.log(`broken: exit code ${info.broken.exitCode}, stderr: ${readFileSync(path.join(wd, 'broken.err'), 'utf8').trim()}`);
        console.log(`${POINTS + 3} tasks in ${seconds.toFixed(2)} s; job report: ${path.join(m.auxDir, 'jobs.report')}`);
        if (sum !== String(expected))
            process.exitCode = 1;
    }
    finally {
        await m.finish();
    }
}
main().catch((e) => {
    console.error(e);
    process.exit(1);
});
//# sourceMappingURL=demo.js.map