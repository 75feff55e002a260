/** Wall time `<h>h<m>m<s>s` (jobs.md §3, checks in §7). */
export type WallTimeResult = {
    ok: true;
    seconds: number;
} | {
    ok: false;
    message: string;
};
/** Parse a `wt` value: the number of seconds, or the stage S message (without the `Wrong submit request: ` prefix). */
export declare function parseWallTime(wt: unknown): WallTimeResult;
