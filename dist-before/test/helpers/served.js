/**
 * Managers for durability tests: `pilotmq serve --json` in a child process (killed with SIGKILL, resumed),
 * driven over a JSON REQ socket, and jobs that append one line to their own file as their last act.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as zmq from 'zeromq';
import { decodeReply, encode } from '../../protocol/codec.js';
import { CLI } from './manager-process.js';
import { procsWithMarker } from './procs.js';
import { waitFor } from './util.js';
export const FINAL = ['SUCCEED', 'FAILED', 'CANCELED', 'OMITTED'];
export const REQUEUED = 're-queued after manager restart';
/** `pilotmq serve --json …` in a child process; resolves once it printed its JSON line. */
export async function serve(args) {
    const child = spawn(process.execPath, [CLI, 'serve', '--json', '--net-port-min', '20000', '--net-port-max', '60000', '--kill-grace', '1', ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d.toString()));
    const exited = new Promise((r) => child.on('exit', (code) => r(code)));
    const line = await new Promise((resolve, reject) => {
        child.stdout.on('data', (d) => {
            out += d.toString();
            if (out.includes('\n'))
                resolve(out.slice(0, out.indexOf('\n')));
        });
        void exited.then((code) => reject(new Error(`serve exited (${code}) before listening: ${err}`)));
    });
    const info = JSON.parse(line);
    const sock = new zmq.Request({ linger: 0, receiveTimeout: 30_000, sendTimeout: 30_000 });
    sock.connect(info.address);
    let queue = Promise.resolve();
    const request = (obj) => {
        const run = async () => {
            await sock.send(encode(obj, 'json'));
            const [frame] = await sock.receive();
            return decodeReply(Buffer.from(frame));
        };
        const p = queue.then(run, run);
        queue = p.catch(() => undefined);
        return p;
    };
    return {
        child,
        ...info,
        exited,
        stderr: () => err,
        request,
        close: () => {
            if (!sock.closed)
                sock.close();
        },
    };
}
export async function kill9(m, marker) {
    m.close();
    m.child.kill('SIGKILL');
    await m.exited;
    // the agent sees its pipe close and kills every job of the dead manager
    await waitFor(() => procsWithMarker(marker).length === 0, 15_000, `the jobs of the killed manager (${marker}) to be gone`);
}
export async function statuses(m, names) {
    const r = await m.request({ request: 'jobStatus', jobNames: names });
    assert.equal(r.code, 0, JSON.stringify(r));
    const out = {};
    for (const n of names)
        out[n] = r.data.jobs[n].data?.status ?? `error: ${r.data.jobs[n].message}`;
    return out;
}
export async function info(m, name) {
    const r = await m.request({ request: 'jobInfo', jobNames: [name] });
    assert.equal(r.code, 0, JSON.stringify(r));
    assert.equal(r.data.jobs[name].status, 0, JSON.stringify(r));
    return r.data.jobs[name].data;
}
/** A job that sleeps, then appends one line to `<file>` as its last act; `marker` tags its processes. */
export function job(name, file, sleepS, marker, extra = {}) {
    return { name, execution: { exec: '/bin/sh', args: ['-c', `sleep ${sleepS}; echo "$1" >> ${file}`, marker, name] }, ...extra };
}
export const lines = (wd, file) => {
    const p = path.join(wd, file);
    return fs.existsSync(p) ? fs.readFileSync(p, 'utf8').split('\n').filter(Boolean).length : 0;
};
//# sourceMappingURL=served.js.map