/**
 * One SSH connection to a host of the hosts file (ssh2): key or agent authentication, host key checked
 * against known_hosts, keep-alive, TCP_NODELAY (ssh2 leaves Nagle on: ~40 ms per round trip without it).
 */
import { readFileSync } from 'node:fs';
import { Client } from 'ssh2';
import { checkHostKey } from './known-hosts.js';
/** Quote a word for a POSIX shell: the only place a string reaches a remote shell, always through here. */
export function shellQuote(s) {
    return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
export function connectHost(spec, env = process.env) {
    const where = `host ${spec.name} (${spec.user}@${spec.host}:${spec.port})`;
    return new Promise((resolve, reject) => {
        const client = new Client();
        let hostKeyProblem;
        let hostKeyAdded = false;
        let settled = false;
        const cfg = {
            host: spec.host,
            port: spec.port,
            username: spec.user,
            readyTimeout: spec.connectTimeoutS * 1000,
            keepaliveInterval: spec.keepaliveS * 1000,
            keepaliveCountMax: 3,
            hostVerifier: (key) => {
                const v = checkHostKey(spec.knownHosts, spec.host, spec.port, key, spec.acceptNewHostKey);
                if (!v.ok)
                    hostKeyProblem = v.reason;
                else
                    hostKeyAdded = !!v.added;
                return v.ok;
            },
        };
        if (spec.identityFile) {
            try {
                cfg.privateKey = readFileSync(spec.identityFile);
            }
            catch (e) {
                reject(new Error(`${where}: cannot read identityFile ${spec.identityFile}: ${e.message}`));
                return;
            }
            if (spec.passphraseEnv)
                cfg.passphrase = env[spec.passphraseEnv];
        }
        if (spec.agent)
            cfg.agent = spec.agent;
        client.on('ready', () => {
            settled = true;
            client.setNoDelay(true);
            resolve({ client, hostKeyAdded });
        });
        client.on('error', (err) => {
            if (settled)
                return; // after ready: reported through 'close' of the channels / the connection
            settled = true;
            client.end();
            reject(new Error(`${where}: ${hostKeyProblem ?? err.message}`));
        });
        client.on('close', () => {
            if (settled)
                return;
            settled = true;
            reject(new Error(`${where}: connection closed during setup${hostKeyProblem ? `: ${hostKeyProblem}` : ''}`));
        });
        try {
            client.connect(cfg);
        }
        catch (e) {
            settled = true;
            reject(new Error(`${where}: ${e.message}`)); // e.g. a key ssh2 cannot parse, wrong passphrase
        }
    });
}
export function openExec(client, command) {
    return new Promise((resolve, reject) => client.exec(command, (err, ch) => (err ? reject(err) : resolve(ch))));
}
/** Run a short command, collect its output. */
export async function execCollect(client, command) {
    const ch = await openExec(client, command);
    return new Promise((resolve) => {
        let stdout = '';
        let stderr = '';
        ch.setEncoding('utf8');
        ch.stderr.setEncoding('utf8');
        ch.on('data', (d) => (stdout += d));
        ch.stderr.on('data', (d) => (stderr += d));
        ch.on('close', (code) => resolve({ code: code ?? null, stdout, stderr }));
    });
}
//# sourceMappingURL=connection.js.map