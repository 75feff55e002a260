import { type CurveKeyPair } from '../protocol/curve-keys.js';
/** the manager's public key: Z85 text or a file (`.pub`, or a key file) */
export declare const SERVER_KEY_ENV = "QCG_PM_SERVER_KEY";
/** this client's key pair: a key file, or a Z85 secret key (the public key is derived from it) */
export declare const CLIENT_KEY_ENV = "QCG_PM_CLIENT_KEY";
export interface CurveConfig {
    /**
     * the manager's public key (Z85, or a file holding it); default: env QCG_PM_SERVER_KEY; none or '': no CURVE
     * (LocalManager sets it from the manager it started)
     */
    serverPublicKey?: string;
    /** this client's public key (Z85); derived from `secretKey` when left out */
    publicKey?: string;
    /** this client's secret key (Z85); default: env QCG_PM_CLIENT_KEY (a key file or a Z85 secret key) */
    secretKey?: string;
}
/** Socket options of a CURVE client (spread into the zeromq socket constructor). */
export interface CurveSocketOptions {
    curveServerKey: string;
    curvePublicKey: string;
    curveSecretKey: string;
}
/**
 * The socket options for `cfg` (falling back on the environment), or null without a server key.
 * Throws PilotMQError on a key that cannot be read or a server key without a client key pair.
 */
export declare function clientCurveOptions(cfg: CurveConfig, env?: NodeJS.ProcessEnv): CurveSocketOptions | null;
/** A key pair given as a key file or as a Z85 secret key (`what` names it in errors). */
export declare function readKeyPair(value: string, what: string): CurveKeyPair;
