/**
 * Cancel part of `npm run bench` (issue 6): cancelling a job of 1 000 000 queued iterations publishes an `IST` +
 * `IFI` pair per iteration (protocol.md §5) and writes a report entry each. Measured: the time from the cancel
 * request to the job's `JFI` at a subscriber (QCG's topics, JFI IFI NOJ, in a process of its own so that
 * reading a million events does not slow down the probe), and the worst `jobStatus` round trip of a client that
 * keeps asking meanwhile, against the median round trip of the same client while the manager is idle.
 * Environment: BENCH_CANCEL_ITERS (default 1 000 000). Alone: `node dist/scripts/bench-cancel.js`.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zmq from 'zeromq';
import { encode } from '../protocol/codec.js';
import { Manager } from '../client/manager.js';
import { CLI, pct, serve } from './bench-common.js';
const ITERS = Number(process.env.BENCH_CANCEL_ITERS ?? 1_000_000);
/**
 * A subscriber in a child process: says 'ready' at its first JFI, then `{ifi, ms}` when the JFI of `job` arrives
 * (`ms`: since it was told 'go'), and exits.
 */
function subscriberProcess(publisher, job) {
    const code = `
    const zmq = require('zeromq');
    const [address, job] = process.argv.slice(1);
    (async () => {
      const s = new zmq.Subscriber({ receiveHighWaterMark: 0, linger: 0 });
      for (const t of ['JFI', 'IFI', 'NOJ']) s.subscribe(t);
      s.connect(address);
      let ready = false, ifi = 0, t0 = 0;
      process.on('message', () => (t0 = performance.now()));
      for await (const [f] of s) {
        const text = f.toString();
        if (text.startsWith('IFI')) ifi++;
        else if (text.startsWith('JFI')) {
          if (!ready) { ready = true; process.send('ready'); }
          if (text.includes('"job": ' + JSON.stringify(job))) { process.send({ ifi, ms: performance.now() - t0 }); break; }
        }
      }
      s.close();
    })();`;
    const child = spawn(process.execPath, ['-e', code, publisher, job], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], cwd: path.dirname(CLI) });
    const ready = new Promise((r) => child.once('message', () => r()));
    const result = ready.then(() => new Promise((r) => child.once('message', (m) => r(m))));
    return { child, ready, result };
}
/** Rows for bench.ts: a whole-job cancel of `n` queued iterations, and request round trips meanwhile. */
export async function cancelBench(n = ITERS) {
    const { address, child, wd } = await serve(['--report-format', 'text'], 'pilotmq-bench-cancel-');
    const m = new Manager(address, { timeoutMs: 120_000 });
    const probe = new zmq.Request({ linger: 0, receiveTimeout: 120_000 });
    probe.connect(address);
    const frame = encode({ request: 'jobStatus', jobNames: ['holder'] }, 'msgpack');
    const roundTrip = async () => {
        const t0 = performance.now();
        await probe.send(frame);
        await probe.receive();
        return (performance.now() - t0) * 1000;
    };
    let sub;
    try {
        const status = (await m.systemStatus());
        sub = subscriberProcess(String(status.System?.StatusPublisher), 'big');
        for (let i = 0;; i++) {
            const [p] = await m.submit([{ name: `ready${i}`, execution: { exec: '/bin/true' } }]);
            await m.wait4([p]);
            if (await Promise.race([sub.ready.then(() => true), new Promise((r) => setTimeout(() => r(false), 100))]))
                break;
        }
        await m.submit([{ name: 'holder', execution: { exec: '/bin/sleep', args: ['600'] } }]);
        await m.submit([{ name: 'big', execution: { exec: '/bin/true' }, iteration: { stop: n }, dependencies: { after: ['holder'] } }]);
        const idle = [];
        for (let i = 0; i < 500; i++)
            idle.push(await roundTrip());
        let done = false;
        const during = [];
        const t0 = performance.now();
        sub.child.send('go');
        const cancelled = m.cancel(['big']);
        const result = sub.result.then((r) => {
            done = true;
            return r;
        });
        while (!done)
            during.push(await roundTrip());
        const { ifi, ms } = await result;
        await cancelled;
        const wall = performance.now() - t0;
        if (process.env.BENCH_CANCEL_DEBUG) {
            const top = during.map((v, i) => [i, v]).sort((a, b) => b[1] - a[1]).slice(0, 8);
            console.log('worst round trips [index, µs]:', JSON.stringify(top.map(([i, v]) => [i, Math.round(v)])), 'p99', pct(during, 0.99));
        }
        await m.cancel(['holder']);
        return [
            [
                `cancel of a ${n}-iteration job (report on)`,
                `${ms.toFixed(0)} ms to its JFI`,
                `${ifi} IFI events received`,
                `${(wall / 1000).toFixed(1)} s until the probe stopped`,
            ],
            [
                'jobStatus round trip during that cancel',
                `worst ${(Math.max(...during) / 1000).toFixed(1)} ms, p99 ${(pct(during, 0.99) / 1000).toFixed(1)} ms, p50 ${(pct(during, 0.5) / 1000).toFixed(2)} ms (${during.length} requests)`,
                `idle: p50 ${(pct(idle, 0.5) / 1000).toFixed(2)} ms`,
                `worst / idle p50 ${(Math.max(...during) / pct(idle, 0.5)).toFixed(0)}`,
            ],
        ];
    }
    finally {
        sub?.child.kill();
        probe.close();
        await m.finish().catch(() => undefined);
        m.close();
        await new Promise((r) => {
            child.once('exit', r);
            setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        });
        rmSync(wd, { recursive: true, force: true });
    }
}
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
    for (const r of await cancelBench())
        console.log(r.join('  '));
}
//# sourceMappingURL=bench-cancel.js.map