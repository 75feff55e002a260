/**
 * `pilotmq export --csv | --jsonl [--out FILE] [--from DIR]` (README "Export"): one row per job or iteration.
 * From a running manager (the `exportJobs` request, page by page), or with `--from` from the journal of a
 * manager that is stopped or dead (its `--wd` or aux dir; nothing is changed there).
 */
import fs from 'node:fs';
import { EXPORT_COLUMNS, exportPage, type ExportCursor, type ExportRow } from '../../server/export.js';
import type { Manager } from '../manager.js';
import { csvLine } from './csv.js';
import { EXIT, UsageError } from './commands.js';

export interface ExportArgs {
  csv?: boolean;
  jsonl?: boolean;
  out?: string;
  from?: string;
}

type Sink = { write(rows: ExportRow[]): void; close(): Promise<void> };

function sinkOf(args: ExportArgs): Sink {
  if (args.csv === args.jsonl) throw new UsageError('export: give exactly one of --csv and --jsonl');
  const fd = args.out ? fs.openSync(args.out, 'w') : 1;
  const put = (text: string) => fs.writeSync(fd, text);
  if (args.csv) put(csvLine([...EXPORT_COLUMNS]));
  return {
    write(rows) {
      const parts = rows.map((r) => (args.csv ? csvLine(EXPORT_COLUMNS.map((c) => cell(r[c]))) : `${JSON.stringify(r)}\n`));
      if (parts.length) put(parts.join(''));
    },
    async close() {
      if (fd !== 1) fs.closeSync(fd);
    },
  };
}

/** A CSV cell: null is empty, arrays are JSON (args), the rest as text. */
function cell(v: ExportRow[keyof ExportRow]): string {
  if (v === null) return '';
  if (Array.isArray(v)) return JSON.stringify(v);
  return String(v);
}

type Page = { rows: ExportRow[]; next: ExportCursor | null };

/** Write every page to the sink, from the first on. */
async function pump(args: ExportArgs, page: (from: ExportCursor | null) => Promise<Page>): Promise<number> {
  const sink = sinkOf(args);
  let from: ExportCursor | null = null;
  try {
    do {
      const p = await page(from);
      sink.write(p.rows);
      from = p.next;
    } while (from);
  } finally {
    await sink.close();
  }
  return EXIT.OK;
}

/** Export from a running manager. */
export function exportFromManager(m: Manager, args: ExportArgs): Promise<number> {
  return pump(args, async (from) => (await m.sendRequest(from ? { request: 'exportJobs', from } : { request: 'exportJobs' })).data as Page);
}

/** Export from the journal in DIR (a manager's --wd or aux dir). */
export async function exportFromJournal(args: ExportArgs): Promise<number> {
  if (args.csv === args.jsonl) sinkOf(args); // the usage error first
  const { findJournalDir, loadJournal } = await import('../../server/journal/store.js');
  const { implicitTask } = await import('../../server/core/job.js');
  const loaded = loadJournal(findJournalDir(args.from!, undefined, '--from'));
  if (loaded.corruption) process.stderr.write(`pilotmq: ${loaded.corruption.file}: ${loaded.corruption.error}; exporting the records before it\n`);
  const jobs = [...loaded.state.jobs.values()];
  return pump(args, async (from) => exportPage(jobs, (job, idx) => job.iterations!.get(idx) ?? implicitTask(job, idx), from, 4 << 20));
}
