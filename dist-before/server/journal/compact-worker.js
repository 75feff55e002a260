/** Worker thread: fold `journal.snap` + `journal.prev` of an aux dir into a new snapshot (store.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { compactJournal } from './store.js';
const { auxDir } = workerData;
try {
    const bytes = compactJournal(auxDir);
    parentPort.postMessage({ ok: true, bytes });
}
catch (e) {
    parentPort.postMessage({ ok: false, error: e.message });
}
//# sourceMappingURL=compact-worker.js.map