/**
 * Both encodings (protocol.md §2.1): every request type sent once as MessagePack gets a MessagePack reply
 * holding the same logical object as the JSON reply (same keys in the same order, ints as ints, no bin/ext).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { decodeReply, encode } from '../../protocol/codec.js';
import { gateJob, openGate } from '../helpers/jobs.js';
import { startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { assertSameOrdered, msgpackKinds } from '../helpers/util.js';
/** Send as MessagePack; assert the reply is clean MessagePack; return it decoded. */
async function viaMsgpack(m, req) {
    const raw = await m.requestRaw(encode(req, 'msgpack'));
    assert.notEqual(raw[0], 0x7b, `a MessagePack request gets a MessagePack reply: ${raw.subarray(0, 60).toString()}`);
    const k = msgpackKinds(raw);
    assert.equal(k.end, raw.length, 'exactly one MessagePack object');
    for (const bad of ['bin', 'ext', 'float'])
        assert.ok(!k.kinds.has(bad), `reply uses ${bad}: ${JSON.stringify(decodeReply(raw))}`);
    assert.equal(k.byPath.get('$'), 'map');
    assert.equal(k.byPath.get('$.code'), 'int');
    return decodeReply(raw);
}
async function viaJson(m, req) {
    const raw = await m.requestRaw(encode(req, 'json'));
    assert.equal(raw[0], 0x7b, 'a JSON request gets a JSON reply');
    return JSON.parse(raw.toString('utf8'));
}
/** A read-only request: both encodings give the same reply. */
async function same(m, req, mask) {
    const j = await viaJson(m, req);
    const p = await viaMsgpack(m, req);
    if (mask) {
        mask(j);
        mask(p);
    }
    assertSameOrdered(p, j);
    return p;
}
describe('MessagePack and JSON replies carry the same object', () => {
    let m;
    let gate;
    before(async () => {
        m = await startManagerProcess({ nodes: '4' });
        gate = path.join(m.wd, 'gates', 'enc');
    });
    after(async () => {
        if (gate)
            openGate(gate);
        await m?.stop();
    });
    test('submit', async () => {
        const desc = (name) => ({ name, execution: { exec: '/bin/sh', args: ['-c', 'exit ${it}'], env: { A: 1 } }, iteration: { stop: 2 }, resources: { numCores: { min: 1, max: 2 } } });
        const j = await viaJson(m, { request: 'submit', jobs: [desc('viajson')] });
        const p = await viaMsgpack(m, { request: 'submit', jobs: [desc('viamsgpack')] });
        assertSameOrdered(p, { code: 0, message: '1 jobs submitted', data: { submitted: 1, jobs: ['viamsgpack'] } });
        assertSameOrdered(j, { code: 0, message: '1 jobs submitted', data: { submitted: 1, jobs: ['viajson'] } });
        assert.equal(await waitForState(m, 'viajson'), 'FAILED');
        assert.equal(await waitForState(m, 'viamsgpack'), 'FAILED');
        // errors too
        await same(m, { request: 'submit', jobs: [desc('viajson')] });
        await same(m, { request: 'submit', jobs: [] });
    });
    test('listJobs, jobStatus, jobInfo', async () => {
        await submitOk(m, [gateJob('running', gate), { name: 'noexe', execution: { exec: '/nonexistent/bin' } }]);
        await waitForState(m, 'running', ['EXECUTING']);
        await waitForState(m, 'noexe');
        await same(m, { request: 'listJobs' });
        await same(m, { request: 'jobStatus', jobNames: ['viajson', 'viamsgpack:1', 'running', 'noexe:0', 'bad:x'] });
        await same(m, { request: 'jobStatus', jobNames: ['ghost'] });
        const info = await same(m, { request: 'jobInfo', jobNames: ['viamsgpack', 'viajson:1', 'running', 'noexe'], params: { withChilds: true } });
        assert.equal(info.data.jobs.viamsgpack.data.iterations.failed, 1);
        await same(m, { request: 'jobInfo', jobNames: ['viamsgpack:5'] });
    });
    test('resourcesInfo, status', async () => {
        await same(m, { request: 'resourcesInfo' });
        await same(m, { request: 'status', options: { allJobsFinished: true } });
        await same(m, { request: 'status' }, (r) => {
            r.data.System.Generated = 'masked';
            r.data.System.Uptime = 'masked';
        });
        await same(m, { request: 'status', options: 'x' });
    });
    test('cancelJob, removeJob', async () => {
        await same(m, { request: 'cancelJob', jobNames: ['noexe', 'ghost', 'viajson:7'] });
        await same(m, { request: 'removeJob', jobNames: ['running', 'ghost'] });
        assertSameOrdered(await viaMsgpack(m, { request: 'cancelJob', jobNames: ['running'] }), { code: 0, data: { canceled: 1 } });
        assert.equal(await waitForState(m, 'running'), 'CANCELED');
        assertSameOrdered(await viaMsgpack(m, { request: 'removeJob', jobNames: ['running'] }), { code: 0, data: { removed: 1 } });
        await same(m, { request: 'cancelJob' });
    });
    test('register, notify, control errors, unknown names', async () => {
        await same(m, { request: 'register', entity: 'manager', params: { id: 'x', address: 'tcp://127.0.0.1:1', resources: {} } });
        await same(m, { request: 'notify', entity: 'job', params: { name: 'x', state: 'SUCCEED', attributes: {} } });
        await same(m, { request: 'control', command: 'reboot' });
        await same(m, { request: 'bogus' });
    });
});
describe('MessagePack finish and control', () => {
    const managers = [];
    after(async () => {
        for (const m of managers)
            await m.stop();
    });
    test('finish as MessagePack, then the refusals in both encodings', async () => {
        const m = await startManagerProcess({ nodes: '1', extra: ['--finish-delay', '10'] });
        managers.push(m);
        // keep the manager busy, so the finish delay applies whatever the idle behaviour
        await submitOk(m, [gateJob('busy', path.join(m.wd, 'gates', 'never'))]);
        await waitForState(m, 'busy', ['EXECUTING']);
        assertSameOrdered(await viaMsgpack(m, { request: 'finish' }), { code: 0, data: { when: '10s' } });
        await same(m, { request: 'finish' });
        await same(m, { request: 'submit', jobs: [{ name: 'late', execution: { exec: '/bin/true' } }] });
        assertSameOrdered(await viaMsgpack(m, { request: 'finish' }), { code: 1, message: 'Finish request already requested' });
        m.child.kill('SIGTERM');
        assert.deepStrictEqual(await m.exited, { code: 0, signal: null });
    });
    test('control as MessagePack (accepted, no data)', async () => {
        const m = await startManagerProcess({ nodes: '1' });
        managers.push(m);
        const gate = path.join(m.wd, 'gates', 'ctl');
        await submitOk(m, [gateJob('c', gate)]);
        await waitForState(m, 'c', ['EXECUTING']);
        assertSameOrdered(await viaMsgpack(m, { request: 'control', command: 'finishAfterAllTasksDone' }), { code: 0, message: 'finishAfterAllTasksDone command accepted' });
        await same(m, { request: 'finish' });
        openGate(gate);
        assert.deepStrictEqual(await m.exited, { code: 0, signal: null });
    });
});
//# sourceMappingURL=encodings.test.js.map