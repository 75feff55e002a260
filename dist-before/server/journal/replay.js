/**
 * Rebuilding the job table from journal records (resume, compaction) and writing it back as a snapshot.
 *
 * Replay builds the core's own `Job`/`Task` objects directly (it does not re-run the scheduler): each record
 * sets what the core had set when it emitted it. `Core.restore` then indexes the jobs and applies the resume
 * policy to what was running.
 */
import fs from 'node:fs';
import { isFinal } from '../../protocol/job.js';
import { acceptJob } from '../../protocol/submit.js';
import { Job, Task } from '../core/job.js';
import { encodeRecord } from './journal.js';
/** Iteration records per `its` line of a snapshot. */
const ITS_PER_LINE = 1000;
export class ReplayState {
    /** jobs by name, in registration order */
    jobs = new Map();
    /** [total nodes, total cores] a job's iteration sizes were computed from */
    totals = new WeakMap();
    rcnt = 0;
    identity = null;
    /** highest journal generation applied (from a snapshot header or a journal file header) */
    gen = 0;
    /** records applied */
    applied = 0;
    seq = 0;
    /** Apply one record. Throws on a record that does not fit the state (a journal that is not ours). */
    apply(rec) {
        this.applied++;
        switch (rec.t) {
            case 'hdr':
            case 'snap':
                this.identity ??= { id: rec.id, wd: rec.wd, nodes: rec.nodes, ...(rec.hosts ? { hosts: rec.hosts } : {}) };
                this.gen = Math.max(this.gen, rec.gen);
                if (rec.t === 'snap')
                    this.rcnt = Math.max(this.rcnt, rec.rcnt);
                return;
            case 'rs':
                // the nodes and hosts of the last life are the next resume's defaults
                if (rec.nodes && this.identity) {
                    const { hosts: _old, ...rest } = this.identity;
                    this.identity = { ...rest, nodes: rec.nodes, ...(rec.hosts ? { hosts: rec.hosts } : {}) };
                }
                return;
            case 'end':
                return;
            case 'rc':
                this.rcnt = Math.max(this.rcnt, rec.n);
                return;
            case 'sub':
                this.rcnt = Math.max(this.rcnt, rec.rcnt);
                for (const d of rec.jobs) {
                    const job = this.newJob(d, rec.tot);
                    job.history.push(['QUEUED', rec.ts]);
                }
                return;
            case 's': {
                const job = this.job(rec.j);
                if (rec.i === undefined) {
                    job.state = rec.s;
                    job.history.push([rec.s, rec.ts]);
                    if (rec.m)
                        job.addMessage(rec.m);
                    if (job.task)
                        setTask(job.task, rec);
                    if (rec.s === 'OMITTED')
                        delete job.inQueue;
                    return;
                }
                if (!job.iterations)
                    throw new Error(`journal: iteration record for ${rec.j}, a job without iterations`);
                let task = job.iterations.get(rec.i);
                if (!task) {
                    task = new Task(job, rec.i);
                    job.iterations.set(rec.i, task);
                    job.counts.QUEUED++;
                }
                job.counts[task.state]--;
                job.counts[rec.s]++;
                task.history.push([rec.s, rec.ts]);
                if (rec.m)
                    task.addMessage(rec.m);
                setTask(task, rec);
                return;
            }
            case 'imp': {
                const job = this.job(rec.j);
                job.implicitState = rec.s;
                job.implicitTime = rec.ts;
                job.cursor = job.total;
                return;
            }
            case 'c': {
                const job = this.job(rec.j);
                if (job.task)
                    job.task.cancelRequested = true;
                else if (rec.i !== undefined) {
                    const t = job.iterations.get(rec.i);
                    if (t)
                        t.cancelRequested = true;
                }
                else {
                    job.cancelRequested = true;
                    for (const t of job.iterations.values())
                        if (!isFinal(t.state))
                            t.cancelRequested = true;
                }
                return;
            }
            case 'rdy':
                this.job(rec.j).depsReady = true;
                return;
            case 'rm':
                this.jobs.delete(rec.j);
                return;
            case 'job': {
                const job = this.newJob(rec.d, rec.tot);
                job.state = rec.s;
                job.history.push(...rec.h);
                if (rec.m)
                    job.messages = [...rec.m];
                if (rec.c && !job.task)
                    job.cancelRequested = true;
                if (rec.r)
                    job.depsReady = true;
                if (rec.is) {
                    job.implicitState = rec.is;
                    job.implicitTime = rec.it ?? 0;
                    if (rec.is !== 'QUEUED')
                        job.cursor = job.total;
                }
                if (job.task) {
                    job.task.state = rec.s;
                    if (rec.rt)
                        job.task.runtime = rec.rt;
                    if (rec.c)
                        job.task.cancelRequested = true;
                    if (rec.res !== undefined)
                        job.task.result = rec.res;
                    job.task.failures = rec.a ?? 0;
                    job.task.notBefore = rec.nb ?? 0;
                }
                return;
            }
            case 'its': {
                const job = this.job(rec.j);
                for (const [idx, state, h, m, rt, c, a, nb, res] of rec.a) {
                    const task = new Task(job, idx);
                    if (a)
                        task.failures = a;
                    if (nb)
                        task.notBefore = nb;
                    if (res !== undefined)
                        task.result = res;
                    task.state = state;
                    task.history.push(...h);
                    if (m)
                        task.messages = m;
                    if (rt)
                        task.runtime = rt;
                    if (c)
                        task.cancelRequested = true;
                    job.iterations.set(idx, task);
                    job.counts[state]++;
                }
                return;
            }
        }
    }
    newJob(d, tot) {
        const job = new Job(acceptJob(d, { nodes: tot[0], cores: tot[1] }), this.seq++);
        this.jobs.set(job.name, job);
        this.totals.set(job, tot);
        return job;
    }
    job(name) {
        const job = this.jobs.get(name);
        if (!job)
            throw new Error(`journal: record for unknown job '${name}'`);
        return job;
    }
}
function setTask(task, rec) {
    task.state = rec.s;
    if (rec.rt)
        task.runtime = rec.rt;
    if (rec.res !== undefined)
        task.result = rec.res;
    if (rec.s === 'QUEUED') {
        // re-queued after a restart or for a retry: the next launch starts afresh
        delete task.runtime;
        delete task.result;
        task.cancelRequested = false;
        if (rec.a !== undefined)
            task.failures = rec.a;
        task.notBefore = rec.nb ?? 0;
    }
}
/** The snapshot lines of a job table, one at a time (a large table is never one string). */
export function* snapshotLines(state, identity, gen, ts) {
    const header = { t: 'snap', v: 1, gen, ts, rcnt: state.rcnt, ...identity };
    yield encodeRecord(header);
    let n = 1;
    for (const job of state.jobs.values()) {
        const line = { t: 'job', d: job.desc, tot: state.totals.get(job) ?? [0, 0], s: job.state, h: job.history };
        if (job.messages?.length)
            line.m = job.messages;
        if (job.cancelRequested || job.task?.cancelRequested)
            line.c = 1;
        if (job.depsReady)
            line.r = 1;
        if (job.implicitState !== 'QUEUED') {
            line.is = job.implicitState;
            line.it = job.implicitTime;
        }
        if (job.task?.runtime)
            line.rt = job.task.runtime;
        if (job.task?.result !== undefined)
            line.res = job.task.result;
        if (job.task?.failures)
            line.a = job.task.failures;
        if (job.task?.notBefore)
            line.nb = job.task.notBefore;
        yield encodeRecord(line);
        n++;
        if (!job.iterations?.size)
            continue;
        let batch = [];
        for (const t of job.iterations.values()) {
            const tuple = [t.idx, t.state, t.history, t.messages ?? 0, t.runtime ?? 0, t.cancelRequested ? 1 : 0];
            if (t.failures || t.notBefore || t.result !== undefined)
                tuple.push(t.failures, t.notBefore, ...(t.result !== undefined ? [t.result] : []));
            batch.push(tuple);
            if (batch.length === ITS_PER_LINE) {
                yield encodeRecord({ t: 'its', j: job.name, a: batch });
                n++;
                batch = [];
            }
        }
        if (batch.length) {
            yield encodeRecord({ t: 'its', j: job.name, a: batch });
            n++;
        }
    }
    yield encodeRecord({ t: 'end', n });
}
/**
 * Write a snapshot atomically: `<file>.tmp`, fsync, rename over `file`. The caller syncs the directory.
 * Returns the bytes written.
 */
export function writeSnapshot(file, lines) {
    const tmp = `${file}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    let bytes = 0;
    try {
        let parts = [];
        let size = 0;
        const flush = () => {
            if (!parts.length)
                return;
            const b = Buffer.from(parts.join(''), 'utf8');
            let off = 0;
            while (off < b.length)
                off += fs.writeSync(fd, b, off, b.length - off);
            bytes += b.length;
            parts = [];
            size = 0;
        };
        for (const l of lines) {
            parts.push(l);
            size += l.length;
            if (size > 1 << 20)
                flush();
        }
        flush();
        fs.fsyncSync(fd);
    }
    finally {
        fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    return bytes;
}
//# sourceMappingURL=replay.js.map