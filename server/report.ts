/**
 * The job report file (jobs.md §12, examples/report.md): one entry per final state of every iteration and
 * every job, appended as they happen, buffered for at most 1 s, flushed at exit.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { isFinal } from '../protocol/job.js';
import { pyJson } from '../protocol/pyjson.js';
import { formatTimestamp } from './core/clock.js';
import { orderedRuntime, type HistoryEntry, type Job, type Runtime, type Task } from './core/job.js';

export type ReportFormat = 'text' | 'json' | 'none';

export class JobReport {
  private buffer: string[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly file: string,
    private readonly format: ReportFormat,
  ) {}

  /** Record the final state of a task (iteration or job without iterations), or of a whole job (task null). */
  add(job: Job, task: Task | null): void {
    if (this.format === 'none') return;
    const t = task ?? (job.isIterative ? null : job.task!);
    const entry: Entry = {
      name: task?.idx != null ? `${job.name}:${task.idx}` : job.name,
      state: task?.idx != null ? task.state : job.state,
      history: task?.idx != null ? task.history : job.history,
      messages: (task?.idx != null ? task.messages : job.messages) ?? [],
      runtime: t?.runtime ?? {},
      job: task?.idx != null ? undefined : job,
    };
    this.buffer.push(this.format === 'json' ? jsonEntry(entry) : textEntry(entry));
    this.timer ??= setTimeout(() => this.flush(), 1000);
  }

  /**
   * Start the file afresh with an entry for every final task and job of `jobs` (a resumed manager: the
   * journal is the truth, and the old file may lack what was buffered at the crash). Iterations without a
   * record that are final (a whole-job cancel or omission) get entries too, as when they ended.
   */
  rewrite(jobs: Iterable<Job>, implicit: (job: Job, idx: number) => Task): void {
    if (this.format === 'none') return;
    writeFileSync(this.file, '');
    for (const job of jobs) {
      if (job.isIterative) {
        for (let idx = job.start; idx < job.stop; idx++) {
          const t = job.iterations!.get(idx) ?? (isFinal(job.implicitState) ? implicit(job, idx) : undefined);
          if (t && isFinal(t.state)) this.add(job, t);
        }
      }
      if (isFinal(job.state)) this.add(job, null);
      if (this.buffer.length > 10_000) this.flush();
    }
    this.flush();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.buffer.length) return;
    const text = this.buffer.join('');
    this.buffer = [];
    appendFileSync(this.file, text);
  }
}

interface Entry {
  name: string;
  state: string;
  history: HistoryEntry[];
  messages: string[];
  runtime: Runtime;
  /** the whole job, for its description (absent for iterations) */
  job?: Job;
}

function runtimeLines(r: Runtime): string[] {
  return Object.entries(orderedRuntime(r)).map(([k, v]) => `${k}: ${v}`);
}

function textEntry(e: Entry): string {
  const lines = [...e.history.map(([s, t]) => `${formatTimestamp(t)}: ${s}`), ...runtimeLines(e.runtime)];
  if (lines.length === e.history.length) lines.push(''); // no runtime: an empty tab line
  return `${e.name} (${e.state}) ${e.messages.join('\n')}\n${lines.map((l) => `\t${l}`).join('\n')}\n`;
}

function jsonEntry(e: Entry): string {
  const o: Record<string, unknown> = {
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
    if (d.dependencies) o.dependencies = d.dependencies;
    if (d.attributes) o.attributes = d.attributes;
  }
  if (e.messages.length) o.messages = e.messages.join('\n');
  return pyJson(o) + '\n';
}
