/**
 * The journal file format and its writer (README "Durability").
 *
 * A line is `JSON SPACE CRC32-HEX8 NEWLINE`; the CRC covers the JSON text (UTF-8). A reader stops at the
 * first line that is incomplete (no newline: the write was cut short) or whose checksum or JSON is wrong.
 *
 * The writer appends records to an in-memory buffer (`append`, synchronous and cheap) and a single loop
 * writes and fdatasyncs them: while one write + sync is in flight, new records accumulate and go out in the
 * next one (group commit), so a sync costs one disk round trip however many records it carries.
 * `durable()` resolves once everything appended so far is on disk; `requestSync()` asks for the same without
 * a promise. Records nobody waits for are synced lazily, at most `lazyMs` after they were appended: a change
 * that no reply or event revealed yet needs no disk round trip of its own.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
// ---- line codec ----------------------------------------------------------------------------------------
const CRC_TABLE = (() => {
    const t = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        t[n] = c;
    }
    return t;
})();
function crc32Js(data) {
    let c = -1;
    for (let i = 0; i < data.length; i++)
        c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
    return (c ^ -1) >>> 0;
}
/** CRC-32 (zlib's) of a string's UTF-8 bytes or of bytes; zlib.crc32 where Node has it (20.15+). */
export const crc32 = typeof zlib.crc32 === 'function'
    ? zlib.crc32
    : (d) => crc32Js(typeof d === 'string' ? Buffer.from(d, 'utf8') : d);
const hex8 = (n) => n.toString(16).padStart(8, '0');
/** One record as a journal line (with its newline). */
export function encodeRecord(rec) {
    const json = JSON.stringify(rec);
    return `${json} ${hex8(crc32(json))}\n`;
}
/** Parse one line (without its newline) from `buf[start, end)`; a reason text when it is not a good record. */
export function decodeLine(buf, start, end) {
    if (end - start < 11 || buf[end - 9] !== 0x20)
        return 'no checksum';
    // the 8 lower-case hex digits, read from the bytes (no string, no regex: this runs once per record on resume)
    let want = 0;
    for (let i = end - 8; i < end; i++) {
        const c = buf[i];
        const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
        if (d < 0)
            return 'bad checksum field';
        want = want * 16 + d;
    }
    const json = buf.subarray(start, end - 9);
    if (crc32(json) !== want)
        return 'checksum mismatch';
    try {
        const rec = JSON.parse(json.toString('utf8'));
        if (typeof rec !== 'object' || rec === null || typeof rec.t !== 'string')
            return 'not a record';
        return rec;
    }
    catch {
        return 'bad JSON';
    }
}
/**
 * Read the records of a journal file in order, calling `onRecord` for each good one; stops at the first bad
 * or incomplete line. Reads in chunks: a file larger than memory for one string is fine.
 */
export function readJournalFile(file, onRecord, chunkBytes = 16 << 20) {
    const fd = fs.openSync(file, 'r');
    try {
        const size = fs.fstatSync(fd).size;
        let buf = Buffer.alloc(Math.max(chunkBytes, 1024));
        let have = 0; // bytes in buf
        let fileOffset = 0; // file offset of buf[0]
        let records = 0;
        let eof = false;
        for (;;) {
            if (!eof) {
                if (have === buf.length) {
                    // a line longer than the buffer: grow it
                    const bigger = Buffer.alloc(buf.length * 2);
                    buf.copy(bigger, 0, 0, have);
                    buf = bigger;
                }
                const n = fs.readSync(fd, buf, have, buf.length - have, fileOffset + have);
                if (n === 0)
                    eof = true;
                have += n;
            }
            let start = 0;
            for (;;) {
                const nl = buf.indexOf(0x0a, start);
                if (nl < 0 || nl >= have)
                    break;
                const rec = decodeLine(buf, start, nl);
                if (typeof rec === 'string') {
                    return { records, goodBytes: fileOffset + start, size, error: `record ${records + 1} at byte ${fileOffset + start}: ${rec}` };
                }
                onRecord(rec);
                records++;
                start = nl + 1;
            }
            if (eof) {
                if (start < have) {
                    return { records, goodBytes: fileOffset + start, size, error: `record ${records + 1} at byte ${fileOffset + start}: incomplete (${have - start} bytes without a newline)` };
                }
                return { records, goodBytes: fileOffset + start, size };
            }
            // keep the partial line at the head of the buffer
            buf.copy(buf, 0, start, have);
            fileOffset += start;
            have -= start;
        }
    }
    finally {
        fs.closeSync(fd);
    }
}
// ---- writer --------------------------------------------------------------------------------------------
const RESOLVED = Promise.resolve();
/** Make a rename or a new file in `dir` durable. */
export function fsyncDir(dir) {
    let fd;
    try {
        fd = fs.openSync(dir, 'r');
        fs.fsyncSync(fd);
    }
    catch {
        // not supported on this platform/file system: nothing more we can do
    }
    finally {
        if (fd !== undefined)
            fs.closeSync(fd);
    }
}
const O_DSYNC = fs.constants.O_DSYNC ?? 0;
/** `openForAppend` opens with O_DSYNC (pass as the writer's `dsync` option) */
export const APPEND_IS_DSYNC = O_DSYNC !== 0;
/**
 * Open a journal file for appending. Where the platform has O_DSYNC the file is opened with it, so that one
 * write is also the sync (one trip through libuv's thread pool per group commit instead of two).
 */
export function openForAppend(file) {
    const { O_WRONLY, O_APPEND, O_CREAT } = fs.constants;
    return fs.openSync(file, O_WRONLY | O_APPEND | O_CREAT | O_DSYNC, 0o644);
}
export class JournalWriter {
    fd;
    opts;
    chunks = [];
    appended = 0;
    synced = 0;
    bytes = 0;
    waiters = [];
    running = false;
    kicked = false;
    closed = false;
    closing = false;
    /** a reply waits: no holding back */
    urgent = false;
    /** the position that must become durable as soon as possible */
    need = 0;
    timer = null;
    /** when the last sync started (performance.now()) */
    lastStart = -Infinity;
    delay = null;
    failed = null;
    idle = RESOLVED;
    resolveIdle = null;
    /**
     * @param fd a file descriptor from `openForAppend`
     * @param fileBytes bytes already in the file (for size-based rotation)
     */
    constructor(fd, opts = {}, fileBytes = 0) {
        this.fd = fd;
        this.opts = opts;
        this.bytes = fileBytes;
    }
    /** Records appended (the position a later `durable()` covers). */
    get position() {
        return this.appended;
    }
    /** Records known to be on disk. */
    get durablePosition() {
        return this.synced;
    }
    /** Is everything appended so far on disk? */
    get isDurable() {
        return this.synced >= this.appended;
    }
    /** bytes written to the current file (including buffered ones) */
    get fileBytes() {
        return this.bytes;
    }
    /** Buffer one record; written and synced by the loop. Returns its position. */
    append(rec) {
        if (this.closed)
            return this.appended;
        const line = encodeRecord(rec);
        this.chunks.push(line);
        this.bytes += line.length; // characters: close enough for a rotation threshold
        this.appended++;
        if (!this.running && !this.timer)
            this.armLazy();
        return this.appended;
    }
    /** Sync the records up to `pos` (default: all appended so far) as soon as possible (group commit). */
    requestSync(pos = this.appended, urgent = false) {
        if (urgent && pos > this.synced && !this.urgent) {
            this.urgent = true;
            if (this.delay) {
                clearTimeout(this.delay);
                this.delay = null;
            }
        }
        if (this.need >= pos) {
            if (this.urgent && !this.running && !this.kicked)
                this.start();
            return;
        }
        this.need = pos;
        if (!this.kicked && !this.running) {
            this.kicked = true;
            queueMicrotask(() => this.start());
        }
    }
    /** Resolves when the records up to `pos` (default: every record appended so far) are on disk. */
    durable(pos = this.appended, urgent = false) {
        if (this.synced >= pos)
            return RESOLVED;
        this.requestSync(pos, urgent);
        return new Promise((resolve) => this.waiters.push({ pos, resolve }));
    }
    /** Hold the next sync back (a sync started less than minIntervalMs ago, more records are coming)? */
    mayDefer() {
        if (this.closing || this.urgent)
            return false;
        if (this.lastStart + (this.opts.minIntervalMs ?? 2) - performance.now() <= 0.05)
            return false;
        return this.opts.deferrable?.() ?? true;
    }
    armLazy() {
        this.timer = setTimeout(() => {
            this.timer = null;
            this.requestSync();
        }, this.opts.lazyMs ?? 10);
        this.timer.unref();
    }
    /** Write and sync what is buffered, then close the file. Later appends are ignored. */
    async close() {
        this.closing = true;
        if (this.delay) {
            clearTimeout(this.delay);
            this.delay = null;
        }
        await this.durable();
        await this.idle;
        if (this.closed)
            return;
        this.closed = true;
        if (this.timer)
            clearTimeout(this.timer);
        await new Promise((r) => fs.close(this.fd, () => r()));
    }
    /** The file was rotated: `n` bytes are in the new one (its header). */
    resetFileBytes(n) {
        this.bytes = n;
    }
    start() {
        this.kicked = false;
        if (this.running || this.closed || this.delay)
            return;
        if (this.mayDefer()) {
            const wait = this.lastStart + (this.opts.minIntervalMs ?? 2) - performance.now();
            // a sync ran a moment ago: let more records gather for the next one
            this.delay = setTimeout(() => {
                this.delay = null;
                this.start();
            }, Math.ceil(wait));
            return;
        }
        this.urgent = false;
        if (this.timer) {
            clearTimeout(this.timer);
            this.timer = null;
        }
        this.running = true;
        this.idle = new Promise((r) => (this.resolveIdle = r));
        void this.loop();
    }
    async loop() {
        try {
            for (let pass = 0;; pass++) {
                if (this.need <= this.synced || !this.chunks.length)
                    break;
                if (pass > 0 && this.mayDefer())
                    break; // start() holds it back
                const rotated = this.opts.rotate?.(this.fd);
                if (rotated)
                    this.fd = await rotated;
                this.lastStart = performance.now();
                this.urgent = false; // this write covers everything appended so far
                const data = this.chunks.length === 1 ? this.chunks[0] : this.chunks.join('');
                this.chunks = [];
                const upto = this.appended;
                if (!this.failed) {
                    try {
                        await writeAll(this.fd, Buffer.from(data, 'utf8'));
                        if (!this.opts.dsync)
                            await new Promise((resolve, reject) => fs.fdatasync(this.fd, (e) => (e ? reject(e) : resolve())));
                    }
                    catch (e) {
                        this.failed = e;
                        this.opts.onError?.(e);
                    }
                }
                this.synced = upto;
                this.release();
            }
        }
        finally {
            this.running = false;
            this.resolveIdle?.();
            this.resolveIdle = null;
            if (!this.closed && this.chunks.length) {
                if (this.need > this.synced)
                    this.start();
                else if (!this.timer)
                    this.armLazy(); // records appended since, that nobody asked to sync yet
            }
        }
    }
    release() {
        let n = 0;
        while (n < this.waiters.length && this.waiters[n].pos <= this.synced)
            n++;
        const ready = n ? this.waiters.splice(0, n) : [];
        this.opts.onDurable?.(this.synced);
        for (const w of ready)
            w.resolve();
    }
}
async function writeAll(fd, data) {
    let off = 0;
    while (off < data.length) {
        const n = await new Promise((resolve, reject) => fs.write(fd, data, off, data.length - off, null, (e, w) => (e ? reject(e) : resolve(w))));
        off += n;
    }
}
//# sourceMappingURL=journal.js.map