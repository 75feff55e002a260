/**
 * Request rate part of `npm run bench` (issue 6): requests per second from 1, 8 and 32 concurrent clients (each a
 * REQ socket in lockstep, all in this process, sending `jobStatus` in MessagePack) against the manager, and the
 * same against a bare ZeroMQ echo server (a ROUTER in its own process answering with the manager's own reply
 * bytes), in alternating short rounds so that both see the same machine: the ratio is the median of the rounds'
 * ratios (a burst of other load hits one round, not the figure), the rates are the medians of the rounds' rates.
 * Also the CPU time each server process used per request (user + system, from /proc, ZeroMQ's I/O thread
 * included): the part of the comparison that other load on the machine does not blur.
 * Environment: BENCH_REQS (requests per round, default 4000), BENCH_REQ_ROUNDS (rounds per client count, default 7).
 * Alone: `node dist/scripts/bench-requests.js` starts its own manager.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zmq from 'zeromq';
import { encode } from '../protocol/codec.js';
import { Manager } from '../client/manager.js';
import { bareServer, rawReply, seconds, serve } from './bench-common.js';
import { writeKeyPairFiles } from '../protocol/curve-keys.js';
const REQS = Number(process.env.BENCH_REQS ?? 4000);
const ROUNDS = Number(process.env.BENCH_REQ_ROUNDS ?? 7);
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const CLIENT_COUNTS = [1, 8, 32];
/** CPU time (user + system) a process has used so far, µs. */
function cpuUs(pid) {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1e6) / 100; // clock ticks (USER_HZ 100)
}
/**
 * `clients` REQ sockets sending `frame` in lockstep, `total` requests in all; returns the time taken, seconds.
 * `curve`: the sockets' CURVE options, for a manager with keys.
 */
async function hammer(address, clients, total, frame, curve = null) {
    const socks = Array.from({ length: clients }, () => {
        const s = new zmq.Request({ linger: 0, receiveTimeout: 60_000, ...curve });
        s.connect(address);
        return s;
    });
    // connect and warm up every socket before the clock starts
    await Promise.all(socks.map(async (s) => {
        await s.send(frame);
        await s.receive();
    }));
    const t0 = performance.now();
    await Promise.all(socks.map(async (s, c) => {
        const n = Math.floor(total / clients) + (c < total % clients ? 1 : 0);
        for (let i = 0; i < n; i++) {
            await s.send(frame);
            await s.receive();
        }
    }));
    const t = seconds(t0);
    for (const s of socks)
        s.close();
    return t;
}
/** Rows for bench.ts: requests/s with 1, 8 and 32 clients, manager vs bare echo server. */
export async function requestsBench(address, pid) {
    const m = new Manager(address, { timeoutMs: 60_000 });
    const name = 'req-probe';
    try {
        await m.submit([{ name, execution: { exec: '/bin/true' } }]);
        await m.wait4([name]);
    }
    finally {
        m.close();
    }
    const request = { request: 'jobStatus', jobNames: [name] };
    const frame = encode(request, 'msgpack');
    const bare = await bareServer(await rawReply(address, request));
    const rows = [];
    try {
        for (const clients of CLIENT_COUNTS) {
            const ours = [];
            const base = [];
            const cpu = [0, 0]; // µs used by the manager, by the bare server
            const measure = async (k) => {
                const [who, p] = k === 0 ? [address, pid] : [bare.address, bare.child.pid];
                const c0 = cpuUs(p);
                const rate = REQS / (await hammer(who, clients, REQS, frame));
                cpu[k] += cpuUs(p) - c0;
                (k === 0 ? ours : base).push(rate);
            };
            for (let round = 0; round < ROUNDS; round++) {
                // alternate which goes first, so neither always follows the other's connection churn
                if (round % 2 === 0)
                    await measure(1);
                await measure(0);
                if (round % 2 === 1)
                    await measure(1);
            }
            const perRequest = cpu.map((c) => c / (REQS * ROUNDS));
            const ratio = median(ours.map((r, i) => r / base[i]));
            rows.push([
                `jobStatus requests/s, ${clients} client${clients > 1 ? 's' : ''}`,
                median(ours).toFixed(0),
                `bare ZeroMQ echo: ${median(base).toFixed(0)}/s`,
                `ratio ${ratio.toFixed(2)}${clients === 32 ? ' (target >= 0.8)' : ''}; CPU per request ${perRequest[0].toFixed(1)} µs vs ${perRequest[1].toFixed(1)} µs`,
            ]);
        }
    }
    finally {
        bare.child.kill();
        const cleanup = new Manager(address, { timeoutMs: 60_000 });
        await cleanup.remove([name]).catch(() => undefined);
        cleanup.close();
    }
    return rows;
}
/**
 * Row for bench.ts: what CURVE costs. Requests/s at 32 clients against a manager with CURVE keys and against the
 * plain manager (`plainAddress`), in alternating rounds as above; the ratio is the median of the rounds' ratios.
 */
export async function curveBench(plainAddress, plainPid, clients = 32) {
    const dir = mkdtempSync(path.join(tmpdir(), 'pilotmq-bench-keys-'));
    const server = zmq.curveKeyPair();
    const client = zmq.curveKeyPair();
    writeKeyPairFiles(server, dir, 'server');
    writeFileSync(path.join(dir, 'authorized_keys'), `${client.publicKey}\n`);
    const secured = await serve(['--curve-secret-key', path.join(dir, 'server.key'), '--authorized-keys', path.join(dir, 'authorized_keys')], 'pilotmq-bench-curve-');
    const curve = { curveServerKey: server.publicKey, curvePublicKey: client.publicKey, curveSecretKey: client.secretKey };
    const name = 'curve-probe';
    const managers = [new Manager(plainAddress, { timeoutMs: 60_000 }), new Manager(secured.address, { timeoutMs: 60_000, serverPublicKey: server.publicKey, ...client })];
    try {
        for (const m of managers) {
            await m.submit([{ name, execution: { exec: '/bin/true' } }]);
            await m.wait4([name]);
        }
        const frame = encode({ request: 'jobStatus', jobNames: [name] }, 'msgpack');
        const rates = [[], []];
        const cpu = [0, 0];
        const measure = async (k) => {
            const pid = k === 0 ? plainPid : secured.child.pid;
            const c0 = cpuUs(pid);
            rates[k].push(REQS / (await hammer(k === 0 ? plainAddress : secured.address, clients, REQS, frame, k === 1 ? curve : null)));
            cpu[k] += cpuUs(pid) - c0;
        };
        for (let round = 0; round < ROUNDS; round++) {
            if (round % 2 === 0)
                await measure(1);
            await measure(0);
            if (round % 2 === 1)
                await measure(1);
        }
        const perRequest = cpu.map((c) => c / (REQS * ROUNDS));
        const ratio = median(rates[1].map((r, i) => r / rates[0][i]));
        return [
            [
                `jobStatus requests/s, ${clients} clients, CURVE on`,
                median(rates[1]).toFixed(0),
                `CURVE off: ${median(rates[0]).toFixed(0)}/s`,
                `ratio ${ratio.toFixed(2)}; CPU per request ${perRequest[1].toFixed(1)} µs vs ${perRequest[0].toFixed(1)} µs`,
            ],
        ];
    }
    finally {
        await managers[0].remove([name]).catch(() => undefined);
        await managers[1].finish().catch(() => undefined);
        for (const m of managers)
            m.close();
        await new Promise((r) => {
            secured.child.once('exit', r);
            setTimeout(() => secured.child.kill('SIGKILL'), 15_000).unref();
        });
        rmSync(dir, { recursive: true, force: true });
        rmSync(secured.wd, { recursive: true, force: true });
    }
}
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
    const { address, child } = await serve();
    try {
        for (const r of await requestsBench(address, child.pid))
            console.log(r.join('  '));
        for (const r of await curveBench(address, child.pid))
            console.log(r.join('  '));
    }
    finally {
        child.kill('SIGTERM');
    }
}
//# sourceMappingURL=bench-requests.js.map