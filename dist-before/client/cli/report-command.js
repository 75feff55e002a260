/**
 * `pilotmq report FILE [--svg OUT.svg] [--cores N] [--buckets N] [--json]`: summarise a job report file
 * (jobs.md §12) and optionally draw it as an SVG Gantt chart. No manager is needed.
 */
import { writeFileSync } from 'node:fs';
import { gantt } from '../report/gantt.js';
import { readReport, ReportParseError } from '../report/parse.js';
import { summarize } from '../report/summary.js';
import { EXIT, UsageError } from './commands.js';
import { formatElapsed, table } from './output.js';
const positiveInt = (v) => v === undefined || (Number.isInteger(v) && v > 0);
export async function reportCommand(args) {
    if (!positiveInt(args.cores))
        throw new UsageError('report: --cores must be a positive integer');
    if (!positiveInt(args.buckets))
        throw new UsageError('report: --buckets must be a positive integer');
    let report;
    try {
        report = await readReport(args.file);
    }
    catch (err) {
        if (err instanceof ReportParseError)
            throw new Error(`${args.file}: ${err.message}`);
        throw err;
    }
    const summary = summarize(report.entries, { cores: args.cores, buckets: args.buckets });
    if (args.svg)
        writeFileSync(args.svg, gantt(report.entries));
    if (args.json) {
        const out = { file: args.file, format: report.format, truncated: report.truncated, ...summary, ...(args.svg ? { svg: args.svg } : {}) };
        process.stdout.write(`${JSON.stringify(out)}\n`);
    }
    else {
        const note = report.truncated ? '; a partially written last entry was ignored' : '';
        process.stdout.write(`${args.file}: ${report.format} report, ${report.entries.length} entries${note}\n\n${formatSummary(summary)}\n`);
        if (args.svg)
            process.stdout.write(`\nGantt chart written to ${args.svg}\n`);
    }
    return EXIT.OK;
}
const STATE_ORDER = ['SUCCEED', 'FAILED', 'CANCELED', 'OMITTED'];
/** The summary as aligned tables. */
export function formatSummary(s) {
    const present = new Set([...Object.keys(s.jobs.states), ...Object.keys(s.tasks.states)]);
    const order = [...STATE_ORDER.filter((k) => present.has(k)), ...[...present].filter((k) => !STATE_ORDER.includes(k)).sort()];
    const counts = (name, c) => [name, String(c.total), ...order.map((k) => String(c.states[k] ?? 0))];
    const parts = [table(['', 'TOTAL', ...order], [counts('jobs', s.jobs), counts('tasks', s.tasks)])];
    const u = s.utilisation;
    const facts = [];
    if (s.runtime) {
        const r = s.runtime;
        facts.push(['task run time', `min ${secs(r.min)}, median ${secs(r.median)}, max ${secs(r.max)}, total ${secs(r.total)} (${r.count} tasks)`]);
    }
    if (s.makespan)
        facts.push(['makespan', `${secs(s.makespan.seconds)} (${localTime(s.makespan.start)} to ${localTime(s.makespan.end)})`]);
    const avg = u.average === null ? 'n/a' : `${(100 * u.average).toFixed(1)}%`;
    facts.push(['utilisation', `${avg} of ${u.cores} cores (${u.coresFrom === 'option' ? '--cores' : 'seen in allocations'}), peak ${u.peak} in use`]);
    const keyW = Math.max(...facts.map(([k]) => k.length));
    parts.push(facts.map(([k, v]) => `${k.padEnd(keyW)}  ${v}`).join('\n'));
    if (u.buckets.length > 0) {
        const scale = Math.max(u.cores, u.peak, 1);
        const rows = u.buckets.map((b) => [secs(b.from), secs(b.to), b.cores.toFixed(1), '#'.repeat(Math.round((40 * b.cores) / scale))]);
        parts.push(table(['FROM', 'TO', 'CORES', 'IN USE'], rows).replace(/^/gm, '  '));
    }
    if (s.failures.total > 0) {
        const rows = s.failures.first.map((f) => [f.name, f.state, f.exitCode ?? '', (f.messages ?? '').replaceAll('\n', ' | ')]);
        const head = `failures: ${s.failures.total}${s.failures.total > rows.length ? ` (first ${rows.length})` : ''}`;
        parts.push(`${head}\n${table(['NAME', 'STATE', 'EXIT', 'MESSAGES'], rows).replace(/^/gm, '  ')}`);
    }
    return parts.join('\n\n');
}
function secs(s) {
    if (s === 0)
        return '0s';
    if (s < 0.001)
        return `${Math.round(s * 1e6)}µs`;
    if (s < 1)
        return `${(s * 1000).toFixed(1)}ms`;
    return s < 60 ? `${s.toFixed(2)}s` : formatElapsed(s);
}
const pad = (n, w = 2) => String(n).padStart(w, '0');
const localTime = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
//# sourceMappingURL=report-command.js.map