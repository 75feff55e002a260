/** Reconnection policy of SSH hosts: the backoff schedule, the agent's orphan time, the hosts file's `reconnect`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RECONNECT, parseHosts } from '../../server/executor/ssh/hosts-file.js';
import { orphanMsFor, reconnectDelayMs } from '../../server/executor/ssh/remote-host.js';
const policy = { initialMs: 100, maxMs: 1000, giveUpAfterMs: 5000 };
test('backoff: doubles from initialMs, capped at maxMs, jittered into the upper half', () => {
    const lo = (a) => reconnectDelayMs(policy, a, () => 0);
    const hi = (a) => reconnectDelayMs(policy, a, () => 0.999999);
    assert.deepEqual([0, 1, 2, 3, 4, 5, 50].map(lo), [50, 100, 200, 400, 500, 500, 500]);
    assert.deepEqual([0, 1, 2, 3, 4, 5, 50].map(hi), [100, 200, 400, 800, 1000, 1000, 1000]);
    for (let a = 0; a < 40; a++) {
        const d = reconnectDelayMs(policy, a);
        assert.ok(d >= 50 && d <= 1000, `attempt ${a}: ${d}`);
    }
    // jitter: attempts at the same step do not all wait the same
    assert.ok(new Set(Array.from({ length: 50 }, () => reconnectDelayMs(policy, 3))).size > 1);
});
test('the agent gives up on the manager before the manager gives up on the host', () => {
    for (const g of [100, 3000, 300_000])
        assert.ok(orphanMsFor(g) < g, `${g}`);
    assert.equal(orphanMsFor(300_000), 270_000);
});
test('hosts file reconnect: defaults, a top-level default, a per-host override', () => {
    const key = '/dev/null';
    const [a, b] = parseHosts({
        reconnect: { giveUpAfterMs: 60_000 },
        hosts: [
            { name: 'a', host: 'x', identityFile: key },
            { name: 'b', host: 'y', identityFile: key, reconnect: { initialMs: 200, maxMs: 400 } },
        ],
    });
    assert.deepEqual(a.reconnect, { ...DEFAULT_RECONNECT, giveUpAfterMs: 60_000 });
    assert.deepEqual(b.reconnect, { initialMs: 200, maxMs: 400, giveUpAfterMs: 60_000 });
    assert.deepEqual(parseHosts({ hosts: [{ name: 'c', host: 'z', identityFile: key }] })[0].reconnect, DEFAULT_RECONNECT);
    assert.throws(() => parseHosts({ hosts: [{ name: 'd', host: 'z', identityFile: key, reconnect: 5 }] }), /host 'd': field 'reconnect': must be an object/);
    assert.throws(() => parseHosts({ hosts: [{ name: 'd', host: 'z', identityFile: key, reconnect: { maxMs: 1.5 } }] }), /field 'reconnect.maxMs': must be an integer/);
});
//# sourceMappingURL=ssh-reconnect.test.js.map