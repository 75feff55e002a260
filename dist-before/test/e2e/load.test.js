/**
 * Load (issue 6): many clients at once against a real manager (journal on), each a REQ socket in lockstep sending
 * a mix of requests, plus event subscribers. No error, no lost reply, every reply matches its own request, every
 * submitted job gets exactly one JFI at every subscriber; the request rate is printed. LOAD_CLIENTS and
 * LOAD_REQUESTS change the size (the 32 × 1000: LOAD_REQUESTS=1000; listJobs, whose reply grows with
 * the job table, is 2 % of the mix).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as zmq from 'zeromq';
import { decodeReply, encode } from '../../protocol/codec.js';
import { seededRandom } from '../helpers/util.js';
import { startManagerProcess, waitIdle } from '../helpers/manager-process.js';
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 32);
const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 250);
const SUBSCRIBERS = 3;
/** A deterministic generator per client (a failure names the client and request number). */
const rng = seededRandom;
describe(`load: ${CLIENTS} clients × ${REQUESTS} mixed requests, ${SUBSCRIBERS} subscribers`, { timeout: 300_000 }, () => {
    let m;
    const subs = [];
    before(async () => {
        m = await startManagerProcess({ nodes: '2' });
        for (let i = 0; i < SUBSCRIBERS; i++)
            subs.push(await m.subscribe());
    });
    after(async () => {
        await m?.stop();
    });
    test('every reply arrives and answers its own request; every job gets one JFI at every subscriber', async (t) => {
        const submitted = [];
        const counts = {};
        async function client(c) {
            const random = rng(c + 1);
            const sock = new zmq.Request({ linger: 0, receiveTimeout: 60_000, sendTimeout: 60_000 });
            sock.connect(m.address);
            const mine = [];
            const pick = () => mine[Math.floor(random() * mine.length)];
            try {
                for (let i = 0; i < REQUESTS; i++) {
                    const encoding = random() < 0.5 ? 'json' : 'msgpack';
                    const where = `client ${c} request ${i} (${encoding})`;
                    const ask = async (req) => {
                        await sock.send(encode(req, encoding));
                        const [frame] = await sock.receive();
                        assert.equal(frame[0] === 0x7b ? 'json' : 'msgpack', encoding, `reply encoding, ${where}`);
                        return decodeReply(frame);
                    };
                    const x = random();
                    const kind = mine.length === 0 || x < 0.2 ? 'submit' : x < 0.45 ? 'jobStatus' : x < 0.6 ? 'jobInfo' : x < 0.7 ? 'status' : x < 0.78 ? 'resourcesInfo' : x < 0.9 ? 'cancelJob' : x < 0.92 ? 'listJobs' : 'malformed';
                    counts[kind] = (counts[kind] ?? 0) + 1;
                    if (kind === 'submit') {
                        const names = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, k) => `c${c}-${i}-${k}`);
                        const r = await ask({ request: 'submit', jobs: names.map((name) => ({ name, execution: { exec: '/bin/true' } })) });
                        assert.deepStrictEqual(r, { code: 0, message: `${names.length} jobs submitted`, data: { submitted: names.length, jobs: names } }, where);
                        mine.push(...names);
                        submitted.push(...names);
                    }
                    else if (kind === 'jobStatus') {
                        const names = [...new Set([pick(), pick(), pick()])];
                        const r = await ask({ request: 'jobStatus', jobNames: names });
                        assert.equal(r.code, 0, where);
                        assert.deepEqual(Object.keys(r.data.jobs), names, where);
                        for (const n of names)
                            assert.equal(r.data.jobs[n].data.jobName, n, where);
                    }
                    else if (kind === 'jobInfo') {
                        const n = pick();
                        const r = await ask({ request: 'jobInfo', jobNames: [n] });
                        assert.equal(r.data?.jobs?.[n]?.data?.jobName, n, where);
                        assert.match(r.data.jobs[n].data.history, /QUEUED/, where);
                    }
                    else if (kind === 'status') {
                        const r = await ask({ request: 'status', options: { allJobsFinished: true } });
                        assert.deepEqual(Object.keys(r.data), ['AllJobsFinished'], where);
                    }
                    else if (kind === 'resourcesInfo') {
                        const r = await ask({ request: 'resourcesInfo' });
                        assert.equal(r.data.total_cores, 2, where);
                    }
                    else if (kind === 'cancelJob') {
                        const n = pick();
                        const r = await ask({ request: 'cancelJob', jobNames: [n] });
                        assert.equal(r.code, 0, where);
                        // canceled, or already finished / already canceled: never anything else, never someone else's job
                        if (r.data.canceled !== 1)
                            assert.match(r.data.errors[n], new RegExp(`^Job ${n} already (finished \\((SUCCEED|CANCELED)\\)|canceled)$`), where);
                    }
                    else if (kind === 'listJobs') {
                        const r = await ask({ request: 'listJobs' });
                        for (const n of mine)
                            assert.ok(Object.hasOwn(r.data.jobs, n), `${n} listed, ${where}`);
                    }
                    else {
                        const r = await ask({ request: 'jobStatus', jobNames: [c] });
                        assert.deepStrictEqual(r, { code: 1, message: 'Invalid request: Wrong job status request - job names must be strings' }, where);
                    }
                }
            }
            finally {
                sock.close();
            }
        }
        const t0 = performance.now();
        await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
        const seconds = (performance.now() - t0) / 1000;
        t.diagnostic(`${CLIENTS * REQUESTS} requests from ${CLIENTS} clients in ${seconds.toFixed(2)} s: ${Math.round((CLIENTS * REQUESTS) / seconds)} requests/s (${JSON.stringify(counts)})`);
        await waitIdle(m, 120_000);
        const expected = [...submitted].sort();
        for (const [i, s] of subs.entries()) {
            // (the probe jobs of the subscribers connected after this one are not ours)
            const jfi = (frames) => frames.filter((f) => f.startsWith('JFI ')).map((f) => JSON.parse(f.slice(4)).job).filter((n) => !n.startsWith('__probe-'));
            await s.waitFor((f) => jfi(f).length >= expected.length, 60_000, `JFI of all ${expected.length} jobs at subscriber ${i}`);
            assert.deepEqual(jfi(s.frames).sort(), expected, `subscriber ${i}: exactly one JFI per submitted job`);
        }
    });
});
//# sourceMappingURL=load.test.js.map