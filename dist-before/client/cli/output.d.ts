/** Human-readable output of the CLI: tables, durations, job info blocks. */
import type { InfoReply } from '../types.js';
/** Left-aligned columns separated by two spaces; the last column is not padded. */
export declare function table(header: string[], rows: string[][]): string;
/** 3.2 → `3.2s`, 75 → `1m15s`, 3700 → `1h01m40s` */
export declare function formatElapsed(seconds: number): string;
/** `SUCCEED 3, FAILED 1` in a fixed state order (unknown states last). */
export declare function formatCounts(counts: Record<string, number>): string;
export declare function countStates(states: Iterable<string>): Record<string, number>;
/** The `jobInfo` reply as indented blocks, one per requested name. */
export declare function formatInfo(reply: InfoReply): string;
