/**
 * SIGHUP and a lost terminal (issue 6; README "CLI" serve, "Security / threat model"), against a real
 * `pilotmq serve`: SIGHUP reads `--authorized-keys` again (a removed key's new connections are refused, an added
 * key's accepted, a bad file changes nothing); a manager whose stderr reader or terminal went away (EPIPE, EIO)
 * keeps serving and finishes normally, with its final status.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as zmq from 'zeromq';
import { Manager, TimeoutElapsed } from '../../client/index.js';
import { writeKeyPairFiles } from '../../protocol/curve-keys.js';
import { CLI, startManagerProcess } from '../helpers/manager-process.js';
import { procsWithMarker, waitNoMarker } from '../helpers/procs.js';
import { readText, waitFor } from '../helpers/util.js';
/** how long a refused client waits for a reply before the test calls it "nothing" */
const REFUSED_TIMEOUT_MS = 1_500;
const started = [];
const clients = [];
after(async () => {
    for (const c of clients)
        c.close();
    for (const m of started)
        await m.stop({ killAfterMs: 5_000 });
});
describe('SIGHUP reloads --authorized-keys', () => {
    test('a removed key is refused on new connections, an added key let in; a bad file keeps the keys; an empty one revokes all', async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-hup-'));
        const pairs = {};
        for (const name of ['server', 'alice', 'bob', 'carol']) {
            pairs[name] = zmq.curveKeyPair();
            writeKeyPairFiles(pairs[name], dir, name);
        }
        const authorized = path.join(dir, 'authorized_keys');
        const allow = (...names) => fs.writeFileSync(authorized, names.map((n) => `${pairs[n].publicKey} ${n}\n`).join(''));
        allow('alice', 'bob');
        const m = await startManagerProcess({ nodes: '1', extra: ['--curve-secret-key', path.join(dir, 'server.key'), '--authorized-keys', authorized] });
        started.push(m);
        /** a client on a new connection */
        const as = (name, timeoutMs = 30_000) => {
            const c = new Manager(m.address, { serverPublicKey: pairs.server.publicKey, ...pairs[name], timeoutMs });
            clients.push(c);
            return c;
        };
        const refused = (name) => assert.rejects(as(name, REFUSED_TIMEOUT_MS).list(), TimeoutElapsed, `${name} is refused`);
        const hangup = async (expect) => {
            const from = m.stderr().length;
            m.child.kill('SIGHUP');
            await waitFor(() => m.stderr().slice(from).includes(expect), 30_000, `"${expect}" on stderr`);
            return m.stderr().slice(from);
        };
        const bobBefore = as('bob');
        assert.deepEqual(await bobBefore.list(), {});
        assert.deepEqual(await as('alice').list(), {});
        await refused('carol');
        allow('alice', 'carol');
        await hangup(`SIGHUP: reloaded ${authorized}: 2 authorized client key(s) (were 2); new connections are checked against them`);
        await refused('bob');
        assert.deepEqual(await as('carol').list(), {});
        assert.deepEqual(await as('alice').list(), {});
        // ZAP asks once per connection: a connection made before the reload stays (README threat model)
        assert.deepEqual(await bobBefore.list(), {});
        fs.writeFileSync(authorized, `${pairs.alice.publicKey}\nnot a key\n`);
        const bad = await hangup('cannot reload the authorized keys');
        assert.match(bad, /the 2 key\(s\) read before stay: authorized keys file .*authorized_keys: line 2: not a Z85 public key/);
        assert.deepEqual(await as('carol').list(), {}, 'the keys stay as they were');
        await refused('bob');
        fs.writeFileSync(authorized, '# nobody\n');
        await hangup('0 authorized client key(s) (were 2)');
        await refused('alice');
        await refused('carol');
        assert.match(readText(path.join(m.auxDir, 'service.log')), /holds no key now: no client can connect/);
        allow('bob');
        await hangup('1 authorized client key(s) (were 0)');
        assert.deepEqual(await as('bob').list(), {});
        await bobBefore.finish();
        assert.deepEqual(await m.exited, { code: 0, signal: null }, 'SIGHUP never stopped it');
    });
});
describe('a manager without its stderr reader or its terminal', () => {
    test('stderr pipe closed (EPIPE): log lines do not stop it; it serves, finishes with exit 0 and final_status', async () => {
        // --log info: what the manager logs (here: the finish request) goes to stderr too
        const m = await startManagerProcess({ nodes: '1', extra: ['--log', 'info'] });
        started.push(m);
        await waitFor(() => m.stderr().includes('listening at'), 30_000, 'the start lines');
        m.child.stderr.destroy();
        for (let i = 0; i < 5; i++) {
            const r = await m.request({ request: 'submit', jobs: [{ name: `j${i}`, execution: { exec: '/bin/true' } }] });
            assert.equal(r.code, 0, JSON.stringify(r));
        }
        assert.equal((await m.request({ request: 'finish' })).code, 0);
        assert.deepEqual(await m.exited, { code: 0, signal: null });
        const status = JSON.parse(readText(path.join(m.auxDir, 'final_status')));
        assert.equal(status.JobStats.TotalJobs, 5);
        const log = readText(path.join(m.auxDir, 'service.log'));
        assert.match(log, /stderr is gone \(EPIPE\): logging to the log file only from now on/);
    });
    test('its terminal goes away (SIGHUP, then EIO on stderr): it serves on, finishes normally with final_status', async () => {
        const wd = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-tty-'));
        // `script` gives the manager a pseudo-terminal as its controlling terminal and stdio; killing `script`
        // closes the terminal: the kernel sends SIGHUP, and writes to it fail with EIO from then on
        const cmd = [process.execPath, CLI, 'serve', '--nodes', '1', '--wd', wd, '--log', 'info'].map((a) => `'${a}'`).join(' ');
        const term = spawn('script', ['-qfec', cmd, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        term.stdout.on('data', (d) => (out += d.toString()));
        try {
            await waitFor(() => out.includes('listening at'), 30_000, 'the manager on the terminal');
            const aux = path.join(wd, fs.readdirSync(wd).find((f) => f.startsWith('.qcgpjm-service-')));
            const address = readText(path.join(aux, 'address'));
            const managers = () => procsWithMarker(wd).filter((p) => p.cmdline.includes(' serve '));
            assert.equal(managers().length, 1, 'one manager process');
            term.kill('SIGKILL');
            await waitFor(() => readText(path.join(aux, 'service.log')).includes('stderr is gone'), 30_000, 'the lost terminal noticed');
            assert.match(readText(path.join(aux, 'service.log')), /stderr is gone \(EIO\)/);
            assert.match(readText(path.join(aux, 'service.log')), /reload: nothing to reload \(no --authorized-keys\)/, 'the SIGHUP was taken');
            const c = new Manager(address, { timeoutMs: 30_000 });
            clients.push(c);
            await c.submit([{ name: 'after-hangup', execution: { exec: '/bin/true' } }]);
            assert.deepEqual(await c.wait4('after-hangup'), { 'after-hangup': 'SUCCEED' });
            await c.finish();
            assert.deepEqual(await waitNoMarker(wd), [], 'the manager (and its agent) exited');
            const status = JSON.parse(readText(path.join(aux, 'final_status')));
            assert.equal(status.JobStats.TotalJobs, 1);
            assert.match(readText(path.join(aux, 'service.log')), /all jobs final: shutting down/);
        }
        finally {
            term.kill('SIGKILL');
            for (const p of procsWithMarker(wd))
                process.kill(p.pid, 'SIGKILL');
        }
    });
});
//# sourceMappingURL=sighup.test.js.map