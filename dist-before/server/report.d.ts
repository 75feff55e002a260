import { type Job, type Task } from './core/job.js';
export type ReportFormat = 'text' | 'json' | 'none';
export declare class JobReport {
    private readonly file;
    private readonly format;
    private buffer;
    private bufferedChars;
    private timer;
    constructor(file: string, format: ReportFormat);
    /** Record the final state of a task (iteration or job without iterations), or of a whole job (task null). */
    add(job: Job, task: Task | null): void;
    /**
     * Record the final state of iteration `idx` of `job` that has no record (a whole-job cancel or omission).
     * All such entries of a job differ only in the name: the rest is formatted once per job and state.
     */
    addImplicit(job: Job, idx: number): void;
    private implicitTemplate?;
    private push;
    /**
     * Start the file afresh with an entry for every final task and job of `jobs` (a resumed manager: the
     * journal is the truth, and the old file may lack what was buffered at the crash). Iterations without a
     * record that are final (a whole-job cancel or omission) get entries too, as when they ended.
     */
    rewrite(jobs: Iterable<Job>): void;
    flush(): void;
}
