/** Pieces shared by the benchmarks (bench.ts, bench-journal.ts, bench-ssh.ts). */
import { spawn, type ChildProcess } from 'node:child_process';
import * as zmq from 'zeromq';
import { encode } from '../protocol/codec.js';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manager } from '../client/manager.js';

export const CLI = fileURLToPath(new URL('../client/cli/main.js', import.meta.url));

export const seconds = (t0: number): number => (performance.now() - t0) / 1000;
export const pct = (a: number[], p: number): number => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * p))];

/**
 * A `pilotmq serve --nodes 2` child process in a fresh working directory, once its address file exists. No job
 * report unless `extra` asks for one.
 */
export async function serve(extra: string[] = [], prefix = 'pilotmq-bench-'): Promise<{ address: string; child: ChildProcess; wd: string }> {
  const wd = mkdtempSync(path.join(tmpdir(), prefix));
  const report = extra.includes('--report-format') ? [] : ['--report-format', 'none'];
  // BENCH_NODE_ARGS: options for the manager's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const args = [...nodeArgs, CLI, 'serve', '--nodes', '2', '--wd', wd, '--net-port-min', '20000', '--net-port-max', '60000', ...report, ...extra];
  const child = spawn(process.execPath, args, { stdio: ['ignore', process.env.BENCH_SERVE_STDOUT ? 'inherit' : 'ignore', 'inherit'] });
  for (let i = 0; i < 3000; i++) {
    const aux = readdirSync(wd).find((f) => f.startsWith('.qcgpjm-service-'));
    const file = aux && path.join(wd, aux, 'address');
    if (file && existsSync(file)) return { address: readFileSync(file, 'utf8'), child, wd };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('manager did not start');
}

/** jobs/s of `n` separate `/bin/true` jobs (submitted 1000 per request), removed afterwards. */
export async function throughput(m: Manager, n: number, tag = 't'): Promise<number> {
  const jobs = Array.from({ length: n }, (_, i) => ({ name: `${tag}${i}`, execution: { exec: '/bin/true' } }));
  const t0 = performance.now();
  for (let i = 0; i < n; i += 1000) await m.submit(jobs.slice(i, i + 1000));
  await m.wait4all();
  const rate = n / seconds(t0);
  await m.remove(jobs.map((j) => j.name));
  return rate;
}

/** iterations/s of one `/bin/true` job of `n` iterations, removed afterwards. */
export async function sweep(m: Manager, n: number, name = 'sweep'): Promise<number> {
  const t0 = performance.now();
  await m.submit([{ name, execution: { exec: '/bin/true' }, iteration: { stop: n } }]);
  await m.wait4([name]);
  const rate = n / seconds(t0);
  await m.remove([name]);
  return rate;
}

/** Delays (ms) from a job's last act (writing the wall-clock time) to `wait4` returning, `n` times. */
export async function exitToWait(m: Manager, wd: string, n: number, tag = 'w'): Promise<number[]> {
  const delays: number[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${tag}${i}`;
    const file = path.join(wd, `${name}.t`);
    await m.submit([{ name, execution: { exec: '/bin/bash', args: ['-c', `printf %s "$EPOCHREALTIME" > ${file}`] } }]);
    await m.wait4([name]);
    const returned = (performance.timeOrigin + performance.now()) / 1000;
    delays.push((returned - Number(readFileSync(file, 'utf8'))) * 1000);
    await m.remove([name]);
  }
  return delays;
}

/** The manager's reply frame to one request (MessagePack), as sent on the wire. */
export async function rawReply(address: string, request: Record<string, unknown>): Promise<Buffer> {
  const s = new zmq.Request({ linger: 0, receiveTimeout: 30_000 });
  s.connect(address);
  try {
    await s.send(encode(request, 'msgpack'));
    return Buffer.from((await s.receive())[0]);
  } finally {
    s.close();
  }
}

/**
 * The baseline of the request benchmarks: a bare ZeroMQ server in its own process, the manager's socket type
 * (a ROUTER that REQ clients connect to), answering every request with `reply` (the manager's reply to the
 * same request, so both move the same bytes) and doing nothing else.
 */
export async function bareServer(reply: Buffer): Promise<{ address: string; child: ChildProcess }> {
  const code = `
    const zmq = require('zeromq');
    const reply = Buffer.from(process.argv[1], 'base64');
    (async () => {
      const s = new zmq.Router(); await s.bind('tcp://127.0.0.1:0');
      process.send(s.lastEndpoint);
      for await (const msg of s) { msg[msg.length - 1] = reply; await s.send(msg); }
    })();`;
  const child = spawn(process.execPath, ['-e', code, reply.toString('base64')], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], cwd: path.dirname(CLI) });
  const address = await new Promise<string>((r) => child.once('message', (m) => r(String(m))));
  return { address, child };
}
