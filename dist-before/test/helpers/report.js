/** Parse the `text` job report (jobs.md §12, examples/report.md). */
import assert from 'node:assert/strict';
import { TIMESTAMP_RE } from './util.js';
const RUNTIME_KEYS = ['allocation', 'wd', 'rtime', 'exit_code', 'pid', 'pname'];
/** Split a text report into entries, asserting the layout of each. */
export function parseTextReport(text) {
    assert.ok(text.endsWith('\n'), 'report ends with a newline');
    const lines = text.slice(0, -1).split('\n');
    const out = [];
    let cur = null;
    for (const line of lines) {
        if (!line.startsWith('\t')) {
            const mm = /^(\S+) \(([A-Z]+)\) (.*)$/.exec(line);
            assert.ok(mm, `report entry header: ${JSON.stringify(line)}`);
            cur = { name: mm[1], state: mm[2], messages: mm[3], history: [], runtime: [], emptyLine: false };
            out.push(cur);
            continue;
        }
        assert.ok(cur, 'a tab line before any entry');
        const body = line.slice(1);
        if (body === '') {
            assert.equal(cur.runtime.length, 0, 'the empty tab line replaces the runtime lines');
            assert.equal(cur.emptyLine, false, 'one empty tab line');
            cur.emptyLine = true;
            continue;
        }
        const h = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}): ([A-Z]+)$/.exec(body);
        if (h && cur.runtime.length === 0) {
            assert.match(h[1], TIMESTAMP_RE);
            cur.history.push({ date: h[1], state: h[2] });
            continue;
        }
        const r = /^([a-z_]+): (.*)$/.exec(body);
        assert.ok(r, `report runtime line: ${JSON.stringify(line)}`);
        cur.runtime.push([r[1], r[2]]);
    }
    for (const e of out) {
        assert.ok(e.history.length > 0, `${e.name}: history lines`);
        assert.equal(e.history[e.history.length - 1].state, e.state, `${e.name}: last history state is the entry state`);
        assert.equal(e.emptyLine, e.runtime.length === 0, `${e.name}: an entry without runtime ends with an empty tab line`);
        if (e.runtime.length)
            assert.deepEqual(e.runtime.map(([k]) => k), RUNTIME_KEYS, `${e.name}: runtime keys in order`);
    }
    return out;
}
//# sourceMappingURL=report.js.map