/** Job descriptions used across the end-to-end tests. */
import fs from 'node:fs';
import path from 'node:path';

/** A shell loop that waits until `gate` exists (so tests decide when a job ends, not the clock). */
export const gateLoop = (gate: string): string => `while [ ! -e '${gate}' ]; do sleep 0.05; done`;

/** `/bin/sh -c <script>` job. */
export function shJob(name: string, script: string, extra: Record<string, unknown> = {}, execution: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, execution: { exec: '/bin/sh', args: ['-c', script], ...execution }, ...extra };
}

/** A job that runs until the gate file exists. */
export function gateJob(name: string, gate: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return shJob(name, gateLoop(gate), extra);
}

export function openGate(gate: string): void {
  fs.mkdirSync(path.dirname(gate), { recursive: true });
  fs.writeFileSync(gate, '');
}
