/** A shell loop that waits until `gate` exists (so tests decide when a job ends, not the clock). */
export declare const gateLoop: (gate: string) => string;
/** `/bin/sh -c <script>` job. */
export declare function shJob(name: string, script: string, extra?: Record<string, unknown>, execution?: Record<string, unknown>): Record<string, unknown>;
/** A job that runs until the gate file exists. */
export declare function gateJob(name: string, gate: string, extra?: Record<string, unknown>): Record<string, unknown>;
export declare function openGate(gate: string): void;
