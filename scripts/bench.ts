/**
 * `npm run bench`: pilotmq against the bare machine, measured side by side in one run, reported as ratios.
 *
 *   1. throughput: N trivial jobs (/bin/true, 1 core) on a 2-core manager vs. `xargs -P2 -n1 /bin/true`, in
 *      ROUNDS alternating rounds (the ratio of the totals, and the range of the rounds' ratios)
 *   2. a sweep of one iterative job (same work) vs. the same bare rate
 *   3. latency: median `jobStatus` round trip vs. a bare ZeroMQ ROUTER echoing the same reply (same client code)
 *   4. the delay from a job's exit to `wait4` returning (p50, p99)
 *   5. a 1 000 000-iteration job: submit round trip, and the manager's memory per queued iteration
 *   6. requests/s with 1, 8 and 32 concurrent clients vs. a bare ZeroMQ echo server (scripts/bench-requests.ts),
 *      and at 32 clients with CURVE on vs. off
 *   7. jobs/s on one SSH host (scripts/bench-ssh.ts)
 *   8. resume time for a journal of 1 000 000 events, plain and compacted (scripts/bench-resume.ts)
 *   9. a whole-job cancel of 1 000 000 queued iterations, and request round trips meanwhile (scripts/bench-cancel.ts)
 *
 * Environment: BENCH_JOBS (default 5000), BENCH_ROUNDS (default 3), BENCH_ITERS (default 100000), BENCH_RTT (default 2000),
 * BENCH_WAITS (default 200), BENCH_BIG (default 1000000), BENCH_SERVE_ARGS (extra serve options, e.g. --no-journal).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import * as zmq from 'zeromq';
import { decodeReply, encode } from '../protocol/codec.js';
import { Manager } from '../client/manager.js';
import { sshBench } from './bench-ssh.js';
import { bareServer, exitToWait, pct, rawReply, seconds, serve, sweep, throughput } from './bench-common.js';
import { curveBench, requestsBench } from './bench-requests.js';
import { cancelBench } from './bench-cancel.js';
import { resumeBench } from './bench-resume.js';

const N = Number(process.env.BENCH_JOBS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ITERS = Number(process.env.BENCH_ITERS ?? 100000);
const BIG = Number(process.env.BENCH_BIG ?? 1_000_000);
const RTT = Number(process.env.BENCH_RTT ?? 2000);
const WAITS = Number(process.env.BENCH_WAITS ?? 200);
/** extra `serve` options, e.g. BENCH_SERVE_ARGS=--no-journal */
const SERVE_ARGS = (process.env.BENCH_SERVE_ARGS ?? '').split(' ').filter(Boolean);


function bareRate(n: number): number {
  const t0 = performance.now();
  const r = spawnSync('bash', ['-c', `seq ${n} | xargs -P2 -n1 /bin/true`], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error('xargs failed');
  return n / seconds(t0);
}

/**
 * Median round trips over raw REQ sockets (MessagePack both ways) to two servers, measured in alternating
 * batches so that both see the same machine noise.
 */
async function roundTrips(a: string, b: string, request: Record<string, unknown>, n: number): Promise<[number, number]> {
  const socks = [a, b].map((address) => {
    const s = new zmq.Request({ linger: 0 });
    s.connect(address);
    return s;
  });
  const frame = encode(request, 'msgpack');
  const lat: number[][] = [[], []];
  for (let batch = 0; batch < Math.ceil(n / 100) + 2; batch++) {
    for (let k = 0; k < 2; k++) {
      for (let i = 0; i < 100; i++) {
        const t0 = performance.now();
        await socks[k].send(frame);
        const [reply] = await socks[k].receive();
        if (batch >= 2) lat[k].push((performance.now() - t0) * 1000); // two warm-up batches
        if (i === 0 && batch === 0) decodeReply(reply);
      }
    }
  }
  for (const s of socks) s.close();
  return [pct(lat[0], 0.5), pct(lat[1], 0.5)];
}

/** Resident memory of a process, bytes. */
function rss(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0) * 1024;
}

/** Submit a job of `n` iterations held back by a dependency; time the submit, measure the manager's growth. */
async function bigJob(m: Manager, pid: number, n: number): Promise<{ submitMs: number; bytesPerIteration: number }> {
  await m.submit([{ name: 'holder', execution: { exec: '/bin/sleep', args: ['600'] } }]);
  const before = rss(pid);
  const t0 = performance.now();
  await m.submit([{ name: 'big', execution: { exec: '/bin/true' }, iteration: { stop: n }, dependencies: { after: ['holder'] } }]);
  const submitMs = performance.now() - t0;
  await m.status(['big']); // one more round trip, so the manager has settled
  const bytesPerIteration = Math.max(0, rss(pid) - before) / n;
  await m.cancel(['holder']);
  await m.wait4(['big', 'holder']);
  await m.remove(['big', 'holder']);
  return { submitMs, bytesPerIteration };
}

async function main(): Promise<void> {
  console.log(`pilotmq benchmark — ${N} jobs, ${ITERS}-iteration sweep, ${RTT} round trips, ${WAITS} waits, a ${BIG}-iteration job\n`);
  const { address, child, wd } = await serve(SERVE_ARGS);
  const m = new Manager(address, { timeoutMs: 120_000 });
  try {
    // the round trip first, on the idle manager: after the 100 000-iteration sweep it is busy for seconds
    // (about 37% of a core for over a second), which the round trip would measure instead
    const submitted = await m.submit([{ name: 'probe', execution: { exec: '/bin/true' } }]);
    await m.wait4(submitted);
    const bareSrv = await bareServer(await rawReply(address, { request: 'jobStatus', jobNames: ['probe'] }));
    const [rttOurs, rttBare] = await roundTrips(address, bareSrv.address, { request: 'jobStatus', jobNames: ['probe'] }, RTT);
    bareSrv.child.kill();
    bareRate(500); // warm-up
    await throughput(m, 500);
    // alternating rounds, so that both see the same machine noise; the first round is pilotmq's coldest
    const rounds: Array<{ bare: number; ours: number }> = [];
    for (let r = 0; r < ROUNDS; r++) rounds.push({ bare: bareRate(N), ours: await throughput(m, N, `t${r}-`) });
    const totalRate = (k: 'bare' | 'ours') => (N * ROUNDS) / rounds.reduce((sum, x) => sum + N / x[k], 0);
    const [bare, ours] = [totalRate('bare'), totalRate('ours')];
    const roundRatios = rounds.map((x) => x.ours / x.bare);
    const range = `rounds ${Math.min(...roundRatios).toFixed(2)}-${Math.max(...roundRatios).toFixed(2)}`;
    const sweepRate = await sweep(m, ITERS);


    const delays = await exitToWait(m, wd, WAITS);
    const big = await bigJob(m, child.pid!, BIG);

    const rows: Array<[string, string, string, string]> = [
      [`jobs/s, separate jobs (2 cores), ${ROUNDS}×${N}`, ours.toFixed(0), `xargs -P2: ${bare.toFixed(0)}/s`, `ratio ${(ours / bare).toFixed(2)} (${range}; target >= 0.8)`],
      ['jobs/s, one iterative job', sweepRate.toFixed(0), `xargs -P2: ${bare.toFixed(0)}/s`, `ratio ${(sweepRate / bare).toFixed(2)} (target >= 0.8)`],
      ['jobStatus round trip, median', `${rttOurs.toFixed(0)} µs`, `bare REQ/ROUTER: ${rttBare.toFixed(0)} µs`, `ratio ${(rttOurs / rttBare).toFixed(2)} (target <= 1.5)`],
      ['job exit → wait4 returns', `p50 ${pct(delays, 0.5).toFixed(2)} ms`, `p99 ${pct(delays, 0.99).toFixed(2)} ms`, '(target p99 <= 5 ms)'],
      [`submit of a ${BIG}-iteration job`, `${big.submitMs.toFixed(1)} ms`, `memory ${big.bytesPerIteration.toFixed(1)} B per queued iteration`, '(target <= 200 B)'],
    ];
    rows.push(...(await requestsBench(address, child.pid!))); // 6. requests/s with 1, 8, 32 clients vs a bare ZeroMQ echo server
    rows.push(...(await curveBench(address, child.pid!))); // 6b. requests/s at 32 clients, CURVE on vs off
    rows.push(...(await sshBench())); // 7. jobs/s on one SSH host vs local vs ssh per job (scripts/bench-ssh.ts)
    rows.push(...(await resumeBench())); // 8. resume time for a 1 000 000-event journal (scripts/bench-resume.ts)
    rows.push(...(await cancelBench())); // 9. cancel of a 1 000 000-iteration job, round trips meanwhile (scripts/bench-cancel.ts)
    const w = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length)));
    for (const r of rows) console.log(r.map((x, c) => x.padEnd(w[c])).join('  '));
    await m.finish();
  } finally {
    m.close();
    await new Promise((r) => {
      child.once('exit', r);
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    });
    rmSync(wd, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
