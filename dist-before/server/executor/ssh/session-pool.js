import { connectHost, openExec } from './connection.js';
/** a refused channel below the known limit is retried after this long, this often */
const REFUSED_DELAY_MS = 20;
const REFUSED_RETRIES = 100;
/** thrown by exec/sftp when `cancelled()` said so while waiting for a free channel */
export class Cancelled extends Error {
}
export class SessionPool {
    spec;
    limit;
    onConnLost;
    conns = [];
    waiters = [];
    opening = 0;
    /** no more connections now: the last attempt failed while others were up */
    maxConns;
    closed = false;
    lastError;
    /** the most channels one connection ever held at once: sshd's MaxSessions is at least that */
    maxSeen = 0;
    /** failed connection attempts while no connection was up */
    failures = 0;
    constructor(spec, 
    /** channels per connection; lowered when sshd refuses one */
    limit, 
    /** a connection dropped (the channels on it close and say so themselves) */
    onConnLost, first, maxConns = 32) {
        this.spec = spec;
        this.limit = limit;
        this.onConnLost = onConnLost;
        this.maxConns = maxConns;
        if (first)
            this.add(first);
    }
    /** connections currently up */
    get connections() {
        return this.conns.length;
    }
    get sessionLimit() {
        return this.limit;
    }
    /** An exec channel running `command`; its slot is freed when it closes. */
    async exec(command, cancelled = () => false) {
        for (let attempt = 0;; attempt++) {
            const c = await this.acquire(cancelled);
            try {
                const ch = await openExec(c.client, command);
                this.opened(c);
                ch.once('close', () => this.release(c));
                return ch;
            }
            catch (e) {
                if (!(await this.refused(c, e, attempt)))
                    throw e;
            }
        }
    }
    /** An SFTP session (one channel); call `done` when finished with it. */
    async sftp(cancelled = () => false) {
        for (let attempt = 0;; attempt++) {
            const c = await this.acquire(cancelled);
            try {
                const sftp = await new Promise((res, rej) => c.client.sftp((err, s) => (err ? rej(err) : res(s))));
                this.opened(c);
                let freed = false;
                const done = () => {
                    if (freed)
                        return;
                    freed = true;
                    sftp.end();
                    this.release(c);
                };
                sftp.once('close', done);
                return { sftp, done };
            }
            catch (e) {
                if (!(await this.refused(c, e, attempt)))
                    throw e;
            }
        }
    }
    /** Whether the host still answers: runs `true` on a channel (opening a connection if none is up). */
    async alive() {
        try {
            const ch = await this.exec('true');
            await new Promise((res) => {
                ch.on('close', () => res());
                ch.resume();
                ch.stderr.resume();
            });
            return { ok: true };
        }
        catch (e) {
            return { ok: false, error: e };
        }
    }
    close() {
        this.closed = true;
        for (const c of this.conns)
            c.client.end();
        this.conns.length = 0;
        this.wake();
    }
    /**
     * The channel was refused (slot released). With as many channels open as ever succeeded on one connection, that
     * is sshd's MaxSessions: the limit becomes that. With fewer, sshd still counts sessions that just closed on our
     * side: wait a moment and try again, up to REFUSED_RETRIES times. Anything else: not a refusal (false).
     */
    async refused(c, e, attempt) {
        this.release(c);
        if (c.dead || !/open failed|open failure/i.test(e.message) || attempt >= REFUSED_RETRIES)
            return false;
        const others = c.used;
        if (others > 0 && others >= this.maxSeen)
            this.limit = Math.min(this.limit, others);
        else
            await new Promise((r) => setTimeout(r, REFUSED_DELAY_MS));
        return true;
    }
    /** a channel opened with `c.used` channels on its connection */
    opened(c) {
        if (c.used > this.maxSeen)
            this.maxSeen = c.used;
    }
    add(client) {
        const c = { client, used: 0, dead: false };
        const lost = (err) => {
            if (c.dead)
                return;
            c.dead = true;
            const i = this.conns.indexOf(c);
            if (i >= 0)
                this.conns.splice(i, 1);
            if (!this.closed)
                this.onConnLost(`SSH connection to ${this.spec.host}:${this.spec.port} lost${err ? ` (${err.message})` : ''}`);
            this.wake();
        };
        client.on('error', lost);
        client.on('close', () => lost());
        this.conns.push(c);
        return c;
    }
    release(c) {
        c.used--;
        this.wake();
    }
    wake() {
        for (const w of this.waiters.splice(0))
            w();
    }
    /** A connection with a free channel (its count taken), opening one when all are full. */
    async acquire(cancelled) {
        for (;;) {
            if (this.closed)
                throw new Error('shutting down');
            if (cancelled())
                throw new Cancelled();
            const c = this.conns.find((x) => !x.dead && x.used < this.limit);
            if (c) {
                c.used++;
                return c;
            }
            if (this.opening === 0 && this.conns.length < this.maxConns)
                void this.open();
            const failures = this.failures;
            await new Promise((r) => this.waiters.push(r));
            // a connection attempt failed while none was up: everyone waiting fails with it (no retry storm)
            if (this.failures !== failures && this.conns.length === 0)
                throw new Error(`cannot connect: ${this.lastError?.message ?? 'unknown error'}`);
        }
    }
    async open() {
        this.opening++;
        try {
            const { client } = await connectHost(this.spec);
            if (this.closed)
                client.end();
            else
                this.add(client).client.setNoDelay(true);
        }
        catch (e) {
            this.lastError = e;
            // others are up: live with them (e.g. sshd's MaxStartups); none: the waiters fail with this error
            if (this.conns.length > 0)
                this.maxConns = this.conns.length;
            else
                this.failures++;
        }
        finally {
            this.opening--;
            this.wake();
        }
    }
}
//# sourceMappingURL=session-pool.js.map