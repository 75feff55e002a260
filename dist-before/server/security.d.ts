import * as zmq from 'zeromq';
import { type CurveKeyPair } from '../protocol/curve-keys.js';
import type { Logger } from './log.js';
import type { ManagerOptions } from './options.js';
/** Options every server socket of the manager is created with (spread into the socket constructor). */
export interface ServerSocketOptions {
    context?: zmq.Context;
    curveServer?: boolean;
    curveSecretKey?: string;
    zapDomain?: string;
}
export interface ServerSecurity {
    /** spread into `new zmq.Reply({...})`, `new zmq.Router({...})`, `new zmq.XPublisher({...})` */
    readonly socketOptions: ServerSocketOptions;
    /** the server's key pair when CURVE is on */
    readonly keys: CurveKeyPair | null;
    /** how many client keys are authorized (0 without CURVE) */
    readonly authorizedCount: number;
    /**
     * with CURVE: read the authorized keys file again (SIGHUP) and check new connections against it; returns how
     * many keys it holds. Throws, keeping the keys as they were, when the file cannot be read or has a bad line
     */
    reloadAuthorizedKeys?(): number;
    /**
     * with CURVE: QCG_PM_SERVER_KEY and QCG_PM_CLIENT_KEY for every job, a key pair made at start and authorized
     * for this manager's lifetime, so jobs reach their manager with pilotmq's client (jobs are trusted code)
     */
    readonly jobEnv: Record<string, string> | undefined;
    /** close the ZAP handler (after the server sockets) */
    close(): Promise<void>;
}
/** 127.0.0.0/8, ::1 (also IPv4-mapped) and `localhost`. Anything else (0.0.0.0, `*`, names, interfaces) is not. */
export declare function isLoopback(bind: string): boolean;
/**
 * Check the options (bind rule, key files) before anything starts. Throws with a message naming the option
 * and what to do.
 */
export interface SecurityPlan {
    bind: string;
    keys: CurveKeyPair | null;
    allowed: Set<string>;
    /** the authorized keys file (with keys) */
    authorizedKeys?: string;
}
export declare function checkSecurityOptions(opts: ManagerOptions): SecurityPlan;
/** Set up what `checkSecurityOptions` decided: the ZAP handler is bound before the caller binds any server socket. */
export declare function startSecurity(plan: SecurityPlan, log: Logger): Promise<ServerSecurity>;
