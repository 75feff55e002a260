import { Manager, type ManagerConfig } from './manager.js';
import type { FinishReply } from './types.js';
export interface LocalManagerConfig extends ManagerConfig {
    /** how long to wait for the manager to start and answer `status`, ms (default 60 000) */
    initTimeoutMs?: number;
    /** also log the manager to stderr (default: only to its aux dir's service.log) */
    logToStderr?: boolean;
    /** after `finish`, how long to wait for the manager to exit before stopping it hard, ms (default: no limit) */
    exitTimeoutMs?: number;
}
export declare class LocalManager extends Manager {
    /** the manager's aux dir (`<wd>/.qcgpjm-service-<InstanceId>`) */
    readonly auxDir: string;
    readonly instanceId: string;
    /** resolves with the manager's exit status once its worker has ended */
    readonly exited: Promise<number>;
    private readonly worker;
    private readonly localCfg;
    private constructor();
    /**
     * Start a manager with `pilotmq serve` options (e.g. `['--nodes', '4', '--wd', dir]`; ports are random
     * unless `--net-port` is given) and connect to it. Resolves once it answered a `status` request.
     */
    static create(serverArgs?: readonly string[], cfg?: LocalManagerConfig): Promise<LocalManager>;
    /** Send `finish`, close this client and wait until the manager has exited (its status: `exited`). */
    finish(opts?: {
        wait?: boolean;
    }): Promise<FinishReply>;
    /**
     * Stop the manager at once (as SIGINT would: queued work cancelled, running jobs killed) and wait for it to
     * exit; a manager that does not exit within `graceMs` has its thread terminated. Safe to call at any time,
     * also after `finish`.
     */
    kill(graceMs?: number): Promise<number>;
    private waitForExit;
}
