/**
 * `pilotmq export --csv | --jsonl [--out FILE] [--from DIR]` (README "Export"): one row per job or iteration.
 * From a running manager (the `exportJobs` request, page by page), or with `--from` from the journal of a
 * manager that is stopped or dead (its `--wd` or aux dir; nothing is changed there).
 */
import fs from 'node:fs';
import { EXPORT_COLUMNS, exportPage } from '../../server/export.js';
import { csvLine } from './csv.js';
import { EXIT, UsageError } from './commands.js';
function sinkOf(args) {
    if (args.csv === args.jsonl)
        throw new UsageError('export: give exactly one of --csv and --jsonl');
    const fd = args.out ? fs.openSync(args.out, 'w') : 1;
    const put = (text) => fs.writeSync(fd, text);
    if (args.csv)
        put(csvLine([...EXPORT_COLUMNS]));
    return {
        write(rows) {
            const parts = rows.map((r) => (args.csv ? csvLine(EXPORT_COLUMNS.map((c) => cell(r[c]))) : `${JSON.stringify(r)}\n`));
            if (parts.length)
                put(parts.join(''));
        },
        async close() {
            if (fd !== 1)
                fs.closeSync(fd);
        },
    };
}
/** A CSV cell: null is empty, arrays are JSON (args), the rest as text. */
function cell(v) {
    if (v === null)
        return '';
    if (Array.isArray(v))
        return JSON.stringify(v);
    return String(v);
}
/** Write every page to the sink, from the first on. */
async function pump(args, page) {
    const sink = sinkOf(args);
    let from = null;
    try {
        do {
            const p = await page(from);
            sink.write(p.rows);
            from = p.next;
        } while (from);
    }
    finally {
        await sink.close();
    }
    return EXIT.OK;
}
/** Export from a running manager. */
export function exportFromManager(m, args) {
    return pump(args, async (from) => (await m.sendRequest(from ? { request: 'exportJobs', from } : { request: 'exportJobs' })).data);
}
/** Export from the journal in DIR (a manager's --wd or aux dir). */
export async function exportFromJournal(args) {
    if (args.csv === args.jsonl)
        sinkOf(args); // the usage error first
    const { findJournalDir, loadJournal } = await import('../../server/journal/store.js');
    const { implicitTask } = await import('../../server/core/job.js');
    const loaded = loadJournal(findJournalDir(args.from, undefined, '--from'));
    if (loaded.corruption)
        process.stderr.write(`pilotmq: ${loaded.corruption.file}: ${loaded.corruption.error}; exporting the records before it\n`);
    const jobs = [...loaded.state.jobs.values()];
    return pump(args, async (from) => exportPage(jobs, (job, idx) => job.iterations.get(idx) ?? implicitTask(job, idx), from, 4 << 20));
}
//# sourceMappingURL=export-command.js.map