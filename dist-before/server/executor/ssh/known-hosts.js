/**
 * Host key checking against an OpenSSH known_hosts file: plain and hashed (`|1|salt|hash`) host fields,
 * `[host]:port` for ports other than 22, `*`/`?` wildcards, `!` negation, `@revoked`. `@cert-authority` lines
 * are skipped (no certificates). With acceptNew, a host without any entry is accepted and appended.
 */
import { createHmac } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
/** the host field ssh(1) uses: `host`, or `[host]:port` when the port is not 22 */
export function knownHostsName(host, port) {
    return port === 22 ? host : `[${host}]:${port}`;
}
function globMatch(pattern, s) {
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    return re.test(s);
}
function hostFieldMatches(field, name) {
    if (field.startsWith('|1|')) {
        const [, , salt, hash] = field.split('|');
        if (!salt || !hash)
            return false;
        return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
    }
    let matched = false;
    for (const pat of field.split(',')) {
        if (pat.startsWith('!')) {
            if (globMatch(pat.slice(1), name))
                return false;
        }
        else if (globMatch(pat, name))
            matched = true;
    }
    return matched;
}
/**
 * Check `key` (the server's public key blob, as in the file's base64 field) for host:port.
 * A matching name with the same key → ok; matching names with other keys only → refused (changed key);
 * no matching name → refused, or accepted and appended when acceptNew.
 */
export function checkHostKey(file, host, port, key, acceptNew) {
    const name = knownHostsName(host, port);
    let text = '';
    try {
        text = readFileSync(file, 'utf8');
    }
    catch (e) {
        if (e.code !== 'ENOENT')
            return { ok: false, reason: `cannot read ${file}: ${e.message}` };
    }
    const b64 = key.toString('base64');
    let sawName = false;
    let good = false;
    for (const raw of text.split('\n')) {
        const line = raw.trim();
        if (!line || line.startsWith('#'))
            continue;
        let fields = line.split(/\s+/);
        let marker;
        if (fields[0].startsWith('@')) {
            marker = fields[0];
            fields = fields.slice(1);
        }
        if (fields.length < 3 || marker === '@cert-authority')
            continue;
        if (!hostFieldMatches(fields[0], name))
            continue;
        if (marker === '@revoked') {
            if (fields[2] === b64)
                return { ok: false, reason: `the host key of ${name} is marked @revoked in ${file}` };
            continue;
        }
        sawName = true;
        if (fields[2] === b64)
            good = true;
    }
    if (good)
        return { ok: true };
    if (sawName) {
        return { ok: false, reason: `HOST KEY MISMATCH for ${name}: the key offered is not the one in ${file} (possible man-in-the-middle; remove the old entry if the host was reinstalled)` };
    }
    if (!acceptNew)
        return { ok: false, reason: `no host key for ${name} in ${file} (add it, e.g. ssh-keyscan -p ${port} ${host} >> ${file}, or set "acceptNewHostKey": true)` };
    const type = key.readUInt32BE(0) < key.length ? key.subarray(4, 4 + key.readUInt32BE(0)).toString('latin1') : 'ssh-ed25519';
    try {
        mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
        const prefix = text && !text.endsWith('\n') ? '\n' : '';
        appendFileSync(file, `${prefix}${name} ${type} ${b64}\n`, { mode: 0o600 });
    }
    catch (e) {
        return { ok: false, reason: `cannot record the new host key of ${name} in ${file}: ${e.message}` };
    }
    return { ok: true, added: true };
}
//# sourceMappingURL=known-hosts.js.map