/** Wall time `<h>h<m>m<s>s` (jobs.md §3, checks in §7). */
// Each part is optional and the parts come in this order; matched at the start only, so the match is
// the longest prefix of that form (possibly empty).
const PREFIX = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?/;
// Python's timedelta cannot hold more than 999 999 999 days; QCG-PilotJob reports a wrong format beyond.
const MAX_SECONDS = 999_999_999 * 86_400 + 86_399;
/** Parse a `wt` value: the number of seconds, or the stage S message (without the `Wrong submit request: ` prefix). */
export function parseWallTime(wt) {
    if (typeof wt !== 'string')
        return { ok: false, message: 'Wrong wall time format' };
    const m = PREFIX.exec(wt); // always matches, at least the empty prefix
    const [h, min, s] = [m[1], m[2], m[3]].map((x) => (x === undefined ? 0 : Number(x)));
    const seconds = h * 3600 + min * 60 + s;
    // The zero check comes first: `soon`, `2`, `-10s` have an empty prefix and get this message.
    if (seconds === 0)
        return { ok: false, message: 'Wall time must be greater than 0' };
    if (m[0].length !== wt.length || !(seconds <= MAX_SECONDS))
        return { ok: false, message: 'Wrong wall time format' };
    return { ok: true, seconds };
}
//# sourceMappingURL=walltime.js.map