export declare const sleep: (ms: number) => Promise<void>;
/**
 * Poll `pred` (every `intervalMs`) until it returns a truthy value; returns that value. Throws after
 * `timeoutMs` (a hang guard, never a timing assertion).
 */
export declare function waitFor<T>(pred: () => T | Promise<T>, timeoutMs?: number, what?: string, intervalMs?: number): Promise<T>;
/** `H:MM:SS.ffffff`, optionally with a `<d> day(s), ` prefix (jobs.md §9). */
export declare const RTIME_RE: RegExp;
/** `\n<YYYY-MM-DD HH:MM:SS.ffffff>: <STATE>` repeated (jobs.md §9). */
export declare const HISTORY_RE: RegExp;
export declare const TIMESTAMP_RE: RegExp;
/** The states of a history string, in order; asserts the format and non-decreasing timestamps. */
export declare function historyStates(history: unknown): string[];
/** Assert the exact key order of an object. */
export declare function assertKeys(obj: unknown, keys: string[], what?: string): void;
/** Deep equality that also requires the same key order in every object. */
export declare function assertSameOrdered(actual: unknown, expected: unknown, where?: string): void;
/** Runtime of a final job or iteration (jobs.md §9): key order and formats. */
export declare function assertFinalRuntime(rt: unknown, expect?: Partial<Record<'allocation' | 'wd' | 'exit_code' | 'pid' | 'pname', string>>): Record<string, string>;
/** Python's json.dumps with default separators (`", "`, `": "`), for event bodies. */
export declare function pyJson(v: unknown): string;
/** Expected event frame text (protocol.md §5). */
export declare function ev(topic: 'JST' | 'JFI' | 'IST' | 'IFI', manager: string, job: string, state: string, it?: number): string;
export declare const noj: (manager: string) => string;
export declare function readText(p: string): string;
export type MsgpackKind = 'nil' | 'bool' | 'int' | 'float' | 'str' | 'bin' | 'array' | 'map' | 'ext';
/** Walk one MessagePack value; returns the set of kinds used and the kind of every map value by path. */
export declare function msgpackKinds(buf: Uint8Array): {
    kinds: Set<MsgpackKind>;
    byPath: Map<string, MsgpackKind>;
    end: number;
};
/** mulberry32: a small seeded pseudo-random generator, values in [0, 1) (tests that print their seed). */
export declare function seededRandom(seed: number): () => number;
