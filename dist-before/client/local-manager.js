/**
 * A manager started inside this process, in a worker thread, plus a client connected to it (the counterpart
 * of QCG-PilotJob's `LocalManager`). Construction is asynchronous: `await LocalManager.create([...])`.
 */
import { Worker } from 'node:worker_threads';
import { ConnectionError, ServiceError } from './errors.js';
import { Manager } from './manager.js';
export class LocalManager extends Manager {
    /** the manager's aux dir (`<wd>/.qcgpjm-service-<InstanceId>`) */
    auxDir;
    instanceId;
    /** resolves with the manager's exit status once its worker has ended */
    exited;
    worker;
    localCfg;
    constructor(worker, started, exited, cfg) {
        // the manager says whether it uses CURVE: its key, or '' (none, whatever QCG_PM_SERVER_KEY says)
        super(started.address, { ...cfg, serverPublicKey: started.serverPublicKey ?? '' });
        this.worker = worker;
        this.auxDir = started.auxDir;
        this.instanceId = started.instanceId;
        this.exited = exited;
        this.localCfg = cfg;
    }
    /**
     * Start a manager with `pilotmq serve` options (e.g. `['--nodes', '4', '--wd', dir]`; ports are random
     * unless `--net-port` is given) and connect to it. Resolves once it answered a `status` request.
     */
    static async create(serverArgs = [], cfg = {}) {
        const worker = new Worker(new URL('./local-manager-worker.js', import.meta.url), {
            workerData: { args: serverArgs.map(String), logToStderr: cfg.logToStderr ?? false },
        });
        let exitStatus;
        const exited = new Promise((resolve) => {
            worker.on('message', (msg) => {
                if (msg.type === 'done')
                    exitStatus = msg.status;
            });
            worker.on('exit', (code) => resolve(exitStatus ?? code));
            // an uncaught failure inside the worker ends it (see 'exit'); without a listener it would crash us
            worker.on('error', () => undefined);
        });
        const initTimeoutMs = cfg.initTimeoutMs ?? 60_000;
        let started;
        try {
            started = await waitForStart(worker, initTimeoutMs);
        }
        catch (err) {
            await worker.terminate();
            throw err;
        }
        let manager;
        try {
            manager = new LocalManager(worker, started, exited, cfg);
        }
        catch (err) {
            // e.g. unreadable client keys: the manager is up already, stop it
            worker.postMessage({ type: 'stop' });
            if ((await within(exited, 30_000)) === TIMED_OUT)
                await worker.terminate();
            throw err;
        }
        try {
            await manager.systemStatus(initTimeoutMs);
        }
        catch (err) {
            manager.close();
            await manager.kill();
            throw new ServiceError(`Service not started: ${err.message}`);
        }
        return manager;
    }
    /** Send `finish`, close this client and wait until the manager has exited (its status: `exited`). */
    async finish(opts = {}) {
        let reply;
        try {
            reply = await super.finish(opts);
        }
        catch (err) {
            // refused (e.g. finish already requested): the manager is finishing anyway; no reply: stop it ourselves
            if (err instanceof ConnectionError && err.serverMessage !== undefined)
                await this.waitForExit();
            else
                await this.kill();
            throw err;
        }
        await this.waitForExit();
        return reply;
    }
    /**
     * Stop the manager at once (as SIGINT would: queued work cancelled, running jobs killed) and wait for it to
     * exit; a manager that does not exit within `graceMs` has its thread terminated. Safe to call at any time,
     * also after `finish`.
     */
    async kill(graceMs = 30_000) {
        this.close();
        this.worker.postMessage({ type: 'stop' });
        if ((await within(this.exited, graceMs)) === TIMED_OUT)
            await this.worker.terminate();
        return this.exited;
    }
    async waitForExit() {
        const limit = this.localCfg.exitTimeoutMs;
        if (limit === undefined)
            await this.exited;
        else if ((await within(this.exited, limit)) === TIMED_OUT)
            await this.kill();
    }
}
const TIMED_OUT = Symbol('timed out');
/** The promise's value, or TIMED_OUT after `ms`. */
async function within(promise, ms) {
    let timer;
    const expired = new Promise((resolve) => {
        timer = setTimeout(() => resolve(TIMED_OUT), ms);
    });
    try {
        return await Promise.race([promise, expired]);
    }
    finally {
        clearTimeout(timer);
    }
}
function waitForStart(worker, timeoutMs) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new ServiceError(`Service not started in ${timeoutMs / 1000} s`)), timeoutMs);
        const onMessage = (msg) => {
            if (msg.type === 'started')
                done(null, msg);
            else if (msg.type === 'error')
                done(new ServiceError(`Service not started: ${msg.message}`));
        };
        const onError = (err) => done(new ServiceError(`Service not started: ${err.message}`));
        const onExit = (code) => done(new ServiceError(`Service process exited (${code})`));
        function done(err, started) {
            clearTimeout(timer);
            worker.off('message', onMessage).off('error', onError).off('exit', onExit);
            if (err)
                reject(err);
            else
                resolve(started);
        }
        worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
}
//# sourceMappingURL=local-manager.js.map