/**
 * `pilotmq report`: the parser, summary and Gantt chart on reports written by a real manager (both formats,
 * the same workload), plus synthetic reports for truncation, garbage and very many tasks.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gantt } from '../client/report/gantt.js';
import { parseReport, readReport, ReportParseError } from '../client/report/parse.js';
import { summarize } from '../client/report/summary.js';
import { CLI, serveManager } from './client/serve-helper.js';
function cli(args) {
    return new Promise((resolve) => {
        execFile(process.execPath, [CLI, ...args], { maxBuffer: 1 << 26 }, (err, stdout, stderr) => {
            const code = err ? err.code : 0;
            resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
        });
    });
}
/** a sweep of sleeps, a 2-core job, a failing job, a program that does not exist, an omitted dependant */
const WORKLOAD = [
    { name: 'pair', execution: { exec: '/bin/sleep', args: ['0.3'] }, resources: { numCores: { exact: 2 } } },
    { name: 'sweep', execution: { exec: '/bin/sh', args: ['-c', 'sleep 0.${it}'] }, iteration: { stop: 6 } },
    { name: 'fail', execution: { exec: '/bin/sh', args: ['-c', 'exit 3'] } },
    { name: 'noexe', execution: { exec: '/nonexistent/prog' } },
    { name: 'child', execution: { exec: '/bin/true' }, dependencies: { after: ['fail'] } },
];
const TASKS_RUN = 9; // every task but the omitted one reaches EXECUTING
/** Run WORKLOAD through a real manager writing its report in `format`; the report's text. */
async function realReport(format) {
    // serveManager passes `--nodes 2`; the last --nodes counts: nodes n0 (2 cores) and b (3 cores)
    const served = await serveManager(['--nodes', '2,b:3', '--report-format', format]);
    try {
        const at = ['--address', served.address];
        const file = path.join(served.wd, 'jobs.json');
        writeFileSync(file, JSON.stringify(WORKLOAD));
        const submit = await cli([...at, 'submit', file]);
        assert.equal(submit.code, 0, submit.stderr);
        assert.equal((await cli([...at, 'wait', '--all'])).code, 4);
        const resources = await cli([...at, '--json', 'resources']);
        const totalCores = JSON.parse(resources.stdout).total_cores;
        assert.equal((await cli([...at, 'finish', '--wait'])).code, 0);
        assert.equal(await served.exited, 0);
        const aux = readdirSync(served.wd).find((d) => d.startsWith('.qcgpjm-service-'));
        return { text: readFileSync(path.join(served.wd, aux, 'jobs.report'), 'utf8'), totalCores };
    }
    finally {
        await served.stop();
    }
}
/** A light XML check: tags nest and close, attributes are quoted and not repeated, `&` starts an entity. */
function assertWellFormed(xml) {
    const stack = [];
    const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
    let last = 0;
    for (const m of xml.matchAll(tag)) {
        const between = xml.slice(last, m.index);
        assert.doesNotMatch(between, /[<>]/, `stray markup before offset ${m.index}: ${between.slice(0, 80)}`);
        assert.doesNotMatch(between.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, ''), /&/, 'unescaped &');
        last = m.index + m[0].length;
        const [, closing, name, attrs, selfClosing] = m;
        const attrNames = [...attrs.matchAll(/([\w:-]+)=/g)].map((a) => a[1]);
        assert.equal(new Set(attrNames).size, attrNames.length, `repeated attribute in ${m[0]}`);
        if (closing)
            assert.equal(stack.pop(), name, `</${name}> closes the wrong element`);
        else if (!selfClosing)
            stack.push(name);
    }
    assert.equal(xml.slice(last).trim(), '');
    assert.deepEqual(stack, [], 'unclosed elements');
    assert.match(xml, /^<svg /);
}
/** The parts of a summary that do not depend on timing (failures are listed in the order they happened). */
function stable(s) {
    const failures = [...s.failures.first].sort((a, b) => a.name.localeCompare(b.name));
    return { jobs: s.jobs, tasks: s.tasks, runs: s.runtime?.count, cores: s.utilisation.cores, failures: { total: s.failures.total, failures } };
}
describe('report of a real manager', () => {
    const reports = {};
    let dir;
    before(async () => {
        dir = mkdtempSync(path.join(tmpdir(), 'pilotmq-report-'));
        const [text, json] = await Promise.all([realReport('text'), realReport('json')]);
        for (const [format, r] of [['text', text], ['json', json]]) {
            const parsed = parseReport(r.text);
            reports[format] = { ...r, parsed, summary: summarize(parsed.entries) };
            writeFileSync(path.join(dir, `${format}.report`), r.text);
        }
    });
    after(() => rmSync(dir, { recursive: true, force: true }));
    for (const format of ['text', 'json']) {
        test(`${format}: entries, counts, run times, failures`, () => {
            const { parsed, summary } = reports[format];
            assert.equal(parsed.format, format);
            assert.equal(parsed.truncated, false);
            assert.equal(parsed.entries.length, 11); // 6 iterations + 5 jobs
            const it3 = parsed.entries.find((e) => e.name === 'sweep:3');
            assert.equal(it3.job, 'sweep');
            assert.equal(it3.iteration, 3);
            assert.ok(it3.history.every((h) => h.date instanceof Date && !Number.isNaN(h.date.getTime())));
            assert.deepEqual(summary.jobs, { total: 5, states: { SUCCEED: 2, FAILED: 2, OMITTED: 1 } });
            assert.deepEqual(summary.tasks, { total: 10, states: { SUCCEED: 7, FAILED: 2, OMITTED: 1 } });
            const r = summary.runtime;
            assert.equal(r.count, TASKS_RUN);
            assert.ok(r.min <= r.median && r.median <= r.max, JSON.stringify(r));
            assert.ok(r.max >= 0.45 && r.max < 5, `the longest sleep is 0.5 s: ${r.max}`);
            assert.ok(summary.makespan.seconds >= 0.45);
            assert.equal(summary.failures.total, 3);
            assert.deepEqual(summary.failures.first.map((f) => [f.name, f.state, f.exitCode]).sort(), [
                ['child', 'OMITTED', undefined],
                ['fail', 'FAILED', '3'],
                ['noexe', 'FAILED', '-1'],
            ]);
            assert.match(summary.failures.first.find((f) => f.name === 'noexe').messages ?? '', /No such file or directory/);
        });
        test(`${format}: utilisation never exceeds the cores`, () => {
            const { summary, totalCores } = reports[format];
            const u = summary.utilisation;
            assert.equal(u.cores, totalCores); // every core ran something: 2 + 3 tasks start at once
            assert.ok(u.peak >= 2 && u.peak <= totalCores, `peak ${u.peak}`);
            assert.equal(u.buckets.length, 20);
            for (const b of u.buckets)
                assert.ok(b.cores >= 0 && b.cores <= totalCores + 1e-9, JSON.stringify(b));
            assert.ok(u.average > 0 && u.average <= 1, `average ${u.average}`);
            const half = summarize(reports[format].parsed.entries, { cores: 2 * totalCores }).utilisation;
            assert.equal(half.coresFrom, 'option');
            assert.ok(Math.abs(half.average - u.average / 2) < 1e-9);
        });
        test(`${format}: the SVG Gantt chart`, () => {
            const { parsed } = reports[format];
            const svg = gantt(parsed.entries);
            assertWellFormed(svg);
            const bars = [...svg.matchAll(/<rect class="c\d+"[^>]*><title>([^<]*)<\/title><\/rect>/g)].map((m) => m[1]);
            assert.equal(bars.length, TASKS_RUN, 'one bar per task (the 2-core job has two adjacent rows)');
            for (const name of ['pair', 'sweep:0', 'sweep:5', 'fail', 'noexe'])
                assert.ok(bars.some((t) => t.startsWith(`${name} (`)), name);
            assert.match(svg, /\.c\d\{fill:#43a047/); // SUCCEED
            assert.match(svg, /\.c\d\{fill:#e53935/); // FAILED
            assert.match(svg, />SUCCEED<\/text>/);
            assert.match(svg, />FAILED<\/text>/);
            for (const core of ['n0[0]', 'n0[1]', 'b[0]', 'b[1]', 'b[2]'])
                assert.match(svg, new RegExp(`>${core.replace(/[[\]]/g, '\\$&')}</text>`));
        });
    }
    test('both formats give the same summary', () => {
        assert.deepEqual(stable(reports.text.summary), stable(reports.json.summary));
    });
    test('a partially written last line is dropped', () => {
        const json = reports.json;
        const cutJson = parseReport(json.text.slice(0, -5));
        assert.deepEqual([cutJson.truncated, cutJson.entries.length], [true, json.parsed.entries.length - 1]);
        const noNewline = parseReport(json.text.trimEnd()); // a complete object without its newline is kept
        assert.deepEqual([noNewline.truncated, noNewline.entries.length], [false, json.parsed.entries.length]);
        // text: cut the report inside the entry of `fail`
        const text = reports.text.text;
        const start = text.indexOf('fail (FAILED)');
        const before = parseReport(text.slice(0, start)).entries.length;
        const inRuntime = parseReport(text.slice(0, text.indexOf('\tpname: sh', start) + 4));
        assert.deepEqual([inRuntime.truncated, inRuntime.entries.length], [true, before + 1]);
        assert.equal(inRuntime.entries[before].runtime.exit_code, '3');
        // cut inside its final history line: the entry has no final state, it is dropped
        const inHistory = parseReport(text.slice(0, text.indexOf(': FAILED', start) - 3));
        assert.deepEqual([inHistory.truncated, inHistory.entries.length], [true, before]);
    });
    test('garbage: an error naming its line', () => {
        for (const format of ['text', 'json']) {
            const lines = reports[format].text.split('\n');
            lines.splice(2, 0, 'this is not a report line');
            assert.throws(() => parseReport(lines.join('\n')), (err) => err instanceof ReportParseError && err.line === 3 && /line 3:/.test(err.message));
        }
    });
    test('readReport streams the file to the same entries', async () => {
        const streamed = await readReport(path.join(dir, 'json.report'));
        assert.deepEqual(summarize(streamed.entries), reports.json.summary);
    });
    test('pilotmq report: human table, --json, --svg', async () => {
        const file = path.join(dir, 'text.report');
        const human = await cli(['report', file]);
        assert.equal(human.code, 0, human.stderr);
        assert.match(human.stdout, /\n\s+TOTAL\s+SUCCEED\s+FAILED\s+OMITTED\njobs\s+5\s+2\s+2\s+1\ntasks\s+10\s+7\s+2\s+1\n/);
        assert.match(human.stdout, /task run time\s+min .*median .*max .*\(9 tasks\)/);
        assert.match(human.stdout, /utilisation\s+[\d.]+% of 5 cores/);
        assert.match(human.stdout, /noexe\s+FAILED\s+-1\s+\[Errno 2\] No such file or directory/);
        const svgFile = path.join(dir, 'out.svg');
        const json = await cli(['report', path.join(dir, 'json.report'), '--json', '--svg', svgFile, '--cores', '10']);
        assert.equal(json.code, 0, json.stderr);
        const out = JSON.parse(json.stdout);
        assert.equal(out.format, 'json');
        assert.equal(out.utilisation.cores, 10);
        assert.deepEqual(out.tasks, reports.json.summary.tasks);
        assert.equal(out.svg, svgFile);
        assertWellFormed(readFileSync(svgFile, 'utf8'));
    });
    test('pilotmq report: exit 1 for a bad file, 2 for bad usage', async () => {
        const missing = await cli(['report', path.join(dir, 'missing.report')]);
        assert.equal(missing.code, 1);
        assert.match(missing.stderr, /missing\.report/);
        const garbage = path.join(dir, 'garbage.report');
        writeFileSync(garbage, `${reports.text.text.split('\n').slice(0, 4).join('\n')}\nnonsense\n`);
        const bad = await cli(['report', garbage]);
        assert.equal(bad.code, 1);
        assert.match(bad.stderr, /garbage\.report: line 5: expected an entry header/);
        assert.equal((await cli(['report'])).code, 2);
        assert.equal((await cli(['report', path.join(dir, 'text.report'), '--cores', '0'])).code, 2);
        assert.equal((await cli(['report', path.join(dir, 'text.report'), '--svg'])).code, 2);
    });
});
/** A text report of `n` one-core tasks packed onto `cores` cores of 16-core nodes. */
function syntheticReport(n, cores) {
    const pad = (v, w = 2) => String(v).padStart(w, '0');
    const ts = (us) => {
        const d = new Date(Math.floor(us / 1000));
        return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(us % 1e6, 6)}`;
    };
    const free = new Array(cores).fill(1_700_000_000_000_000);
    const out = [];
    for (let i = 0; i < n; i++) {
        const c = i % cores;
        const start = free[c] + 50 + (i % 7) * 400;
        const end = start + 1000 + ((i * 7919) % 20_000);
        free[c] = end;
        const state = i % 97 === 0 ? 'FAILED' : 'SUCCEED';
        out.push(`s:${i} (${state}) \n\t${ts(start - 20)}: SCHEDULED\n\t${ts(start)}: EXECUTING\n\t${ts(end)}: ${state}\n`);
        out.push(`\tallocation: n${Math.floor(c / 16)}[${c % 16}]\n\trtime: 0:00:00.${pad(end - start, 6)}\n\texit_code: ${state === 'FAILED' ? 1 : 0}\n`);
    }
    return out.join('');
}
describe('report: synthetic reports', () => {
    test('a message over several lines (text)', () => {
        const text = 'x (FAILED) first line\nsecond line\n\t2026-01-02 03:04:05.000001: QUEUED\n\t2026-01-02 03:04:06.500000: FAILED\n\t\n';
        const [e] = parseReport(text).entries;
        assert.equal(e.messages, 'first line\nsecond line');
        assert.equal(e.history[1].us - e.history[0].us, 1_499_999);
        assert.equal(e.history[0].date.getTime(), new Date(2026, 0, 2, 3, 4, 5).getTime());
    });
    test('up to 5000 tasks: one bar per task', () => {
        const svg = gantt(parseReport(syntheticReport(3000, 32)).entries);
        assertWellFormed(svg);
        assert.equal([...svg.matchAll(/<rect class="c\d+"[^>]*><title>s:/g)].length, 3000);
    });
    test('hundreds of thousands of tasks: merged busy intervals, a file of well under 5 MB', () => {
        const entries = parseReport(syntheticReport(200_000, 256)).entries;
        const summary = summarize(entries);
        assert.equal(summary.tasks.total, 200_000);
        assert.equal(summary.utilisation.cores, 256);
        assert.ok(summary.utilisation.peak <= 256);
        const svg = gantt(entries);
        assertWellFormed(svg);
        assert.ok(svg.length < 3_000_000, `${svg.length} bytes`);
        assert.match(svg, /merged into busy intervals/);
        assert.match(svg, />n0\[0\]<\/text>/);
        assert.ok([...svg.matchAll(/>n\d+\[\d+\]<\/text>/g)].length >= 40, 'row labels');
        assert.ok([...svg.matchAll(/<rect /g)].length <= 20_100);
    });
});
//# sourceMappingURL=report.test.js.map