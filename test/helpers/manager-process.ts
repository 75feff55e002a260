/**
 * End-to-end test helper: a real pilotmq manager (`pilotmq serve`) in a child process, driven over real
 * ZeroMQ sockets with the wire codec. No shortcut through the server's modules.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zmq from 'zeromq';
import { decodeReply, encode, type Encoding } from '../../protocol/codec.js';
import { sleep, waitFor } from './util.js';

/** Repository root: this file is dist/test/helpers/manager-process.js once compiled. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CLI = path.join(REPO_ROOT, 'dist', 'client', 'cli', 'main.js');

/** Loose reply type: tests assert on everything they read. */
export interface Reply {
  code: number;
  message?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data?: any;
}

export interface RequestOptions {
  encoding?: Encoding;
  /** receive timeout in ms (default 30 s); the socket is re-created after a timeout */
  timeoutMs?: number;
}

export interface StartOptions {
  /** node list, default '4'; '' leaves --nodes out (e.g. a manager with --hosts only) */
  nodes?: string;
  /** extra CLI arguments, e.g. ['--kill-grace', '1'] */
  extra?: string[];
  /** extra environment for the manager (jobs inherit it) */
  env?: Record<string, string>;
  /** how long to wait for the address file (default 30 s) */
  startTimeoutMs?: number;
  /** process working directory of the manager (default: the repository root) */
  cwd?: string;
  /** poll for the address file on every event-loop turn instead of every 20 ms (to act the moment it appears) */
  tightPoll?: boolean;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagerProcess {
  /** advertised request address, read from the address file */
  readonly address: string;
  /** manager working directory (a fresh temp dir) */
  readonly wd: string;
  /** `<wd>/.qcgpjm-service-<InstanceId>` */
  readonly auxDir: string;
  /** InstanceId, from the aux dir name */
  readonly instanceId: string;
  readonly child: ChildProcess;
  /** process working directory the manager was started in */
  readonly cwd: string;
  /** resolves when the child process exits */
  readonly exited: Promise<ExitStatus>;
  /** everything the manager wrote to stderr so far */
  stderr(): string;
  /** send one request object (JSON by default) and decode the reply */
  request(obj: unknown, opts?: RequestOptions): Promise<Reply>;
  /** send raw frame(s) on the helper's REQ socket, return the single reply frame */
  requestRaw(frames: Buffer | Buffer[], opts?: { timeoutMs?: number }): Promise<Buffer>;
  /** connect a subscriber to the PUB socket (address from status) */
  subscribe(opts?: SubscribeOptions): Promise<EventCollector>;
  /** SIGTERM, wait for exit (SIGKILL after `killAfterMs`, default 10 s + kill grace); closes sockets */
  stop(opts?: { killAfterMs?: number }): Promise<ExitStatus>;
  /** close the helper's sockets (does not touch the process) */
  closeSockets(): void;
}

export interface SubscribeOptions {
  /**
   * Slow-joiner handling. 'probe' (default): submit a tiny job named `__probe-<uuid>` until its JFI arrives,
   * then remove it and drop every frame received so far; the subscription is then known to be live.
   * 'delay': connect, wait 300 ms and do a status round trip (no job is created).
   */
  ready?: 'probe' | 'delay';
}

/** Collected PUB frames (as text), in arrival order. */
export class EventCollector {
  readonly frames: string[] = [];
  private waiters: Array<() => void> = [];
  private closed = false;

  constructor(private readonly sock: zmq.Subscriber) {
    void this.pump();
  }

  private async pump(): Promise<void> {
    try {
      for await (const msg of this.sock) {
        this.frames.push(Buffer.concat(msg.map((b) => Buffer.from(b))).toString('utf8'));
        const w = this.waiters;
        this.waiters = [];
        for (const f of w) f();
      }
    } catch {
      // closed
    }
  }

  /** Wait until `pred(frames)` holds; throws with the frames seen on timeout. */
  async waitFor(pred: (frames: string[]) => boolean, timeoutMs = 30_000, what = 'events'): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (!pred(this.frames)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timeout waiting for ${what}; frames so far:\n${this.frames.join('\n')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.frames;
  }

  /** Wait until a frame equal to `frame` has arrived; returns its index. */
  async waitForFrame(frame: string, timeoutMs = 30_000): Promise<number> {
    await this.waitFor((f) => f.includes(frame), timeoutMs, JSON.stringify(frame));
    return this.frames.indexOf(frame);
  }

  /** Forget every frame received so far. */
  clear(): void {
    this.frames.length = 0;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sock.close();
  }
}

const AUX_PREFIX = '.qcgpjm-service-';
const live = new Set<ManagerProcess>();

/** Start a manager process with a fresh temp wd; resolves once its address file exists. */
export async function startManagerProcess(o: StartOptions = {}): Promise<ManagerProcess> {
  const wd = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-test-'));
  const nodes = o.nodes ?? '4';
  const extra = o.extra ?? [];
  const cwd = o.cwd ?? REPO_ROOT;
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} not found: build first (npx tsc -p tsconfig.json)`);
  const args = [CLI, 'serve', ...(nodes === '' ? [] : ['--nodes', nodes]), '--wd', wd, '--net-port-min', '20000', '--net-port-max', '60000', ...(extra.includes('--log') ? [] : ['--log', 'warn']), ...extra];
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...(o.env ?? {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => {
    stderr += d;
  });
  child.stdout!.resume();
  const st: { exit: ExitStatus | null } = { exit: null };
  const exited = new Promise<ExitStatus>((resolve) => {
    child.on('exit', (code, signal) => {
      st.exit = { code, signal };
      resolve(st.exit);
    });
  });
  const killGraceIdx = extra.indexOf('--kill-grace');
  const killGraceMs = killGraceIdx >= 0 ? Number(extra[killGraceIdx + 1]) * 1000 : 10_000;

  // wait for <wd>/.qcgpjm-service-*/address
  const deadline = Date.now() + (o.startTimeoutMs ?? 30_000);
  let auxDir = '';
  let address = '';
  for (;;) {
    if (st.exit) {
      throw new Error(`manager exited early (code ${st.exit.code}, signal ${st.exit.signal}); args: ${args.slice(1).join(' ')}\nstderr:\n${stderr}`);
    }
    const entry = fs.readdirSync(wd).find((n) => n.startsWith(AUX_PREFIX) && fs.existsSync(path.join(wd, n, 'address')));
    if (entry) {
      const text = fs.readFileSync(path.join(wd, entry, 'address'), 'utf8');
      if (text.length > 0) {
        auxDir = path.join(wd, entry);
        address = text;
        break;
      }
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`manager did not write its address file within the timeout; stderr:\n${stderr}`);
    }
    if (o.tightPoll) await new Promise((r) => setImmediate(r));
    else await sleep(20);
  }

  let req: zmq.Request | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const subscribers: EventCollector[] = [];

  const socket = (): zmq.Request => {
    if (!req) {
      req = new zmq.Request({ linger: 0 });
      req.connect(address);
    }
    return req;
  };
  const drop = () => {
    if (req && !req.closed) req.close();
    req = null;
  };
  const exchange = (frames: Buffer | Buffer[], timeoutMs: number): Promise<Buffer> => {
    const run = async (): Promise<Buffer> => {
      const s = socket();
      s.sendTimeout = timeoutMs;
      s.receiveTimeout = timeoutMs;
      try {
        await s.send(frames);
        const reply = await s.receive();
        if (reply.length !== 1) throw new Error(`expected a single reply frame, got ${reply.length}`);
        return Buffer.from(reply[0]);
      } catch (e) {
        drop();
        const code = (e as { code?: string }).code;
        throw new Error(`request to ${address} failed (${code ?? (e as Error).message}); manager stderr:\n${stderr}`);
      }
    };
    const p = queue.then(run, run);
    queue = p.catch(() => undefined);
    return p;
  };

  const mgr: ManagerProcess = {
    address,
    wd,
    auxDir,
    instanceId: path.basename(auxDir).slice(AUX_PREFIX.length),
    child,
    cwd,
    exited,
    stderr: () => stderr,
    async request(obj, ro = {}) {
      const frame = await exchange(encode(obj, ro.encoding ?? 'json'), ro.timeoutMs ?? 30_000);
      return decodeReply(frame) as Reply;
    },
    requestRaw(frames, ro = {}) {
      return exchange(frames, ro.timeoutMs ?? 30_000);
    },
    async subscribe(so = {}) {
      const st = await mgr.request({ request: 'status' });
      const pubAddr = st.data?.System?.StatusPublisher;
      if (typeof pubAddr !== 'string') throw new Error(`no StatusPublisher in status reply: ${JSON.stringify(st)}`);
      const sub = new zmq.Subscriber({ linger: 0 });
      sub.connect(pubAddr);
      sub.subscribe();
      const col = new EventCollector(sub);
      subscribers.push(col);
      if ((so.ready ?? 'probe') === 'delay') {
        await sleep(300);
        await mgr.request({ request: 'status' });
        return col;
      }
      // probe until an event of ours arrives: the subscription is then live
      for (let attempt = 0; ; attempt++) {
        const name = `__probe-${randomUUID()}`;
        const r = await mgr.request({ request: 'submit', jobs: [{ name, execution: { exec: '/bin/true' } }] });
        if (r.code !== 0) throw new Error(`probe submit failed: ${JSON.stringify(r)}`);
        await waitFor(async () => {
          const s = await mgr.request({ request: 'jobStatus', jobNames: [name] });
          return ['SUCCEED', 'FAILED', 'CANCELED', 'OMITTED'].includes(s.data?.jobs?.[name]?.data?.status);
        }, 30_000, `probe job ${name}`);
        const got = await col
          .waitFor((f) => f.some((x) => x.startsWith('JFI ') && x.includes(`"job": "${name}"`)), 2_000)
          .then(() => true, () => false);
        if (got) {
          // when the probe left the manager idle, its NOJ follows its JFI: let it arrive before clearing
          const idle = await mgr.request({ request: 'status', options: { allJobsFinished: true } });
          if (idle.data?.AllJobsFinished === true) {
            const jfi = col.frames.findIndex((x) => x.startsWith('JFI ') && x.includes(`"job": "${name}"`));
            await col.waitFor((f) => f.slice(jfi + 1).some((x) => x.startsWith('NOJ ')), 10_000, 'NOJ after the probe').catch(() => undefined);
          }
          await mgr.request({ request: 'removeJob', jobNames: [name] });
          col.clear();
          return col;
        }
        await mgr.request({ request: 'removeJob', jobNames: [name] });
        if (attempt > 20) throw new Error('subscriber never received the probe events');
      }
    },
    async stop(so = {}) {
      live.delete(mgr);
      const killAfter = so.killAfterMs ?? 10_000 + killGraceMs;
      if (!st.exit) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), killAfter);
        await exited;
        clearTimeout(t);
      }
      mgr.closeSockets();
      return (await exited);
    },
    closeSockets() {
      drop();
      for (const s of subscribers) s.close();
    },
  };
  live.add(mgr);
  return mgr;
}

/** Last resort for an aborted test run: SIGKILL every manager still running. */
process.on('exit', () => {
  for (const m of live) {
    try {
      m.child.kill('SIGKILL');
    } catch {
      // gone
    }
  }
});

export const FINAL_STATES = ['SUCCEED', 'FAILED', 'CANCELED', 'OMITTED'];

/** Poll `status` with allJobsFinished until the manager is idle. */
export async function waitIdle(mgr: ManagerProcess, timeoutMs = 30_000): Promise<void> {
  await waitFor(async () => (await mgr.request({ request: 'status', options: { allJobsFinished: true } })).data?.AllJobsFinished === true, timeoutMs, 'AllJobsFinished');
}

/** Poll jobStatus until `name` (job or `job:idx`) is in one of `states` (default: any final state). */
export async function waitForState(mgr: ManagerProcess, name: string, states: string[] = FINAL_STATES, timeoutMs = 30_000): Promise<string> {
  let last = '';
  await waitFor(
    async () => {
      const r = await mgr.request({ request: 'jobStatus', jobNames: [name] });
      if (r.code !== 0) throw new Error(`jobStatus ${name} failed: ${JSON.stringify(r)}`);
      if (!Object.prototype.hasOwnProperty.call(r.data?.jobs ?? {}, name)) throw new Error(`jobStatus reply has no entry for ${JSON.stringify(name)}: ${JSON.stringify(r)}`);
      last = r.data.jobs[name].data?.status;
      return states.includes(last);
    },
    timeoutMs,
    `${name} in ${states.join('/')}`,
  );
  return last;
}

/** Submit and assert the submit succeeded; returns the reply. */
export async function submitOk(mgr: ManagerProcess, jobs: unknown[], encoding: Encoding = 'json'): Promise<Reply> {
  const r = await mgr.request({ request: 'submit', jobs }, { encoding });
  if (r.code !== 0) throw new Error(`submit failed: ${JSON.stringify(r)} for ${JSON.stringify(jobs)}`);
  return r;
}

/** jobInfo of one name; returns the entry's `data` (asserting status 0). */
export async function jobInfo(mgr: ManagerProcess, name: string, withChilds = false): Promise<Record<string, unknown>> {
  const req: Record<string, unknown> = { request: 'jobInfo', jobNames: [name] };
  if (withChilds) req.params = { withChilds: true };
  const r = await mgr.request(req);
  if (r.code !== 0 || r.data.jobs[name].status !== 0) throw new Error(`jobInfo ${name} failed: ${JSON.stringify(r)}`);
  return r.data.jobs[name].data;
}
