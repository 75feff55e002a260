/**
 * End-to-end test helper: a real pilotmq manager (`pilotmq serve`) in a child process, driven over real
 * ZeroMQ sockets with the wire codec. No shortcut through the server's modules.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zmq from 'zeromq';
import { decodeReply, encode } from '../../protocol/codec.js';
import { sleep, waitFor } from './util.js';
/** Repository root: this file is dist/test/helpers/manager-process.js once compiled. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CLI = path.join(REPO_ROOT, 'dist', 'client', 'cli', 'main.js');
/** Collected PUB frames (as text), in arrival order. */
export class EventCollector {
    sock;
    frames = [];
    waiters = [];
    closed = false;
    constructor(sock) {
        this.sock = sock;
        void this.pump();
    }
    async pump() {
        try {
            for await (const msg of this.sock) {
                this.frames.push(Buffer.concat(msg.map((b) => Buffer.from(b))).toString('utf8'));
                const w = this.waiters;
                this.waiters = [];
                for (const f of w)
                    f();
            }
        }
        catch {
            // closed
        }
    }
    /** Wait until `pred(frames)` holds; throws with the frames seen on timeout. */
    async waitFor(pred, timeoutMs = 30_000, what = 'events') {
        const deadline = Date.now() + timeoutMs;
        while (!pred(this.frames)) {
            const left = deadline - Date.now();
            if (left <= 0)
                throw new Error(`timeout waiting for ${what}; frames so far:\n${this.frames.join('\n')}`);
            await new Promise((resolve) => {
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
    async waitForFrame(frame, timeoutMs = 30_000) {
        await this.waitFor((f) => f.includes(frame), timeoutMs, JSON.stringify(frame));
        return this.frames.indexOf(frame);
    }
    /** Forget every frame received so far. */
    clear() {
        this.frames.length = 0;
    }
    close() {
        if (this.closed)
            return;
        this.closed = true;
        this.sock.close();
    }
}
const AUX_PREFIX = '.qcgpjm-service-';
const live = new Set();
/** Start a manager process with a fresh temp wd; resolves once its address file exists. */
export async function startManagerProcess(o = {}) {
    const wd = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-test-'));
    const nodes = o.nodes ?? '4';
    const extra = o.extra ?? [];
    const cwd = o.cwd ?? REPO_ROOT;
    if (!fs.existsSync(CLI))
        throw new Error(`${CLI} not found: build first (npx tsc -p tsconfig.json)`);
    const args = [CLI, 'serve', ...(nodes === '' ? [] : ['--nodes', nodes]), '--wd', wd, '--net-port-min', '20000', '--net-port-max', '60000', ...(extra.includes('--log') ? [] : ['--log', 'warn']), ...extra];
    const child = spawn(process.execPath, args, {
        cwd,
        env: { ...process.env, ...(o.env ?? {}) },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
        stderr += d;
    });
    child.stdout.resume();
    const st = { exit: null };
    const exited = new Promise((resolve) => {
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
        if (o.tightPoll)
            await new Promise((r) => setImmediate(r));
        else
            await sleep(20);
    }
    let req = null;
    let queue = Promise.resolve();
    const subscribers = [];
    const socket = () => {
        if (!req) {
            req = new zmq.Request({ linger: 0 });
            req.connect(address);
        }
        return req;
    };
    const drop = () => {
        if (req && !req.closed)
            req.close();
        req = null;
    };
    const exchange = (frames, timeoutMs) => {
        const run = async () => {
            const s = socket();
            s.sendTimeout = timeoutMs;
            s.receiveTimeout = timeoutMs;
            try {
                await s.send(frames);
                const reply = await s.receive();
                if (reply.length !== 1)
                    throw new Error(`expected a single reply frame, got ${reply.length}`);
                return Buffer.from(reply[0]);
            }
            catch (e) {
                drop();
                const code = e.code;
                throw new Error(`request to ${address} failed (${code ?? e.message}); manager stderr:\n${stderr}`);
            }
        };
        const p = queue.then(run, run);
        queue = p.catch(() => undefined);
        return p;
    };
    const mgr = {
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
            return decodeReply(frame);
        },
        requestRaw(frames, ro = {}) {
            return exchange(frames, ro.timeoutMs ?? 30_000);
        },
        async subscribe(so = {}) {
            const st = await mgr.request({ request: 'status' });
            const pubAddr = st.data?.System?.StatusPublisher;
            if (typeof pubAddr !== 'string')
                throw new Error(`no StatusPublisher in status reply: ${JSON.stringify(st)}`);
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
            for (let attempt = 0;; attempt++) {
                const name = `__probe-${randomUUID()}`;
                const r = await mgr.request({ request: 'submit', jobs: [{ name, execution: { exec: '/bin/true' } }] });
                if (r.code !== 0)
                    throw new Error(`probe submit failed: ${JSON.stringify(r)}`);
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
                if (attempt > 20)
                    throw new Error('subscriber never received the probe events');
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
            for (const s of subscribers)
                s.close();
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
        }
        catch {
            // gone
        }
    }
});
export const FINAL_STATES = ['SUCCEED', 'FAILED', 'CANCELED', 'OMITTED'];
/** Poll `status` with allJobsFinished until the manager is idle. */
export async function waitIdle(mgr, timeoutMs = 30_000) {
    await waitFor(async () => (await mgr.request({ request: 'status', options: { allJobsFinished: true } })).data?.AllJobsFinished === true, timeoutMs, 'AllJobsFinished');
}
/** Poll jobStatus until `name` (job or `job:idx`) is in one of `states` (default: any final state). */
export async function waitForState(mgr, name, states = FINAL_STATES, timeoutMs = 30_000) {
    let last = '';
    await waitFor(async () => {
        const r = await mgr.request({ request: 'jobStatus', jobNames: [name] });
        if (r.code !== 0)
            throw new Error(`jobStatus ${name} failed: ${JSON.stringify(r)}`);
        if (!Object.prototype.hasOwnProperty.call(r.data?.jobs ?? {}, name))
            throw new Error(`jobStatus reply has no entry for ${JSON.stringify(name)}: ${JSON.stringify(r)}`);
        last = r.data.jobs[name].data?.status;
        return states.includes(last);
    }, timeoutMs, `${name} in ${states.join('/')}`);
    return last;
}
/** Submit and assert the submit succeeded; returns the reply. */
export async function submitOk(mgr, jobs, encoding = 'json') {
    const r = await mgr.request({ request: 'submit', jobs }, { encoding });
    if (r.code !== 0)
        throw new Error(`submit failed: ${JSON.stringify(r)} for ${JSON.stringify(jobs)}`);
    return r;
}
/** jobInfo of one name; returns the entry's `data` (asserting status 0). */
export async function jobInfo(mgr, name, withChilds = false) {
    const req = { request: 'jobInfo', jobNames: [name] };
    if (withChilds)
        req.params = { withChilds: true };
    const r = await mgr.request(req);
    if (r.code !== 0 || r.data.jobs[name].status !== 0)
        throw new Error(`jobInfo ${name} failed: ${JSON.stringify(r)}`);
    return r.data.jobs[name].data;
}
//# sourceMappingURL=manager-process.js.map