/**
 * Parse a job report file (jobs.md §12, examples/report.md) in either format: `json` (one object per line)
 * when the first non-empty line starts with `{`, else `text`. A partially written last line (no trailing
 * newline) is dropped; any other malformed line is a ReportParseError naming its line.
 */
import { createReadStream } from 'node:fs';
import type { RuntimeData } from '../types.js';

/** A history entry; `date` is made on demand (a million tasks' Date objects cost hundreds of MB). */
export class ReportHistoryEntry {
  constructor(
    readonly state: string,
    /** epoch microseconds (the report's own precision) */
    readonly us: number,
  ) {}

  /** local time, millisecond precision */
  get date(): Date {
    return new Date(Math.floor(this.us / 1000));
  }
}

export interface ReportEntry {
  /** `NAME` or `NAME:IDX` */
  name: string;
  /** the job's name (`NAME`) */
  job: string;
  iteration?: number;
  state: string;
  history: ReportHistoryEntry[];
  runtime: RuntimeData;
  messages?: string;
  /** 1-based line of the entry's first line */
  line: number;
}

export interface ParsedReport {
  format: 'text' | 'json';
  entries: ReportEntry[];
  /** a partially written last line was dropped */
  truncated: boolean;
}

export class ReportParseError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** Parse a whole report held in memory. */
export function parseReport(text: string): ParsedReport {
  const lines = text.split('\n');
  const rest = lines.pop()!;
  const parser = new LineParser();
  for (const line of lines) parser.push(line);
  return parser.end(rest);
}

/** Read and parse a report file, streaming (reports of a million tasks exceed a string's maximum length). */
export async function readReport(file: string): Promise<ParsedReport> {
  const parser = new LineParser();
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const lines = (rest + (chunk as string)).split('\n');
    rest = lines.pop()!;
    for (const line of lines) parser.push(line);
  }
  return parser.end(rest);
}

const TEXT_DATE = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)\.(\d{6})$/;
const TEXT_HEADER = /^(\S+) \(([A-Z]+)\)(?: (.*))?$/;
const TEXT_HISTORY = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}): ([A-Z]+)$/;
const TEXT_RUNTIME = /^(\w+): (.*)$/;

/** Feeds lines (without their `\n`) one by one; `end` gets the text after the last newline. */
class LineParser {
  private format: 'text' | 'json' | undefined;
  private readonly entries: ReportEntry[] = [];
  /** the text entry being read, and whether its runtime lines started */
  private current: ReportEntry | undefined;
  private inRuntime = false;
  private lineNo = 0;

  push(raw: string): void {
    this.lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.format === undefined) {
      if (line.trim() === '') return;
      this.format = line.startsWith('{') ? 'json' : 'text';
    }
    if (this.format === 'json') this.jsonLine(line);
    else this.textLine(line);
  }

  end(rest: string): ParsedReport {
    // every entry ends with a newline: text after the last one is a partially written line
    let truncated = rest !== '';
    if (truncated && (this.format ?? (rest.startsWith('{') ? 'json' : 'text')) === 'json') {
      try {
        this.push(rest); // a complete object that only lacks its newline is kept
        truncated = false;
      } catch (err) {
        if (!(err instanceof ReportParseError)) throw err;
      }
    }
    // a text entry cut short in its header or history has no trustworthy final state: drop it
    const cur = this.current;
    if (cur && !this.inRuntime && (cur.history.length === 0 || cur.history[cur.history.length - 1].state !== cur.state)) {
      this.current = undefined;
      truncated = true;
    }
    this.closeEntry();
    return { format: this.format ?? 'text', entries: this.entries, truncated };
  }

  private jsonLine(line: string): void {
    if (line.trim() === '') return;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch (err) {
      throw new ReportParseError(this.lineNo, `not a JSON object: ${(err as Error).message}`);
    }
    const fail = (what: string) => new ReportParseError(this.lineNo, what);
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw fail('not a JSON object');
    const { name, state, history, runtime, messages } = o as Record<string, unknown>;
    if (typeof name !== 'string' || name === '') throw fail('"name" missing or not a string');
    if (typeof state !== 'string') throw fail('"state" missing or not a string');
    if (!Array.isArray(history)) throw fail('"history" missing or not an array');
    const entry = newEntry(name, state, this.lineNo);
    for (const h of history as unknown[]) {
      const { state: s, date } = (h ?? {}) as Record<string, unknown>;
      if (typeof s !== 'string' || typeof date !== 'string') throw fail('a "history" item lacks "state" or "date"');
      entry.history.push(this.historyEntry(s, date));
    }
    if (runtime !== undefined) {
      if (typeof runtime !== 'object' || runtime === null || Array.isArray(runtime)) throw fail('"runtime" not an object');
      for (const [k, v] of Object.entries(runtime)) (entry.runtime as Record<string, string>)[k] = runtimeValue(k, String(v));
    }
    if (typeof messages === 'string' && messages !== '') entry.messages = messages;
    this.entries.push(entry);
  }

  private textLine(line: string): void {
    const cur = this.current;
    if (!line.startsWith('\t')) {
      // until its first history line, an entry's message may go on over several lines
      if (cur && cur.history.length === 0) {
        cur.messages = `${cur.messages ?? ''}\n${line}`;
        return;
      }
      if (line === '') return;
      const m = TEXT_HEADER.exec(line);
      if (!m) throw new ReportParseError(this.lineNo, `expected an entry header "NAME (STATE) messages", got ${quote(line)}`);
      this.closeEntry();
      this.current = newEntry(m[1], m[2], this.lineNo);
      if (m[3]) this.current.messages = m[3];
      this.inRuntime = false;
      return;
    }
    if (!cur) throw new ReportParseError(this.lineNo, 'an indented line before the first entry header');
    const body = line.slice(1);
    const h = this.inRuntime ? null : TEXT_HISTORY.exec(body);
    if (h) cur.history.push(this.historyEntry(h[2], h[1]));
    else if (cur.history.length === 0) cur.messages = `${cur.messages ?? ''}\n${line}`;
    else if (body === '') this.inRuntime = true;
    else {
      const r = TEXT_RUNTIME.exec(body);
      if (!r) throw new ReportParseError(this.lineNo, `expected "<date>: STATE" or "key: value", got ${quote(body)}`);
      (cur.runtime as Record<string, string>)[r[1]] = runtimeValue(r[1], r[2]);
      this.inRuntime = true;
    }
  }

  private closeEntry(): void {
    const cur = this.current;
    if (!cur) return;
    if (cur.history.length === 0) throw new ReportParseError(cur.line, `entry ${quote(cur.name)} has no history lines`);
    this.entries.push(cur);
    this.current = undefined;
  }

  private historyEntry(state: string, date: string): ReportHistoryEntry {
    const m = TEXT_DATE.exec(date);
    if (!m) throw new ReportParseError(this.lineNo, `bad date ${quote(date)} (expected YYYY-MM-DD HH:MM:SS.ffffff)`);
    const [, y, mo, d, h, mi, s, frac] = m;
    const ms = new Date(+y, +mo - 1, +d, +h, +mi, +s).getTime();
    return new ReportHistoryEntry(intern(state), ms * 1000 + +frac);
  }
}

/** One copy of strings that repeat across entries (states, wd, program names, exit codes). */
const interned = new Map<string, string>();
function intern(s: string): string {
  if (s.length > 200) return s;
  let copy = interned.get(s);
  if (copy === undefined) {
    if (interned.size > 10_000) interned.clear();
    interned.set(s, (copy = s));
  }
  return copy;
}

const REPEATING = new Set(['wd', 'exit_code', 'pname']);
const runtimeValue = (key: string, value: string) => (REPEATING.has(key) ? intern(value) : value);

function newEntry(name: string, state: string, line: number): ReportEntry {
  const colon = name.lastIndexOf(':');
  const idx = colon > 0 ? name.slice(colon + 1) : '';
  const entry: ReportEntry = { name, job: name, state: intern(state), history: [], runtime: {}, line };
  if (/^\d+$/.test(idx)) {
    entry.job = intern(name.slice(0, colon));
    entry.iteration = Number(idx);
  }
  return entry;
}

const quote = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);
