/**
 * Crash test at random points (issue #4): a manager runs a mix of plain jobs, a sweep and dependency chains,
 * is killed with SIGKILL at seeded random moments while jobs run (and while a submit may be in flight),
 * resumed each time, and the files the jobs wrote prove that nothing acknowledged was lost, no task the
 * client had seen finished ran again, nothing ran more often than it was re-queued, and the final states and
 * dependency orders are right. PILOTMQ_CRASH_SEED=N repeats a run; the seed is printed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FINAL, info, kill9, lines, REQUEUED, serve, statuses } from '../helpers/served.js';
import { historyStates, seededRandom, sleep, waitFor } from '../helpers/util.js';
const KILLS = 3;
const SWEEP = 30;
test('SIGKILL at seeded random points, resume each time: nothing acknowledged lost, nothing finished ran again', { timeout: 150_000 }, async () => {
    const seed = Number(process.env.PILOTMQ_CRASH_SEED) || Math.floor(Math.random() * 2 ** 31);
    console.log(`crash test seed: ${seed} (PILOTMQ_CRASH_SEED=${seed} repeats it)`);
    const rnd = seededRandom(seed);
    const ctx = `seed ${seed}`;
    const wd = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotmq-crash-'));
    const marker = `crash-${randomUUID()}`;
    // every task sleeps a little, then appends its name to its own file as its last act
    const sleepOf = () => (0.05 + rnd() * 0.35).toFixed(2);
    const task = (name, extra = {}) => ({
        name,
        execution: { exec: '/bin/sh', args: ['-c', `sleep ${sleepOf()}; echo "$1" >> "$1.out"`, marker, name] },
        ...extra,
    });
    const chain = (p, n) => Array.from({ length: n }, (_, i) => task(`${p}${i}`, i ? { dependencies: { after: [`${p}${i - 1}`] } } : {}));
    // the batches, submitted one per manager life (the last ones to the resumed managers)
    const batches = [
        [...Array.from({ length: 6 }, (_, i) => task(`p${i}`)), ...chain('a', 4)],
        [
            {
                name: 'sw',
                iteration: { start: 0, stop: SWEEP },
                execution: { exec: '/bin/sh', args: ['-c', `sleep 0.$(( ($1 * 7 + ${seed % 5}) % 3 + 1 )); echo "$1" >> "sw_$1.out"`, marker, '${it}'] },
            },
            ...chain('b', 4),
        ],
        [...Array.from({ length: 6 }, (_, i) => task(`q${i}`)), task('tail', { dependencies: { after: ['sw', 'a3'] } })],
        [task('last', { dependencies: { after: ['b3', 'tail'] } })],
    ];
    const acked = new Set(); // job names of acknowledged submits
    const maybe = new Set(); // job names of a submit in flight at a kill (either outcome is right)
    const seenFinal = new Set(); // tasks the client saw final before a kill
    const taskNames = (jobName) => (jobName === 'sw' ? Array.from({ length: SWEEP }, (_, i) => `sw:${i}`) : [jobName]);
    let m = null;
    try {
        for (let life = 0; life <= KILLS; life++) {
            m = life === 0 ? await serve(['--nodes', '4', '--wd', wd]) : await serve(['--resume', wd]);
            const batch = batches[life];
            const names = batch.map((j) => j.name);
            if (life === KILLS) {
                const r = await m.request({ request: 'submit', jobs: batch });
                assert.equal(r.code, 0, `${ctx}: ${JSON.stringify(r)}`);
                names.forEach((n) => acked.add(n));
                break;
            }
            // submit this life's batch; in the second life the kill may come while its reply is on its way
            let replied = false;
            const pending = m.request({ request: 'submit', jobs: batch }).then((r) => {
                assert.equal(r.code, 0, `${ctx}: ${JSON.stringify(r)}`);
                replied = true;
            }, () => { });
            if (life !== 1)
                await pending;
            const delay = life === 1 ? rnd() * 30 : 200 + rnd() * 1200;
            await sleep(delay);
            if (replied)
                names.forEach((n) => acked.add(n));
            else
                names.forEach((n) => maybe.add(n));
            // what the client has seen final is what must never run again
            const known = [...acked].filter((n) => n !== 'sw');
            if (known.length)
                for (const [n, s] of Object.entries(await statuses(m, known)))
                    if (FINAL.includes(s))
                        seenFinal.add(n);
            if (acked.has('sw')) {
                const its = await statuses(m, taskNames('sw'));
                for (const [n, s] of Object.entries(its))
                    if (FINAL.includes(s))
                        seenFinal.add(n);
            }
            console.log(`${ctx}: life ${life}: kill after ${delay.toFixed(0)} ms; ${seenFinal.size} tasks seen final`);
            await kill9(m, marker);
            m.close();
            m = null;
        }
        // the last manager: every job that exists finishes
        const last = m;
        const listed = await last.request({ request: 'listJobs' });
        const present = new Set(Object.keys(listed.data.jobs));
        for (const n of acked)
            assert.ok(present.has(n), `${ctx}: acknowledged job ${n} lost`);
        for (const n of present)
            assert.ok(acked.has(n) || maybe.has(n), `${ctx}: ${n} was never submitted`);
        const all = [...present];
        await waitFor(async () => Object.values(await statuses(last, all)).every((s) => FINAL.includes(s)), 90_000, `${ctx}: every job final`);
        // every job succeeds, except one whose dependency was in a submit the kill cut off before it arrived
        const deps = { tail: ['sw', 'a3'], last: ['b3', 'tail'] };
        const expected = (n) => ((deps[n] ?? []).every((d) => present.has(d) && expected(d) === 'SUCCEED') ? 'SUCCEED' : 'OMITTED');
        assert.deepEqual(await statuses(last, all), Object.fromEntries(all.map((n) => [n, expected(n)])), ctx);
        const ran = all.filter((n) => expected(n) === 'SUCCEED');
        // the files: each task ran to its end at least once, a task seen final exactly once, and no task more
        // often than its re-queues allow (one extra run per restart that found it running)
        for (const job of ran) {
            for (const t of taskNames(job)) {
                const file = t.startsWith('sw:') ? `sw_${t.slice(3)}.out` : `${t}.out`;
                const n = lines(wd, file);
                const d = await info(last, t);
                const requeues = String(d.messages ?? '').split('\n').filter((x) => x === REQUEUED).length;
                const states = historyStates(d.history);
                assert.equal(states.at(-1), 'SUCCEED', `${ctx}: ${t}: ${states}`);
                assert.equal(states.filter((s) => FINAL.includes(s)).length, 1, `${ctx}: ${t} has one final state: ${states}`);
                if (seenFinal.has(t))
                    assert.equal(n, 1, `${ctx}: ${t} was final before a kill and ran ${n} times`);
                else
                    assert.ok(n >= 1 && n <= 1 + requeues, `${ctx}: ${t} ran ${n} times, re-queued ${requeues} times`);
            }
        }
        // dependencies held across the restarts: each chain link started after the previous one finished
        const stamp = async (n, s, lastOne) => {
            const ls = String((await info(last, n)).history).split('\n').filter((l) => l.endsWith(`: ${s}`));
            return (lastOne ? ls.at(-1) : ls[0]).slice(0, 26);
        };
        const orders = [['a0', 'a1'], ['a1', 'a2'], ['a2', 'a3'], ['b0', 'b1'], ['b1', 'b2'], ['b2', 'b3'], ['a3', 'tail'], ['sw', 'tail'], ['tail', 'last'], ['b3', 'last']];
        for (const [before, after] of orders) {
            if (!ran.includes(before) || !ran.includes(after))
                continue;
            assert.ok((await stamp(after, 'SCHEDULED', true)) >= (await stamp(before, 'SUCCEED', false)), `${ctx}: ${after} started before ${before} finished`);
        }
        assert.equal((await last.request({ request: 'finish' })).code, 0);
        assert.equal(await last.exited, 0);
        // the job report of the resumed managers holds every finished job and iteration once, including those
        // that finished before a crash
        const report = fs.readFileSync(path.join(last.auxDir, 'jobs.report'), 'utf8');
        const entries = [...report.matchAll(/^(\S+) \((SUCCEED|FAILED|CANCELED|OMITTED)\)/gm)].map((x) => x[1]);
        const want = all.flatMap((n) => (n === 'sw' && expected(n) === 'SUCCEED' ? [...taskNames(n), n] : [n]));
        assert.deepEqual([...entries].sort(), [...want].sort(), `${ctx}: report entries`);
    }
    finally {
        if (m) {
            m.close();
            m.child.kill('SIGKILL');
        }
        fs.rmSync(wd, { recursive: true, force: true });
    }
});
//# sourceMappingURL=crash.test.js.map