/**
 * Resume time for a journal of 1 000 000 events (part of `npm run bench`; BENCH_RESUME_EVENTS changes the
 * count). The journal is written by the real writer (JournalStore: group commit, O_DSYNC) from a real Core
 * running a workload in-process (5 000-job submits and a sweep, every task run to SUCCEED by a stand-in
 * executor), so the records are the ones a manager writes. Then a resume's work is timed: loadJournal +
 * Core.restore, once from the single journal file and once after compaction folded it into a snapshot.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acceptJob } from '../protocol/submit.js';
import { systemClock } from '../server/core/clock.js';
import { Core } from '../server/core/core.js';
import { ResourcePool } from '../server/core/resources.js';
import { compactJournal, JOURNAL, JOURNAL_PREV, JournalStore, loadJournal } from '../server/journal/store.js';
const EVENTS = Number(process.env.BENCH_RESUME_EVENTS ?? 1_000_000);
const NODES = [{ name: 'n0', cores: 64 }];
const ctx = { rootWd: '/bench', address: 'tcp://127.0.0.1:1', killGraceMs: 1000, instanceId: 'bench.1' };
function coreWith(record) {
    const launched = [];
    const core = new Core(new ResourcePool(NODES), {
        launch: (id) => launched.push(id),
        canChain: () => false,
        cancel: () => { },
        publish: () => { },
        finished: () => { },
        ...(record ? { record } : {}),
    }, ctx, systemClock());
    return { core, launched };
}
/** Write a journal of about `events` records into `dir` with the real writer; returns the record count. */
async function writeJournal(dir, events) {
    let records = 1; // the header
    const store = JournalStore.create(dir, { id: ctx.instanceId, wd: ctx.rootWd, nodes: NODES }, { compactRecords: Infinity });
    const { core, launched } = coreWith(((r) => {
        records++;
        store.append(r);
    }));
    const run = () => {
        while (launched.length) {
            const id = launched.shift();
            core.onStarted(id, '/bench');
            core.onExited({ t: 'exited', id, pid: 1000 + id, exitCode: 0, rtimeUs: 1000 }, '/bench');
        }
    };
    const desc = (name, extra = {}) => ({ name, execution: { exec: '/bin/true', args: [], env: {} }, resources: { numCores: { exact: 1 } }, ...extra });
    const totals = { nodes: 1, cores: NODES[0].cores };
    // plain jobs: 15 % of the events (a submit record, then SCHEDULED, EXECUTING, SUCCEED each)
    const plain = Math.floor((events * 0.15) / 3);
    for (let done = 0; done < plain; done += 5000) {
        const n = Math.min(5000, plain - done);
        core.register(Array.from({ length: n }, (_, i) => acceptJob(desc(`p${done + i}`), totals)), done / 5000 + 1);
        run();
        await store.durable();
    }
    // one sweep for the rest
    const its = Math.max(1, Math.floor((events - records - 2) / 3));
    core.register([acceptJob(desc('sweep', { iteration: { start: 0, stop: its } }), totals)], 1000);
    run();
    await store.close();
    return records;
}
/** Time a resume's work on `dir`: load the journal, rebuild the core. */
function resumeMs(dir) {
    const t0 = performance.now();
    const loaded = loadJournal(dir);
    const { core } = coreWith();
    core.restore(loaded.state.jobs.values());
    return { ms: performance.now() - t0, jobs: core.jobs.size };
}
export async function resumeBench() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-bench-resume-'));
    try {
        const t0 = performance.now();
        const records = await writeJournal(dir, EVENTS);
        const writeS = (performance.now() - t0) / 1000;
        const bytes = fs.statSync(path.join(dir, JOURNAL)).size;
        const plain = resumeMs(dir);
        // fold it: what a long-running manager's background compaction leaves (snapshot + empty tail)
        fs.renameSync(path.join(dir, JOURNAL), path.join(dir, JOURNAL_PREV));
        const snapBytes = compactJournal(dir);
        const folded = resumeMs(dir);
        if (folded.jobs !== plain.jobs)
            throw new Error(`compaction changed the job table: ${plain.jobs} vs ${folded.jobs} jobs`);
        return [
            [
                `resume from a journal of ${records} events`,
                `${(plain.ms / 1000).toFixed(2)} s`,
                `${(bytes / 1e6).toFixed(0)} MB, ${plain.jobs} jobs (written in ${writeS.toFixed(1)} s)`,
                '(load + restore)',
            ],
            [
                'the same, compaction folded (snapshot)',
                `${(folded.ms / 1000).toFixed(2)} s`,
                `${(snapBytes / 1e6).toFixed(0)} MB snapshot`,
                `ratio ${(folded.ms / plain.ms).toFixed(2)}`,
            ],
        ];
    }
    finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
if (import.meta.url === `file://${process.argv[1]}`) {
    for (const r of await resumeBench())
        console.log(r.join('  '));
}
//# sourceMappingURL=bench-resume.js.map