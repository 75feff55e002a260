/**
 * The journal of one manager in its aux dir (README "Durability"):
 *
 *   journal        the current file: a header (`hdr`, generation g), then records; appended by the manager
 *   journal.prev   the previous file (generation g − 1) while it is being folded into the snapshot
 *   journal.snap   the job table after every file up to the generation in its header (atomic: tmp + rename)
 *
 * When the current file holds more than `compactRecords` records (and at least as many bytes as the last
 * snapshot, so that compaction work stays proportional to what was appended), the writer rotates it to
 * `journal.prev` between two writes and a worker thread folds snapshot + prev into a new snapshot, then
 * deletes prev. A crash at any point leaves files that load to the same state: a snapshot whose generation
 * already covers prev makes the reader skip prev.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { APPEND_IS_DSYNC, encodeRecord, fsyncDir, JournalWriter, openForAppend, readJournalFile, decodeLine } from './journal.js';
import { isFinal } from '../../protocol/job.js';
import { ReplayState, snapshotLines, writeSnapshot } from './replay.js';
export const JOURNAL = 'journal';
export const JOURNAL_PREV = 'journal.prev';
export const JOURNAL_SNAP = 'journal.snap';
/** The header of a journal file (its first line), or null when it has none readable. */
export function readHeader(file) {
    let fd;
    try {
        fd = fs.openSync(file, 'r');
        const buf = Buffer.alloc(64 << 10);
        const n = fs.readSync(fd, buf, 0, buf.length, 0);
        const nl = buf.subarray(0, n).indexOf(0x0a);
        if (nl < 0)
            return null;
        const rec = decodeLine(buf, 0, nl);
        return typeof rec !== 'string' && rec.t === 'hdr' ? rec : null;
    }
    catch {
        return null;
    }
    finally {
        if (fd !== undefined)
            fs.closeSync(fd);
    }
}
/** Does this directory hold a journal? */
export function hasJournal(dir) {
    return [JOURNAL, JOURNAL_PREV, JOURNAL_SNAP].some((f) => fs.existsSync(path.join(dir, f)));
}
/**
 * Load snapshot + prev (+ current unless `currentToo` is false) of an aux dir. A bad snapshot throws (it is
 * written atomically: a bad one means damage, not a crash); a bad record in a journal file stops the load
 * there (`corruption`). Records that do not fit the state throw.
 */
export function loadJournal(auxDir, currentToo = true) {
    const state = new ReplayState();
    const result = { state, currentRecords: 0, currentBytes: 0 };
    const apply = (file) => (rec) => {
        try {
            state.apply(rec);
        }
        catch (e) {
            throw new Error(`${file}: record ${state.applied}: ${e.message}`);
        }
    };
    const snap = path.join(auxDir, JOURNAL_SNAP);
    let snapGen = 0;
    if (fs.existsSync(snap)) {
        let last = null;
        const r = readJournalFile(snap, (rec) => {
            apply(snap)(rec);
            last = rec;
        });
        if (r.error || last?.t !== 'end')
            throw new Error(`${snap} is damaged (${r.error ?? 'no end record'}): cannot resume`);
        snapGen = state.gen;
    }
    for (const name of [JOURNAL_PREV, JOURNAL]) {
        if (name === JOURNAL && !currentToo)
            break;
        const file = path.join(auxDir, name);
        if (!fs.existsSync(file))
            continue;
        const header = readHeader(file);
        if (name === JOURNAL_PREV)
            result.prevGen = header?.gen;
        else
            result.currentGen = header?.gen;
        if (header && header.gen <= snapGen) {
            // already folded into the snapshot (a crash between the snapshot's rename and the unlink of prev)
            if (name === JOURNAL)
                result.currentBytes = fs.statSync(file).size;
            continue;
        }
        let count = 0;
        const r = readJournalFile(file, (rec) => {
            apply(file)(rec);
            count++;
        });
        if (name === JOURNAL) {
            result.currentRecords = count;
            result.currentBytes = r.goodBytes;
        }
        if (r.error) {
            result.corruption = { file, error: r.error, goodBytes: r.goodBytes, size: r.size };
            break;
        }
    }
    return result;
}
/** Fold `journal.snap` + `journal.prev` into a new snapshot and delete prev. Returns the snapshot's bytes. */
export function compactJournal(auxDir) {
    const prev = path.join(auxDir, JOURNAL_PREV);
    const loaded = loadJournal(auxDir, false);
    if (loaded.corruption)
        throw new Error(`cannot compact: ${loaded.corruption.file}: ${loaded.corruption.error}`);
    const { state } = loaded;
    if (!state.identity)
        throw new Error('cannot compact: no journal header');
    const bytes = writeSnapshot(path.join(auxDir, JOURNAL_SNAP), snapshotLines(state, state.identity, state.gen, Date.now() * 1000));
    fsyncDir(auxDir);
    fs.rmSync(prev, { force: true });
    fsyncDir(auxDir);
    return bytes;
}
/** The manager's side: append records, wait for durability, rotate and compact in the background. */
export class JournalStore {
    auxDir;
    identity;
    opts;
    writer;
    recordsInFile;
    gen;
    snapBytes;
    compacting = null;
    compactionFailed = false;
    compactRecords;
    closed = false;
    /** position of the last record replies and events must wait for */
    critical = 0;
    constructor(auxDir, identity, fd, gen, recordsInFile, fileBytes, opts) {
        this.auxDir = auxDir;
        this.identity = identity;
        this.opts = opts;
        this.gen = gen;
        this.recordsInFile = recordsInFile;
        this.compactRecords = opts.compactRecords ?? 100_000;
        const snap = path.join(auxDir, JOURNAL_SNAP);
        this.snapBytes = fs.existsSync(snap) ? fs.statSync(snap).size : 0;
        this.writer = new JournalWriter(fd, {
            onDurable: opts.onDurable,
            onError: (e) => opts.onError?.(`journal write failed, jobs are no longer durable: ${e.message}`),
            rotate: (cur) => (this.shouldRotate() ? this.rotate(cur) : null),
            dsync: APPEND_IS_DSYNC,
            minIntervalMs: opts.minIntervalMs,
            deferrable: opts.deferrable,
        }, fileBytes);
    }
    /** A fresh journal for a new manager (an old journal in the same aux dir is replaced). */
    static create(auxDir, identity, opts = {}) {
        for (const f of [JOURNAL_PREV, JOURNAL_SNAP, `${JOURNAL_SNAP}.tmp`])
            fs.rmSync(path.join(auxDir, f), { force: true });
        const file = path.join(auxDir, JOURNAL);
        const fd = fs.openSync(file, 'w');
        const header = encodeRecord({ t: 'hdr', v: 1, gen: 1, ts: Date.now() * 1000, ...identity });
        fs.writeSync(fd, header);
        fs.fdatasyncSync(fd);
        fs.closeSync(fd);
        fsyncDir(auxDir);
        return new JournalStore(auxDir, identity, openForAppend(file), 1, 1, header.length, opts);
    }
    /**
     * Continue a loaded journal: `journal` is cut at its last good record (a bad tail is saved next to it as
     * `journal.bad-<time>`), or created when missing or without a good header. Returns the store; the caller
     * appends a resume record.
     */
    static resume(auxDir, loaded, opts = {}) {
        const identity = loaded.state.identity;
        if (!identity)
            throw new Error(`no journal header in ${auxDir}`);
        const file = path.join(auxDir, JOURNAL);
        const prev = path.join(auxDir, JOURNAL_PREV);
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        let currentBytes = loaded.currentBytes;
        let currentGen = loaded.currentGen;
        let records = loaded.currentRecords;
        const c = loaded.corruption;
        if (c) {
            // keep the bytes we could not use, then cut the file there so appends follow the last good record
            saveTail(c.file, c.goodBytes, `${file}.bad-${stamp}`);
            fs.truncateSync(c.file, c.goodBytes);
            if (c.file === prev) {
                // later records (the whole current file) cannot be applied after a gap: set them aside too
                if (fs.existsSync(file))
                    fs.renameSync(file, `${file}.discarded-${stamp}`);
                fs.renameSync(prev, file);
                currentBytes = c.goodBytes;
                currentGen = loaded.prevGen;
                records = 0;
            }
            fsyncDir(auxDir);
        }
        let gen = currentGen ?? 0;
        if (!fs.existsSync(file) || currentBytes === 0 || currentGen === undefined) {
            // no usable current file (a crash right after a rotation, or its header is what was cut): start one
            gen = Math.max(loaded.state.gen, loaded.prevGen ?? 0) + 1;
            const fd = fs.openSync(file, 'w');
            fs.writeSync(fd, encodeRecord({ t: 'hdr', v: 1, gen, ts: Date.now() * 1000, ...identity }));
            fs.fdatasyncSync(fd);
            fs.closeSync(fd);
            fsyncDir(auxDir);
            currentBytes = fs.statSync(file).size;
            records = 1;
        }
        const store = new JournalStore(auxDir, identity, openForAppend(file), gen, records, currentBytes, opts);
        if (fs.existsSync(prev))
            store.startCompaction(); // a compaction the crash interrupted
        return store;
    }
    append(rec) {
        this.recordsInFile++;
        const pos = this.writer.append(rec);
        if (mustPrecedeReplies(rec))
            this.critical = pos;
    }
    /**
     * The position replies and events wait for: the last record that must be on disk before a client learns of
     * it. Changes to SCHEDULED and EXECUTING need not wait (they are journaled all the same): after a crash such
     * a task is QUEUED again whether its record made it to disk or not.
     */
    get position() {
        return this.critical;
    }
    /** Is everything a reply or event may reveal on disk? */
    get isDurable() {
        return this.writer.durablePosition >= this.critical;
    }
    /** Resolves once everything a reply may reveal is on disk (a reply is never held back for group commit). */
    durable() {
        return this.writer.durable(this.critical, true);
    }
    /** Sync soon what an event waits for. */
    requestSync() {
        this.writer.requestSync(this.critical);
    }
    /** Flush, sync and close; an unfinished compaction is abandoned (it is redone on the next resume). */
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        await this.writer.close();
        if (this.compacting)
            await this.compacting.terminate();
        this.compacting = null;
    }
    shouldRotate() {
        return (!this.closed &&
            !this.compacting &&
            !this.compactionFailed &&
            this.recordsInFile >= this.compactRecords &&
            this.writer.fileBytes >= this.snapBytes &&
            !fs.existsSync(path.join(this.auxDir, JOURNAL_PREV)));
    }
    /** Between two writes: the current file (fully synced) becomes prev, a new current file starts. */
    async rotate(fd) {
        await new Promise((r) => fs.close(fd, () => r()));
        const file = path.join(this.auxDir, JOURNAL);
        fs.renameSync(file, path.join(this.auxDir, JOURNAL_PREV));
        this.gen++;
        const header = encodeRecord({ t: 'hdr', v: 1, gen: this.gen, ts: Date.now() * 1000, ...this.identity });
        const nfd = openForAppend(file);
        fs.writeSync(nfd, header);
        fs.fdatasyncSync(nfd);
        fsyncDir(this.auxDir);
        this.recordsInFile = 1;
        this.writer.resetFileBytes(header.length);
        this.startCompaction();
        return nfd;
    }
    startCompaction() {
        const t0 = Date.now();
        const w = new Worker(new URL('./compact-worker.js', import.meta.url), { workerData: { auxDir: this.auxDir } });
        this.compacting = w;
        w.unref();
        w.on('message', (m) => {
            if (m.ok) {
                this.snapBytes = m.bytes;
                this.opts.onInfo?.(`journal compacted into ${JOURNAL_SNAP} (${m.bytes} bytes) in ${Date.now() - t0} ms`);
            }
            else {
                this.compactionFailed = true;
                this.opts.onError?.(`journal compaction failed (the journal keeps growing): ${m.error}`);
            }
        });
        w.on('error', (e) => {
            this.compactionFailed = true;
            this.opts.onError?.(`journal compaction failed (the journal keeps growing): ${e.message}`);
        });
        w.on('exit', () => {
            if (this.compacting === w)
                this.compacting = null;
        });
    }
}
/** Must this record be on disk before a reply or event reveals it? */
function mustPrecedeReplies(rec) {
    if (rec.t === 's')
        return isFinal(rec.s);
    return rec.t !== 'rdy' && rec.t !== 'rs' && rec.t !== 'hdr';
}
function saveTail(file, from, to) {
    try {
        const size = fs.statSync(file).size;
        const buf = Buffer.alloc(Math.max(0, size - from));
        const fd = fs.openSync(file, 'r');
        try {
            fs.readSync(fd, buf, 0, buf.length, from);
        }
        finally {
            fs.closeSync(fd);
        }
        fs.writeFileSync(to, buf);
    }
    catch {
        // best effort
    }
}
const AUX_PREFIX = '.qcgpjm-service-';
/**
 * The aux dir to resume from: `dir` itself when it holds a journal, else the one `.qcgpjm-service-*` dir in
 * `dir` (a manager's wd) that does (the one of `instanceId` when given). Throws a readable error otherwise.
 */
export function findJournalDir(dir, instanceId, option = '--resume') {
    const abs = path.resolve(dir);
    if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory())
        throw new Error(`${option}: ${abs} is not a directory`);
    if (hasJournal(abs))
        return abs;
    const found = fs.readdirSync(abs).filter((n) => n.startsWith(AUX_PREFIX) && hasJournal(path.join(abs, n)));
    if (instanceId !== undefined) {
        const n = AUX_PREFIX + instanceId;
        if (found.includes(n))
            return path.join(abs, n);
        throw new Error(`${option}: no journal of manager ${instanceId} in ${abs}`);
    }
    if (found.length === 1)
        return path.join(abs, found[0]);
    if (found.length === 0)
        throw new Error(`${option}: no journal in ${abs} (give a manager's --wd or its aux dir)`);
    throw new Error(`${option}: ${abs} holds the journals of several managers (${found.join(', ')}): give the aux dir${option === '--resume' ? ', or --id' : ''}`);
}
//# sourceMappingURL=store.js.map