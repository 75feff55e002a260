/**
 * pilotmq's own job attributes (README "Retries" and "Export"). QCG-PilotJob treats `attributes` as a free
 * dictionary; pilotmq reads two keys of it and checks them at submit:
 *
 *   retries     an integer N (= {max: N}) or {max, backoff, maxBackoff, onExitCode}: re-run a task whose launch
 *               failed or whose host was lost, up to `max` more times, after an exponential backoff with jitter
 *   resultFile  a path relative to the task's wd (`${it}` allowed): its content (up to RESULT_MAX_BYTES) is
 *               read when the task ends and kept with the task for `pilotmq export`
 */
export const RETRY_DEFAULTS = { backoff: 1, maxBackoff: 60, onExitCode: false };
export const MAX_RETRIES = 1000;
const MAX_DELAY_S = 7 * 86_400;
/** bytes of a result file kept per task (the rest is cut, and the export says so) */
export const RESULT_MAX_BYTES = 64 << 10;
const RETRY_KEYS = ['max', 'backoff', 'maxBackoff', 'onExitCode'];
const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_RETRIES;
const isSeconds = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_DELAY_S;
/** Check `attributes.retries` and `attributes.resultFile`; the error text (without prefix), or null. */
export function checkAttributes(a) {
    const r = a.retries;
    if (r !== undefined && r !== null) {
        if (typeof r === 'number') {
            if (!isCount(r))
                return `attributes.retries must be an integer from 0 to ${MAX_RETRIES} or an object, not ${r}`;
        }
        else if (!isObj(r)) {
            return 'attributes.retries must be an integer or an object {max, backoff, maxBackoff, onExitCode}';
        }
        else {
            for (const k of Object.keys(r))
                if (!RETRY_KEYS.includes(k))
                    return `attributes.retries: unknown key '${k}' (known: ${RETRY_KEYS.join(', ')})`;
            if (!isCount(r.max))
                return `attributes.retries.max must be an integer from 0 to ${MAX_RETRIES}`;
            for (const k of ['backoff', 'maxBackoff']) {
                if (r[k] !== undefined && !isSeconds(r[k]))
                    return `attributes.retries.${k} must be a number of seconds from 0 to ${MAX_DELAY_S}`;
            }
            if (r.onExitCode !== undefined && typeof r.onExitCode !== 'boolean')
                return 'attributes.retries.onExitCode must be a boolean';
        }
    }
    const f = a.resultFile;
    if (f !== undefined && f !== null) {
        if (typeof f !== 'string' || f === '' || f.includes('\0'))
            return 'attributes.resultFile must be a non-empty path (relative to the job wd)';
    }
    return null;
}
/** The retry policy of (checked) attributes, or undefined when there is none or it allows no retry. */
export function retryPolicy(a) {
    const r = a?.retries;
    if (r === undefined || r === null)
        return undefined;
    const p = typeof r === 'number' ? { max: r, ...RETRY_DEFAULTS } : { ...RETRY_DEFAULTS, ...r };
    return p.max > 0 ? p : undefined;
}
/**
 * Seconds to wait before retry number `n` (1 = the first retry): backoff·2^(n−1), capped at maxBackoff, then
 * "equal jitter" — a uniformly random point in the upper half — so tasks that failed together do not all come
 * back at the same instant. `random` is in [0, 1).
 */
export function retryDelaySeconds(p, n, random) {
    const d = Math.min(p.maxBackoff, p.backoff * 2 ** Math.min(n - 1, 60));
    return d / 2 + (d / 2) * random;
}
/** The declared result file (not substituted), if any. */
export function resultFileOf(a) {
    const f = a?.resultFile;
    return typeof f === 'string' && f !== '' ? f : undefined;
}
//# sourceMappingURL=attributes.js.map