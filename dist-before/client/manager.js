import { RequestChannel } from './channel.js';
import { clientCurveOptions } from './curve.js';
import { ConnectionError, InternalError, ServiceError } from './errors.js';
import { EventStream } from './events.js';
import { JobInfo } from './job-info.js';
import { Jobs } from './jobs.js';
import { isFinal, } from './types.js';
import { Deadline, Wakeup } from './wait-util.js';
export class Manager {
    static DEFAULT_ADDRESS_ENV = 'QCG_PM_ZMQ_ADDRESS';
    static DEFAULT_ADDRESS = 'tcp://127.0.0.1:5555';
    static DEFAULT_TIMEOUT_MS = 60_000;
    address;
    timeoutMs;
    channel;
    cfg;
    curve;
    events = null;
    waits = new Set();
    closed = false;
    /**
     * @param address `[tcp://]host[:port]`; default: env QCG_PM_ZMQ_ADDRESS, else tcp://127.0.0.1:5555.
     * Nothing is sent until the first request. CURVE: `serverPublicKey` plus this client's `secretKey` (and
     * `publicKey`), or env QCG_PM_SERVER_KEY / QCG_PM_CLIENT_KEY; throws PilotMQError on unreadable keys.
     */
    constructor(address, cfg = {}) {
        this.address = Manager.parseAddress(address ?? process.env[Manager.DEFAULT_ADDRESS_ENV] ?? Manager.DEFAULT_ADDRESS);
        this.cfg = cfg;
        this.timeoutMs = cfg.timeoutMs ?? Manager.DEFAULT_TIMEOUT_MS;
        this.curve = clientCurveOptions(cfg);
        this.channel = new RequestChannel(this.address, cfg.encoding ?? 'msgpack', this.curve);
    }
    /** Complete an address as QCG does: default protocol `tcp`, default port 5555. */
    static parseAddress(address) {
        let full = /^\w*:\/\//.test(address) ? address : `tcp://${address}`;
        if (!/:\d+$/.test(full))
            full = `${full}:5555`;
        return full;
    }
    static isStatusFinished(state) {
        return isFinal(state);
    }
    /** Send any request; returns the whole validated reply (`code 1` → ConnectionError). */
    async sendRequest(request, timeoutMs = this.timeoutMs) {
        return this.channel.request(request, timeoutMs, true);
    }
    /** Submit jobs; returns their names (after submit-time placeholders), in order. */
    async submit(jobs) {
        // subscribe before the jobs exist, so wait4AnyJobFinish sees every one of them finish
        await this.connectEvents();
        const list = jobs instanceof Jobs ? jobs.orderedJobs() : [...jobs];
        const data = await this.data({ request: 'submit', jobs: list });
        if (data.submitted === undefined || !Array.isArray(data.jobs))
            throw new InternalError('Missing response data');
        return data.jobs;
    }
    /** Every registered job: name → `{status, messages?, inQueue?}`. */
    async list() {
        const data = await this.data({ request: 'listJobs' });
        if (!data.jobs)
            throw new InternalError('Request failed - missing jobs data');
        return data.jobs;
    }
    /** `jobStatus` data: `{jobs: {NAME: {status: 0, data: {jobName, status}} | {status: 1, message}}}`. */
    async status(names, timeoutMs = this.timeoutMs) {
        return this.data({ request: 'jobStatus', jobNames: toList(names) }, timeoutMs);
    }
    /** `jobInfo` data; `withChilds` adds per-iteration entries. */
    async info(names, opts = {}) {
        const request = { request: 'jobInfo', jobNames: toList(names) };
        if (opts.withChilds !== undefined)
            request.params = { withChilds: opts.withChilds };
        return this.data(request);
    }
    /** `info` parsed into JobInfo objects, by requested name (entries with a per-name error are left out). */
    async infoParsed(names, opts = {}) {
        const reply = await this.info(names, opts);
        const parsed = {};
        for (const [name, entry] of Object.entries(reply.jobs ?? {})) {
            if (entry.status === 0)
                parsed[name] = JobInfo.fromJob(entry.data);
        }
        return parsed;
    }
    /** Remove finished jobs; per-name problems are in `errors`. */
    async remove(names) {
        return this.data({ request: 'removeJob', jobNames: toList(names) });
    }
    /** Cancel jobs or iterations; per-name problems are in `errors`. */
    async cancel(names) {
        return this.data({ request: 'cancelJob', jobNames: toList(names) });
    }
    async resources() {
        return this.data({ request: 'resourcesInfo' });
    }
    async systemStatus(timeoutMs = this.timeoutMs) {
        return this.data({ request: 'status' }, timeoutMs);
    }
    /** True when no job or iteration is QUEUED, SCHEDULED or EXECUTING. */
    async allJobsFinished(timeoutMs = this.timeoutMs) {
        const data = await this.data({ request: 'status', options: { allJobsFinished: true } }, timeoutMs);
        return data.AllJobsFinished === true;
    }
    /**
     * Ask the manager to finish (protocol.md §4.9), then close this client. With `wait: true` (pilotmq) the
     * manager lets every job finish first.
     */
    async finish(opts = {}) {
        const request = { request: 'finish' };
        if (opts.wait !== undefined)
            request.options = { wait: opts.wait };
        try {
            return await this.data(request);
        }
        finally {
            this.close();
        }
    }
    /** `control` request; the only command is `finishAfterAllTasksDone`. Returns the reply message. */
    async control(command = 'finishAfterAllTasksDone') {
        return (await this.sendRequest({ request: 'control', command })).message;
    }
    /**
     * Close the sockets; waits in progress fail with ConnectionError. After this the client holds nothing that
     * keeps Node.js running.
     */
    close() {
        if (this.closed)
            return;
        this.closed = true;
        this.channel.close();
        const events = this.events;
        this.events = null;
        void events?.then((stream) => stream?.close(), () => undefined);
        for (const wait of this.waits)
            wait.abort(new ConnectionError('Connection closed'));
        this.waits.clear();
    }
    /** QCG's name for `close`. */
    cleanup() {
        this.close();
    }
    /**
     * Connect the event subscriber (done by `submit` and the waits when needed). Returns null when the manager
     * has no publisher.
     */
    async connectEvents(timeoutMs = this.timeoutMs) {
        if (this.closed)
            throw new ConnectionError('Not connected');
        if (!this.events) {
            const opening = this.openEvents(timeoutMs);
            this.events = opening;
            // a failed attempt (e.g. a timeout) is retried by the next call
            opening.catch(() => {
                if (this.events === opening)
                    this.events = null;
            });
        }
        return this.events;
    }
    /**
     * Wait until every named job or iteration (`NAME`, `NAME:IDX`) is final. Returns name → final state.
     * Throws TimeoutElapsed after `timeoutMs`, and ConnectionError for an unknown name.
     */
    async wait4(names, timeoutMs, onFinished) {
        const wanted = [...new Set(toList(names))];
        const deadline = new Deadline(timeoutMs);
        const pending = new Set(wanted);
        const states = {};
        const wakeup = this.newWakeup();
        const finished = (name, state) => {
            if (!pending.delete(name))
                return;
            states[name] = state;
            onFinished?.(name, state);
            if (pending.size === 0)
                wakeup.wake();
        };
        let stopListening;
        try {
            const events = await this.connectEvents(this.requestTimeout(deadline));
            stopListening = events?.listen((event) => {
                const done = finishEvent(event);
                if (done)
                    finished(done.name, done.state);
            });
            // the subscription is in place: query once for what finished before it (and re-check on timeouts)
            while (pending.size > 0) {
                const reply = await this.status([...pending], this.requestTimeout(deadline));
                for (const [name, entry] of Object.entries(reply.jobs ?? {})) {
                    if (entry.status !== 0)
                        throw new ConnectionError(`Request failed - ${entry.message}`, entry.message);
                    if (isFinal(entry.data.status))
                        finished(name, entry.data.status);
                }
                if (pending.size === 0)
                    break;
                deadline.check('wait4');
                await wakeup.sleep(Math.min(this.recheckInterval(events), deadline.remaining()));
                if (pending.size > 0)
                    deadline.check('wait4');
            }
        }
        finally {
            stopListening?.();
            this.waits.delete(wakeup);
        }
        return Object.fromEntries(wanted.map((name) => [name, states[name]]));
    }
    /** Wait until the manager has no QUEUED, SCHEDULED or EXECUTING work. */
    async wait4all(timeoutMs, onFinished) {
        const deadline = new Deadline(timeoutMs);
        const wakeup = this.newWakeup();
        let stopListening;
        try {
            const events = await this.connectEvents(this.requestTimeout(deadline));
            stopListening = events?.listen((event) => {
                if (event.topic === 'NOJ')
                    wakeup.wake();
                const done = finishEvent(event);
                if (done)
                    onFinished?.(done.name, done.state);
            });
            // NOJ only triggers a query: an old NOJ may still be queued from before newer submits
            while (!(await this.allJobsFinished(this.requestTimeout(deadline)))) {
                deadline.check('wait4all');
                await wakeup.sleep(Math.min(this.recheckInterval(events), deadline.remaining()));
            }
        }
        finally {
            stopListening?.();
            this.waits.delete(wakeup);
        }
    }
    /**
     * Wait for a job or iteration to finish and return it. Events are consumed in order: finish events not yet
     * read by this client (since its subscription, made at the first submit or wait) are returned first.
     * Needs the manager's publisher (ServiceError otherwise).
     */
    async wait4AnyJobFinish(timeoutMs) {
        const deadline = new Deadline(timeoutMs);
        const events = await this.connectEvents(this.requestTimeout(deadline));
        if (!events)
            throw new ServiceError('Service does not publish status events');
        const wakeup = this.newWakeup();
        const found = {};
        const stopListening = events.listen((event) => {
            const result = finishEvent(event);
            if (!result)
                return false;
            found.result = result;
            wakeup.wake();
            return true;
        });
        try {
            while (!found.result) {
                deadline.check('wait4AnyJobFinish');
                // nothing to re-check here (there is no state to query for "any"); the sleep only bounds the wait
                await wakeup.sleep(Math.min(60_000, deadline.remaining()));
            }
            return found.result;
        }
        finally {
            stopListening();
            this.waits.delete(wakeup);
        }
    }
    async openEvents(timeoutMs) {
        const status = await this.systemStatus(timeoutMs);
        const address = status.System?.StatusPublisher;
        if (!address)
            return null;
        const stream = await EventStream.open(address, { highWaterMark: this.cfg.eventBufferSize, curve: this.curve });
        if (this.closed) {
            stream.close();
            throw new ConnectionError('Connection closed');
        }
        return stream;
    }
    async data(request, timeoutMs = this.timeoutMs) {
        return (await this.channel.request(request, timeoutMs)).data;
    }
    newWakeup() {
        if (this.closed)
            throw new ConnectionError('Not connected');
        const wakeup = new Wakeup();
        this.waits.add(wakeup);
        return wakeup;
    }
    /** A request made during a wait gets the usual timeout, cut to what is left of the wait (but not to 0). */
    requestTimeout(deadline) {
        return Math.min(this.timeoutMs, Math.max(deadline.remaining(), 100));
    }
    recheckInterval(events) {
        return events ? (this.cfg.recheckIntervalMs ?? 5_000) : (this.cfg.pollIntervalMs ?? 1_000);
    }
}
/** A JFI/IFI event → the finished name (`NAME` or `NAME:IDX`) and its state; null for other events. */
function finishEvent(event) {
    if ((event.topic !== 'JFI' && event.topic !== 'IFI') || typeof event.job !== 'string' || typeof event.state !== 'string') {
        return null;
    }
    const name = event.it !== undefined && event.it !== null ? `${event.job}:${event.it}` : event.job;
    return { name, state: event.state };
}
function toList(names) {
    return typeof names === 'string' ? [names] : [...names];
}
//# sourceMappingURL=manager.js.map