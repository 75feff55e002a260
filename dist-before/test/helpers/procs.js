/** /proc helpers for the orphan checks (Linux). Zombies count as dead: nothing runs any more. */
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import { waitFor } from './util.js';
function readProc(pid) {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        // pid (comm) state ppid ...; comm may contain spaces and parentheses
        const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
        return { pid, state: rest[0], ppid: Number(rest[1]), cmdline };
    }
    catch {
        return null;
    }
}
export function allProcs() {
    const out = [];
    for (const name of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(name))
            continue;
        const p = readProc(Number(name));
        if (p)
            out.push(p);
    }
    return out;
}
/** Is the process alive (exists and is not a zombie)? */
export function isAlive(pid) {
    const p = readProc(pid);
    return p !== null && p.state !== 'Z' && p.state !== 'X';
}
/** Live processes whose command line contains `marker` (never this test process). */
export function procsWithMarker(marker) {
    return allProcs().filter((p) => p.pid !== process.pid && p.state !== 'Z' && p.state !== 'X' && p.cmdline.includes(marker));
}
/** Live descendants of `pid` (children, grandchildren, …). */
export function descendants(pid) {
    const procs = allProcs().filter((p) => p.state !== 'Z' && p.state !== 'X');
    const out = [];
    const parents = new Set([pid]);
    let grew = true;
    while (grew) {
        grew = false;
        for (const p of procs) {
            if (parents.has(p.ppid) && !parents.has(p.pid)) {
                parents.add(p.pid);
                out.push(p);
                grew = true;
            }
        }
    }
    return out;
}
/**
 * A unique number usable as a `sleep` argument: `sleep <marker>` sleeps ~1000 s and the marker appears in
 * the sleep process's own command line (a shell comment would not survive bash's exec of a lone command).
 */
export function sleepMarker() {
    return `1000.${randomInt(100_000_000, 999_999_999)}${randomInt(100_000_000, 999_999_999)}`;
}
/** Wait until no live process carries the marker; returns the leftovers on timeout (for the assertion). */
export async function waitNoMarker(marker, timeoutMs = 30_000) {
    try {
        await waitFor(() => procsWithMarker(marker).length === 0, timeoutMs, `no process with marker ${marker}`, 100);
        return [];
    }
    catch {
        return procsWithMarker(marker);
    }
}
/** Wait until none of the pids is alive; returns the survivors on timeout. */
export async function waitPidsGone(pids, timeoutMs = 30_000) {
    try {
        await waitFor(() => pids.every((p) => !isAlive(p)), timeoutMs, `pids ${pids.join(',')} gone`, 100);
        return [];
    }
    catch {
        return pids.filter(isAlive);
    }
}
/**
 * Clean up after a failed orphan assertion, so no test leaves processes behind. Only processes still
 * running the recorded command line are killed (a pid may have been reused meanwhile).
 */
export function killAll(procs) {
    for (const p of procs) {
        const now = readProc(p.pid);
        if (!now || now.cmdline !== p.cmdline || now.state === 'Z')
            continue;
        try {
            process.kill(p.pid, 'SIGKILL');
        }
        catch {
            // gone
        }
    }
}
//# sourceMappingURL=procs.js.map