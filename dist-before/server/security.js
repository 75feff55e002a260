/**
 * Who may talk to a manager (README "Security / threat model"). A manager bound to a loopback address needs
 * nothing; with a CURVE key pair (`--curve-secret-key`) its request and event sockets are CURVE servers in a
 * ZeroMQ context of their own, whose ZAP handler lets in only the public keys of `--authorized-keys`. Binding
 * any other address without keys is refused unless `--insecure` says the open port is wanted.
 */
import os from 'node:os';
import * as zmq from 'zeromq';
import { readAuthorizedKeys, readKeyPairFile } from '../protocol/curve-keys.js';
import { ZAP_DOMAIN, ZapHandler } from './zap.js';
/** 127.0.0.0/8, ::1 (also IPv4-mapped) and `localhost`. Anything else (0.0.0.0, `*`, names, interfaces) is not. */
export function isLoopback(bind) {
    const b = bind.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
    if (b === 'localhost' || b === '::1' || b === '0:0:0:0:0:0:0:1')
        return true;
    const v4 = b.replace(/^::ffff:/, '');
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(v4);
    return m !== null && Number(m[1]) === 127 && m.slice(2).every((x) => Number(x) <= 255);
}
export function checkSecurityOptions(opts) {
    const bind = opts.bind ?? '127.0.0.1';
    if (opts.curveSecretKey === undefined) {
        if (opts.authorizedKeys !== undefined)
            throw new Error('--authorized-keys needs --curve-secret-key (the server key pair that turns CURVE on)');
        if (!isLoopback(bind) && !opts.insecure) {
            throw new Error(`refusing to bind ${bind}: it is not a loopback address, and anyone who reaches the port could submit jobs ` +
                `that run as ${os.userInfo().username}. Use ZeroMQ CURVE authentication (pilotmq keygen; serve ` +
                `--curve-secret-key FILE --authorized-keys FILE), or pass --insecure to serve without authentication anyway`);
        }
        return { bind, keys: null, allowed: new Set() };
    }
    if (opts.authorizedKeys === undefined) {
        throw new Error('--curve-secret-key needs --authorized-keys FILE: the public keys of the clients allowed in (one Z85 key per line)');
    }
    const keys = readKeyPairFile(opts.curveSecretKey);
    const allowed = readAuthorizedKeys(opts.authorizedKeys);
    if (allowed.size === 0)
        throw new Error(`authorized keys file ${opts.authorizedKeys}: no key in it, so no client could connect`);
    return { bind, keys, allowed, authorizedKeys: opts.authorizedKeys };
}
/** Set up what `checkSecurityOptions` decided: the ZAP handler is bound before the caller binds any server socket. */
export async function startSecurity(plan, log) {
    const { keys, allowed } = plan;
    if (!keys) {
        if (!isLoopback(plan.bind))
            log.warn(`--insecure: serving ${plan.bind} without authentication or encryption`);
        return { socketOptions: {}, keys: null, authorizedCount: 0, jobEnv: undefined, close: async () => { } };
    }
    // a context of its own: the ZAP endpoint is per context, so two managers in one process (LocalManager
    // threads, tests) each have their own handler, and clients in this process are never asked
    const context = new zmq.Context();
    const jobPair = zmq.curveKeyPair();
    // the jobs' key pair stays authorized whatever the file says (it is the manager's own, for its lifetime)
    const withJobs = (keys) => new Set([...keys, jobPair.publicKey]);
    // a refused client reconnects every few hundred ms: say so once a minute per address and key
    const lastWarned = new Map();
    const zap = await ZapHandler.start(context, withJobs(allowed), (d) => {
        if (d.allowed)
            return log.debug(`accepted client ${d.clientKey} from ${d.address}`);
        const who = `${d.address} ${d.clientKey ?? d.mechanism}`;
        const now = Date.now();
        if (now - (lastWarned.get(who) ?? -Infinity) < 60_000)
            return;
        if (lastWarned.size > 10_000)
            lastWarned.clear();
        lastWarned.set(who, now);
        log.warn(`refused a ${d.mechanism} client from ${d.address}${d.clientKey ? ` with key ${d.clientKey}` : ''}: not in --authorized-keys`);
    });
    log.info(`CURVE on: server public key ${keys.publicKey}, ${allowed.size} authorized client key(s)`);
    let authorizedCount = allowed.size;
    return {
        socketOptions: { context, curveServer: true, curveSecretKey: keys.secretKey, zapDomain: ZAP_DOMAIN },
        keys,
        get authorizedCount() {
            return authorizedCount;
        },
        reloadAuthorizedKeys() {
            // an empty file is taken (it revokes every key), unlike at start where it is a mistake
            const now = readAuthorizedKeys(plan.authorizedKeys);
            zap.setAllowed(withJobs(now));
            lastWarned.clear(); // a key revoked now is worth a warning at once
            authorizedCount = now.size;
            return now.size;
        },
        jobEnv: { QCG_PM_SERVER_KEY: keys.publicKey, QCG_PM_CLIENT_KEY: jobPair.secretKey },
        close: () => zap.close(),
    };
}
//# sourceMappingURL=security.js.map