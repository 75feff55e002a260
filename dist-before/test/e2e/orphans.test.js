/**
 * No orphan processes (protocol.md §4.9 step 3, §6 (h); jobs.md §11.3): when the manager stops — normally or
 * killed with SIGKILL — none of the processes it started (the node agent, every job and their children)
 * survives.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { shJob } from '../helpers/jobs.js';
import { startManagerProcess, submitOk, waitForState } from '../helpers/manager-process.js';
import { descendants, killAll, procsWithMarker, sleepMarker, waitNoMarker, waitPidsGone } from '../helpers/procs.js';
import { waitFor } from '../helpers/util.js';
/** Start a manager with a mix of long-running jobs, all carrying `marker`; returns once they all run. */
async function busyManager(marker) {
    const m = await startManagerProcess({ nodes: '8' });
    const ready = path.join(m.wd, 'trap.ready');
    await submitOk(m, [
        { name: 'plain', execution: { exec: 'sleep', args: [marker] } },
        { name: 'script', execution: { script: `sleep ${marker}; true` } },
        shJob('children', `sleep ${marker} & sleep ${marker} & sleep ${marker}; wait`),
        shJob('trapper', `trap '' TERM; : > '${ready}'; sleep ${marker}; sleep ${marker}`),
        { name: 'iters', execution: { exec: 'sleep', args: [marker] }, iteration: { stop: 2 } },
        { name: 'queued', execution: { exec: 'sleep', args: [marker] }, resources: { numCores: 8 } },
    ]);
    for (const n of ['plain', 'script', 'children', 'trapper', 'iters:0', 'iters:1'])
        await waitForState(m, n, ['EXECUTING']);
    await waitFor(() => fs.existsSync(ready), 30_000, 'trapper ready');
    // plain 1 + script 1-2 + children 3 + trapper 1 + iters 2
    await waitFor(() => procsWithMarker(marker).filter((p) => p.cmdline.startsWith('sleep ')).length >= 8, 30_000, 'all sleeps started');
    return m;
}
describe('no orphan processes', () => {
    test('after a normal stop (SIGTERM) nothing the manager started is alive', async () => {
        const marker = sleepMarker();
        const m = await busyManager(marker);
        const before = descendants(m.child.pid);
        assert.ok(before.length >= 9, `the agent and the jobs are descendants: ${before.map((p) => p.cmdline).join(' | ')}`);
        try {
            const ex = await m.stop({ killAfterMs: 40_000 });
            assert.deepStrictEqual(ex, { code: 0, signal: null }, m.stderr());
            assert.deepEqual(await waitNoMarker(marker, 30_000), [], 'no job process left');
            assert.deepEqual(await waitPidsGone(before.map((p) => p.pid), 30_000), [], 'no process the manager started is left');
        }
        finally {
            killAll(procsWithMarker(marker));
        }
    });
    test('after SIGKILL of the manager the jobs and the agent are gone shortly after', async () => {
        const marker = sleepMarker();
        const m = await busyManager(marker);
        const before = descendants(m.child.pid);
        assert.ok(before.length >= 9, `the agent and the jobs are descendants: ${before.map((p) => p.cmdline).join(' | ')}`);
        try {
            m.child.kill('SIGKILL');
            const ex = await m.exited;
            assert.equal(ex.signal, 'SIGKILL');
            m.closeSockets();
            assert.deepEqual((await waitNoMarker(marker, 60_000)).map((p) => p.cmdline), [], 'no job process survives a killed manager');
            const left = await waitPidsGone(before.map((p) => p.pid), 60_000);
            assert.deepEqual(left.map((pid) => before.find((p) => p.pid === pid)?.cmdline), [], 'the agent is gone too');
        }
        finally {
            killAll([...procsWithMarker(marker), ...before]);
        }
    });
});
//# sourceMappingURL=orphans.test.js.map