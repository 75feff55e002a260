/**
 * Request-level errors (protocol.md §2, §2.4, §6 (a); examples/req-malformed.json): every malformed frame gets
 * exactly one code 1 reply in the right encoding, and the manager keeps serving with all its jobs intact.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import * as zmq from 'zeromq';
import { decodeReply, encode } from '../../protocol/codec.js';
import { gateJob, openGate } from '../helpers/jobs.js';
import { startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { msgpackKinds } from '../helpers/util.js';
const LIMIT = 16 * 1024 * 1024;
/** Decode a reply frame, asserting its encoding. */
function replyOf(frame, encoding) {
    if (encoding === 'json') {
        assert.equal(frame[0], 0x7b, `expected a JSON reply, got ${frame.subarray(0, 40).toString('hex')}`);
        return JSON.parse(frame.toString('utf8'));
    }
    assert.notEqual(frame[0], 0x7b, 'expected a MessagePack reply, got JSON');
    const k = msgpackKinds(frame);
    assert.equal(k.end, frame.length, 'exactly one MessagePack object');
    return decodeReply(frame);
}
function assertError(r, message) {
    assert.deepEqual(Object.keys(r), ['code', 'message'], `error replies are exactly {code, message}: ${JSON.stringify(r)}`);
    assert.equal(r.code, 1);
    if (typeof message === 'string')
        assert.equal(r.message, message);
    else
        assert.match(r.message, message);
}
/** JSON nested `depth` levels deep inside a request object: {"request":"status","x":[[[…]]]} */
const deepJson = (depth) => Buffer.from(`{"request": "status", "x": ${'['.repeat(depth)}${']'.repeat(depth)}}`);
/** MessagePack map {request: 'status', x: [[[…]]]} with `depth` nested arrays */
function deepMsgpack(depth) {
    const head = encode({ request: 'status' }, 'msgpack');
    // fixmap of 2 entries: replace the fixmap header 0x81 with 0x82 and append "x" → nested arrays
    assert.equal(head[0], 0x81);
    const body = Buffer.concat([Buffer.from([0x82]), head.subarray(1), Buffer.from([0xa1, 0x78]), Buffer.alloc(depth - 1, 0x91), Buffer.from([0x90])]);
    return body;
}
describe('malformed requests (req-malformed.json)', () => {
    let m;
    let gate;
    const accepted = ['keep-done', 'keep-running', 'keep-queued'];
    before(async () => {
        m = await startManagerProcess({ nodes: '2' });
        gate = path.join(m.wd, 'gates', 'keep');
        await submitOk(m, [
            { name: 'keep-done', execution: { exec: '/bin/true' } },
            gateJob('keep-running', gate),
            gateJob('keep-queued', gate, { resources: { numCores: 2 } }),
        ]);
        await waitForState(m, 'keep-done');
        await waitForState(m, 'keep-running', ['EXECUTING']);
    });
    after(async () => {
        if (gate)
            openGate(gate);
        await m?.stop();
    });
    test('plain text (not JSON, so MessagePack): malformed MessagePack, JSON reply', async () => {
        assertError(replyOf(await m.requestRaw(Buffer.from('hello')), 'json'), /^Invalid request: malformed MessagePack \(.+\)$/);
    });
    test('random bytes', async () => {
        // 0xc1 is never valid MessagePack: always malformed, JSON reply
        for (let i = 0; i < 5; i++) {
            const frame = Buffer.concat([Buffer.from([0xc1]), randomBytes(64)]);
            assertError(replyOf(await m.requestRaw(frame), 'json'), /^Invalid request: malformed MessagePack \(.+\)$/);
        }
        // anything else: some error, in JSON unless it decoded as MessagePack
        for (let i = 0; i < 30; i++) {
            const frame = randomBytes(1 + (i * 37) % 300);
            if (frame[0] === 0x7b)
                frame[0] = 0x7c;
            const raw = await m.requestRaw(frame);
            const r = decodeReply(raw);
            assert.equal(r.code, 1, `random frame ${frame.toString('hex')}`);
            assert.match(r.message, /^Invalid request: (malformed MessagePack \(.+\)|request must be an object|message nested too deeply|Invalid request)$/);
            if (/malformed MessagePack/.test(r.message))
                assert.equal(raw[0], 0x7b, 'undecodable MessagePack gets a JSON reply');
        }
    });
    test('truncated JSON', async () => {
        assertError(replyOf(await m.requestRaw(Buffer.from('{"request": "status"')), 'json'), /^Invalid request: malformed JSON \(.+\)$/);
    });
    test('JSON that is not valid UTF-8', async () => {
        const frame = Buffer.concat([Buffer.from('{"request": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
        assertError(replyOf(await m.requestRaw(frame), 'json'), /^Invalid request: malformed JSON \(.+\)$/);
    });
    test('JSON array "[1, 2]" does not start with "{", so it is read as MessagePack', async () => {
        assertError(replyOf(await m.requestRaw(Buffer.from('[1, 2]')), 'json'), /^Invalid request: malformed MessagePack \(.+\)$/);
    });
    test('truncated MessagePack', async () => {
        const full = encode({ request: 'jobStatus', jobNames: ['keep-done'] }, 'msgpack');
        for (const cut of [1, 3, full.length - 1]) {
            assertError(replyOf(await m.requestRaw(full.subarray(0, cut)), 'json'), /^Invalid request: malformed MessagePack \(.+\)$/);
        }
    });
    test('MessagePack with trailing bytes (not exactly one object)', async () => {
        const two = Buffer.concat([encode({ request: 'status' }, 'msgpack'), encode({ request: 'status' }, 'msgpack')]);
        assertError(replyOf(await m.requestRaw(two), 'json'), /^Invalid request: malformed MessagePack \(.+\)$/);
    });
    test('MessagePack array, string, nil, number: request must be an object (MessagePack reply)', async () => {
        const frames = [Buffer.from('92a3666f6fa3626172', 'hex'), encode('status', 'msgpack'), Buffer.from([0xc0]), Buffer.from([0x05]), Buffer.from([0xc3])];
        for (const f of frames)
            assertError(replyOf(await m.requestRaw(f), 'msgpack'), 'Invalid request: request must be an object');
    });
    test('MessagePack map with a non-string key: request must be an object', async () => {
        // {1: "status", "request": "status"}
        const frame = Buffer.concat([Buffer.from([0x82, 0x01]), encode('status', 'msgpack'), encode('request', 'msgpack'), encode('status', 'msgpack')]);
        const raw = await m.requestRaw(frame);
        const r = decodeReply(raw);
        assertError(r, 'Invalid request: request must be an object');
    });
    test('MessagePack bin value as the request name counts as a wrong field type', async () => {
        // {"request": <bin "status">}
        const binReq = Buffer.concat([Buffer.from([0x81]), encode('request', 'msgpack'), Buffer.from([0xc4, 6]), Buffer.from('status')]);
        assertError(replyOf(await m.requestRaw(binReq), 'msgpack'), 'Invalid request: Invalid request');
    });
    test('MessagePack bin value as a job name counts as a wrong field type', async () => {
        // {"request": "jobStatus", "jobNames": [<bin "keep-done">]}
        const binName = Buffer.concat([
            Buffer.from([0x82]),
            encode('request', 'msgpack'),
            encode('jobStatus', 'msgpack'),
            encode('jobNames', 'msgpack'),
            Buffer.from([0x91, 0xc4, 9]),
            Buffer.from('keep-done'),
        ]);
        assertError(replyOf(await m.requestRaw(binName), 'msgpack'), 'Invalid request: Wrong job status request - job names must be strings');
    });
    test('MessagePack ext value as a job name counts as a wrong field type', async () => {
        // {"request": "jobStatus", "jobNames": [<fixext1 type 1>]}
        const extName = Buffer.concat([Buffer.from([0x82]), encode('request', 'msgpack'), encode('jobStatus', 'msgpack'), encode('jobNames', 'msgpack'), Buffer.from([0x91, 0xd4, 0x01, 0x00])]);
        assertError(replyOf(await m.requestRaw(extName), 'msgpack'), 'Invalid request: Wrong job status request - job names must be strings');
    });
    test('MessagePack integer beyond ±(2^53−1) is refused', async () => {
        // {"request": "status", "x": uint64 2^60}
        const frame = Buffer.concat([Buffer.from([0x82]), encode('request', 'msgpack'), encode('status', 'msgpack'), encode('x', 'msgpack'), Buffer.from([0xcf, 0x10, 0, 0, 0, 0, 0, 0, 0])]);
        const r = decodeReply(await m.requestRaw(frame));
        assert.equal(r.code, 1);
        assert.match(r.message, /^Invalid request: /);
    });
    test('empty frame', async () => {
        assertError(replyOf(await m.requestRaw(Buffer.alloc(0)), 'json'), 'Invalid request: empty message');
    });
    test('more than one frame in the request body', async () => {
        const a = Buffer.from('{"request": "status"}');
        assertError(replyOf(await m.requestRaw([a, a]), 'json'), 'Invalid request: expected a single frame, got 2');
        assertError(decodeReply(await m.requestRaw([a, Buffer.alloc(0), a])), 'Invalid request: expected a single frame, got 3');
        assertError(decodeReply(await m.requestRaw([Buffer.alloc(0), Buffer.alloc(0)])), 'Invalid request: expected a single frame, got 2');
    });
    test('more than one MessagePack frame: the frames were never decoded, so the reply is JSON', async () => {
        const a = encode({ request: 'status' }, 'msgpack');
        assertError(replyOf(await m.requestRaw([a, a]), 'json'), 'Invalid request: expected a single frame, got 2');
    });
    test('JSON nesting deeper than the limit', async () => {
        assert.equal(decodeReply(await m.requestRaw(deepJson(10))).code, 0, 'depth 10 is fine');
        assertError(replyOf(await m.requestRaw(deepJson(200)), 'json'), 'Invalid request: message nested too deeply');
        assertError(replyOf(await m.requestRaw(deepJson(100_000)), 'json'), 'Invalid request: message nested too deeply');
    });
    test('MessagePack nesting deeper than the limit (200 levels)', async () => {
        assert.equal(decodeReply(await m.requestRaw(deepMsgpack(10))).code, 0, 'MessagePack depth 10 is fine');
        assertError(replyOf(await m.requestRaw(deepMsgpack(200)), 'msgpack'), 'Invalid request: message nested too deeply');
    });
    test('MessagePack nesting deeper than the limit (5 000 levels, still valid MessagePack)', async () => {
        assertError(replyOf(await m.requestRaw(deepMsgpack(5_000)), 'msgpack'), 'Invalid request: message nested too deeply');
    });
    test('a 100 000-deep MessagePack array gets an error reply', async () => {
        const r = decodeReply(await m.requestRaw(deepMsgpack(100_000)));
        assert.equal(r.code, 1);
        assert.match(r.message, /^Invalid request: /);
    });
    test('no request name, request not a string or empty', async () => {
        for (const req of [{ jobs: [] }, { request: 5 }, { request: null }, { request: '' }, { request: ['status'] }, { request: { name: 'status' } }, {}]) {
            assertError(await m.request(req), 'Invalid request: Invalid request');
            assertError(await m.request(req, { encoding: 'msgpack' }), 'Invalid request: Invalid request');
        }
    });
    test('unknown request names (case-sensitive, no prototype lookups)', async () => {
        for (const name of ['bogus', 'ListJobs', 'STATUS', 'Status', 'status ', ' status', 'jobstatus', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
            assertError(await m.request({ request: name }), `Invalid request: Unknown request name: ${name}`);
        }
    });
    test('"__proto__" as a JSON key does not confuse the decoder', async () => {
        const frame = Buffer.from('{"__proto__": {"request": "status"}, "request": "bogus2"}');
        assertError(replyOf(await m.requestRaw(frame), 'json'), 'Invalid request: Unknown request name: bogus2');
        const frame2 = Buffer.from('{"__proto__": {"request": "status"}}');
        assertError(replyOf(await m.requestRaw(frame2), 'json'), 'Invalid request: Invalid request');
    });
    test('wrong field types of every request', async () => {
        const cases = [
            [{ request: 'submit' }, 'Invalid request: Wrong submit request - missing jobs data'],
            [{ request: 'submit', jobs: {} }, 'Invalid request: Wrong submit request - missing jobs data'],
            [{ request: 'submit', jobs: [null] }, 'Invalid request: Wrong submit request - wrong job data'],
            [{ request: 'submit', jobs: [[]] }, 'Invalid request: Wrong submit request - wrong job data'],
            [{ request: 'submit', jobs: [{ name: null, execution: { exec: '/bin/true' } }] }, 'Invalid request: Missing name in job description'],
            [{ request: 'submit', jobs: [{ name: 5, execution: { exec: '/bin/true' } }] }, 'Wrong submit request: Invalid job name 5'],
            [{ request: 'submit', jobs: [{ name: 'x', execution: 'ls' }] }, 'Wrong submit request: Job execution not defined or wrong type'],
            [{ request: 'submit', jobs: [{ name: 'x', execution: { exec: 5 } }] }, 'Wrong submit request: execution.exec must be a string'],
            [{ request: 'submit', jobs: [{ name: 'x', execution: { exec: '/bin/true', args: [{}] } }] }, 'Wrong submit request: Execution arguments must be strings or numbers'],
            [{ request: 'submit', jobs: [{ name: 'x', execution: { exec: '/bin/true', env: [] } }] }, 'Wrong submit request: Execution environment must be a dictionary'],
            [{ request: 'submit', jobs: [{ name: 'x', execution: { exec: '/bin/true' }, resources: 4 }] }, 'Wrong submit request: Job resources not defined or wrong type'],
            [{ request: 'submit', jobs: [{ name: 'x', execution: { exec: '/bin/true' }, resources: { numCores: '4' } }] }, 'Wrong submit request: Wrong definition of number of cores (str)'],
            [{ request: 'submit', jobs: [{ name: 'x', execution: { exec: '/bin/true' }, resources: { numCores: 1, wt: 30 } }] }, 'Wrong submit request: Wrong wall time format'],
            [{ request: 'submit', jobs: [{ name: 'x', execution: { exec: '/bin/true' }, dependencies: { after: 'y' } }] }, "Wrong submit request: Dependency task's list must be an array of job names"],
            [{ request: 'submit', jobs: [{ name: 'x', execution: { exec: '/bin/true' }, attributes: 'a' }] }, 'Wrong submit request: Job attributes must be a dictionary'],
            [{ request: 'jobStatus', jobNames: ['keep-done', 7] }, 'Invalid request: Wrong job status request - job names must be strings'],
            [{ request: 'jobStatus', jobNames: [null] }, 'Invalid request: Wrong job status request - job names must be strings'],
            [{ request: 'jobInfo', jobNames: ['keep-done'], params: { withChilds: 'yes' } }, 'Invalid request: Wrong job info request - withChilds must be a boolean'],
            [{ request: 'jobInfo', jobNames: ['keep-done'], params: [] }, 'Invalid request: Wrong job info request - params must be an object'],
            [{ request: 'jobInfo', jobNames: {} }, 'Invalid request: Wrong job info request - missing job names'],
            [{ request: 'cancelJob', jobNames: 'keep-running' }, 'Invalid request: Wrong cancel job request - missing job names'],
            [{ request: 'cancelJob', jobNames: [true] }, 'Invalid request: Wrong cancel job request - job names must be strings'],
            [{ request: 'removeJob', jobNames: 5 }, 'Invalid request: Wrong remove job request - missing job names'],
            [{ request: 'status', options: [] }, 'Invalid request: Wrong status request - options must be an object'],
            [{ request: 'status', options: { allJobsFinished: 1 } }, 'Invalid request: Wrong status request - allJobsFinished must be a boolean'],
            [{ request: 'finish', options: 'now' }, 'Invalid request: Wrong finish request - options must be an object'],
            [{ request: 'finish', options: { wait: 1 } }, 'Invalid request: Wrong finish request - wait must be a boolean'],
            [{ request: 'control' }, 'Invalid request: Wrong control request - missing command'],
            [{ request: 'control', command: 'stop' }, 'Invalid request: Wrong control request - unknown command "stop"'],
            [{ request: 'register', entity: 'x' }, 'Invalid request: Wrong register request - missing/unknown entity'],
            [{ request: 'notify', entity: 'job', params: 5 }, 'Invalid request: Wrong notify request - missing notify parameters'],
        ];
        for (const [req, message] of cases) {
            assertError(await m.request(req), message);
            assertError(await m.request(req, { encoding: 'msgpack' }), message);
        }
    });
    // regressions found by test/e2e/fuzz.test.ts
    test('control with a map, an array or a number as command: the unknown command, not an internal failure', async () => {
        for (const command of [{}, { a: 1 }, [1, 'x'], 5, true]) {
            for (const encoding of ['json', 'msgpack']) {
                assertError(await m.request({ request: 'control', command }, { encoding }), `Invalid request: Wrong control request - unknown command ${JSON.stringify(JSON.stringify(command))}`);
            }
        }
    });
    test('a 3 000-deep MessagePack array (not a map): too deeply nested, not a stack overflow', async () => {
        const frame = Buffer.concat([Buffer.alloc(2_999, 0x91), Buffer.from([0x90])]);
        assertError(replyOf(await m.requestRaw(frame), 'msgpack'), 'Invalid request: message nested too deeply');
    });
    test('invalid UTF-8 in a MessagePack string is malformed MessagePack (was decoded to U+FFFD and accepted)', async () => {
        for (const bad of ['ff', 'c080', 'eda080', 'f4908080', 'e282']) {
            const name = Buffer.concat([Buffer.from('ab'), Buffer.from(bad, 'hex')]);
            // {"request": "submit", "jobs": [{"name": <bad str>, "execution": {"exec": "/bin/true"}}]}
            const frame = Buffer.concat([
                Buffer.from([0x82]), encode('request', 'msgpack'), encode('submit', 'msgpack'), encode('jobs', 'msgpack'),
                Buffer.from([0x91, 0x82]), encode('name', 'msgpack'), Buffer.from([0xa0 | name.length]), name,
                encode('execution', 'msgpack'), encode({ exec: '/bin/true' }, 'msgpack'),
            ]);
            assertError(replyOf(await m.requestRaw(frame), 'json'), 'Invalid request: malformed MessagePack (invalid UTF-8 in a string)');
        }
        const l = await m.request({ request: 'listJobs' });
        assert.deepEqual(Object.keys(l.data.jobs), accepted, 'nothing registered');
    });
    test('a 1 000 000-deep JSON frame is refused before it is parsed', async () => {
        const frame = Buffer.from(`{"request": "status", "x": ${'{"k":'.repeat(1_000_000)}1${'}'.repeat(1_000_000)}}`);
        assertError(replyOf(await m.requestRaw(frame), 'json'), 'Invalid request: message nested too deeply');
        // brackets inside strings do not count
        const r = await m.request({ request: 'status', options: { allJobsFinished: false }, x: '[[[['.repeat(100) });
        assert.equal(r.code, 0);
    });
    test('unknown extra top-level keys are ignored', async () => {
        const r = await m.request({ request: 'resourcesInfo', extra: { deep: [1, 2] }, comment: 'x' });
        assert.deepStrictEqual(r, { code: 0, data: { total_nodes: 1, total_cores: 2, used_cores: 1, free_cores: 1 } });
    });
    test('a frame of exactly the size limit is decoded; one byte more is refused', async () => {
        const head = '{"request": "status", "pad": "';
        const tail = '"}';
        const exact = Buffer.alloc(LIMIT, 0x61);
        exact.write(head, 0);
        exact.write(tail, LIMIT - tail.length);
        const r = replyOf(await m.requestRaw(exact, { timeoutMs: 120_000 }), 'json');
        assert.equal(r.code, 0, `a ${LIMIT}-byte frame is within the limit: ${r.message}`);
        const over = Buffer.alloc(LIMIT + 1, 0x61);
        over.write(head, 0);
        over.write(tail, LIMIT + 1 - tail.length);
        assertError(replyOf(await m.requestRaw(over, { timeoutMs: 120_000 }), 'json'), `Invalid request: message too large (${LIMIT + 1} bytes, limit ${LIMIT})`);
    });
    test('a 20 MiB JSON frame', async () => {
        const size = 20 * 1024 * 1024;
        const frame = Buffer.alloc(size, 0x61);
        frame.write('{"request": "submit", "jobs": [{"name": "huge", "execution": {"exec": "/bin/true", "args": ["', 0);
        frame.write('"]}}]}', size - 6);
        assertError(replyOf(await m.requestRaw(frame, { timeoutMs: 120_000 }), 'json'), 'Invalid request: message too large (20971520 bytes, limit 16777216)');
    });
    test('a 20 MiB MessagePack frame: too large, and the reply is JSON (decoding never happened)', async () => {
        const size = 20 * 1024 * 1024;
        const frame = Buffer.alloc(size, 0x61);
        frame[0] = 0x81; // fixmap header; never decoded
        assertError(replyOf(await m.requestRaw(frame, { timeoutMs: 120_000 }), 'json'), 'Invalid request: message too large (20971520 bytes, limit 16777216)');
    });
    test('raw REQ sockets: many clients with bad frames interleaved, each gets exactly its own reply', async () => {
        const socks = Array.from({ length: 5 }, () => {
            const s = new zmq.Request({ linger: 0, receiveTimeout: 30_000, sendTimeout: 30_000 });
            s.connect(m.address);
            return s;
        });
        try {
            const res = await Promise.all(socks.map(async (s, i) => {
                const frame = i % 2 ? Buffer.from(`{"request": "bogus${i}"}`) : Buffer.from([0xc1, i]);
                await s.send(frame);
                const [reply] = await s.receive();
                return decodeReply(reply);
            }));
            res.forEach((r, i) => {
                if (i % 2)
                    assertError(r, `Invalid request: Unknown request name: bogus${i}`);
                else
                    assertError(r, /^Invalid request: malformed MessagePack \(.+\)$/);
            });
        }
        finally {
            for (const s of socks)
                s.close();
        }
    });
    test('clients that vanish before their reply do not stall the manager', async () => {
        for (let i = 0; i < 20; i++) {
            const s = new zmq.Request({ linger: 0 });
            s.connect(m.address);
            await s.send(i % 2 ? Buffer.from('{"request": "status"}') : Buffer.from([0xc1]));
            s.close();
        }
        assert.equal((await m.request({ request: 'status' })).code, 0);
    });
    test('many clients in parallel, each in lockstep, each gets its own replies', async () => {
        const clients = 10;
        const perClient = 10;
        const socks = Array.from({ length: clients }, () => {
            const s = new zmq.Request({ linger: 0, receiveTimeout: 30_000, sendTimeout: 30_000 });
            s.connect(m.address);
            return s;
        });
        try {
            await Promise.all(socks.map(async (s, c) => {
                for (let i = 0; i < perClient; i++) {
                    const name = `par-${c}-${i}`;
                    await s.send(encode({ request: 'submit', jobs: [{ name, execution: { exec: '/bin/true' }, dependencies: { after: ['never-there'] } }] }, i % 2 ? 'msgpack' : 'json'));
                    const [raw] = await s.receive();
                    assert.equal(raw[0] === 0x7b, i % 2 === 0, 'reply encoding follows the request');
                    assert.deepStrictEqual(decodeReply(raw), { code: 0, message: '1 jobs submitted', data: { submitted: 1, jobs: [name] } });
                }
            }));
        }
        finally {
            for (const s of socks)
                s.close();
        }
        const l = await m.request({ request: 'listJobs' });
        const par = Object.keys(l.data.jobs).filter((n) => n.startsWith('par-'));
        assert.equal(par.length, clients * perClient);
        assert.deepStrictEqual(await m.request({ request: 'removeJob', jobNames: par }), { code: 0, data: { removed: clients * perClient } });
    });
    test('after all of that the manager still serves and every accepted job is still there', async () => {
        const st = await m.request({ request: 'status' });
        assert.equal(st.code, 0);
        assert.equal(st.data.JobStats.TotalJobs, 3);
        const l = await m.request({ request: 'listJobs' });
        assert.deepEqual(Object.keys(l.data.jobs), accepted);
        assert.equal(l.data.jobs['keep-done'].status, 'SUCCEED');
        assert.equal(l.data.jobs['keep-running'].status, 'EXECUTING');
        assert.equal(l.data.jobs['keep-queued'].status, 'QUEUED');
        // and it still works end to end
        openGate(gate);
        assert.equal(await waitForState(m, 'keep-running'), 'SUCCEED');
        assert.equal(await waitForState(m, 'keep-queued'), 'SUCCEED');
        await submitOk(m, [{ name: 'after-all', execution: { exec: '/bin/true' } }], 'msgpack');
        assert.equal(await waitForState(m, 'after-all'), 'SUCCEED');
        assert.equal(m.child.exitCode, null, 'manager process still running');
    });
});
//# sourceMappingURL=malformed.test.js.map