/** Epoch microseconds from the wall clock, with sub-millisecond resolution, never decreasing. */
export declare function systemClock(): () => number;
/** `YYYY-MM-DD HH:MM:SS.ffffff`, local time (sep ' ') or `YYYY-MM-DDTHH:MM:SS.ffffff` (sep 'T'). */
export declare function formatTimestamp(us: number, sep?: string): string;
/** Duration `H:MM:SS.ffffff`, with `<d> day, ` / `<d> days, ` from 24 h (Python's timedelta str, 6 digits always). */
export declare function formatDuration(us: number): string;
