/**
 * Authentication and encryption (issue 6 item 4; README "Security / threat model"): a manager started with a
 * CURVE key pair and authorized client keys, a real `pilotmq serve` process bound to 127.0.0.1, reached over
 * real sockets. An authorized client can do everything; a client without keys, with a key pair that is not
 * authorized, or with the wrong server key gets no reply and no event, and changes nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as zmq from 'zeromq';
import { EventStream, LocalManager, Manager, TimeoutElapsed } from '../../client/index.js';
import { encode } from '../../protocol/codec.js';
import { readKeyPairFile } from '../../protocol/curve-keys.js';
import { CLI, startManagerProcess } from '../helpers/manager-process.js';
import { waitFor } from '../helpers/util.js';
function cli(args, env = {}) {
    const childEnv = { ...process.env, ...env };
    for (const k of ['QCG_PM_ZMQ_ADDRESS', 'QCG_PM_SERVER_KEY', 'QCG_PM_CLIENT_KEY'])
        if (!(k in env))
            delete childEnv[k];
    return new Promise((resolve) => {
        execFile(process.execPath, [CLI, ...args], { env: childEnv }, (err, stdout, stderr) => {
            const code = err ? (err.code ?? null) : 0;
            resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
        });
    });
}
/** how long a refused client waits for a reply before the test calls it "nothing" */
const REFUSED_TIMEOUT_MS = 1_500;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-auth-'));
const keys = path.join(dir, 'keys');
const pair = (name) => readKeyPairFile(path.join(keys, `${name}.key`));
async function keygen(name) {
    const r = await cli(['keygen', '--out', keys, '--name', name]);
    assert.equal(r.code, 0, r.stderr);
    return r;
}
/** Events of one subscriber, collected from the moment it is opened. */
function collect(stream) {
    const seen = [];
    stream.listen((e) => {
        seen.push(e);
    });
    return seen;
}
describe('pilotmq keygen', () => {
    test('writes NAME.key (mode 0600, the pair) and NAME.pub (the public key, also printed); never overwrites', async () => {
        const r = await keygen('server');
        const keyFile = path.join(keys, 'server.key');
        const pubFile = path.join(keys, 'server.pub');
        assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600, 'secret key file is mode 0600');
        const kp = readKeyPairFile(keyFile);
        assert.match(kp.publicKey, /^.{40}$/);
        assert.equal(r.stdout, `${kp.publicKey}\n`, 'the public key is printed');
        const pubLines = fs.readFileSync(pubFile, 'utf8').split('\n').filter((l) => l && !l.startsWith('# '));
        assert.deepEqual(pubLines, [kp.publicKey], 'the .pub file holds the public key');
        assert.ok(!fs.readFileSync(pubFile, 'utf8').includes(kp.secretKey), 'no secret in the .pub file');
        const before = fs.readFileSync(keyFile, 'utf8');
        const again = await cli(['keygen', '--out', keys, '--name', 'server']);
        assert.equal(again.code, 1);
        assert.match(again.stderr, /server\.key exists already \(not overwritten\)/);
        assert.equal(fs.readFileSync(keyFile, 'utf8'), before, 'the existing key is untouched');
        const json = await cli(['keygen', '--out', path.join(dir, 'other'), '--name', 'x', '--json']);
        assert.equal(json.code, 0, json.stderr);
        const line = JSON.parse(json.stdout);
        assert.equal(readKeyPairFile(line.keyFile).publicKey, line.publicKey);
        assert.equal((await cli(['keygen', '--out', dir, '--name', '../escape'])).code, 2, 'a name with a slash is a usage error');
    });
});
describe('a manager with CURVE keys (bound to 127.0.0.1)', () => {
    let m;
    let authorized;
    let serverPub;
    const clients = [];
    const client = (cfg) => {
        const c = new Manager(m.address, { timeoutMs: 30_000, ...cfg });
        clients.push(c);
        return c;
    };
    before(async () => {
        if (!fs.existsSync(path.join(keys, 'server.key')))
            await keygen('server');
        await keygen('alice');
        await keygen('bob');
        await keygen('mallory');
        authorized = path.join(dir, 'authorized_keys');
        // comments, a blank line, a key followed by a comment
        fs.writeFileSync(authorized, `# clients of the test manager\n\n${pair('alice').publicKey}  alice@test\n${fs.readFileSync(path.join(keys, 'bob.pub'), 'utf8')}`);
        serverPub = path.join(keys, 'server.pub');
        m = await startManagerProcess({ nodes: '2', extra: ['--curve-secret-key', path.join(keys, 'server.key'), '--authorized-keys', authorized] });
    });
    after(async () => {
        for (const c of clients)
            c.close();
        await m?.stop();
    });
    test('serve says the server public key on stderr and in the aux dir; the address is on loopback', async () => {
        assert.match(m.address, /^tcp:\/\/127\.0\.0\.1:\d+$/);
        const text = fs.readFileSync(path.join(m.auxDir, 'server.pub'), 'utf8');
        assert.ok(text.includes(pair('server').publicKey));
        assert.ok(!text.includes(pair('server').secretKey));
        // serve prints it right after the address file appears
        await waitFor(() => m.stderr().includes(`CURVE on, server public key ${pair('server').publicKey}`), 30_000, 'the key on stderr');
    });
    test('an authorized client submits, lists, waits; its events arrive', async () => {
        const alice = client({ serverPublicKey: serverPub, ...pair('alice') });
        const events = collect((await alice.connectEvents()));
        assert.deepEqual(await alice.submit([{ name: 'a1', execution: { exec: '/bin/sh', args: ['-c', 'exit 0'] } }]), ['a1']);
        assert.deepEqual(await alice.wait4('a1'), { a1: 'SUCCEED' });
        assert.equal((await alice.list()).a1?.status, 'SUCCEED');
        await waitFor(() => events.some((e) => e.topic === 'JFI' && e.job === 'a1' && e.state === 'SUCCEED'), 30_000, 'JFI a1 on the CURVE subscriber');
        // wait4AnyJobFinish is answered by events alone
        await alice.submit([{ name: 'a2', execution: { exec: '/bin/true' } }]);
        const any = await alice.wait4AnyJobFinish(30_000);
        assert.ok(['a1', 'a2'].includes(any.name), JSON.stringify(any));
    });
    test('jobs reach their manager: they get its public key and a key pair it authorized (QCG_PM_SERVER_KEY, QCG_PM_CLIENT_KEY)', async () => {
        const alice = client({ serverPublicKey: serverPub, ...pair('alice') });
        const out = path.join(m.wd, 'from-job.json');
        // the job runs the CLI with no key option: address and keys come from the job's environment
        await alice.submit([{ name: 'talks-back', execution: { exec: process.execPath, args: [CLI, 'status', 'a1', '--json', '--timeout', '20'], stdout: out } }]);
        assert.deepEqual(await alice.wait4('talks-back'), { 'talks-back': 'SUCCEED' }, fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : 'no output');
        assert.match(fs.readFileSync(out, 'utf8'), /"a1"/);
        // the job key is not one of the authorized files' keys, and no secret shows in the job's info
        const info = JSON.stringify(await alice.info('talks-back'));
        assert.ok(!info.includes('QCG_PM_CLIENT_KEY'), info);
    });
    test('a second authorized key (bob, from a .pub file appended to the list) works too; keys from the environment', async () => {
        const bob = client({ serverPublicKey: pair('server').publicKey, secretKey: pair('bob').secretKey });
        assert.equal((await bob.list()).a1?.status, 'SUCCEED');
        const r = await cli(['list', '--json', '--address', m.address], { QCG_PM_SERVER_KEY: serverPub, QCG_PM_CLIENT_KEY: path.join(keys, 'bob.key') });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(JSON.parse(r.stdout).a1?.status, 'SUCCEED');
        const viaOptions = await cli(['status', 'a1', '--address', m.address, '--server-key', serverPub, '--key', path.join(keys, 'alice.key')]);
        assert.equal(viaOptions.code, 0, viaOptions.stderr);
    });
    test('clients without keys, with an unauthorized key pair or with a wrong server key get no reply and no event, and change nothing', async () => {
        const alice = client({ serverPublicKey: serverPub, ...pair('alice') });
        const status = await alice.systemStatus();
        const pubAddress = String(status.System.StatusPublisher);
        const intruders = [
            { who: 'no keys', cfg: { serverPublicKey: '' } },
            { who: 'mallory (not authorized)', cfg: { serverPublicKey: serverPub, ...pair('mallory') } },
            // alice's own authorized pair, but a server key that is not the manager's: the handshake fails
            { who: 'wrong server key', cfg: { serverPublicKey: pair('mallory').publicKey, ...pair('alice') } },
        ];
        const streams = await Promise.all(intruders.map(async ({ cfg }) => {
            const curve = cfg?.serverPublicKey ? { curveServerKey: readPub(cfg.serverPublicKey), curvePublicKey: cfg.publicKey, curveSecretKey: cfg.secretKey } : null;
            return EventStream.open(pubAddress, { curve, handshakeTimeoutMs: 500, topics: ['JST', 'JFI', 'IST', 'IFI', 'NOJ'] });
        }));
        const seen = streams.map(collect);
        for (const { who, cfg } of intruders) {
            const c = client({ ...cfg, timeoutMs: REFUSED_TIMEOUT_MS });
            await assert.rejects(c.submit([{ name: `evil-${who}`, execution: { exec: '/bin/true' } }]), TimeoutElapsed, `${who}: submit gets no reply`);
            await assert.rejects(c.list(), TimeoutElapsed, `${who}: listJobs gets no reply`);
            await assert.rejects(c.sendRequest({ request: 'finish' }), TimeoutElapsed, `${who}: finish gets no reply`);
        }
        // a raw JSON frame on a plain REQ socket, as a QCG client would send it
        const raw = new zmq.Request({ linger: 0, receiveTimeout: REFUSED_TIMEOUT_MS });
        raw.connect(m.address);
        await raw.send(encode({ request: 'submit', jobs: [{ name: 'evil-raw', execution: { exec: '/bin/true' } }] }, 'json'));
        await assert.rejects(raw.receive(), (e) => e.code === 'EAGAIN');
        raw.close();
        // nothing was registered, the manager still runs, and work submitted now is seen by alice only
        const jobs = await alice.list();
        assert.deepEqual(Object.keys(jobs).filter((n) => n.startsWith('evil')), [], JSON.stringify(jobs));
        await alice.submit([{ name: 'after-intruders', execution: { exec: '/bin/true' } }]);
        assert.deepEqual(await alice.wait4('after-intruders'), { 'after-intruders': 'SUCCEED' });
        const mine = collect((await alice.connectEvents()));
        await alice.submit([{ name: 'seen-by-alice', execution: { exec: '/bin/true' } }]);
        await waitFor(() => mine.some((e) => e.topic === 'JFI' && e.job === 'seen-by-alice'), 30_000, 'JFI seen-by-alice');
        intruders.forEach(({ who }, i) => assert.deepEqual(seen[i], [], `${who}: no event`));
        for (const s of streams)
            s.close();
        // the refusal of the unauthorized key was the ZAP handler's (it is logged, once a minute per key)
        const log = fs.readFileSync(path.join(m.auxDir, 'service.log'), 'utf8');
        assert.ok(log.includes(`key ${pair('mallory').publicKey}: not in --authorized-keys`), log);
        assert.equal((await alice.systemStatus()).System.InstanceId, m.instanceId);
    });
});
/** A public key given as Z85 or a .pub file (what the test hands to EventStream directly). */
function readPub(value) {
    if (!fs.existsSync(value))
        return value;
    return fs.readFileSync(value, 'utf8').split('\n').filter((l) => l && !l.startsWith('# '))[0];
}
describe('LocalManager with CURVE', () => {
    test('two CURVE managers in worker threads of one process, each with its own clients', async () => {
        if (!fs.existsSync(path.join(keys, 'alice.key')))
            await keygen('alice');
        if (!fs.existsSync(path.join(keys, 'server.key')))
            await keygen('server');
        await keygen('local2');
        const only = (name) => {
            const f = path.join(dir, `auth-${name}`);
            fs.writeFileSync(f, `${pair(name).publicKey}\n`);
            return f;
        };
        const wd1 = fs.mkdtempSync(path.join(dir, 'wd-'));
        const wd2 = fs.mkdtempSync(path.join(dir, 'wd-'));
        const args = (wd, who) => ['--nodes', '1', '--wd', wd, '--curve-secret-key', path.join(keys, 'server.key'), '--authorized-keys', only(who)];
        const m1 = await LocalManager.create(args(wd1, 'alice'), { secretKey: pair('alice').secretKey });
        const m2 = await LocalManager.create(args(wd2, 'local2'), { secretKey: pair('local2').secretKey });
        try {
            await m1.submit([{ name: 'one', execution: { exec: '/bin/true' } }]);
            await m2.submit([{ name: 'two', execution: { exec: '/bin/true' } }]);
            assert.deepEqual(await m1.wait4('one', 30_000), { one: 'SUCCEED' });
            assert.deepEqual(await m2.wait4('two', 30_000), { two: 'SUCCEED' });
            // alice is authorized by the first manager only
            const cross = new Manager(m2.address, { serverPublicKey: pair('server').publicKey, secretKey: pair('alice').secretKey, timeoutMs: REFUSED_TIMEOUT_MS });
            await assert.rejects(cross.list(), TimeoutElapsed);
            cross.close();
        }
        finally {
            await m1.finish();
            await m2.finish();
        }
    });
});
describe('bind rule', () => {
    test('serve --bind 0.0.0.0 without keys exits non-zero naming CURVE and --insecure; nothing is created', async () => {
        const wd = fs.mkdtempSync(path.join(dir, 'bind-'));
        for (const bind of ['0.0.0.0', '::', '192.0.2.1', 'example.org']) {
            const r = await cli(['serve', '--nodes', '1', '--wd', wd, '--bind', bind]);
            assert.notEqual(r.code, 0, `--bind ${bind}: ${r.stderr}`);
            assert.match(r.stderr, /CURVE/, r.stderr);
            assert.match(r.stderr, /--insecure/, r.stderr);
            assert.match(r.stderr, new RegExp(`refusing to bind ${bind.replace(/\./g, '\\.')}`), r.stderr);
        }
        assert.deepEqual(fs.readdirSync(wd), [], 'no aux dir, no journal');
    });
    test('key options that do not fit together, or bad key files, stop serve with a message naming them', async () => {
        const wd = fs.mkdtempSync(path.join(dir, 'opts-'));
        if (!fs.existsSync(path.join(keys, 'server.key')))
            await keygen('server');
        const bad = path.join(dir, 'bad_keys');
        fs.writeFileSync(bad, `# ok\n${pair('server').publicKey}\nnot-a-key\n`);
        const empty = path.join(dir, 'empty_keys');
        fs.writeFileSync(empty, '# nobody\n');
        const cases = [
            [['--authorized-keys', bad], /--authorized-keys needs --curve-secret-key/],
            [['--curve-secret-key', path.join(keys, 'server.key')], /--curve-secret-key needs --authorized-keys/],
            [['--curve-secret-key', path.join(keys, 'server.key'), '--authorized-keys', bad], /bad_keys: line 3: not a Z85 public key/],
            [['--curve-secret-key', path.join(keys, 'server.key'), '--authorized-keys', empty], /no key in it/],
            [['--curve-secret-key', path.join(keys, 'server.pub'), '--authorized-keys', empty], /this is a public key file/],
            [['--curve-secret-key', path.join(dir, 'missing.key'), '--authorized-keys', empty], /missing\.key: cannot read/],
        ];
        for (const [extra, message] of cases) {
            const r = await cli(['serve', '--nodes', '1', '--wd', wd, ...extra]);
            assert.notEqual(r.code, 0, extra.join(' '));
            assert.match(r.stderr, message, `${extra.join(' ')}: ${r.stderr}`);
        }
        assert.deepEqual(fs.readdirSync(wd), [], 'nothing was created');
    });
});
//# sourceMappingURL=auth.test.js.map