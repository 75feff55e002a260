/**
 * A subscriber in a process of its own (test/e2e/big-cancel.test.ts): it reads every event of a manager as fast
 * as they come and compares them with the sequence it is told to expect, without keeping them (a cancel of a
 * million iterations publishes two million). In its own process, so that reading them does not delay the
 * test's requests. Usage: `node event-order-child.js PUBLISHER_ADDRESS`, then over IPC:
 *   → {probe: true} each time a JFI of a job named `probe…` arrives (the subscription is live);
 *   ← {expect: Segment[]} → {armed: true}: from now on every frame must be the next one of the segments;
 *   → {done: {ok, count, want?, got?}} at the end of the segments or at the first frame that differs.
 */
import * as zmq from 'zeromq';
import { ev } from './util.js';
function* frames(manager, segments) {
    for (const s of segments) {
        if (typeof s === 'string') {
            yield s;
            continue;
        }
        const skip = new Set(s.skip);
        // ev() for every index would cost more than reading the frames: the frames differ only in the index
        const [ist, ifi] = ['IST', 'IFI'].map((t) => ev(t, manager, s.job, s.state, 0).slice(0, -2));
        for (let it = 0; it < s.n; it++) {
            if (skip.has(it))
                continue;
            yield `${ist}${it}}`;
            yield `${ifi}${it}}`;
        }
    }
}
async function main() {
    const sock = new zmq.Subscriber({ linger: 0, receiveHighWaterMark: 0 });
    sock.subscribe();
    sock.connect(process.argv[2]);
    let expected = null;
    let next = { done: true, value: undefined };
    let count = 0;
    const finish = (done) => {
        process.send({ done: { count, ...done } }, () => process.exit(0));
    };
    process.on('message', (m) => {
        expected = frames(m.manager, m.expect);
        next = expected.next();
        process.send({ armed: true });
    });
    for await (const [f] of sock) {
        const got = f.toString();
        if (!expected) {
            if (got.startsWith('JFI ') && got.includes('"job": "probe'))
                process.send({ probe: true });
            continue;
        }
        if (next.done || next.value !== got)
            return finish({ ok: false, want: next.value ?? '(nothing more)', got });
        count++;
        next = expected.next();
        if (next.done)
            return finish({ ok: true });
    }
}
void main();
//# sourceMappingURL=event-order-child.js.map