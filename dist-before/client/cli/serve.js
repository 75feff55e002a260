/**
 * `pilotmq serve`: run a manager in the foreground until it finishes (finish request, control command) or a
 * signal arrives. SIGINT/SIGTERM behave like `finish` with no delay (`--on-signal cancel`, the default) or like
 * `finish --wait` (`--on-signal wait`); a second signal exits at once, killing the running jobs' process groups.
 * SIGHUP reads the `--authorized-keys` file again; a terminal that goes away (SIGHUP, then failing writes)
 * leaves the manager running, logging to its log file only.
 */
import { startManager } from '../../server/index.js';
import { keepServingWithoutStdio, writeStderr } from '../../server/log.js';
import { toManagerOptions } from './serve-options.js';
import { UsageError } from './commands.js';
export async function serve(args, json) {
    let opts;
    try {
        opts = toManagerOptions(args);
    }
    catch (err) {
        throw new UsageError(err.message);
    }
    // Signals are handled from the start: the address file may be read (and a signal sent) before
    // startManager returns. A signal that arrives that early stops the manager as soon as it runs.
    let running = null;
    let stopRequested = false;
    let signals = 0;
    const how = opts.onSignal ?? 'cancel';
    keepServingWithoutStdio();
    const onHangup = () => {
        if (!running)
            return writeStderr('pilotmq: SIGHUP before the manager started: nothing to reload\n');
        const r = running.reload();
        if (r.ok)
            writeStderr(`pilotmq: SIGHUP: ${r.message}\n`); // (a failure was logged, on stderr too)
    };
    const onSignal = (signal) => {
        signals += 1;
        if (signals > 1) {
            writeStderr(`pilotmq: ${signal} again, exiting now (running jobs are killed)\n`);
            running?.forceStop();
            process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
        }
        writeStderr(how === 'wait'
            ? `pilotmq: ${signal}, no new jobs accepted; exiting once every job has finished (signal again to exit at once)\n`
            : `pilotmq: ${signal}, stopping (jobs are cancelled; signal again to exit at once)\n`);
        stopRequested = true;
        if (running)
            void running.stop(how);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onHangup);
    try {
        running = await startManager(opts);
    }
    catch (err) {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        process.off('SIGHUP', onHangup);
        throw err;
    }
    if (stopRequested)
        void running.stop(how);
    const events = running.publisherAddress ? `, events at ${running.publisherAddress}` : '';
    writeStderr(`pilotmq: manager ${running.instanceId} listening at ${running.address}${events}\n`);
    writeStderr(`pilotmq: aux dir ${running.auxDir}\n`);
    if (running.serverPublicKey)
        writeStderr(`pilotmq: CURVE on, server public key ${running.serverPublicKey}\n`);
    if (json) {
        const line = {
            address: running.address,
            publisher: running.publisherAddress,
            instanceId: running.instanceId,
            auxDir: running.auxDir,
            pid: process.pid,
            serverPublicKey: running.serverPublicKey,
        };
        process.stdout.write(`${JSON.stringify(line)}\n`);
    }
    try {
        const status = await running.done;
        writeStderr(`pilotmq: manager finished (status ${status})\n`);
        return status;
    }
    finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        process.off('SIGHUP', onHangup);
    }
}
//# sourceMappingURL=serve.js.map