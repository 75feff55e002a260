/**
 * The journal (server/journal/): line format and reader, the group-commit writer, replay against the live
 * core (the simulator), the resume policy of Core.restore, snapshot + tail, and a 1 000 000-record load.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { journaled, replay, submit, view } from '../helpers/journal-sim.js';
import { RESUME_CANCELED, RESUME_REQUEUED } from '../../server/core/core.js';
import { isFinal } from '../../protocol/job.js';
import { decodeLine, encodeRecord, JournalWriter, openForAppend, APPEND_IS_DSYNC, readJournalFile } from '../../server/journal/journal.js';
import { compactJournal, findJournalDir, JournalStore, JOURNAL, JOURNAL_PREV, JOURNAL_SNAP, loadJournal } from '../../server/journal/store.js';
const ms = 1000;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-journal-'));
const identity = { id: 'test.1', wd: '/wd', nodes: [{ name: 'n0', cores: 2 }] };
const sh = (name, extra = {}) => ({ name, ...extra });
// ---- line format ----------------------------------------------------------------------------------------
test('a record line is JSON, a space and its CRC-32; a changed byte, a cut line and garbage are detected', () => {
    const line = encodeRecord({ t: 's', j: 'ünï:cödé', s: 'SUCCEED', ts: 1 });
    assert.match(line, /^\{.*\} [0-9a-f]{8}\n$/);
    const buf = Buffer.from(line);
    const rec = decodeLine(buf, 0, buf.length - 1);
    assert.deepEqual(rec, { t: 's', j: 'ünï:cödé', s: 'SUCCEED', ts: 1 });
    const bad = Buffer.from(line.replace('SUCCEED', 'SUCCEEE'));
    assert.equal(decodeLine(bad, 0, bad.length - 1), 'checksum mismatch');
    assert.equal(decodeLine(buf, 0, buf.length - 5), 'no checksum');
    const garbage = Buffer.from('{"t":"s" 0000zz00');
    assert.equal(decodeLine(garbage, 0, garbage.length), 'bad checksum field');
});
test('the reader stops at a truncated or garbled record and reports where; the good bytes before it count', () => {
    const dir = tmp();
    const file = path.join(dir, 'j');
    const lines = Array.from({ length: 5 }, (_, i) => encodeRecord({ t: 'rdy', j: `job${i}` }));
    fs.writeFileSync(file, lines.join(''));
    const seen = [];
    const full = readJournalFile(file, (r) => seen.push(r));
    assert.equal(full.records, 5);
    assert.equal(full.error, undefined);
    assert.equal(full.goodBytes, fs.statSync(file).size);
    fs.truncateSync(file, fs.statSync(file).size - 3); // the last record loses its end
    const cut = readJournalFile(file, () => { });
    assert.equal(cut.records, 4);
    assert.equal(cut.goodBytes, lines.slice(0, 4).join('').length);
    assert.match(cut.error, /record 5 at byte \d+: (incomplete|no checksum)/);
    const garbled = lines.slice(0, 2).join('') + lines[2].replace('job2', 'jpb2') + lines.slice(3).join('');
    fs.writeFileSync(file, garbled);
    const g = readJournalFile(file, () => { });
    assert.equal(g.records, 2);
    assert.match(g.error, /record 3 .*checksum mismatch/);
    // a line longer than the read chunk
    const long = encodeRecord({ t: 'rdy', j: 'x'.repeat(5000) });
    fs.writeFileSync(file, lines[0] + long + lines[1]);
    const n = [];
    const r = readJournalFile(file, (rec) => n.push(rec.j), 1024);
    assert.deepEqual([r.records, r.error, n[1].length], [3, undefined, 5000]);
    fs.rmSync(dir, { recursive: true, force: true });
});
// ---- writer ---------------------------------------------------------------------------------------------
test('writer: durable() resolves once the records are on disk; records appended during a sync share the next one', async () => {
    const dir = tmp();
    const file = path.join(dir, 'j');
    let syncs = 0;
    const w = new JournalWriter(openForAppend(file), { dsync: APPEND_IS_DSYNC, onDurable: () => syncs++ });
    assert.equal(w.isDurable, true);
    const all = [];
    for (let i = 0; i < 1000; i++) {
        w.append({ t: 'rdy', j: `j${i}` });
        if (i % 100 === 0)
            all.push(w.durable());
    }
    assert.equal(w.isDurable, false);
    await Promise.all(all);
    assert.equal(w.durablePosition, 1000);
    assert.ok(syncs <= 3, `${syncs} syncs for 10 waiters appended in one tick`);
    const names = [];
    readJournalFile(file, (r) => names.push(r.j));
    assert.deepEqual(names, Array.from({ length: 1000 }, (_, i) => `j${i}`));
    // records nobody waits for are synced lazily, on their own
    w.append({ t: 'rdy', j: 'lazy' });
    for (let i = 0; i < 100 && !w.isDurable; i++)
        await new Promise((r) => setTimeout(r, 5));
    assert.equal(w.isDurable, true);
    await w.close();
    w.append({ t: 'rdy', j: 'after close' }); // ignored
    assert.equal(fs.readFileSync(file, 'utf8').split('\n').length - 1, 1001);
    fs.rmSync(dir, { recursive: true, force: true });
});
// ---- replay = live state --------------------------------------------------------------------------------
/** A workload that goes through every kind of record: deps, omission, per-iteration deps, cancels, remove. */
async function workload(onCheck) {
    const { sim, records } = journaled([{ name: 'n0', cores: 2 }, { name: 'n1', cores: 2 }], (cmd, label) => ({
        durationUs: (label.startsWith('long') ? 50 : 3 + (label.length % 4)) * ms,
        exitCode: label.startsWith('bad') ? 1 : 0,
    }));
    const check = (when) => onCheck(when, sim, records);
    submit(sim, sh('a'), sh('b', { dependencies: { after: ['a'] } }), sh('c', { dependencies: { after: ['b'] } }), sh('bad'), sh('omitted', { dependencies: { after: ['bad'] } }), sh('s', { iteration: { start: 2, stop: 12 } }), sh('sd', { iteration: { start: 2, stop: 12 }, dependencies: { after: ['s:${it}'] } }), sh('long1'), sh('longsweep', { iteration: { start: 0, stop: 6 } }), sh('queued'), sh('split', { iteration: { start: 0, stop: 3 }, resources: { numCores: { min: 1, scheduler: { name: 'split-into', params: { parts: 2 } } } } }));
    check('after submit');
    await sim.run(sim.now + 4 * ms);
    check('some running');
    // cancels: a queued job, a running one, one running iteration, a whole sweep with iterations running
    assert.equal(sim.core.cancelTask(sim.core.jobs.get('queued'), null, 'queued'), null);
    assert.equal(sim.core.cancelJob(sim.core.jobs.get('long1')), null);
    assert.equal(sim.core.cancelJob(sim.core.jobs.get('longsweep')), null);
    check('after cancels');
    await sim.run(sim.now + 10 * ms);
    check('midway');
    await sim.run();
    check('all done');
    assert.equal(sim.core.remove('a'), null);
    submit(sim, sh('a', { iteration: { start: 0, stop: 3 } }));
    check('a removed and submitted again');
    await sim.run();
    check('end');
    return { sim, records };
}
test('replaying the records at any point gives the live job table (states, histories, messages, runtimes, counts)', async () => {
    const checks = [];
    const { sim, records } = await workload((when, live, recs) => {
        assert.deepEqual(view(replay(recs).jobs.values()), view(live.core.jobs.values()), when);
        checks.push(when);
    });
    assert.equal(checks.length, 7);
    assert.ok(records.length > 50, `${records.length} records`);
    // one record for a whole-job cancel of lazy iterations, not one per iteration
    assert.equal(records.filter((r) => r.t === 'imp').length, 1);
    assert.ok(sim.core.allJobsFinished);
});
test('replay at every record boundary of the workload matches the live core at the same moment', async () => {
    const snapshots = [];
    const { sim, records } = journaled([{ name: 'n0', cores: 2 }, { name: 'n1', cores: 2 }]);
    // take a view of the live core after every record: a replay of the first n records must equal it
    const fx = sim.core.fx;
    const orig = fx.record;
    let pendingView = false;
    fx.record = (r) => {
        orig(r);
        if (!pendingView) {
            pendingView = true;
            queueMicrotask(() => {
                pendingView = false;
                snapshots.push({ n: records.length, view: view(sim.core.jobs.values()) });
            });
        }
    };
    submit(sim, sh('x'), sh('y', { dependencies: { after: ['x'] } }), sh('it', { iteration: { start: 0, stop: 5 } }), sh('z', { dependencies: { after: ['it:3'] } }));
    await sim.run(sim.now + 1500);
    sim.core.cancelTask(sim.core.jobs.get('it'), 4, 'it:4');
    await sim.run();
    assert.ok(snapshots.length > 5);
    for (const s of snapshots)
        assert.deepEqual(view(replay(records.slice(0, s.n)).jobs.values()), s.view, `after ${s.n} records`);
});
// ---- resume policy --------------------------------------------------------------------------------------
test('restore: finished work keeps its state and never runs again; running work is re-queued (or canceled) and finishes', async () => {
    const { sim, records } = journaled([{ name: 'n0', cores: 2 }], (cmd, label) => ({ durationUs: (label.startsWith('slow') ? 20 : 5) * ms }));
    submit(sim, sh('slowcancel'), sh('first'), sh('sweep', { iteration: { start: 0, stop: 8 } }), sh('slow', { dependencies: { after: ['first'] } }), sh('after', { dependencies: { after: ['slow'] } }));
    await sim.run(sim.now + 12 * ms);
    // a cancel whose process has not ended yet when the manager dies
    const sc = sim.core.jobs.get('slowcancel');
    assert.equal(sc.task.state, 'EXECUTING');
    sim.core.cancelJob(sc);
    const cut = records.length;
    const before = replay(records.slice(0, cut));
    const finishedThen = new Map();
    const runningThen = [];
    for (const j of before.jobs.values()) {
        const tasks = j.task ? [j.task] : [...j.iterations.values()];
        for (const t of tasks) {
            if (isFinal(t.state))
                finishedThen.set(t.label, JSON.parse(JSON.stringify({ h: t.idx === null ? j.history : t.history, rt: t.runtime })));
            else if (t.state !== 'QUEUED')
                runningThen.push(t.label);
        }
    }
    assert.ok(finishedThen.size > 0 && runningThen.length > 0, `finished ${[...finishedThen.keys()]}, running ${runningThen}`);
    // the "new manager": a fresh core on the same nodes takes over the replayed jobs
    const next = journaled([{ name: 'n0', cores: 2 }], (cmd, label) => ({ durationUs: (label.startsWith('slow') ? 20 : 5) * ms }));
    next.sim.now = sim.now + 1000 * ms;
    next.sim.core.restore(before.jobs.values());
    await next.sim.run();
    assert.ok(next.sim.core.allJobsFinished);
    const launched = next.sim.done.map((t) => t.label);
    for (const label of finishedThen.keys())
        assert.ok(!launched.includes(label), `${label} finished before the restart and ran again`);
    for (const label of runningThen) {
        const [name, idx] = label.split(':');
        const j = next.sim.core.jobs.get(name);
        const t = idx === undefined ? j.task : j.iterations.get(Number(idx));
        const messages = (idx === undefined ? j.messages : t.messages) ?? [];
        const history = idx === undefined ? j.history : t.history;
        if (name === 'slowcancel') {
            assert.equal(t.state, 'CANCELED');
            assert.ok(messages.includes(RESUME_CANCELED), `${label}: ${messages}`);
        }
        else {
            assert.equal(t.state, 'SUCCEED', label);
            assert.ok(messages.includes(RESUME_REQUEUED), `${label}: ${messages}`);
            assert.ok(launched.includes(label), `${label} re-run`);
            const states = history.map((h) => h[0]);
            assert.deepEqual(states.slice(states.lastIndexOf('QUEUED')), ['QUEUED', 'SCHEDULED', 'EXECUTING', 'SUCCEED'], label);
        }
    }
    // the finished ones are exactly as they were
    for (const [label, was] of finishedThen) {
        const [name, idx] = label.split(':');
        const j = next.sim.core.jobs.get(name);
        const t = idx === undefined ? j.task : j.iterations.get(Number(idx));
        assert.deepEqual(JSON.parse(JSON.stringify({ h: idx === undefined ? j.history : t.history, rt: t.runtime })), was, label);
    }
    assert.deepEqual([...next.sim.core.jobs.values()].map((j) => `${j.name} ${j.state}`), ['slowcancel CANCELED', 'first SUCCEED', 'sweep SUCCEED', 'slow SUCCEED', 'after SUCCEED']);
    // what the new core journals continues the old journal: replaying both gives its state
    assert.deepEqual(view(replay([...records.slice(0, cut), ...next.records]).jobs.values()), view(next.sim.core.jobs.values()));
});
test('restore twice: re-queued iterations (QUEUED records) are started, cancelled and resumed again correctly', async () => {
    const mk = () => journaled([{ name: 'n0', cores: 2 }], () => ({ durationUs: 10 * ms }));
    const a = mk();
    submit(a.sim, sh('sw', { iteration: { start: 0, stop: 6 } }), sh('sw2', { iteration: { start: 0, stop: 4 } }));
    await a.sim.run(a.sim.now + 5 * ms); // sw:0, sw:1 running
    const b = mk();
    b.sim.core.restore(replay(a.records).jobs.values());
    // b starts sw:0 and sw:1 again (QUEUED records); die again right away
    const c = mk();
    const all = [...a.records, ...b.records];
    c.sim.core.restore(replay(all).jobs.values());
    const sw = c.sim.core.jobs.get('sw');
    assert.equal(sw.iterations.get(0).messages.filter((m) => m === RESUME_REQUEUED).length, 2);
    // cancel the whole job while some are QUEUED records / running
    c.sim.core.cancelJob(c.sim.core.jobs.get('sw2'));
    await c.sim.run();
    assert.ok(c.sim.core.allJobsFinished);
    assert.equal(sw.state, 'SUCCEED');
    assert.equal(sw.counts.SUCCEED, 6);
    assert.equal(c.sim.core.jobs.get('sw2').state, 'CANCELED');
    assert.deepEqual(view(replay([...all, ...c.records]).jobs.values()), view(c.sim.core.jobs.values()));
});
// ---- files: store, snapshot + tail, corruption ----------------------------------------------------------
function writeRecords(file, recs) {
    fs.writeFileSync(file, recs.map((r) => encodeRecord(r)).join(''));
}
test('snapshot + tail: compacting journal.prev into journal.snap loses nothing; a stale prev is skipped', async () => {
    const { sim, records } = await workload(() => { });
    const dir = tmp();
    const half = Math.floor(records.length / 2);
    writeRecords(path.join(dir, JOURNAL_PREV), [{ t: 'hdr', v: 1, gen: 1, ts: 0, ...identity }, ...records.slice(0, half)]);
    writeRecords(path.join(dir, JOURNAL), [{ t: 'hdr', v: 1, gen: 2, ts: 0, ...identity }, ...records.slice(half)]);
    const live = view(sim.core.jobs.values());
    assert.deepEqual(view(loadJournal(dir).state.jobs.values()), live);
    const bytes = compactJournal(dir);
    assert.ok(bytes > 0 && fs.existsSync(path.join(dir, JOURNAL_SNAP)) && !fs.existsSync(path.join(dir, JOURNAL_PREV)));
    const loaded = loadJournal(dir);
    assert.deepEqual(view(loaded.state.jobs.values()), live);
    assert.deepEqual(loaded.state.identity, identity);
    // a crash between the snapshot's rename and the unlink of prev: prev (gen 1 ≤ snapshot gen 1) is skipped
    writeRecords(path.join(dir, JOURNAL_PREV), [{ t: 'hdr', v: 1, gen: 1, ts: 0, ...identity }, ...records.slice(0, half)]);
    assert.deepEqual(view(loadJournal(dir).state.jobs.values()), live);
    fs.rmSync(dir, { recursive: true, force: true });
});
test('store: rotation and background compaction while appending; resume after a cut last record', async () => {
    const { sim, records } = await workload(() => { });
    const dir = tmp();
    const store = JournalStore.create(dir, identity, { compactRecords: 40 });
    for (const r of records) {
        store.append(r);
        if (Math.random() < 0.3)
            await store.durable();
    }
    await store.durable();
    // let a compaction that is running finish
    for (let i = 0; i < 200 && fs.existsSync(path.join(dir, JOURNAL_PREV)); i++)
        await new Promise((r) => setTimeout(r, 20));
    await store.close();
    assert.ok(fs.existsSync(path.join(dir, JOURNAL_SNAP)), 'a snapshot was written');
    const live = view(sim.core.jobs.values());
    assert.deepEqual(view(loadJournal(dir).state.jobs.values()), live);
    // cut the last record: the load stops before it and says where; resume cuts the file and appends after it
    const file = path.join(dir, JOURNAL);
    const size = fs.statSync(file).size;
    fs.truncateSync(file, size - 4);
    const cut = loadJournal(dir);
    assert.match(cut.corruption.error, /incomplete|no checksum/);
    const resumed = JournalStore.resume(dir, cut);
    resumed.append({ t: 'rs', ts: 1 });
    await resumed.close();
    const again = loadJournal(dir);
    assert.equal(again.corruption, undefined);
    assert.ok(fs.readdirSync(dir).some((f) => f.startsWith('journal.bad-')), 'the bad tail is kept aside');
    assert.equal(findJournalDir(dir), dir);
    fs.rmSync(dir, { recursive: true, force: true });
});
test('findJournalDir: a wd with one manager aux dir, none, or several', () => {
    const wd = tmp();
    assert.throws(() => findJournalDir(wd), /no journal/);
    const a = path.join(wd, '.qcgpjm-service-h.1');
    fs.mkdirSync(a);
    fs.writeFileSync(path.join(a, JOURNAL), '');
    assert.equal(findJournalDir(wd), a);
    const b = path.join(wd, '.qcgpjm-service-h.2');
    fs.mkdirSync(b);
    fs.writeFileSync(path.join(b, JOURNAL), '');
    assert.throws(() => findJournalDir(wd), /several managers/);
    assert.equal(findJournalDir(wd, 'h.2'), b);
    fs.rmSync(wd, { recursive: true, force: true });
});
// ---- scale ----------------------------------------------------------------------------------------------
test('1 000 000 records: load time (printed), and a million-iteration job costs one submit record', async () => {
    const dir = tmp();
    const file = path.join(dir, JOURNAL);
    const N = 1_000_000;
    const desc = { name: 'big', execution: { exec: '/bin/true', args: [], env: {} }, resources: { numCores: { exact: 1 } }, iteration: { start: 0, stop: N } };
    // the core: a million-iteration job is one record at submit
    const { sim, records } = journaled([{ name: 'n0', cores: 2 }]);
    sim.core.register([{ desc }]);
    assert.equal(records.filter((r) => r.t === 'sub').length, 1);
    assert.ok(records.length <= 5, `${records.length} records at submit`);
    // a journal of 1 000 000 records: a 333 333-iteration sweep run to the end (3 records per iteration)
    const fd = fs.openSync(file, 'w');
    const t0 = performance.now();
    const parts = [encodeRecord({ t: 'hdr', v: 1, gen: 1, ts: 0, ...identity }), encodeRecord({ t: 'sub', ts: 1, rcnt: 1, tot: [1, 2], jobs: [desc] })];
    let n = 2;
    const ts = 1_700_000_000_000_000;
    for (let i = 0; n < N; i++) {
        parts.push(encodeRecord({ t: 's', j: 'big', i, s: 'SCHEDULED', ts: ts + i }));
        parts.push(encodeRecord({ t: 's', j: 'big', i, s: 'EXECUTING', ts: ts + i + 1 }));
        parts.push(encodeRecord({ t: 's', j: 'big', i, s: 'SUCCEED', ts: ts + i + 2, rt: { allocation: 'n0[0]', wd: '/wd', rtime: '0:00:00.001', exit_code: '0', pid: String(1000 + i), pname: 'true' } }));
        n += 3;
        if (parts.length > 30_000) {
            fs.writeSync(fd, parts.join(''));
            parts.length = 0;
        }
    }
    fs.writeSync(fd, parts.join(''));
    fs.closeSync(fd);
    const writeMs = performance.now() - t0;
    const bytes = fs.statSync(file).size;
    const t1 = performance.now();
    const loaded = loadJournal(dir);
    const loadMs = performance.now() - t1;
    const big = loaded.state.jobs.get('big');
    assert.equal(loaded.state.applied, n);
    assert.equal(big.counts.SUCCEED, (n - 2) / 3);
    const t2 = performance.now();
    fs.renameSync(file, path.join(dir, JOURNAL_PREV));
    const snapBytes = compactJournal(dir);
    const compactMs = performance.now() - t2;
    const t3 = performance.now();
    const fromSnap = loadJournal(dir);
    const snapLoadMs = performance.now() - t3;
    assert.equal(fromSnap.state.jobs.get('big').counts.SUCCEED, big.counts.SUCCEED);
    console.log(`# ${n} records (${(bytes / 1e6).toFixed(0)} MB): written in ${writeMs.toFixed(0)} ms, loaded (resume) in ${loadMs.toFixed(0)} ms; ` +
        `compacted to a ${(snapBytes / 1e6).toFixed(0)} MB snapshot in ${compactMs.toFixed(0)} ms, which loads in ${snapLoadMs.toFixed(0)} ms`);
    fs.rmSync(dir, { recursive: true, force: true });
});
//# sourceMappingURL=journal.test.js.map