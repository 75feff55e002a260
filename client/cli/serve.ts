/**
 * `pilotmq serve`: run a manager in the foreground until it finishes (finish request, control command) or a
 * signal arrives. SIGINT/SIGTERM behave like `finish` with no delay (`--on-signal cancel`, the default) or like
 * `finish --wait` (`--on-signal wait`); a second signal exits at once, killing the running jobs' process groups.
 */
import { startManager } from '../../server/index.js';
import { toManagerOptions, type ServeArgs } from './serve-options.js';
import { UsageError } from './commands.js';

export async function serve(args: ServeArgs, json: boolean): Promise<number> {
  let opts;
  try {
    opts = toManagerOptions(args);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  // Signals are handled from the start: the address file may be read (and a signal sent) before
  // startManager returns. A signal that arrives that early stops the manager as soon as it runs.
  let running: Awaited<ReturnType<typeof startManager>> | null = null;
  let stopRequested = false;
  let signals = 0;
  const how = opts.onSignal ?? 'cancel';
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      process.stderr.write(`pilotmq: ${signal} again, exiting now (running jobs are killed)\n`);
      running?.forceStop();
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    }
    process.stderr.write(
      how === 'wait'
        ? `pilotmq: ${signal}, no new jobs accepted; exiting once every job has finished (signal again to exit at once)\n`
        : `pilotmq: ${signal}, stopping (jobs are cancelled; signal again to exit at once)\n`,
    );
    stopRequested = true;
    if (running) void running.stop(how);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    running = await startManager(opts);
  } catch (err) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    throw err;
  }
  if (stopRequested) void running.stop(how);
  const events = running.publisherAddress ? `, events at ${running.publisherAddress}` : '';
  process.stderr.write(`pilotmq: manager ${running.instanceId} listening at ${running.address}${events}\n`);
  process.stderr.write(`pilotmq: aux dir ${running.auxDir}\n`);
  if (running.serverPublicKey) process.stderr.write(`pilotmq: CURVE on, server public key ${running.serverPublicKey}\n`);
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
    process.stderr.write(`pilotmq: manager finished (status ${status})\n`);
    return status;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
