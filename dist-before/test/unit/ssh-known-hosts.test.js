/** known_hosts checking (server/executor/ssh/known-hosts.ts) and hosts file defaults (hosts-file.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkHostKey, knownHostsName } from '../../server/executor/ssh/known-hosts.js';
import { parseHosts } from '../../server/executor/ssh/hosts-file.js';
const blob = (type, body) => {
    const t = Buffer.from(type);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(t.length);
    return Buffer.concat([len, t, Buffer.from(body)]);
};
const K1 = blob('ssh-ed25519', 'key-one-xxxxxxxxxxxxxxxxxxxxxxxx');
const K2 = blob('ssh-ed25519', 'key-two-yyyyyyyyyyyyyyyyyyyyyyyy');
function tmpFile(text) {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-kh-'));
    const f = path.join(d, 'known_hosts');
    fs.writeFileSync(f, text);
    return f;
}
test('known_hosts: [host]:port name, plain and hashed entries, patterns', () => {
    assert.equal(knownHostsName('10.0.0.5', 22), '10.0.0.5');
    assert.equal(knownHostsName('10.0.0.5', 2222), '[10.0.0.5]:2222');
    const salt = randomBytes(20);
    const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('[h.example]:2200').digest('base64')}`;
    const f = tmpFile([`# comment`, `a.example,b.example ssh-ed25519 ${K1.toString('base64')}`, `${hashed} ssh-ed25519 ${K2.toString('base64')}`, `*.wild,!bad.wild ssh-ed25519 ${K2.toString('base64')}`].join('\n'));
    assert.deepEqual(checkHostKey(f, 'b.example', 22, K1, false), { ok: true });
    assert.deepEqual(checkHostKey(f, 'h.example', 2200, K2, false), { ok: true });
    assert.deepEqual(checkHostKey(f, 'x.wild', 22, K2, false), { ok: true });
    const bad = checkHostKey(f, 'bad.wild', 22, K2, false);
    assert.equal(bad.ok, false);
    const mismatch = checkHostKey(f, 'a.example', 22, K2, true);
    assert.ok(!mismatch.ok && /HOST KEY MISMATCH/.test(mismatch.reason), 'a changed key is refused even with acceptNew');
    const unknown = checkHostKey(f, 'c.example', 22, K1, false);
    assert.ok(!unknown.ok && /no host key for c\.example/.test(unknown.reason));
});
test('known_hosts: acceptNew appends the key of an unknown host, once', () => {
    const f = tmpFile(`a.example ssh-ed25519 ${K1.toString('base64')}`);
    assert.deepEqual(checkHostKey(f, 'new.example', 2022, K2, true), { ok: true, added: true });
    assert.match(fs.readFileSync(f, 'utf8'), /\n\[new\.example\]:2022 ssh-ed25519 \S+\n$/);
    assert.deepEqual(checkHostKey(f, 'new.example', 2022, K2, false), { ok: true });
    const revoked = tmpFile(`@revoked * ssh-ed25519 ${K1.toString('base64')}\na.example ssh-ed25519 ${K1.toString('base64')}`);
    assert.equal(checkHostKey(revoked, 'a.example', 22, K1, false).ok, false);
});
test('hosts file: defaults', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-hf-'));
    const key = path.join(d, 'k');
    fs.writeFileSync(key, 'x');
    const [h] = parseHosts({ hosts: [{ name: 'h1', host: 'x', identityFile: key, workdir: '~/pm' }] }, 'f', {});
    assert.equal(h.port, 22);
    assert.equal(h.user, os.userInfo().username);
    assert.equal(h.cores, undefined);
    assert.equal(h.knownHosts, path.join(os.homedir(), '.ssh', 'known_hosts'));
    assert.equal(h.acceptNewHostKey, false);
    assert.equal(h.workdir, '~/pm', '~ of workdir is the remote home, expanded on the host');
    assert.equal(h.node, 'node');
    assert.deepEqual(h.env, {});
    const [a] = parseHosts({ hosts: [{ name: 'h1', host: 'x', agent: true }] }, 'f', { SSH_AUTH_SOCK: '/run/agent' });
    assert.equal(a.agent, '/run/agent');
    assert.equal(a.identityFile, undefined);
});
//# sourceMappingURL=ssh-known-hosts.test.js.map