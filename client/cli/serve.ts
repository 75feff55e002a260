/**
 * `pilotmq serve`: run a manager in the foreground until it finishes (finish request, control command) or a
 * signal arrives (SIGINT/SIGTERM behave like `finish` with no delay; a second signal exits at once).
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
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      process.stderr.write(`pilotmq: ${signal} again, exiting now\n`);
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    }
    process.stderr.write(`pilotmq: ${signal}, stopping (jobs are cancelled)\n`);
    stopRequested = true;
    if (running) void running.stop();
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
  if (stopRequested) void running.stop();
  const events = running.publisherAddress ? `, events at ${running.publisherAddress}` : '';
  process.stderr.write(`pilotmq: manager ${running.instanceId} listening at ${running.address}${events}\n`);
  process.stderr.write(`pilotmq: aux dir ${running.auxDir}\n`);
  if (json) {
    const line = {
      address: running.address,
      publisher: running.publisherAddress,
      instanceId: running.instanceId,
      auxDir: running.auxDir,
      pid: process.pid,
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
