/** Job descriptions used across the end-to-end tests. */
import fs from 'node:fs';
import path from 'node:path';
/** A shell loop that waits until `gate` exists (so tests decide when a job ends, not the clock). */
export const gateLoop = (gate) => `while [ ! -e '${gate}' ]; do sleep 0.05; done`;
/** `/bin/sh -c <script>` job. */
export function shJob(name, script, extra = {}, execution = {}) {
    return { name, execution: { exec: '/bin/sh', args: ['-c', script], ...execution }, ...extra };
}
/** A job that runs until the gate file exists. */
export function gateJob(name, gate, extra = {}) {
    return shJob(name, gateLoop(gate), extra);
}
export function openGate(gate) {
    fs.mkdirSync(path.dirname(gate), { recursive: true });
    fs.writeFileSync(gate, '');
}
//# sourceMappingURL=jobs.js.map