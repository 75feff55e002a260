/**
 * Journal records (README "Durability"). One JSON object per line of `<aux>/journal` (and of the snapshot
 * `<aux>/journal.snap`), followed by a space and the CRC-32 of the JSON text as 8 hex digits.
 *
 * The core emits the *change* records (`sub`, `s`, `imp`, `c`, `rdy`, `rm`) at its state-changing choke
 * points; the manager adds `hdr` (first line of every journal file) and `rs` (a resume). A snapshot holds
 * `snap`, then `job` and `its` lines that rebuild the same state, then `end`. Keys are short on purpose: a
 * busy manager writes several records per task.
 */
import type { JobDescription, JobState } from '../../protocol/job.js';
import type { NodeSpec } from '../core/resources.js';
import type { HistoryEntry, Runtime } from '../core/job.js';
/** The manager a journal belongs to; repeated in every journal file header and the snapshot. */
export interface JournalIdentity {
    /** InstanceId */
    id: string;
    /** the manager's working directory */
    wd: string;
    /** its local nodes (the default nodes of a resume) */
    nodes: NodeSpec[];
    /** its SSH hosts file (path and text), reused by a resume without --hosts */
    hosts?: JournaledHosts;
}
export interface JournaledHosts {
    /** absolute path of the file as given */
    file: string;
    text: string;
}
/** First record of every journal file: format version and generation (1, 2, … as files are rotated). */
export interface HeaderRecord extends JournalIdentity {
    t: 'hdr';
    v: 1;
    gen: number;
    ts: number;
}
/** Accepted submit: descriptions after pass 1, the request counter and the resource totals the sizes came from. */
export interface SubmitRecord {
    t: 'sub';
    ts: number;
    rcnt: number;
    /** [total nodes, total cores] at submit (iteration schedulers' sizes depend on them) */
    tot: [number, number];
    jobs: JobDescription[];
}
/**
 * A state change: of iteration `i` of job `j`, or (no `i`) of job `j` itself (for a job without iterations:
 * of its one task). `rt` is the task's runtime, given with final states; `m` a message added with it.
 */
export interface StateRecord {
    t: 's';
    j: string;
    i?: number;
    s: JobState;
    ts: number;
    m?: string;
    rt?: Runtime;
    /** with a final state: the content of the task's result file (`attributes.resultFile`) */
    res?: string;
    /** with QUEUED for a retry: the failed attempts so far, and the time the retry waits for (epoch µs) */
    a?: number;
    nb?: number;
}
/** Every iteration without a record of job `j` became `s` (whole-job cancel or omission): one record. */
export interface ImplicitRecord {
    t: 'imp';
    j: string;
    s: JobState;
    ts: number;
}
/** Cancel requested of a running task (`i`: iteration), or of the whole iterative job (no `i`). */
export interface CancelRecord {
    t: 'c';
    j: string;
    i?: number;
}
/** The whole-job dependencies of `j` are satisfied (they stay so even if the dependee is removed later). */
export interface ReadyRecord {
    t: 'rdy';
    j: string;
}
/** Job `j` removed. */
export interface RemoveRecord {
    t: 'rm';
    j: string;
}
/** A manager resumed from this journal, with the local nodes and SSH hosts it uses (a later resume's defaults). */
export interface ResumeRecord {
    t: 'rs';
    ts: number;
    nodes?: NodeSpec[];
    /** null: no SSH hosts */
    hosts?: JournaledHosts | null;
}
/** A submit was refused after taking request number `n` (`${rcnt}`): a resume must not hand it out again. */
export interface RequestCountRecord {
    t: 'rc';
    n: number;
}
/** The records the core emits. */
export type CoreRecord = SubmitRecord | StateRecord | ImplicitRecord | CancelRecord | ReadyRecord | RemoveRecord;
/** First line of a snapshot: it holds the state after every journal file up to generation `gen`. */
export interface SnapshotHeader extends JournalIdentity {
    t: 'snap';
    v: 1;
    gen: number;
    ts: number;
    rcnt: number;
}
/** One job (without its iteration records), in registration order. */
export interface JobLine {
    t: 'job';
    d: JobDescription;
    tot: [number, number];
    s: JobState;
    h: HistoryEntry[];
    m?: string[];
    /** cancel requested (job; for a job without iterations: its task) */
    c?: 1;
    /** whole-job dependencies satisfied */
    r?: 1;
    /** implicit state and time of iterations without a record, when not QUEUED */
    is?: JobState;
    it?: number;
    /** runtime of the task of a job without iterations */
    rt?: Runtime;
    /** that task's result, failed attempts and retry time (StateRecord res/a/nb) */
    res?: string;
    a?: number;
    nb?: number;
}
/** [idx, state, history, messages or 0, runtime or 0, cancel requested 0/1, failed attempts, retry time, result] */
export type IterationTuple = [number, JobState, HistoryEntry[], string[] | 0, Runtime | 0, 0 | 1, number?, number?, string?];
/** Iteration records of job `j` (up to a thousand per line). */
export interface IterationsLine {
    t: 'its';
    j: string;
    a: IterationTuple[];
}
/** Last line of a snapshot: the number of lines before it (a snapshot without it is incomplete). */
export interface SnapshotEnd {
    t: 'end';
    n: number;
}
export type SnapshotRecord = SnapshotHeader | JobLine | IterationsLine | SnapshotEnd;
export type JournalRecord = HeaderRecord | ResumeRecord | RequestCountRecord | CoreRecord | SnapshotRecord;
