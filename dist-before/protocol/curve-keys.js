/**
 * ZeroMQ CURVE keys (README "Security"): Z85 text, key files written by `pilotmq keygen`, and the authorized
 * client keys file of a manager. Shared by the manager and the client.
 *
 * Files:
 * - `NAME.key` (mode 0600): the key pair, `public-key = <Z85>` and `secret-key = <Z85>` lines (czmq's
 *   certificate files have the same two lines, with quotes, and are read too). A file holding only a bare Z85
 *   secret key is accepted as well: the public key is derived from it.
 * - `NAME.pub`: the public key alone on a line, so `cat *.pub >> authorized_keys` builds an authorized keys file.
 * - authorized keys: one Z85 public key per line, optionally followed by a space and a comment; other lines
 *   starting with `#` are comments; blank lines are ignored.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
const Z85 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#';
const Z85_KEY = /^[0-9a-zA-Z.\-:+=^!/*?&<>()[\]{}@%$#]{40}$/;
export function isZ85Key(text) {
    return Z85_KEY.test(text);
}
/** 32 key bytes → 40 Z85 characters. */
export function z85Encode(bytes) {
    if (bytes.length % 4 !== 0)
        throw new Error('Z85: length must be a multiple of 4');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let out = '';
    for (let i = 0; i < bytes.length; i += 4) {
        let v = view.getUint32(i);
        const chunk = [];
        for (let j = 0; j < 5; j++) {
            chunk.unshift(Z85[v % 85]);
            v = Math.floor(v / 85);
        }
        out += chunk.join('');
    }
    return out;
}
/** Z85 text → bytes. Throws on a character outside the alphabet or a length not a multiple of 5. */
export function z85Decode(text) {
    if (text.length % 5 !== 0)
        throw new Error('Z85: length must be a multiple of 5');
    const out = Buffer.alloc((text.length / 5) * 4);
    for (let i = 0; i < text.length; i += 5) {
        let v = 0;
        for (let j = 0; j < 5; j++) {
            const d = Z85.indexOf(text[i + j]);
            if (d < 0)
                throw new Error(`Z85: invalid character ${JSON.stringify(text[i + j])}`);
            v = v * 85 + d;
        }
        if (v > 0xffffffff)
            throw new Error('Z85: value out of range');
        out.writeUInt32BE(v, (i / 5) * 4);
    }
    return out;
}
/** PKCS#8 DER prefix of a raw X25519 private key (RFC 8410). */
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
/** The CURVE public key of a secret key (CURVE keys are X25519 keys). */
export function publicKeyOf(secretKey) {
    const der = Buffer.concat([X25519_PKCS8_PREFIX, z85Decode(secretKey)]);
    const spki = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' });
    return z85Encode(spki.subarray(spki.length - 32));
}
/** `key = value` or `key = "value"` in a key file. */
function field(text, name) {
    const m = new RegExp(`^\\s*${name}\\s*=\\s*"?([^"\\s]*)"?\\s*$`, 'm').exec(text);
    return m?.[1];
}
/**
 * The keys of a key list: a line's first word when it is a Z85 key (what follows it is a comment); other
 * lines starting with `#` are comments, blank lines are skipped. `#` is a Z85 character, so a key may start
 * with it. Returns keys and bad lines (1-based line numbers).
 */
function keyLines(text) {
    const keys = [];
    const bad = [];
    text.split('\n').forEach((raw, i) => {
        const line = raw.trim();
        const first = line.split(/\s+/)[0];
        if (isZ85Key(first))
            keys.push(first);
        else if (line !== '' && !line.startsWith('#'))
            bad.push({ line: i + 1, text: line });
    });
    return { keys, bad };
}
/** Read a key pair file (see the module comment). Errors name the file and what is wrong. */
export function readKeyPairFile(file) {
    const text = readKeyText(file, 'key file');
    let secretKey = field(text, 'secret-key');
    let publicKey = field(text, 'public-key');
    if (secretKey === undefined) {
        if (file.endsWith('.pub') || /^#.*CURVE public key/m.test(text)) {
            throw new Error(`key file ${file}: this is a public key file; give the key pair file (.key) that pilotmq keygen wrote beside it`);
        }
        const lines = keyLines(text);
        if (lines.keys.length === 1 && lines.bad.length === 0 && publicKey === undefined)
            secretKey = lines.keys[0];
        else
            throw new Error(`key file ${file}: no secret key (expected a "secret-key = <Z85>" line, as pilotmq keygen writes)`);
    }
    if (!isZ85Key(secretKey))
        throw new Error(`key file ${file}: the secret key is not 40 Z85 characters`);
    const derived = publicKeyOf(secretKey);
    if (publicKey !== undefined && publicKey !== derived)
        throw new Error(`key file ${file}: the public key does not belong to the secret key`);
    publicKey = derived;
    return { publicKey, secretKey };
}
/**
 * A public key given as Z85 text or as a file holding one (a `.pub` file, or a key file's `public-key` line).
 * `what` names it in errors, e.g. "--server-key".
 */
export function readPublicKey(value, what) {
    if (!existsSync(value)) {
        if (isZ85Key(value))
            return value;
        throw new Error(`${what}: ${JSON.stringify(value)} is neither a file nor a Z85 public key (40 characters)`);
    }
    const text = readKeyText(value, what);
    const key = field(text, 'public-key') ?? keyLines(text).keys[0];
    if (key === undefined || !isZ85Key(key))
        throw new Error(`${what}: ${value} holds no Z85 public key`);
    return key;
}
/** Authorized client keys: one Z85 public key per line, `#` comments. Errors name the file and the line. */
export function readAuthorizedKeys(file) {
    const text = readKeyText(file, 'authorized keys file');
    const { keys, bad } = keyLines(text);
    if (bad.length) {
        throw new Error(`authorized keys file ${file}: line ${bad[0].line}: not a Z85 public key (40 characters) nor a # comment: ${JSON.stringify(bad[0].text.slice(0, 60))}`);
    }
    return new Set(keys);
}
/**
 * Write a new key pair as `<dir>/<name>.key` (mode 0600) and `<dir>/<name>.pub`. Never overwrites: an existing
 * file is an error. Returns the two paths.
 */
export function writeKeyPairFiles(pair, dir, name) {
    const keyFile = path.join(dir, `${name}.key`);
    const pubFile = path.join(dir, `${name}.pub`);
    for (const f of [keyFile, pubFile])
        if (existsSync(f))
            throw new Error(`${f} exists already (not overwritten)`);
    const stamp = new Date().toISOString();
    // 'wx': fail rather than follow a file created meanwhile; mode 0600 from the start, chmod in case of a umask
    writeFileSync(keyFile, `# pilotmq CURVE key pair ${name}, made ${stamp}. KEEP THIS FILE SECRET.\npublic-key = ${pair.publicKey}\nsecret-key = ${pair.secretKey}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(keyFile, 0o600);
    writeFileSync(pubFile, `# pilotmq CURVE public key ${name}, made ${stamp}\n${pair.publicKey}\n`, { mode: 0o644, flag: 'wx' });
    return { keyFile, pubFile };
}
function readKeyText(file, what) {
    try {
        if (!statSync(file).isFile())
            throw new Error('not a regular file');
        return readFileSync(file, 'utf8');
    }
    catch (e) {
        throw new Error(`${what} ${file}: cannot read: ${e.message}`);
    }
}
//# sourceMappingURL=curve-keys.js.map