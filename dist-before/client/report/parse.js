/**
 * Parse a job report file (jobs.md §12, examples/report.md) in either format: `json` (one object per line)
 * when the first non-empty line starts with `{`, else `text`. A partially written last line (no trailing
 * newline) is dropped; any other malformed line is a ReportParseError naming its line.
 */
import { createReadStream } from 'node:fs';
/** A history entry; `date` is made on demand (a million tasks' Date objects cost hundreds of MB). */
export class ReportHistoryEntry {
    state;
    us;
    constructor(state, 
    /** epoch microseconds (the report's own precision) */
    us) {
        this.state = state;
        this.us = us;
    }
    /** local time, millisecond precision */
    get date() {
        return new Date(Math.floor(this.us / 1000));
    }
}
export class ReportParseError extends Error {
    line;
    constructor(line, message) {
        super(`line ${line}: ${message}`);
        this.line = line;
    }
}
/** Parse a whole report held in memory. */
export function parseReport(text) {
    const lines = text.split('\n');
    const rest = lines.pop();
    const parser = new LineParser();
    for (const line of lines)
        parser.push(line);
    return parser.end(rest);
}
/** Read and parse a report file, streaming (reports of a million tasks exceed a string's maximum length). */
export async function readReport(file) {
    const parser = new LineParser();
    let rest = '';
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop();
        for (const line of lines)
            parser.push(line);
    }
    return parser.end(rest);
}
const TEXT_DATE = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)\.(\d{6})$/;
const TEXT_HEADER = /^(\S+) \(([A-Z]+)\)(?: (.*))?$/;
const TEXT_HISTORY = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}): ([A-Z]+)$/;
const TEXT_RUNTIME = /^(\w+): (.*)$/;
/** Feeds lines (without their `\n`) one by one; `end` gets the text after the last newline. */
class LineParser {
    format;
    entries = [];
    /** the text entry being read, and whether its runtime lines started */
    current;
    inRuntime = false;
    lineNo = 0;
    push(raw) {
        this.lineNo++;
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (this.format === undefined) {
            if (line.trim() === '')
                return;
            this.format = line.startsWith('{') ? 'json' : 'text';
        }
        if (this.format === 'json')
            this.jsonLine(line);
        else
            this.textLine(line);
    }
    end(rest) {
        // every entry ends with a newline: text after the last one is a partially written line
        let truncated = rest !== '';
        if (truncated && (this.format ?? (rest.startsWith('{') ? 'json' : 'text')) === 'json') {
            try {
                this.push(rest); // a complete object that only lacks its newline is kept
                truncated = false;
            }
            catch (err) {
                if (!(err instanceof ReportParseError))
                    throw err;
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
    jsonLine(line) {
        if (line.trim() === '')
            return;
        let o;
        try {
            o = JSON.parse(line);
        }
        catch (err) {
            throw new ReportParseError(this.lineNo, `not a JSON object: ${err.message}`);
        }
        const fail = (what) => new ReportParseError(this.lineNo, what);
        if (typeof o !== 'object' || o === null || Array.isArray(o))
            throw fail('not a JSON object');
        const { name, state, history, runtime, messages } = o;
        if (typeof name !== 'string' || name === '')
            throw fail('"name" missing or not a string');
        if (typeof state !== 'string')
            throw fail('"state" missing or not a string');
        if (!Array.isArray(history))
            throw fail('"history" missing or not an array');
        const entry = newEntry(name, state, this.lineNo);
        for (const h of history) {
            const { state: s, date } = (h ?? {});
            if (typeof s !== 'string' || typeof date !== 'string')
                throw fail('a "history" item lacks "state" or "date"');
            entry.history.push(this.historyEntry(s, date));
        }
        if (runtime !== undefined) {
            if (typeof runtime !== 'object' || runtime === null || Array.isArray(runtime))
                throw fail('"runtime" not an object');
            for (const [k, v] of Object.entries(runtime))
                entry.runtime[k] = runtimeValue(k, String(v));
        }
        if (typeof messages === 'string' && messages !== '')
            entry.messages = messages;
        this.entries.push(entry);
    }
    textLine(line) {
        const cur = this.current;
        if (!line.startsWith('\t')) {
            // until its first history line, an entry's message may go on over several lines
            if (cur && cur.history.length === 0) {
                cur.messages = `${cur.messages ?? ''}\n${line}`;
                return;
            }
            if (line === '')
                return;
            const m = TEXT_HEADER.exec(line);
            if (!m)
                throw new ReportParseError(this.lineNo, `expected an entry header "NAME (STATE) messages", got ${quote(line)}`);
            this.closeEntry();
            this.current = newEntry(m[1], m[2], this.lineNo);
            if (m[3])
                this.current.messages = m[3];
            this.inRuntime = false;
            return;
        }
        if (!cur)
            throw new ReportParseError(this.lineNo, 'an indented line before the first entry header');
        const body = line.slice(1);
        const h = this.inRuntime ? null : TEXT_HISTORY.exec(body);
        if (h)
            cur.history.push(this.historyEntry(h[2], h[1]));
        else if (cur.history.length === 0)
            cur.messages = `${cur.messages ?? ''}\n${line}`;
        else if (body === '')
            this.inRuntime = true;
        else {
            const r = TEXT_RUNTIME.exec(body);
            if (!r)
                throw new ReportParseError(this.lineNo, `expected "<date>: STATE" or "key: value", got ${quote(body)}`);
            cur.runtime[r[1]] = runtimeValue(r[1], r[2]);
            this.inRuntime = true;
        }
    }
    closeEntry() {
        const cur = this.current;
        if (!cur)
            return;
        if (cur.history.length === 0)
            throw new ReportParseError(cur.line, `entry ${quote(cur.name)} has no history lines`);
        this.entries.push(cur);
        this.current = undefined;
    }
    historyEntry(state, date) {
        const m = TEXT_DATE.exec(date);
        if (!m)
            throw new ReportParseError(this.lineNo, `bad date ${quote(date)} (expected YYYY-MM-DD HH:MM:SS.ffffff)`);
        const [, y, mo, d, h, mi, s, frac] = m;
        const ms = new Date(+y, +mo - 1, +d, +h, +mi, +s).getTime();
        return new ReportHistoryEntry(intern(state), ms * 1000 + +frac);
    }
}
/** One copy of strings that repeat across entries (states, wd, program names, exit codes). */
const interned = new Map();
function intern(s) {
    if (s.length > 200)
        return s;
    let copy = interned.get(s);
    if (copy === undefined) {
        if (interned.size > 10_000)
            interned.clear();
        interned.set(s, (copy = s));
    }
    return copy;
}
const REPEATING = new Set(['wd', 'exit_code', 'pname']);
const runtimeValue = (key, value) => (REPEATING.has(key) ? intern(value) : value);
function newEntry(name, state, line) {
    const colon = name.lastIndexOf(':');
    const idx = colon > 0 ? name.slice(colon + 1) : '';
    const entry = { name, job: name, state: intern(state), history: [], runtime: {}, line };
    if (/^\d+$/.test(idx)) {
        entry.job = intern(name.slice(0, colon));
        entry.iteration = Number(idx);
    }
    return entry;
}
const quote = (s) => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);
//# sourceMappingURL=parse.js.map