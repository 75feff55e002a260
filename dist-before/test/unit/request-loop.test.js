/**
 * The request loop (server/request-loop.ts) on real ZeroMQ sockets, with a journal whose syncs the test
 * completes by hand: requests keep being read and handled while replies wait for the journal; a reply never
 * leaves before the records it may reveal are durable; replies leave in the order they were built; close()
 * still delivers the replies already built.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as zmq from 'zeromq';
import { decodeReply, encode } from '../../protocol/codec.js';
import { RequestLoop, splitEnvelope } from '../../server/request-loop.js';
import { waitFor } from '../helpers/util.js';
/** A journal stand-in: `change()` appends a record; `sync()` makes everything appended durable. */
class HandJournal {
    position = 0;
    waiters = [];
    writer = {
        durablePosition: 0,
        durable: (pos) => pos <= this.writer.durablePosition ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ pos, resolve })),
    };
    change() {
        this.position++;
    }
    sync() {
        this.writer.durablePosition = this.position;
        const ready = this.waiters.filter((w) => w.pos <= this.position);
        this.waiters = this.waiters.filter((w) => w.pos > this.position);
        for (const w of ready)
            w.resolve();
    }
}
async function setup() {
    const journal = new HandJournal();
    const handled = [];
    const handler = {
        handle(req) {
            handled.push(String(req.request));
            if (req.request === 'submit')
                journal.change();
            return { code: 0, data: { n: handled.length, request: req.request } };
        },
    };
    const sock = new zmq.Router({ linger: 0 });
    await sock.bind('tcp://127.0.0.1:*');
    const loop = new RequestLoop(sock, handler, { maxFrameBytes: 1 << 20, log: { debug: () => { }, error: () => { }, isLevelEnabled: () => false }, journal });
    const running = loop.run();
    return { journal, handled, sock, loop, running, address: sock.lastEndpoint };
}
/** Has `p` settled within a moment? (Only ever used to show that a reply did not come: cannot fail spuriously.) */
const settlesWithin = (p, ms) => Promise.race([p.then(() => true, () => true), new Promise((r) => setTimeout(() => r(false), ms))]);
test('requests are read and handled while a reply waits for the journal; replies leave once durable, in order', async () => {
    const { journal, handled, loop, running, address } = await setup();
    const a = new zmq.Request({ linger: 0, receiveTimeout: 10_000 });
    const b = new zmq.Request({ linger: 0, receiveTimeout: 10_000 });
    const d = new zmq.Dealer({ linger: 0, receiveTimeout: 10_000 });
    for (const s of [a, b, d])
        s.connect(address);
    try {
        // nothing to wait for: the reply goes out at once
        await a.send(encode({ request: 'status' }, 'msgpack'));
        assert.deepEqual(decodeReply((await a.receive())[0]).data, { n: 1, request: 'status' });
        // a submit's reply waits for its record; meanwhile another client's requests are read and handled
        await a.send(encode({ request: 'submit' }, 'json'));
        await waitFor(() => handled.length === 2, 10_000, 'the submit handled');
        await b.send(encode({ request: 'listJobs' }, 'json'));
        const bReply = b.receive();
        // a DEALER pipelines two requests without waiting: both handled, replies later in that order
        await d.send([Buffer.alloc(0), encode({ request: 'jobStatus' }, 'json')]);
        await d.send([Buffer.alloc(0), encode({ request: 'submit' }, 'json')]);
        await waitFor(() => handled.length === 5, 10_000, 'the other requests handled while the submit reply waits');
        assert.deepEqual(handled, ['status', 'submit', 'listJobs', 'jobStatus', 'submit']);
        // (the listJobs reply may reveal the submitted job: it waits too)
        assert.equal(await settlesWithin(bReply, 150), false, 'no reply may leave before the journal holds what it reveals');
        journal.sync();
        assert.deepEqual(decodeReply((await a.receive())[0]).data, { n: 2, request: 'submit' });
        assert.deepEqual(decodeReply((await bReply)[0]).data, { n: 3, request: 'listJobs' });
        const first = await d.receive();
        const second = await d.receive();
        assert.equal(first.length, 2, 'a DEALER gets [delimiter, reply]');
        assert.deepEqual([first, second].map((f) => decodeReply(f[1]).data.n), [4, 5], 'in the order they were built');
    }
    finally {
        for (const s of [a, b, d])
            s.close();
        await loop.close();
        await running;
    }
});
test('close() delivers the replies already built (once durable), then closes the socket', async () => {
    const { journal, loop, running, sock, address } = await setup();
    const a = new zmq.Request({ linger: 0, receiveTimeout: 10_000 });
    a.connect(address);
    try {
        await a.send(encode({ request: 'submit' }, 'json'));
        await waitFor(() => journal.position === 1, 10_000, 'the submit handled');
        const closed = loop.close();
        assert.equal(sock.closed, false, 'the socket stays open while a reply is held back');
        journal.sync();
        assert.deepEqual(decodeReply((await a.receive())[0]).data, { n: 1, request: 'submit' });
        await closed;
        assert.equal(sock.closed, true);
        await running;
    }
    finally {
        a.close();
    }
});
test('the routing envelope: REQ peers (identity, delimiter), DEALER peers without a delimiter, multipart bodies', () => {
    const id = Buffer.from([0, 1, 2, 3, 4]);
    const e = Buffer.alloc(0);
    const x = Buffer.from('x');
    assert.deepEqual(splitEnvelope([id, e, x]), { envelope: [id, e], body: [x] });
    assert.deepEqual(splitEnvelope([id, e, x, x]), { envelope: [id, e], body: [x, x] });
    assert.deepEqual(splitEnvelope([id, e, e]), { envelope: [id, e], body: [e] }, 'an empty request body frame');
    assert.deepEqual(splitEnvelope([id, x]), { envelope: [id], body: [x] });
});
//# sourceMappingURL=request-loop.test.js.map