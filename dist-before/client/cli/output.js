/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function table(header, rows) {
    const all = [header, ...rows];
    const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
    return all
        .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd())
        .join('\n');
}
/** 3.2 → `3.2s`, 75 → `1m15s`, 3700 → `1h01m40s` */
export function formatElapsed(seconds) {
    if (seconds < 60)
        return `${seconds.toFixed(1)}s`;
    const s = Math.floor(seconds);
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const rest = String(s % 60).padStart(2, '0');
    return h > 0 ? `${h}h${String(m).padStart(2, '0')}m${rest}s` : `${m}m${rest}s`;
}
/** `SUCCEED 3, FAILED 1` in a fixed state order (unknown states last). */
export function formatCounts(counts) {
    const order = ['SUCCEED', 'FAILED', 'CANCELED', 'OMITTED', 'EXECUTING', 'SCHEDULED', 'QUEUED'];
    const keys = Object.keys(counts).sort((a, b) => rank(order, a) - rank(order, b));
    return keys.map((k) => `${k} ${counts[k]}`).join(', ');
}
const rank = (order, key) => (order.includes(key) ? order.indexOf(key) : order.length);
export function countStates(states) {
    const counts = {};
    for (const s of states)
        counts[s] = (counts[s] ?? 0) + 1;
    return counts;
}
function formatRuntime(rt) {
    return Object.entries(rt)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
}
/** The `jobInfo` reply as indented blocks, one per requested name. */
export function formatInfo(reply) {
    const blocks = [];
    for (const [name, entry] of Object.entries(reply.jobs ?? {})) {
        if (entry.status !== 0) {
            blocks.push(`${name}: error: ${entry.message}`);
            continue;
        }
        blocks.push(formatInfoData(entry.data));
    }
    return blocks.join('\n\n');
}
function formatInfoData(d) {
    const lines = [`${d.jobName}: ${d.status}`];
    if (d.iterations) {
        const it = d.iterations;
        lines.push(`  iterations: ${it.finished}/${it.total} finished, ${it.failed} failed (start ${it.start}, stop ${it.stop})`);
    }
    if (d.messages)
        lines.push(`  messages: ${d.messages.replaceAll('\n', '\n            ')}`);
    if (d.runtime)
        lines.push(`  runtime: ${formatRuntime(d.runtime)}`);
    if (d.history) {
        lines.push('  history:');
        for (const line of d.history.split('\n').filter(Boolean))
            lines.push(`    ${line}`);
    }
    if (d.childs && d.childs.length > 0) {
        lines.push('  iterations:');
        const rows = d.childs.map((c) => [`    ${d.jobName}:${c.iteration}`, c.state, c.runtime ? formatRuntime(c.runtime) : '']);
        lines.push(table(['    NAME', 'STATE', 'RUNTIME'], rows));
    }
    return lines.join('\n');
}
//# sourceMappingURL=output.js.map