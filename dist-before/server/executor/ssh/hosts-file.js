/**
 * The SSH hosts file of `pilotmq serve --hosts FILE` (README "SSH hosts"): parsing and validation. Pure but for
 * reading the file. Every error names the file, the host and the field.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
export const DEFAULT_RECONNECT = { initialMs: 1000, maxMs: 30_000, giveUpAfterMs: 300_000 };
const KEYS = [
    'name',
    'host',
    'port',
    'user',
    'cores',
    'identityFile',
    'passphraseEnv',
    'agent',
    'knownHosts',
    'acceptNewHostKey',
    'workdir',
    'env',
    'node',
    'keepalive',
    'connectTimeout',
    'mode',
    'maxSessions',
    'reconnect',
];
/** `reconnect: {initialMs, maxMs, giveUpAfterMs}` (each optional) over `base`; `fail(field, message)` throws */
function parseReconnect(v, base, fail) {
    if (v === undefined)
        return base;
    if (!isObject(v))
        return fail('reconnect', 'must be an object {"initialMs", "maxMs", "giveUpAfterMs"}');
    const out = { ...base };
    for (const [k, x] of Object.entries(v)) {
        if (k !== 'initialMs' && k !== 'maxMs' && k !== 'giveUpAfterMs')
            fail('reconnect', `unknown key '${k}' (initialMs, maxMs, giveUpAfterMs)`);
        if (typeof x !== 'number' || !Number.isInteger(x) || x < 100 || x > 2 ** 31 - 1)
            fail(`reconnect.${k}`, 'must be an integer number of milliseconds, at least 100');
        out[k] = x;
    }
    if (out.maxMs < out.initialMs)
        fail('reconnect.maxMs', `must not be below initialMs (${out.initialMs})`);
    return out;
}
/** `~` and `~/x` on this machine */
export function expandHome(p) {
    if (p === '~')
        return os.homedir();
    if (p.startsWith('~/'))
        return path.join(os.homedir(), p.slice(2));
    return p;
}
/** Read and check a hosts file. Throws an Error whose message names the file, host and field. */
export function loadHostsFile(file, env = process.env) {
    let text;
    try {
        text = readFileSync(file, 'utf8');
    }
    catch (e) {
        throw new Error(`hosts file ${file}: cannot read (${e.message})`);
    }
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch (e) {
        throw new Error(`hosts file ${file}: not valid JSON (${e.message})`);
    }
    return parseHosts(doc, file, env);
}
export function parseHosts(doc, file = 'hosts file', env = process.env) {
    const top = `hosts file ${file}`;
    if (!isObject(doc))
        throw new Error(`${top}: expected an object {"hosts": [...]}`);
    for (const k of Object.keys(doc))
        if (k !== 'hosts' && k !== 'reconnect')
            throw new Error(`${top}: unknown key '${k}' (only "hosts", "reconnect")`);
    const reconnectDefault = parseReconnect(doc.reconnect, DEFAULT_RECONNECT, (field, msg) => {
        throw new Error(`${top}: field '${field}': ${msg}`);
    });
    const list = doc.hosts;
    if (!Array.isArray(list) || list.length === 0)
        throw new Error(`${top}: "hosts" must be a non-empty array`);
    const out = [];
    list.forEach((h, i) => {
        const label = isObject(h) && typeof h.name === 'string' && h.name ? `host '${h.name}'` : `host #${i + 1}`;
        const fail = (field, msg) => {
            throw new Error(`${top}: ${label}: field '${field}': ${msg}`);
        };
        if (!isObject(h))
            throw new Error(`${top}: ${label}: expected an object`);
        for (const k of Object.keys(h)) {
            if (!KEYS.includes(k))
                fail(k, `unknown key (known: ${KEYS.join(', ')})`);
        }
        const str = (k, required) => {
            const v = h[k];
            if (v === undefined)
                return required ? fail(k, 'missing') : undefined;
            if (typeof v !== 'string' || v === '')
                fail(k, 'must be a non-empty string');
            return v;
        };
        const int = (k, min, max) => {
            const v = h[k];
            if (v === undefined)
                return undefined;
            if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
                fail(k, `must be an integer in ${min}..${max}`);
            return v;
        };
        const bool = (k) => {
            const v = h[k];
            if (v === undefined)
                return undefined;
            if (typeof v !== 'boolean')
                fail(k, 'must be true or false');
            return v;
        };
        const name = str('name', true);
        if (!/^[^:=\s[\],&]+$/.test(name))
            fail('name', `'${name}' is not a valid node name (no spaces, ':', '=', ',', '&', brackets)`);
        if (out.some((o) => o.name === name))
            fail('name', `duplicate host name '${name}'`);
        const host = str('host', true);
        const port = int('port', 1, 65535) ?? 22;
        const user = str('user', false) ?? os.userInfo().username;
        const cores = int('cores', 1, 1_000_000);
        const identityFile = str('identityFile', false);
        const passphraseEnv = str('passphraseEnv', false);
        const agentField = h.agent;
        let agent;
        if (agentField !== undefined) {
            if (agentField === true) {
                agent = env.SSH_AUTH_SOCK;
                if (!agent)
                    fail('agent', 'true, but SSH_AUTH_SOCK is not set');
            }
            else if (agentField === false)
                agent = undefined;
            else if (typeof agentField === 'string' && agentField)
                agent = expandHome(agentField);
            else
                fail('agent', 'must be true or a socket path');
        }
        if (identityFile && agent)
            fail('agent', "two authentication methods: give either 'identityFile' or 'agent'");
        if (passphraseEnv && !identityFile)
            fail('passphraseEnv', "only meaningful with 'identityFile'");
        if (passphraseEnv && env[passphraseEnv] === undefined)
            fail('passphraseEnv', `environment variable ${passphraseEnv} is not set`);
        let keyFile = identityFile ? expandHome(identityFile) : undefined;
        if (!keyFile && !agent) {
            // the usual defaults of ssh(1)
            keyFile = ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((f) => path.join(os.homedir(), '.ssh', f)).find((f) => readable(f));
            if (!keyFile)
                agent = env.SSH_AUTH_SOCK;
            if (!keyFile && !agent)
                fail('identityFile', 'missing: no identityFile, no agent, no ~/.ssh/id_ed25519|id_ecdsa|id_rsa and SSH_AUTH_SOCK unset');
        }
        if (identityFile && !readable(keyFile))
            fail('identityFile', `cannot read ${keyFile}`);
        const knownHosts = expandHome(str('knownHosts', false) ?? '~/.ssh/known_hosts');
        const acceptNewHostKey = bool('acceptNewHostKey') ?? false;
        const workdir = str('workdir', false);
        if (workdir !== undefined && !workdir.startsWith('/') && workdir !== '~' && !workdir.startsWith('~/')) {
            fail('workdir', `'${workdir}' must be absolute or start with ~/ (the home directory on the host)`);
        }
        const envField = h.env ?? {};
        if (!isObject(envField))
            fail('env', 'must be an object of strings');
        const jobEnv = {};
        for (const [k, v] of Object.entries(envField)) {
            if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k))
                fail('env', `'${k}' is not a valid variable name`);
            if (typeof v !== 'string')
                fail('env', `value of ${k} must be a string`);
            jobEnv[k] = v;
        }
        const node = str('node', false) ?? 'node';
        const keepaliveS = int('keepalive', 0, 3600) ?? 15;
        const connectTimeoutS = int('connectTimeout', 1, 3600) ?? 20;
        const mode = (str('mode', false) ?? 'auto');
        if (mode !== 'agent' && mode !== 'plain' && mode !== 'auto')
            fail('mode', `'${mode}': must be "agent", "plain" or "auto"`);
        const maxSessions = int('maxSessions', 1, 10_000) ?? 10;
        const reconnect = parseReconnect(h.reconnect, reconnectDefault, fail);
        out.push({
            name,
            host,
            port,
            user,
            ...(cores !== undefined ? { cores } : {}),
            ...(keyFile ? { identityFile: keyFile } : {}),
            ...(passphraseEnv ? { passphraseEnv } : {}),
            ...(agent ? { agent } : {}),
            knownHosts,
            acceptNewHostKey,
            ...(workdir !== undefined ? { workdir } : {}),
            env: jobEnv,
            node,
            keepaliveS,
            connectTimeoutS,
            mode,
            maxSessions,
            reconnect,
        });
    });
    return out;
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function readable(f) {
    try {
        readFileSync(f);
        return true;
    }
    catch {
        return false;
    }
}
//# sourceMappingURL=hosts-file.js.map