/**
 * The client's event subscriber must not disturb the client's other sockets. Closing a zeromq.js observer while
 * its socket kept producing events (reconnecting to a publisher that is down, or that refuses the handshake)
 * stalled every socket of the ZeroMQ context: requests of the same process then timed out (client/events.ts
 * waitForHandshake). A real manager in a worker thread, a real subscriber to a TCP server that drops it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventStream, LocalManager } from '../../client/index.js';
import { waitFor } from '../helpers/util.js';
/** A TCP server that drops every connection at once (no ZMTP handshake ever completes), counting them. */
async function droppingServer() {
    let n = 0;
    const server = createServer((sock) => {
        n += 1;
        sock.destroy();
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
        port: server.address().port,
        connections: () => n,
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}
let wd;
let m;
before(async () => {
    wd = mkdtempSync(path.join(tmpdir(), 'pilotmq-events-'));
    m = await LocalManager.create(['--nodes', '1', '--wd', wd], { timeoutMs: 10_000 });
});
after(async () => {
    await m.kill();
    rmSync(wd, { recursive: true, force: true });
});
test('a subscriber whose publisher drops it (handshake wait timed out) leaves the requests of the process working', async () => {
    const dropping = await droppingServer();
    const stream = await EventStream.open(`tcp://127.0.0.1:${dropping.port}`, { handshakeTimeoutMs: 300 });
    try {
        stream.listen(() => undefined);
        // the subscriber goes on reconnecting (and its socket on producing monitor events) after the wait ended
        const seen = dropping.connections();
        await waitFor(() => dropping.connections() >= seen + 3, 30_000, 'three more reconnects');
        for (let i = 0; i < 5; i++)
            assert.equal((await m.resources()).total_cores, 1);
        const names = await m.submit([{ name: 'after-a-dead-publisher', execution: { exec: '/bin/true' } }]);
        assert.deepEqual(await m.wait4(names, 30_000), { 'after-a-dead-publisher': 'SUCCEED' });
    }
    finally {
        stream.close();
        await dropping.close();
    }
});
//# sourceMappingURL=events.test.js.map