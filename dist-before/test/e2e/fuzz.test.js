/**
 * Fuzzing the request socket of a real manager process (issue 6, protocol.md §2.4, §4, jobs.md §7): tens of
 * thousands of malformed and adversarial frames — random bytes, random request objects, a wrong type in every
 * field of every request kind (both encodings, MessagePack bin/ext too), unknown keys, truncated JSON and
 * MessagePack, invalid UTF-8, deep nesting, huge strings and arrays, multipart frames, names with every kind of
 * character. Each frame must get exactly one reply, in the request's encoding (JSON when it could not be
 * decoded), `code 1` with a message that says what is wrong and where (never an internal failure); valid
 * requests interleaved with the fuzz are answered correctly throughout; the jobs accepted before are untouched
 * and the manager's memory stays bounded.
 *
 * Runs are reproducible: every property uses a seed derived from FUZZ_SEED (printed), and a failure prints
 * fast-check's seed and path. FUZZ_SCALE multiplies the run counts (default 1).
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { decodeReply, encode } from '../../protocol/codec.js';
import { gateJob, openGate } from '../helpers/jobs.js';
import { jobInfo, REPO_ROOT, startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n) => Math.max(1, Math.round(n * SCALE));
/** No lone surrogates (which UTF-8, and so MessagePack, cannot carry). */
const wellFormed = (s) => !/\p{Cs}/u.test(s);
/** Stand-ins for MessagePack's bin and ext types (msgpackr writes a Buffer as bin, a Date as timestamp ext). */
const BIN = Buffer.from([0x73, 0x74]);
const EXT = new Date(0);
/** Every error message starts like one of these (protocol.md §2.4, §4, jobs.md §7). */
const KNOWN_ERROR = /^(Invalid request: .|Wrong submit request[:-] .|Job .|Not enough resources for job .|Register manager request not supported|Operation not supported)/s;
/** Check one reply frame; returns it decoded. */
function check(raw, want, what) {
    const isJson = raw.length > 0 && raw[0] === 0x7b;
    assert.equal(isJson ? 'json' : 'msgpack', want.encoding, `reply encoding for ${what()}`);
    const r = decodeReply(raw);
    if (want.message || r.code !== 0) {
        assert.deepEqual(Object.keys(r), ['code', 'message'], `error replies are exactly {code, message}: ${JSON.stringify(r).slice(0, 300)} for ${what()}`);
        assert.equal(r.code, 1, `code 1 for ${what()}`);
        assert.equal(typeof r.message, 'string');
        assert.doesNotMatch(r.message, /^Failed to process request/, `an internal failure for ${what()}`);
        assert.match(r.message, KNOWN_ERROR, `a known message for ${what()}`);
        if (want.message)
            assert.match(r.message, want.message, `message for ${what()}`);
    }
    return r;
}
const show = (v) => {
    const s = JSON.stringify(v, (_k, x) => (x instanceof Date ? '<ext>' : x?.type === 'Buffer' ? '<bin>' : x));
    return s === undefined ? String(v) : s.length > 400 ? `${s.slice(0, 400)}… (${s.length} chars)` : s;
};
const KINDS = ['null', 'bool', 'int', 'float', 'str', 'array', 'object', 'bin', 'ext'];
/** Strings that both encodings carry unchanged (no lone surrogates: MessagePack strings are UTF-8). */
const text = (maxLength = 24) => fc.string({ unit: 'binary', maxLength }).filter(wellFormed);
/** Numbers both encodings carry (an integral value beyond ±(2^53−1) is refused in MessagePack, protocol.md §2.1). */
const num = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => Math.abs(x) <= Number.MAX_SAFE_INTEGER || !Number.isInteger(x));
const leaf = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), num, text(8));
const small = fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(text(6), leaf, { maxKeys: 3 }));
function ofKind(kind) {
    switch (kind) {
        case 'null':
            return fc.constant(null);
        case 'bool':
            return fc.boolean();
        case 'int':
            return fc.oneof(fc.integer(), fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER));
        case 'float':
            return num.filter((x) => !Number.isInteger(x));
        case 'str':
            return text();
        case 'array':
            return fc.array(small, { maxLength: 3 });
        case 'object':
            return fc.dictionary(text(6), small, { maxKeys: 3 });
        case 'bin':
            return fc.constant(BIN);
        case 'ext':
            return fc.constant(EXT);
    }
}
/** A value of a kind outside `allowed`, in an encoding that can carry it. */
function wrongValue(allowed, encoding) {
    const kinds = KINDS.filter((k) => !allowed.includes(k) && (encoding === 'msgpack' || (k !== 'bin' && k !== 'ext')));
    return fc.constantFrom(...kinds).chain(ofKind);
}
const wait = (name) => ({ after: [name] });
/** A job that would wait for the gated job forever: nothing accepted by mistake ever runs during the fuzz. */
const baseJob = () => ({
    name: 'fz-base',
    execution: { exec: '/bin/true', args: ['a', 1], env: { A: 'b' }, wd: 'w', stdin: '/dev/null', stdout: 'o', stderr: 'e', modules: ['m'], venv: 'v', model: 'default', model_opts: {} },
    resources: { numCores: { min: 1, max: 2 }, numNodes: 1, wt: '10s', nodeCrs: { gpu: 1 } },
    iteration: { start: 0, stop: 2 },
    dependencies: wait('keep-running'),
    attributes: { a: 1 },
});
const submit = (patch = () => { }) => () => {
    const job = baseJob();
    patch(job);
    return { request: 'submit', jobs: [job] };
};
const scriptJob = submit((j) => (j.execution = { script: 'true' }));
const valuesJob = submit((j) => (j.iteration = { values: ['a', 'b'] }));
const schedJob = submit((j) => (j.resources = { numCores: { min: 1, scheduler: { name: 'split-into', params: { parts: 2 } } } }));
const W = (text) => new RegExp(`^Wrong submit request: ${text}$`);
const P = (text) => new RegExp(`^Invalid request: ${text}$`);
const J = ['jobs', 0];
const E = [...J, 'execution'];
const R = [...J, 'resources'];
const FIELDS = [
    { base: () => ({ request: 'listJobs' }), path: ['request'], allowed: ['str'], message: P('Invalid request') },
    // submit (protocol.md §4.1, jobs.md §7)
    { base: submit(), path: ['jobs'], allowed: ['array'], message: P('Wrong submit request - missing jobs data') },
    { base: submit(), path: J, allowed: ['object'], message: P('Wrong submit request - wrong job data') },
    { base: submit(), path: [...J, 'name'], allowed: ['str'], message: /^(Invalid request: Missing name in job description|Wrong submit request: Invalid job name .+)$/s },
    { base: submit(), path: E, allowed: ['object'], message: W('Job execution not defined or wrong type') },
    { base: submit(), path: R, allowed: ['object'], message: W('Job resources not defined or wrong type') },
    { base: submit(), path: [...J, 'iteration'], allowed: ['object'], message: P('Wrong format of iteration directive: not a dictionary') },
    { base: submit(), path: [...J, 'dependencies'], allowed: ['object', 'null'], message: W('Job dependencies wrong type') },
    { base: submit(), path: [...J, 'attributes'], allowed: ['object', 'null'], message: W('Job attributes must be a dictionary') },
    { base: submit(), path: [...E, 'exec'], allowed: ['str', 'null'], message: /^Wrong submit request: (execution\.exec must be a string|Job execution \(exec or script\) not defined)$/ },
    { base: scriptJob, path: [...E, 'script'], allowed: ['str', 'null'], message: /^Wrong submit request: (execution\.script must be a string|Job execution \(exec or script\) not defined)$/ },
    { base: submit(), path: [...E, 'args'], allowed: ['array', 'null'], message: W('Execution arguments must be an array') },
    { base: submit(), path: [...E, 'args', 1], allowed: ['str', 'int', 'float'], message: W('Execution arguments must be strings or numbers') },
    { base: submit(), path: [...E, 'env'], allowed: ['object', 'null'], message: W('Execution environment must be a dictionary') },
    { base: submit(), path: [...E, 'env', 'A'], allowed: ['str', 'int', 'float'], message: W('Execution environment values must be strings') },
    ...['wd', 'stdin', 'stdout', 'stderr', 'venv', 'model'].map((k) => ({ base: submit(), path: [...E, k], allowed: ['str', 'null'], message: W(`execution\\.${k} must be a string`) })),
    { base: submit(), path: [...E, 'modules'], allowed: ['str', 'array', 'null'], message: W('execution\\.modules must be a string or an array of strings') },
    { base: submit(), path: [...E, 'modules', 0], allowed: ['str'], message: W('execution\\.modules must be a string or an array of strings') },
    { base: submit(), path: [...E, 'model_opts'], allowed: ['object', 'null'], message: W('Execution model options must be a dictionary') },
    { base: submit(), path: [...R, 'numCores'], allowed: ['int', 'object', 'null'], message: W('Wrong definition of number of cores \\((str|float|bool|list|dict)\\)') },
    { base: submit(), path: [...R, 'numCores', 'min'], allowed: ['int', 'null'], message: W('Wrong definition of number of cores \\((str|float|bool|list|dict)\\)') },
    { base: submit(), path: [...R, 'numCores', 'max'], allowed: ['int', 'null'], message: W('Wrong definition of number of cores \\((str|float|bool|list|dict)\\)') },
    { base: submit(), path: [...R, 'numNodes'], allowed: ['int', 'object', 'null'], message: W('Wrong definition of number of nodes \\((str|float|bool|list|dict)\\)') },
    { base: submit(), path: [...R, 'wt'], allowed: ['str', 'null'], message: W('Wrong wall time format') },
    { base: submit(), path: [...R, 'nodeCrs'], allowed: ['object', 'null'], message: W('Wrong definition of Consumable Resources (str|int|float|bool|list|dict) \\(must be a dictionary\\)') },
    { base: submit(), path: [...R, 'nodeCrs', 'gpu'], allowed: ['int'], message: W('Consumable resource gpu count not a number (NoneType|str|float|bool|list|dict)') },
    { base: schedJob, path: [...R, 'numCores', 'scheduler'], allowed: ['str', 'object', 'null'], message: W('Wrong definition of iteration scheduler') },
    { base: schedJob, path: [...R, 'numCores', 'scheduler', 'name'], allowed: ['str'], message: W('Wrong definition of iteration scheduler') },
    { base: schedJob, path: [...R, 'numCores', 'scheduler', 'params'], allowed: ['object', 'null'], message: W('Wrong definition of iteration scheduler') },
    { base: schedJob, path: [...R, 'numCores', 'scheduler', 'params', 'parts'], allowed: ['int', 'null'], message: W('Wrong definition of iteration scheduler') },
    { base: submit(), path: [...J, 'iteration', 'start'], allowed: ['int', 'null'], message: P('Wrong format of iteration directive: start and stop must be integers') },
    { base: submit(), path: [...J, 'iteration', 'stop'], allowed: ['int'], message: P('Wrong format of iteration directive: (start and stop must be integers|not a dictionary)') },
    { base: valuesJob, path: [...J, 'iteration', 'values'], allowed: ['array'], message: /^(Wrong submit request: Job iteration values must be a non-empty array of strings|Invalid request: Wrong format of iteration directive: not a dictionary)$/ },
    { base: valuesJob, path: [...J, 'iteration', 'values', 0], allowed: ['str', 'int', 'float'], message: W('Job iteration values must be a non-empty array of strings') },
    { base: submit(), path: [...J, 'dependencies', 'after'], allowed: ['array', 'null'], message: W("Dependency task's list must be an array of job names") },
    { base: submit(), path: [...J, 'dependencies', 'after', 0], allowed: ['str'], message: W("Dependency task's list must be an array of job names") },
    // queries and the rest (protocol.md §4.3–§4.11)
    ...[
        ['jobStatus', 'job status'],
        ['jobInfo', 'job info'],
        ['cancelJob', 'cancel job'],
        ['removeJob', 'remove job'],
    ].flatMap(([request, what]) => [
        { base: () => ({ request, jobNames: ['keep-done'] }), path: ['jobNames'], allowed: ['array'], message: P(`Wrong ${what} request - missing job names`) },
        { base: () => ({ request, jobNames: ['keep-done', 'x'] }), path: ['jobNames', 1], allowed: ['str'], message: P(`Wrong ${what} request - job names must be strings`) },
    ]),
    { base: () => ({ request: 'jobInfo', jobNames: ['keep-done'], params: { withChilds: true } }), path: ['params'], allowed: ['object', 'null'], message: P('Wrong job info request - params must be an object') },
    { base: () => ({ request: 'jobInfo', jobNames: ['keep-done'], params: { withChilds: true } }), path: ['params', 'withChilds'], allowed: ['bool', 'null'], message: P('Wrong job info request - withChilds must be a boolean') },
    { base: () => ({ request: 'status', options: { allJobsFinished: true } }), path: ['options'], allowed: ['object', 'null'], message: P('Wrong status request - options must be an object') },
    { base: () => ({ request: 'status', options: { allJobsFinished: true } }), path: ['options', 'allJobsFinished'], allowed: ['bool', 'null'], message: P('Wrong status request - allJobsFinished must be a boolean') },
    // never a valid finish or control: that would stop the manager
    { base: () => ({ request: 'finish', options: { wait: true } }), path: ['options'], allowed: ['object', 'null'], message: P('Wrong finish request - options must be an object') },
    { base: () => ({ request: 'finish', options: { wait: true } }), path: ['options', 'wait'], allowed: ['bool', 'null'], message: P('Wrong finish request - wait must be a boolean') },
    { base: () => ({ request: 'control', command: 'x' }), path: ['command'], allowed: ['str'], message: P('Wrong control request - (missing|unknown) command.*') },
    { base: () => ({ request: 'register', entity: 'manager', params: { id: 1, address: 1, resources: 1 } }), path: ['entity'], allowed: ['str'], message: P('Wrong register request - missing/unknown entity') },
    { base: () => ({ request: 'register', entity: 'manager', params: { id: 1, address: 1, resources: 1 } }), path: ['params'], allowed: ['object'], message: P('Wrong register request - missing register parameters') },
    { base: () => ({ request: 'notify', entity: 'job', params: { name: 1, state: 1, attributes: 1 } }), path: ['entity'], allowed: ['str'], message: P('Wrong notify request - missing/unknown entity') },
    { base: () => ({ request: 'notify', entity: 'job', params: { name: 1, state: 1, attributes: 1 } }), path: ['params'], allowed: ['object'], message: P('Wrong notify request - missing notify parameters') },
];
/** Objects of a job description that refuse unknown keys, and the message that names the key. */
const STRICT_OBJECTS = [
    { path: J, base: submit(), keys: ['name', 'execution', 'resources', 'iteration', 'dependencies', 'attributes'], message: (k) => `Wrong submit request: unexpected keyword argument '${k}'` },
    { path: E, base: submit(), keys: ['exec', 'args', 'script', 'env', 'wd', 'stdin', 'stdout', 'stderr', 'modules', 'venv', 'model', 'model_opts'], message: (k) => `Wrong submit request: unexpected keyword argument '${k}'` },
    { path: R, base: submit(), keys: ['numCores', 'numNodes', 'wt', 'nodeCrs'], message: (k) => `Wrong submit request: unexpected keyword argument '${k}'` },
    { path: [...R, 'numCores'], base: submit(), keys: ['exact', 'min', 'max', 'scheduler'], message: (k) => `Wrong submit request: unexpected keyword argument '${k}'` },
    { path: [...J, 'iteration'], base: submit(), keys: ['start', 'stop', 'values'], message: () => 'Wrong submit request: Job iteration wrong specification' },
    { path: [...J, 'dependencies'], base: submit(), keys: ['after'], message: () => 'Wrong submit request: Job dependencies wrong specification' },
];
function setAt(obj, p, value) {
    let o = obj;
    for (const k of p.slice(0, -1))
        o = o[k];
    const last = p[p.length - 1];
    if (last === '__proto__')
        Object.defineProperty(o, last, { value, enumerable: true, writable: true, configurable: true });
    else
        o[last] = value;
}
const getAt = (obj, p) => p.reduce((o, k) => o[k], obj);
/** Valid requests of every kind that change nothing: material for truncation and byte-level mutation. */
const VALID = [
    { request: 'listJobs' },
    { request: 'jobStatus', jobNames: ['keep-done', 'keep-running', 'keep-queued'] },
    { request: 'jobInfo', jobNames: ['keep-done'], params: { withChilds: true } },
    { request: 'resourcesInfo' },
    { request: 'status' },
    { request: 'status', options: { allJobsFinished: true } },
    submit()(),
    scriptJob(),
    valuesJob(),
    schedJob(),
    ...examplesFromSpec(),
];
/** The submit requests of the spec's examples (shared/spec/examples), when the checkout has them. */
function examplesFromSpec() {
    const dir = [path.join(REPO_ROOT, '..', 'shared'), path.join(REPO_ROOT, '..', '..', 'shared')].map((d) => path.join(d, 'spec', 'examples')).find((d) => existsSync(d));
    const out = [];
    if (!dir)
        return out;
    for (const f of ['jobs-simple.json', 'jobs-script.json', 'jobs-iteration.json', 'jobs-dependency-chain.json', 'jobs-min-max-cores.json', 'jobs-split-into.json']) {
        try {
            const r = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
            if (r.request === 'submit')
                out.push(r);
        }
        catch {
            // not beside this checkout
        }
    }
    return out;
}
// ---- the test ------------------------------------------------------------------------------------------
describe('fuzzing the request socket (issue 6)', { timeout: 300_000 }, () => {
    let m;
    let gate;
    const keep = ['keep-done', 'keep-running', 'keep-queued'];
    let before_;
    let rssBefore = 0;
    /** after the frames of megabytes, which grow the heap for a while (a fixed amount: tested by repeating them) */
    let rssAfterHuge = 0;
    let sent = 0;
    /** names the name fuzz got accepted (they wait for keep-running, so they never run) */
    const accepted = [];
    const rssKiB = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${m.child.pid}/status`, 'utf8'))[1]);
    /** Send a frame; every 25 frames a valid request in between must be answered correctly. */
    async function send(frames) {
        const raw = await m.requestRaw(frames);
        if (++sent % 25 === 0) {
            const encoding = sent % 50 === 0 ? 'json' : 'msgpack';
            const r = await m.request({ request: 'jobStatus', jobNames: keep }, { encoding });
            assert.deepStrictEqual(Object.fromEntries(keep.map((n) => [n, r.data?.jobs?.[n]?.data?.status])), { 'keep-done': 'SUCCEED', 'keep-running': 'EXECUTING', 'keep-queued': 'QUEUED' }, `the manager answers a valid request between fuzz frames (${encoding})`);
        }
        return raw;
    }
    const params = (salt, numRuns) => ({ seed: SEED + salt, numRuns: runs(numRuns), endOnFailure: false });
    before(async () => {
        m = await startManagerProcess({ nodes: '2' });
        gate = path.join(m.wd, 'gates', 'keep');
        await submitOk(m, [
            { name: 'keep-done', execution: { exec: '/bin/echo', args: ['done'], stdout: 'done.out' } },
            gateJob('keep-running', gate),
            gateJob('keep-queued', gate, { resources: { numCores: 2 } }),
        ]);
        await waitForState(m, 'keep-done');
        await waitForState(m, 'keep-running', ['EXECUTING']);
        before_ = {};
        for (const n of keep)
            before_[n] = await jobInfo(m, n, true);
        rssBefore = rssKiB();
    });
    afterEach((t) => {
        if (process.env.FUZZ_RSS)
            t.diagnostic(`RSS ${Math.round(rssKiB() / 1024)} MiB`);
    });
    after(async () => {
        if (gate)
            openGate(gate);
        await m?.stop();
    });
    const diag = (t, salt) => t.diagnostic(`FUZZ_SEED=${SEED} (property seed ${SEED + salt})`);
    test('huge strings and arrays', async () => {
        const big = 'n'.repeat(2_000_000);
        const cases = [
            ['a 2 MB name with a space', { request: 'submit', jobs: [{ ...baseJob(), name: `${big} x` }] }, /^Job identifier '\(n+ x\)' contains invalid characters or unknown variables$/],
            ['a 2 MB unknown job name', { request: 'jobStatus', jobNames: [big] }, /^Job 'n+' doesn't exist$/],
            ['100 000 unknown names', { request: 'jobInfo', jobNames: Array.from({ length: 100_000 }, (_, i) => `u${i}`) }, /^Job \['u0', 'u1', .*'u99999'\] doesn't exist$/s],
            ['200 000 args, the last one null', { request: 'submit', jobs: [{ ...baseJob(), execution: { exec: '/bin/true', args: [...Array(199_999).fill('a'), null] } }] }, W('Execution arguments must be strings or numbers')],
            ['30 000 jobs, the last one broken', { request: 'submit', jobs: [...Array.from({ length: 29_999 }, (_, i) => ({ ...baseJob(), name: `bulk${i}` })), { name: 'bulk-last', execution: 5 }] }, W('Job execution not defined or wrong type')],
            ['a 1 MB request name', { request: big.slice(0, 1_000_000) }, /^Invalid request: Unknown request name: n+$/],
            ['a 1 MB environment key', { request: 'submit', jobs: [{ ...baseJob(), execution: { exec: '/bin/true', env: { [big.slice(0, 1_000_000)]: null } } }] }, W('Execution environment values must be strings')],
        ];
        for (const [what, req, message] of cases) {
            for (const encoding of ['json', 'msgpack'])
                check(await send(encode(req, encoding)), { encoding, message }, () => `${what} (${encoding})`);
        }
        const list = await m.request({ request: 'listJobs' });
        assert.ok(!Object.keys(list.data.jobs).some((n) => n.startsWith('bulk')), 'nothing of the refused 30 000-job submit was registered');
        // over the frame limit: refused before decoding, JSON reply
        const huge = Buffer.alloc(16 * 1024 * 1024 + 1, 0x20);
        huge[0] = 0x7b;
        check(await send(huge), { encoding: 'json', message: /^Invalid request: message too large \(16777217 bytes, limit 16777216\)$/ }, () => '16 MiB + 1');
        rssAfterHuge = rssKiB();
    });
    test('a wrong type in every field of every request kind, both encodings', async (t) => {
        diag(t, 1);
        const arb = fc
            .record({ field: fc.constantFrom(...FIELDS), encoding: fc.constantFrom('json', 'msgpack') })
            .chain(({ field, encoding }) => fc.record({ field: fc.constant(field), encoding: fc.constant(encoding), value: wrongValue(field.allowed, encoding) }));
        await fc.assert(fc.asyncProperty(arb, async ({ field, encoding, value }) => {
            const req = field.base();
            setAt(req, field.path, value);
            check(await send(encode(req, encoding)), { encoding, message: field.message }, () => `${field.path.join('.')} = ${show(value)} (${encoding})`);
        }), params(1, 12_000));
    });
    test('an unknown key in every object of a job description', async (t) => {
        diag(t, 2);
        const arb = fc.record({ obj: fc.constantFrom(...STRICT_OBJECTS), key: text(12), value: small, encoding: fc.constantFrom('json', 'msgpack') });
        await fc.assert(fc.asyncProperty(arb.filter(({ obj, key }) => !obj.keys.includes(key)), async ({ obj, key, value, encoding }) => {
            const req = obj.base();
            setAt(getAt(req, obj.path), [key], value);
            const message = new RegExp(`^${obj.message(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 's');
            check(await send(encode(req, encoding)), { encoding, message }, () => `key ${show(key)} in ${obj.path.join('.')} (${encoding})`);
        }), params(2, 1500));
    });
    test('random bytes', async (t) => {
        diag(t, 3);
        await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 400 }), async (bytes) => {
            const frame = Buffer.from(bytes);
            const raw = await send(frame);
            const r = decodeReply(raw);
            // undecodable frames get JSON replies; a random frame that decodes is some MessagePack value
            const undecodable = /^Invalid request: (malformed (JSON|MessagePack) \(.+\)|empty message)$/s.test(r.message ?? '');
            check(raw, { encoding: undecodable || frame[0] === 0x7b ? 'json' : 'msgpack', message: /^Invalid request: /s }, () => frame.toString('hex'));
        }), params(3, 4000));
    });
    test('random request objects (never finish or control): one well-formed reply each', async (t) => {
        diag(t, 4);
        const names = ['submit', 'listJobs', 'jobStatus', 'jobInfo', 'cancelJob', 'removeJob', 'resourcesInfo', 'status', 'register', 'notify', 'Submit', 'finish ', ''];
        const keys = ['jobs', 'jobNames', 'params', 'options', 'command', 'entity', 'name', 'execution', 'withChilds', 'allJobsFinished', '__proto__', 'constructor'];
        const value = fc.letrec((tie) => ({
            v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.oneof(fc.constantFrom(...keys), text(6)), tie('v'), { maxKeys: 4 })),
        })).v;
        const arb = fc.record({
            request: fc.oneof(fc.constantFrom(...names), value),
            fields: fc.dictionary(fc.oneof(fc.constantFrom(...keys), text(6)), value, { maxKeys: 4 }),
            encoding: fc.constantFrom('json', 'msgpack'),
        });
        await fc.assert(fc.asyncProperty(arb, async ({ request, fields, encoding }) => {
            const req = {};
            for (const [k, v] of Object.entries(fields))
                setAt(req, [k], v);
            req.request = request;
            check(await send(encode(req, encoding)), { encoding }, () => `${show(req)} (${encoding})`);
        }), params(4, 4000));
    });
    test('truncated JSON and truncated MessagePack', async (t) => {
        diag(t, 5);
        const arb = fc.record({ req: fc.constantFrom(...VALID), encoding: fc.constantFrom('json', 'msgpack'), at: fc.double({ min: 0, max: 1, noNaN: true }) });
        await fc.assert(fc.asyncProperty(arb, async ({ req, encoding, at }) => {
            const full = Buffer.from(encode(req, encoding));
            const cut = 1 + Math.floor(at * (full.length - 2)); // 1 … length−1 bytes
            const message = encoding === 'json' ? /^Invalid request: malformed JSON \(.+\)$/s : /^Invalid request: malformed MessagePack \(truncated data\)$/;
            check(await send(full.subarray(0, cut)), { encoding: 'json', message }, () => `${show(req)} cut at ${cut}/${full.length} (${encoding})`);
        }), params(5, 3000));
    });
    test('flipped bytes in valid requests: one well-formed reply each', async (t) => {
        diag(t, 6);
        // submits excluded: a flipped byte could make a runnable job; what remains changes nothing when valid
        const queries = VALID.filter((r) => r.request !== 'submit');
        const arb = fc.record({ req: fc.constantFrom(...queries), encoding: fc.constantFrom('json', 'msgpack'), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) });
        await fc.assert(fc.asyncProperty(arb, async ({ req, encoding, at, byte }) => {
            const frame = Buffer.from(encode(req, encoding));
            frame[at % frame.length] = byte;
            const raw = await send(frame);
            const r = decodeReply(raw);
            const undecodable = /^Invalid request: (malformed (JSON|MessagePack) \(.+\)|empty message)$/s.test(r.message ?? '');
            check(raw, { encoding: undecodable || frame[0] === 0x7b ? 'json' : 'msgpack' }, () => `${frame.toString('hex')} (${encoding})`);
        }), params(6, 3000));
    });
    test('invalid UTF-8 in strings of both encodings', async (t) => {
        diag(t, 7);
        const BAD = ['ff', 'fe', 'c080', 'c1bf', 'eda080', 'edbfbf', 'f4908080', 'f8888080', '80', 'bf', 'e282', 'f09f98'].map((h) => Buffer.from(h, 'hex'));
        const MARK = 'QQQQQQQQ';
        const arb = fc.record({
            where: fc.constantFrom('request', 'name', 'arg', 'key', 'jobNames'),
            bad: fc.constantFrom(...BAD),
            pad: fc.nat({ max: 4 }),
            encoding: fc.constantFrom('json', 'msgpack'),
        });
        await fc.assert(fc.asyncProperty(arb, async ({ where, bad, pad, encoding }) => {
            const req = where === 'request' ? { request: MARK } : where === 'jobNames' ? { request: 'jobStatus', jobNames: [MARK] } : submit()();
            if (where === 'name')
                req.jobs[0].name = MARK;
            if (where === 'arg')
                req.jobs[0].execution.args = [MARK];
            if (where === 'key')
                req.jobs[0].attributes = { [MARK]: 1 };
            const frame = Buffer.from(encode(req, encoding));
            const at = frame.indexOf(MARK);
            const bytes = Buffer.concat([Buffer.alloc(pad, 0x61), bad]).subarray(0, MARK.length);
            Buffer.concat([bytes, Buffer.alloc(MARK.length - bytes.length, 0x61)]).copy(frame, at); // same length: headers stay right
            const message = encoding === 'json' ? /^Invalid request: malformed JSON \(invalid UTF-8\)$/ : /^Invalid request: malformed MessagePack \(invalid UTF-8 in a string\)$/;
            check(await send(frame), { encoding: 'json', message }, () => `${frame.toString('hex')} (${encoding})`);
        }), params(7, 2000));
    });
    test('deep nesting anywhere in a request', async (t) => {
        diag(t, 8);
        const arb = fc.record({
            depth: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 80, max: 400 }), fc.integer({ min: 1000, max: 300_000 })),
            where: fc.constantFrom('jobNames', 'job', 'args', 'top'),
            inner: fc.constantFrom('array', 'map'),
            encoding: fc.constantFrom('json', 'msgpack'),
        });
        await fc.assert(fc.asyncProperty(arb, async ({ depth, where, inner, encoding }) => {
            const MARK = 'DEEPDEEP';
            const req = where === 'jobNames' ? { request: 'jobStatus', jobNames: [MARK] } : where === 'top' ? { request: 'jobStatus', jobNames: ['keep-done'], x: MARK } : submit()();
            if (where === 'job')
                req.jobs[0] = MARK;
            if (where === 'args')
                req.jobs[0].execution.args = [MARK];
            const marked = Buffer.from(encode(req, encoding));
            const open = encoding === 'json' ? Buffer.from(inner === 'array' ? '[' : '{"k":') : Buffer.from(inner === 'array' ? [0x91] : [0x81, 0xa1, 0x6b]);
            const close = encoding === 'json' ? Buffer.from(inner === 'array' ? ']' : '}') : Buffer.alloc(0);
            const leafBytes = encoding === 'json' ? Buffer.from('1') : Buffer.from([0x01]);
            const nest = Buffer.concat([Buffer.alloc(open.length * depth).fill(open), leafBytes, Buffer.alloc(close.length * depth).fill(close)]);
            const markBytes = encoding === 'json' ? Buffer.from(`"${MARK}"`) : Buffer.concat([Buffer.from([0xa0 | MARK.length]), Buffer.from(MARK)]);
            const at = marked.indexOf(markBytes);
            const frame = Buffer.concat([marked.subarray(0, at), nest, marked.subarray(at + markBytes.length)]);
            const what = () => `depth ${depth} ${inner} at ${where} (${encoding})`;
            if (depth >= 80)
                return void check(await send(frame), { encoding, message: /^Invalid request: message nested too deeply$/ }, what);
            if (where === 'top') {
                // an unknown extra key is ignored, however deep (within the limit)
                const r = check(await send(frame), { encoding }, what);
                return void assert.deepStrictEqual(r, { code: 0, data: { jobs: { 'keep-done': { status: 0, data: { jobName: 'keep-done', status: 'SUCCEED' } } } } }, what());
            }
            const message = where === 'jobNames'
                ? P('Wrong job status request - job names must be strings')
                : where === 'args'
                    ? W('Execution arguments must be strings or numbers')
                    : inner === 'array'
                        ? P('Wrong submit request - wrong job data')
                        : P('Missing name in job description');
            check(await send(frame), { encoding, message }, () => `depth ${depth} ${inner} at ${where} (${encoding})`);
        }), params(8, 400));
    });
    test('multipart requests', async (t) => {
        diag(t, 9);
        const arb = fc.array(fc.uint8Array({ maxLength: 64 }), { minLength: 2, maxLength: 6 });
        await fc.assert(fc.asyncProperty(arb, async (parts) => {
            const frames = parts.map((p, i) => (i === 0 && p.length === 0 ? Buffer.from(encode({ request: 'listJobs' }, 'json')) : Buffer.from(p)));
            check(await send(frames), { encoding: 'json', message: new RegExp(`^Invalid request: expected a single frame, got ${frames.length}$`) }, () => `${frames.length} frames`);
        }), params(9, 1000));
    });
    test('names with every kind of character: queries answer per protocol.md §3; submits accept exactly the allowed names', async (t) => {
        diag(t, 10);
        const SPECIAL = [...'$${}()\'" \t\n\r\\:;,&|<>*?[]~#%^=+!@/.`\0\u0001\u007f\u00a0\u2028\ufeff\u{1f600}'];
        const nameChar = fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom('a', 'b', '1', '-', '_'));
        const name = fc.array(nameChar, { minLength: 0, maxLength: 12 }).map((cs) => cs.join(''));
        const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => `x${String.fromCharCode(c)}y`);
        const arb = fc.record({
            name: fc.oneof({ weight: 6, arbitrary: name }, { weight: 1, arbitrary: lone }),
            kind: fc.constantFrom('jobStatus', 'jobInfo', 'cancelJob', 'removeJob', 'submit', 'submit'),
            encoding: fc.constantFrom('json', 'msgpack'),
        });
        await fc.assert(fc.asyncProperty(arb, async ({ name, kind, encoding }) => {
            // MessagePack strings are UTF-8: a lone surrogate cannot be sent that way (that is the invalid UTF-8 case)
            if (encoding === 'msgpack' && !wellFormed(name))
                encoding = 'json';
            const what = () => `${kind} ${JSON.stringify(name)} (${encoding})`;
            if (kind === 'submit') {
                // no '$' in submitted names: substitution would change them (placeholders are tested elsewhere)
                const n = name.replaceAll('$', 'S');
                const req = { request: 'submit', jobs: [{ name: n, execution: { exec: '/bin/true' }, dependencies: wait('keep-running') }] };
                const raw = await send(encode(req, encoding));
                const expected = n === '' ? /^Wrong submit request: Invalid job name ""$/
                    : /[${}()'" \t\n]/.test(n) ? new RegExp(`^Job identifier '\\(${esc(n)}\\)' contains invalid characters or unknown variables$`, 's')
                        : n.includes(':') ? new RegExp(`^Wrong submit request: Invalid job name ${esc(n)}$`, 's')
                            : accepted.includes(n) || keep.includes(n) ? new RegExp(`^Job ${esc(n)} already exist$`, 's')
                                : null;
                if (expected)
                    return void check(raw, { encoding, message: expected }, what);
                const r = check(raw, { encoding }, what);
                assert.deepStrictEqual(r, { code: 0, message: '1 jobs submitted', data: { submitted: 1, jobs: [n] } }, what());
                accepted.push(n);
                const st = await m.request({ request: 'jobStatus', jobNames: [n] }, { encoding });
                assert.deepStrictEqual(st.data?.jobs?.[n], { status: 0, data: { jobName: n, status: 'QUEUED' } }, `status of ${what()}`);
                return;
            }
            const parts = name.split(':');
            // never cancel or remove a job of this test; only ask about it
            if ((kind === 'cancelJob' || kind === 'removeJob') && (accepted.includes(parts[0]) || keep.includes(parts[0])))
                return;
            const raw = await send(encode({ request: kind, jobNames: [name] }, encoding));
            const malformed = parts.length > 2 || parts.some((p) => p === '') || (parts.length === 2 && !/^-?\d+$/.test(parts[1]));
            if (accepted.includes(parts[0]) || keep.includes(parts[0]))
                return void check(raw, { encoding }, what);
            if (kind === 'removeJob') {
                assert.deepStrictEqual(check(raw, { encoding }, what), { code: 0, data: { removed: 0, errors: { [name]: `Job '${name}' doesn't exist` } } }, what());
            }
            else if (kind === 'cancelJob') {
                const msg = malformed ? `Invalid job name '${name}'` : `Job/iteration ${parts[0]} doesn't exist`;
                assert.deepStrictEqual(check(raw, { encoding }, what), { code: 0, data: { canceled: 0, errors: { [name]: msg } } }, what());
            }
            else if (malformed) {
                assert.deepStrictEqual(check(raw, { encoding }, what), { code: 0, data: { jobs: { [name]: { status: 1, message: `Invalid job name '${name}'` } } } }, what());
            }
            else {
                const shown = kind === 'jobInfo' ? `[${`'${name.replace(/[\\']/g, (c) => '\\' + c)}'`}]` : `'${name}'`;
                check(raw, { encoding, message: new RegExp(`^Job ${esc(shown)} doesn't exist$`, 's') }, what);
            }
        }), params(10, 3000));
        t.diagnostic(`${accepted.length} names accepted`);
    });
    test('afterwards: the manager answers, the jobs accepted before are untouched, memory is bounded', async (t) => {
        t.diagnostic(`${sent} fuzz frames sent`);
        for (const n of keep)
            assert.deepStrictEqual(await jobInfo(m, n, true), before_[n], `jobInfo ${n} unchanged`);
        // the fuzz-accepted jobs: cancel and remove them all; the table is back to the three jobs
        for (let i = 0; i < accepted.length; i += 500) {
            const names = accepted.slice(i, i + 500);
            const c = await m.request({ request: 'cancelJob', jobNames: names }); // JSON: some names hold lone surrogates
            assert.deepStrictEqual(c.data, { canceled: names.length });
            const r = await m.request({ request: 'removeJob', jobNames: names });
            assert.deepStrictEqual(r.data, { removed: names.length });
        }
        const list = await m.request({ request: 'listJobs' });
        assert.deepEqual(Object.keys(list.data.jobs), keep);
        const rss = rssKiB();
        t.diagnostic(`manager RSS ${Math.round(rssBefore / 1024)} MiB before the fuzz, ${Math.round(rssAfterHuge / 1024)} MiB after the huge frames, ${Math.round(rss / 1024)} MiB at the end`);
        // generous bounds: what must not happen is growth with the number of frames (~1 KiB a frame would fail)
        assert.ok(rss - rssAfterHuge < 48 * 1024, `manager RSS grew by ${Math.round((rss - rssAfterHuge) / 1024)} MiB over ${sent} small frames`);
        assert.ok(rss - rssBefore < 512 * 1024, `manager RSS grew by ${Math.round((rss - rssBefore) / 1024)} MiB in all`);
    });
});
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
//# sourceMappingURL=fuzz.test.js.map