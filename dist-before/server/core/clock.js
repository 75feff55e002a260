/** Time as the manager records it: epoch microseconds, and the spec's text formats (jobs.md §9). */
import { formatDateTime } from '../../protocol/placeholders.js';
const pad = (n, w = 2) => String(n).padStart(w, '0');
/** Epoch microseconds from the wall clock, with sub-millisecond resolution, never decreasing. */
export function systemClock() {
    const origin = performance.timeOrigin;
    let last = 0;
    return () => {
        const us = Math.floor((origin + performance.now()) * 1000);
        last = us > last ? us : last;
        return last;
    };
}
/** `YYYY-MM-DD HH:MM:SS.ffffff`, local time (sep ' ') or `YYYY-MM-DDTHH:MM:SS.ffffff` (sep 'T'). */
export function formatTimestamp(us, sep = ' ') {
    const text = formatDateTime(new Date(Math.floor(us / 1000)), us % 1_000_000);
    return sep === ' ' ? text : text.replace(' ', sep);
}
/** Duration `H:MM:SS.ffffff`, with `<d> day, ` / `<d> days, ` from 24 h (Python's timedelta str, 6 digits always). */
export function formatDuration(us) {
    us = Math.max(0, Math.round(us));
    const days = Math.floor(us / 86_400_000_000);
    let rest = us - days * 86_400_000_000;
    const h = Math.floor(rest / 3_600_000_000);
    rest -= h * 3_600_000_000;
    const m = Math.floor(rest / 60_000_000);
    rest -= m * 60_000_000;
    const s = Math.floor(rest / 1_000_000);
    const frac = rest - s * 1_000_000;
    const prefix = days === 0 ? '' : `${days} day${days === 1 ? '' : 's'}, `;
    return `${prefix}${h}:${pad(m)}:${pad(s)}.${pad(frac, 6)}`;
}
//# sourceMappingURL=clock.js.map