/** CURVE key files and the bind rule's idea of loopback (protocol/curve-keys.ts, server/security.ts). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { curveKeyPair } from 'zeromq';
import { publicKeyOf, readAuthorizedKeys, readKeyPairFile, readPublicKey, writeKeyPairFiles, z85Decode, z85Encode } from '../../protocol/curve-keys.js';
import { checkSecurityOptions, isLoopback } from '../../server/security.js';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-keys-'));
const file = (name, text) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
};
describe('Z85 and key derivation', () => {
    test('the Z85 example of the spec (ZeroMQ RFC 32) and a round trip of libzmq keys', () => {
        assert.equal(z85Encode(Buffer.from([0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b])), 'HelloWorld');
        assert.deepEqual([...z85Decode('HelloWorld')], [0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b]);
        for (let i = 0; i < 20; i++) {
            const kp = curveKeyPair();
            assert.equal(z85Encode(z85Decode(kp.secretKey)), kp.secretKey);
            assert.equal(publicKeyOf(kp.secretKey), kp.publicKey, 'the public key derived as libzmq does');
        }
        assert.throws(() => z85Decode('Hello Worl'), /invalid character " "/);
    });
});
describe('key files', () => {
    test('keygen files read back; czmq certificates and a bare secret key are read too', () => {
        const kp = curveKeyPair();
        const { keyFile, pubFile } = writeKeyPairFiles(kp, dir, 'k1');
        assert.deepEqual(readKeyPairFile(keyFile), kp);
        assert.equal(readPublicKey(pubFile, 'x'), kp.publicKey);
        assert.equal(readPublicKey(keyFile, 'x'), kp.publicKey);
        assert.equal(readPublicKey(kp.publicKey, 'x'), kp.publicKey, 'Z85 text as it is');
        const czmq = file('c_secret', `#   ZeroMQ CURVE **Secret** Certificate\nmetadata\ncurve\n    public-key = "${kp.publicKey}"\n    secret-key = "${kp.secretKey}"\n`);
        assert.deepEqual(readKeyPairFile(czmq), kp);
        assert.deepEqual(readKeyPairFile(file('bare', `${kp.secretKey}\n`)), kp);
    });
    test('mistakes are named: mismatched pair, a public key file, garbage, a missing file', () => {
        const a = curveKeyPair();
        const b = curveKeyPair();
        assert.throws(() => readKeyPairFile(file('mix', `public-key = ${a.publicKey}\nsecret-key = ${b.secretKey}\n`)), /mix: the public key does not belong to the secret key/);
        const { pubFile } = writeKeyPairFiles(a, dir, 'k2');
        assert.throws(() => readKeyPairFile(pubFile), /this is a public key file/);
        assert.throws(() => readKeyPairFile(file('junk', 'hello\n')), /junk: no secret key/);
        assert.throws(() => readKeyPairFile(path.join(dir, 'nope')), /nope: cannot read/);
        assert.throws(() => readPublicKey('short', '--server-key'), /--server-key: "short" is neither a file nor a Z85 public key/);
        assert.throws(() => writeKeyPairFiles(a, dir, 'k2'), /k2\.key exists already/);
    });
    test('authorized keys: comments, blank lines, a comment after a key, keys starting with #; a bad line is named', () => {
        const keys = Array.from({ length: 3 }, () => curveKeyPair().publicKey);
        const hashKey = `#${keys[0].slice(1)}`; // '#' is a Z85 character
        const f = file('auth', `# team\n\n${keys[0]} alice\n  ${keys[1]}\n${hashKey}\n#${keys[2]} not a key: 41 characters\n`);
        assert.deepEqual([...readAuthorizedKeys(f)].sort(), [keys[0], keys[1], hashKey].sort());
        assert.throws(() => readAuthorizedKeys(file('auth-bad', `${keys[0]}\nssh-ed25519 AAAA me\n`)), /auth-bad: line 2: not a Z85 public key/);
    });
});
describe('isLoopback (the bind rule)', () => {
    test('127.0.0.0/8, ::1 and localhost are loopback; everything else is not', () => {
        for (const a of ['127.0.0.1', '127.1.2.3', '127.255.255.255', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1'])
            assert.ok(isLoopback(a), a);
        for (const a of ['0.0.0.0', '*', '::', '10.0.0.1', '128.0.0.1', '127.0.0.256', '127.0.0', 'lo', 'eth0', 'example.org', '::ffff:10.0.0.1', ''])
            assert.ok(!isLoopback(a), a);
    });
});
describe('checkSecurityOptions (nothing is bound here)', () => {
    test('a non-loopback bind needs keys or --insecure; keys need an authorized keys file with a key', () => {
        assert.throws(() => checkSecurityOptions({ bind: '0.0.0.0' }), /refusing to bind 0\.0\.0\.0.*CURVE.*--insecure/s);
        assert.deepEqual(checkSecurityOptions({ bind: '0.0.0.0', insecure: true }).keys, null, '--insecure allows it, without keys');
        assert.deepEqual(checkSecurityOptions({}).keys, null, 'loopback by default, no keys needed');
        const kp = curveKeyPair();
        const { keyFile } = writeKeyPairFiles(kp, dir, 'srv');
        const client = curveKeyPair();
        const auth = file('auth-ok', `${client.publicKey}\n`);
        const plan = checkSecurityOptions({ bind: '0.0.0.0', curveSecretKey: keyFile, authorizedKeys: auth });
        assert.deepEqual(plan.keys, kp);
        assert.deepEqual([...plan.allowed], [client.publicKey]);
        assert.throws(() => checkSecurityOptions({ curveSecretKey: keyFile }), /needs --authorized-keys/);
        assert.throws(() => checkSecurityOptions({ authorizedKeys: auth }), /needs --curve-secret-key/);
    });
});
//# sourceMappingURL=curve-keys.test.js.map