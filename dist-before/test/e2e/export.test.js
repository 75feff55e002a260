/**
 * `pilotmq export` (README "Export") against a real manager: rows for plain jobs and every iteration, with
 * inputs, states, exit codes, times, allocations and declared result files; CSV that round-trips to the same
 * values as JSON lines (commas, quotes, newlines, spaces in every kind of field); paging of the `exportJobs`
 * request; and the same rows from the journal once the manager has stopped (`--from`).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, jobInfo, startManagerProcess, submitOk, waitIdle } from '../helpers/manager-process.js';
import { parseCsv } from '../../client/cli/csv.js';
import { EXPORT_COLUMNS } from '../../server/export.js';
import { RESULT_MAX_BYTES } from '../../protocol/attributes.js';
let m;
const nasty = 'a,b "q" \n second line, end ';
before(async () => {
    m = await startManagerProcess({ nodes: 'n0:2,n1:1' });
    await submitOk(m, [
        {
            name: 'plain',
            execution: { exec: '/bin/sh', args: ['-c', 'printf "%s" "$1" > res.txt', 'sh', nasty] },
            attributes: { resultFile: 'res.txt' },
        },
        {
            name: 'sweep',
            iteration: { values: ['x,y', 'say "hi"', ' padded '] },
            execution: { exec: '/bin/sh', args: ['-c', 'printf "%s|%s" "$1" "$2" > "out_$1.txt"', 'sh', '${it}', '${itval}'] },
            attributes: { resultFile: 'out_${it}.txt' },
        },
        { name: 'big', execution: { exec: '/bin/sh', args: ['-c', `head -c ${RESULT_MAX_BYTES + 1000} /dev/zero | tr '\\0' z > big.txt`] }, attributes: { resultFile: 'big.txt' } },
        { name: 'noresult', execution: { exec: '/bin/true' }, attributes: { resultFile: 'never-written.txt' } },
        { name: 'fails', execution: { script: 'exit 3' } },
        { name: 'nolaunch', execution: { exec: '/nonexistent/prog' } },
        { name: 'omitted', execution: { exec: '/bin/true' }, dependencies: { after: ['fails'] } },
    ]);
    await waitIdle(m);
});
after(async () => {
    await m?.stop();
});
function cli(...args) {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const jsonl = (text) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
/** A CSV record back to a row: empty is null; numbers and args by column. */
function fromCsv(rec) {
    const o = {};
    EXPORT_COLUMNS.forEach((c, i) => {
        const v = rec[i];
        if (c === 'args')
            o[c] = JSON.parse(v);
        else if (v === '')
            o[c] = null; // (CSV cannot tell an empty text from none; no row here has one)
        else if (['iteration', 'exit_code', 'retries', 'rtime'].includes(c))
            o[c] = Number(v);
        else
            o[c] = v;
    });
    return o;
}
let running = [];
test('export --jsonl: one row per job or iteration with inputs, outcome, times, nodes and the result file', { timeout: 60_000 }, async () => {
    const out = path.join(m.wd, 'rows.jsonl');
    const r = cli('export', '--jsonl', '--out', out, '--address', m.address);
    assert.equal(r.status, 0, r.stderr);
    running = jsonl(fs.readFileSync(out, 'utf8'));
    assert.deepEqual(running.map((x) => x.name), ['plain', 'sweep:0', 'sweep:1', 'sweep:2', 'big', 'noresult', 'fails', 'nolaunch', 'omitted']);
    const row = (n) => running.find((x) => x.name === n);
    const plain = row('plain');
    const info = await jobInfo(m, 'plain');
    const rt = info.runtime;
    assert.equal(plain.state, 'SUCCEED');
    assert.equal(plain.exit_code, 0);
    assert.equal(plain.exec, '/bin/sh');
    assert.deepEqual(plain.args, ['-c', 'printf "%s" "$1" > res.txt', 'sh', nasty]);
    assert.equal(plain.allocation, rt.allocation);
    assert.equal(plain.nodes, rt.allocation.replace(/\[.*$/, ''));
    assert.equal(plain.wd, m.wd);
    assert.equal(plain.result, nasty);
    assert.equal(plain.result_file, 'res.txt');
    assert.ok(plain.start !== null && plain.end !== null && plain.start <= plain.end, `${plain.start} ${plain.end}`);
    assert.match(plain.start, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    assert.equal(typeof plain.rtime, 'number');
    const values = ['x,y', 'say "hi"', ' padded '];
    for (let i = 0; i < 3; i++) {
        const it = row(`sweep:${i}`);
        assert.equal(it.job, 'sweep');
        assert.equal(it.iteration, i);
        assert.equal(it.itval, values[i]);
        assert.deepEqual(it.args, ['-c', 'printf "%s|%s" "$1" "$2" > "out_$1.txt"', 'sh', String(i), values[i]]);
        assert.equal(it.result_file, `out_${i}.txt`);
        assert.equal(it.result, `${i}|${values[i]}`);
        assert.equal(it.state, 'SUCCEED');
    }
    assert.equal(row('big').result, 'z'.repeat(RESULT_MAX_BYTES), 'a result is cut at the cap');
    assert.equal(row('noresult').result, null);
    assert.equal(row('fails').exit_code, 3);
    assert.equal(row('fails').script, 'exit 3');
    assert.equal(row('fails').exec, null);
    assert.equal(row('nolaunch').state, 'FAILED');
    assert.equal(row('nolaunch').exit_code, -1);
    assert.match(row('nolaunch').messages, /No such file or directory/);
    assert.equal(row('omitted').state, 'OMITTED');
    assert.equal(row('omitted').start, null);
    assert.equal(row('omitted').exit_code, null);
});
test('export --csv: a header, then fields that read back to exactly the JSON rows', { timeout: 60_000 }, async () => {
    const r = cli('export', '--csv', '--address', m.address);
    assert.equal(r.status, 0, r.stderr);
    const recs = parseCsv(r.stdout);
    assert.deepEqual(recs[0], [...EXPORT_COLUMNS]);
    assert.equal(recs.length, running.length + 1);
    for (const rec of recs)
        assert.equal(rec.length, EXPORT_COLUMNS.length);
    assert.deepEqual(recs.slice(1).map(fromCsv), running);
});
test('exportJobs pages: any page size gives the same rows; a bad cursor is a clear error', async () => {
    const rows = [];
    let from = undefined;
    let pages = 0;
    do {
        const r = await m.request(from ? { request: 'exportJobs', from, maxBytes: 1 } : { request: 'exportJobs', maxBytes: 1 });
        assert.equal(r.code, 0, JSON.stringify(r));
        assert.equal(r.data.rows.length, 1, 'maxBytes 1: one row per page');
        rows.push(...r.data.rows);
        from = r.data.next;
        pages++;
    } while (from);
    assert.equal(pages, running.length);
    assert.deepEqual(rows, running);
    const bad = await m.request({ request: 'exportJobs', from: { job: 'ghost' } });
    assert.deepEqual(bad, { code: 1, message: "Job 'ghost' doesn't exist (removed while exporting?)" });
    const wrong = await m.request({ request: 'exportJobs', maxBytes: 'lots' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.message, /maxBytes must be a positive integer/);
});
test('export --from the journal of the stopped manager gives the same rows; usage errors exit 2', { timeout: 60_000 }, async () => {
    await m.request({ request: 'finish' });
    await m.exited;
    const r = cli('export', '--jsonl', '--from', m.wd);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(jsonl(r.stdout), running);
    const both = cli('export', '--csv', '--jsonl', '--from', m.wd);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /exactly one of --csv and --jsonl/);
    const none = cli('export', '--csv', '--from', path.join(m.wd, 'no-such-dir'));
    assert.equal(none.status, 1);
    assert.match(none.stderr, /--from: .*no-such-dir is not a directory/);
});
//# sourceMappingURL=export.test.js.map