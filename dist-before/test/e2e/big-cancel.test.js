/**
 * A whole-job cancel (and an omission) of a sweep of 1 000 000 queued iterations, against a real manager: one
 * change in the core, but an `IST` + `IFI` per iteration (protocol.md §5) and a report entry each. Requests are
 * answered while those go out (issue 6: the request socket must not block on slow work), and every event still
 * arrives, in the order of the state changes.
 *
 * The order is observed, not timed: a subscriber of `JFI` alone (a handful of frames, so it never lags) sees the
 * sweep's `JFI`, which follows the `IFI` of its last iteration, only after a `jobStatus` sent once the cancel was
 * acknowledged has been answered. A second subscriber, in a process of its own, checks every frame.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zmq from 'zeromq';
import { gateJob, openGate } from '../helpers/jobs.js';
import { jobInfo, startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { ev, noj, waitFor } from '../helpers/util.js';
const N = 1_000_000;
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'helpers', 'event-order-child.js');
/** The order checker (event-order-child.ts) and what it reports. */
class OrderChecker {
    child;
    probes = 0;
    done;
    armed;
    constructor(publisher) {
        this.child = fork(CHILD, [publisher], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        this.done = new Promise((resolve, reject) => {
            this.child.on('message', (m) => {
                if (m.probe)
                    this.probes++;
                if (m.armed)
                    this.armed?.();
                if (m.done)
                    resolve(m.done);
            });
            this.child.on('exit', (code) => reject(new Error(`order checker exited (${code}) without a verdict`)));
        });
        this.done.catch(() => undefined); // looked at by the test; no unhandled rejection meanwhile
    }
    get sawProbe() {
        return this.probes > 0;
    }
    expect(manager, segments) {
        return new Promise((r) => {
            this.armed = r;
            this.child.send({ manager, expect: segments });
        });
    }
}
/** Subscribe to JFI only; `jfi(job)` tells whether that job's JFI has arrived. */
function jfiWatcher(publisher) {
    const sock = new zmq.Subscriber({ linger: 0 });
    sock.subscribe('JFI');
    sock.connect(publisher);
    const seen = new Set();
    void (async () => {
        try {
            for await (const [f] of sock)
                seen.add(String(JSON.parse(f.toString().slice(4)).job));
        }
        catch {
            // closed
        }
    })();
    return { jfi: (job) => seen.has(job), close: () => sock.close() };
}
describe(`a sweep of ${N} queued iterations, cancelled and omitted as a whole (nodes 1)`, () => {
    test('requests are answered while its events go out; every event arrives, in order; final states and report right', async () => {
        const m = await startManagerProcess({ nodes: '1' });
        let checker;
        let watcher;
        try {
            const id = m.instanceId;
            const gate = path.join(m.wd, 'gate');
            await submitOk(m, [gateJob('holder', gate)]);
            await waitForState(m, 'holder', ['EXECUTING']);
            await submitOk(m, [{ name: 'big', execution: { exec: '/bin/true' }, iteration: { stop: N } }]);
            // two iterations get records of their own (cancelled one by one): the whole-job cancel skips them
            for (const it of [3, 7])
                assert.equal((await m.request({ request: 'cancelJob', jobNames: [`big:${it}`] })).code, 0);
            const publisher = (await m.request({ request: 'status' })).data.System.StatusPublisher;
            checker = new OrderChecker(publisher);
            watcher = jfiWatcher(publisher);
            // both subscriptions are live once each has seen the JFI of a probe (a queued job, cancelled)
            for (let k = 0; !(checker.sawProbe && watcher.jfi(`probe${k - 1}`)); k++) {
                assert.ok(k < 100, 'the subscribers never saw a probe');
                await submitOk(m, [{ name: `probe${k}`, execution: { exec: '/bin/true' } }]);
                await m.request({ request: 'cancelJob', jobNames: [`probe${k}`] });
                await waitFor(() => checker.sawProbe && watcher.jfi(`probe${k}`), 1000, 'probe').catch(() => undefined);
            }
            await checker.expect(id, [
                { job: 'big', state: 'CANCELED', n: N, skip: [3, 7] },
                ev('JST', id, 'big', 'CANCELED'),
                ev('JFI', id, 'big', 'CANCELED'),
                ev('JST', id, 'holder', 'SUCCEED'),
                ev('JFI', id, 'holder', 'SUCCEED'),
                noj(id),
                ev('JST', id, 'bad', 'SCHEDULED'),
                ev('JST', id, 'bad', 'EXECUTING'),
                ev('JST', id, 'bad', 'FAILED'),
                ev('JFI', id, 'bad', 'FAILED'),
                { job: 'omitted', state: 'OMITTED', n: N, skip: [] },
                ev('JST', id, 'omitted', 'OMITTED'),
                ev('JFI', id, 'omitted', 'OMITTED'),
                noj(id),
            ]);
            assert.deepEqual(await m.request({ request: 'cancelJob', jobNames: ['big'] }), { code: 0, data: { canceled: 1 } });
            const status = await m.request({ request: 'jobStatus', jobNames: ['big'] });
            const jfiBeforeStatus = watcher.jfi('big');
            const system = (await m.request({ request: 'status' })).data.System;
            const jfiBeforeSystem = watcher.jfi('big');
            assert.equal(status.data.jobs.big.data.status, 'CANCELED', 'the change is visible at once');
            assert.equal(jfiBeforeStatus, false, "a jobStatus sent after the cancel's reply is answered before the cancel's events are all out");
            // and the manager says so: it answered while most of the cancel's events were still to go out
            assert.equal(jfiBeforeSystem, false);
            assert.ok(system.EventBacklog > 0 && system.EventBacklog <= N, `EventBacklog ${system.EventBacklog} while the events go out`);
            await waitFor(() => watcher.jfi('big'), 120_000, 'JFI of big');
            assert.equal((await m.request({ request: 'status' })).data.System.EventBacklog, undefined, 'no backlog once they are out');
            // final states: the job, iterations with and without a record of their own
            const info = await jobInfo(m, 'big', true);
            assert.equal(info.status, 'CANCELED');
            const its = await m.request({ request: 'jobStatus', jobNames: ['big:0', 'big:3', `big:${N - 1}`] });
            for (const n of ['big:0', 'big:3', `big:${N - 1}`])
                assert.equal(its.data.jobs[n].data.status, 'CANCELED', n);
            // the omission of a whole sweep goes the same way (its dependency fails)
            openGate(gate);
            assert.equal(await waitForState(m, 'holder'), 'SUCCEED');
            await submitOk(m, [
                { name: 'bad', execution: { exec: '/bin/false' } },
                { name: 'omitted', execution: { exec: '/bin/true' }, iteration: { stop: N }, dependencies: { after: ['bad'] } },
            ]);
            const verdict = await Promise.race([checker.done, m.exited.then((e) => ({ ok: false, count: -1, got: `manager exited: ${JSON.stringify(e)}` }))]);
            assert.deepEqual(verdict, { ok: true, count: 4 * N - 4 + 12 }, 'every event, in order');
            assert.equal(await waitForState(m, 'omitted'), 'OMITTED');
            const last = await m.request({ request: 'jobStatus', jobNames: [`omitted:${N - 1}`] });
            assert.equal(last.data.jobs[`omitted:${N - 1}`].data.status, 'OMITTED');
            // the report has an entry per iteration, before the job's own
            await m.request({ request: 'finish' });
            await m.exited;
            const report = fs.readFileSync(path.join(m.auxDir, 'jobs.report'), 'utf8');
            for (const job of ['big', 'omitted']) {
                const state = job === 'big' ? 'CANCELED' : 'OMITTED';
                let count = 0;
                let from = 0;
                for (;;) {
                    const at = report.indexOf(`\n${job}:`, from);
                    if (at < 0)
                        break;
                    count++;
                    from = at + 1;
                }
                assert.equal(count + (report.startsWith(`${job}:`) ? 1 : 0), N, `report entries of ${job}'s iterations`);
                const own = report.indexOf(`\n${job} (${state})`);
                assert.ok(own > report.lastIndexOf(`\n${job}:`), `${job}'s own entry follows its iterations'`);
            }
        }
        finally {
            watcher?.close();
            checker?.child.kill();
            await m.stop();
        }
    });
});
//# sourceMappingURL=big-cancel.test.js.map