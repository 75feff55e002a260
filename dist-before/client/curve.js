/**
 * The client's side of CURVE (README "Security / threat model"): which keys the request and event sockets use.
 * A manager started with `--curve-secret-key` is reached with its public key plus a client key pair that the
 * manager's `--authorized-keys` lists; a manager without keys is reached without any.
 */
import { existsSync } from 'node:fs';
import { isZ85Key, publicKeyOf, readKeyPairFile, readPublicKey } from '../protocol/curve-keys.js';
import { PilotMQError } from './errors.js';
/** the manager's public key: Z85 text or a file (`.pub`, or a key file) */
export const SERVER_KEY_ENV = 'QCG_PM_SERVER_KEY';
/** this client's key pair: a key file, or a Z85 secret key (the public key is derived from it) */
export const CLIENT_KEY_ENV = 'QCG_PM_CLIENT_KEY';
/**
 * The socket options for `cfg` (falling back on the environment), or null without a server key.
 * Throws PilotMQError on a key that cannot be read or a server key without a client key pair.
 */
export function clientCurveOptions(cfg, env = process.env) {
    try {
        const serverValue = cfg.serverPublicKey ?? env[SERVER_KEY_ENV];
        if (serverValue === undefined || serverValue === '') {
            if (cfg.secretKey !== undefined || cfg.publicKey !== undefined) {
                throw new Error(`a client key pair needs the manager's public key too (serverPublicKey, or env ${SERVER_KEY_ENV})`);
            }
            return null;
        }
        const what = cfg.serverPublicKey !== undefined ? 'serverPublicKey' : SERVER_KEY_ENV;
        const curveServerKey = readPublicKey(serverValue, what);
        let pair;
        if (cfg.secretKey !== undefined) {
            if (!isZ85Key(cfg.secretKey))
                throw new Error('secretKey: not a Z85 key (40 characters)');
            const derived = publicKeyOf(cfg.secretKey);
            if (cfg.publicKey !== undefined && cfg.publicKey !== derived)
                throw new Error('publicKey does not belong to secretKey');
            pair = { publicKey: derived, secretKey: cfg.secretKey };
        }
        else {
            const value = env[CLIENT_KEY_ENV];
            if (value === undefined || value === '') {
                throw new Error(`the manager's public key is set (${what}) but this client has no key pair: give publicKey/secretKey, or env ${CLIENT_KEY_ENV}`);
            }
            pair = readKeyPair(value, CLIENT_KEY_ENV);
        }
        return { curveServerKey, curvePublicKey: pair.publicKey, curveSecretKey: pair.secretKey };
    }
    catch (e) {
        throw new PilotMQError(`CURVE keys: ${e.message}`);
    }
}
/** A key pair given as a key file or as a Z85 secret key (`what` names it in errors). */
export function readKeyPair(value, what) {
    // a file first: a path can be 40 characters of the Z85 alphabet too
    if (existsSync(value))
        return readKeyPairFile(value);
    if (isZ85Key(value))
        return { publicKey: publicKeyOf(value), secretKey: value };
    throw new Error(`${what}: ${JSON.stringify(value)} is neither a key file nor a Z85 secret key`);
}
//# sourceMappingURL=curve.js.map