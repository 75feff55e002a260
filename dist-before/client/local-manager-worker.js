/**
 * Worker-thread entry of LocalManager: starts a manager from a QCG-style argument list and reports its
 * address to the parent. Messages to the parent: `{type: 'started', address, publisherAddress, auxDir,
 * instanceId}`, `{type: 'error', message}`, `{type: 'done', status}`. From the parent: `{type: 'stop'}`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startManager } from '../server/index.js';
import { parseServeArgs } from './cli/serve-options.js';
const port = parentPort;
const input = workerData;
async function main() {
    let running;
    try {
        const opts = parseServeArgs(input.args);
        opts.logToStderr = input.logToStderr;
        running = await startManager(opts);
    }
    catch (err) {
        port.postMessage({ type: 'error', message: err.message });
        port.close();
        return;
    }
    const manager = running;
    port.on('message', (msg) => {
        if (msg?.type === 'stop')
            void manager.stop();
    });
    port.postMessage({
        type: 'started',
        address: manager.address,
        publisherAddress: manager.publisherAddress,
        auxDir: manager.auxDir,
        instanceId: manager.instanceId,
        serverPublicKey: manager.serverPublicKey,
    });
    const status = await manager.done;
    port.postMessage({ type: 'done', status });
    port.close();
}
void main();
//# sourceMappingURL=local-manager-worker.js.map