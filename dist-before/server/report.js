/**
 * The job report file (jobs.md §12, examples/report.md): one entry per final state of every iteration and
 * every job, appended as they happen, buffered for at most 1 s, flushed at exit.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { isFinal } from '../protocol/job.js';
import { pyJson } from '../protocol/pyjson.js';
import { formatTimestamp } from './core/clock.js';
import { implicitTask, orderedRuntime } from './core/job.js';
/** Flush once this much text is buffered (a big cancel adds a million entries within seconds). */
const FLUSH_CHARS = 1 << 20;
export class JobReport {
    file;
    format;
    buffer = [];
    bufferedChars = 0;
    timer = null;
    constructor(file, format) {
        this.file = file;
        this.format = format;
    }
    /** Record the final state of a task (iteration or job without iterations), or of a whole job (task null). */
    add(job, task) {
        if (this.format === 'none')
            return;
        const t = task ?? (job.isIterative ? null : job.task);
        const entry = {
            name: task?.idx != null ? `${job.name}:${task.idx}` : job.name,
            state: task?.idx != null ? task.state : job.state,
            history: task?.idx != null ? task.history : job.history,
            messages: (task?.idx != null ? task.messages : job.messages) ?? [],
            runtime: t?.runtime ?? {},
            job: task?.idx != null ? undefined : job,
        };
        this.push(this.format === 'json' ? jsonEntry(entry) : textEntry(entry));
    }
    /**
     * Record the final state of iteration `idx` of `job` that has no record (a whole-job cancel or omission).
     * All such entries of a job differ only in the name: the rest is formatted once per job and state.
     */
    addImplicit(job, idx) {
        if (this.format === 'none')
            return;
        let t = this.implicitTemplate;
        if (t?.job !== job || t.state !== job.implicitState || t.time !== job.implicitTime) {
            const name = `${job.name}:${idx}`;
            this.add(job, implicitTask(job, idx));
            const sample = this.buffer[this.buffer.length - 1];
            const quoted = this.format === 'json' ? pyJson(name) : name;
            const at = sample.indexOf(quoted);
            const prefix = this.format === 'json' ? pyJson(`${job.name}:`).slice(0, -1) : `${job.name}:`;
            const suffix = this.format === 'json' ? '"' : '';
            t = this.implicitTemplate = { job, state: job.implicitState, time: job.implicitTime, head: sample.slice(0, at) + prefix, tail: suffix + sample.slice(at + quoted.length) };
            return;
        }
        this.push(`${t.head}${idx}${t.tail}`);
    }
    implicitTemplate;
    push(entry) {
        this.buffer.push(entry);
        this.bufferedChars += entry.length;
        if (this.bufferedChars >= FLUSH_CHARS)
            this.flush();
        else
            this.timer ??= setTimeout(() => this.flush(), 1000);
    }
    /**
     * Start the file afresh with an entry for every final task and job of `jobs` (a resumed manager: the
     * journal is the truth, and the old file may lack what was buffered at the crash). Iterations without a
     * record that are final (a whole-job cancel or omission) get entries too, as when they ended.
     */
    rewrite(jobs) {
        if (this.format === 'none')
            return;
        writeFileSync(this.file, '');
        for (const job of jobs) {
            if (job.isIterative) {
                for (let idx = job.start; idx < job.stop; idx++) {
                    const t = job.iterations.get(idx);
                    if (t ? isFinal(t.state) : isFinal(job.implicitState)) {
                        if (t)
                            this.add(job, t);
                        else
                            this.addImplicit(job, idx);
                    }
                }
            }
            if (isFinal(job.state))
                this.add(job, null);
        }
        this.flush();
    }
    flush() {
        if (this.timer)
            clearTimeout(this.timer);
        this.timer = null;
        if (!this.buffer.length)
            return;
        const text = this.buffer.join('');
        this.buffer = [];
        this.bufferedChars = 0;
        appendFileSync(this.file, text);
    }
}
function runtimeLines(r) {
    return Object.entries(orderedRuntime(r)).map(([k, v]) => `${k}: ${v}`);
}
function textEntry(e) {
    const lines = [...e.history.map(([s, t]) => `${formatTimestamp(t)}: ${s}`), ...runtimeLines(e.runtime)];
    if (lines.length === e.history.length)
        lines.push(''); // no runtime: an empty tab line
    return `${e.name} (${e.state}) ${e.messages.join('\n')}\n${lines.map((l) => `\t${l}`).join('\n')}\n`;
}
function jsonEntry(e) {
    const o = {
        name: e.name,
        state: e.state,
        history: e.history.map(([state, t]) => ({ state, date: formatTimestamp(t, 'T') })),
        runtime: orderedRuntime(e.runtime),
    };
    if (e.job) {
        const d = e.job.desc;
        const { args, env, ...rest } = d.execution;
        o.execution = { ...(rest.exec !== undefined ? { exec: rest.exec } : {}), ...(args.length ? { args } : {}), ...(Object.keys(env).length ? { env } : {}), ...rest };
        const { wtSeconds: _omit, ...resources } = d.resources;
        o.resources = resources;
        if (d.dependencies)
            o.dependencies = d.dependencies;
        if (d.attributes)
            o.attributes = d.attributes;
    }
    if (e.messages.length)
        o.messages = e.messages.join('\n');
    return pyJson(o) + '\n';
}
//# sourceMappingURL=report.js.map