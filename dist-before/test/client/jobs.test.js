/** The Jobs builder: simple → standard form and the client-side checks of jobs.md §13. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileError, InvalidJobDescription, JobNotDefined, Jobs } from '../../client/index.js';
/** `add` must throw InvalidJobDescription with exactly this message. */
function rejects(attrs, message, jobs = new Jobs()) {
    assert.throws(() => jobs.add(attrs), (err) => {
        assert.ok(err instanceof InvalidJobDescription, `expected InvalidJobDescription, got ${String(err)}`);
        assert.equal(err.message, message);
        return true;
    });
}
test('simple form maps to the standard form', () => {
    const jobs = new Jobs().add({
        name: 'full',
        exec: '/bin/echo',
        args: ['a', 1],
        stdin: 'in.txt',
        stdout: 'out.txt',
        stderr: 'err.txt',
        wd: 'work',
        modules: 'gcc',
        venv: '/venv',
        model: 'threads',
        model_opts: { x: 1 },
        env: { A: 'b', N: 2 },
        numCores: 2,
        numNodes: { min: 1, max: 2 },
        wt: '10m',
        nodeCrs: { gpu: 1 },
        iteration: 3,
        after: 'prep',
        attributes: { tag: 't' },
    });
    assert.deepEqual(jobs.orderedJobs(), [
        {
            name: 'full',
            execution: {
                exec: '/bin/echo',
                args: ['a', 1],
                stdin: 'in.txt',
                stdout: 'out.txt',
                stderr: 'err.txt',
                wd: 'work',
                modules: 'gcc',
                venv: '/venv',
                model: 'threads',
                model_opts: { x: 1 },
                env: { A: 'b', N: 2 },
            },
            resources: { numCores: { exact: 2 }, numNodes: { min: 1, max: 2 }, wt: '10m', nodeCrs: { gpu: 1 } },
            iteration: { start: 0, stop: 3 },
            dependencies: { after: ['prep'] },
            attributes: { tag: 't' },
        },
    ]);
});
test('minimal script job, iteration forms, generated name', () => {
    const jobs = new Jobs()
        .add({ name: 's', script: 'echo hi' })
        .add({ name: 'v', exec: 'date', iteration: ['x', 2] })
        .add({ name: 'o', exec: 'date', iteration: { start: 5, stop: 8 }, after: ['s', 'v:1'] })
        .add({ exec: 'date', numCores: { min: 1, scheduler: 'split-into' } });
    const [s, v, o, anon] = jobs.orderedJobs();
    assert.deepEqual(s, { name: 's', execution: { script: 'echo hi' } });
    assert.deepEqual(v.iteration, { values: ['x', 2] });
    assert.deepEqual(o.iteration, { start: 5, stop: 8 });
    assert.deepEqual(o.dependencies, { after: ['s', 'v:1'] });
    assert.match(anon.name, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual(anon.resources, { numCores: { min: 1, scheduler: 'split-into' } });
    assert.deepEqual(jobs.jobNames(), ['s', 'v', 'o', anon.name]);
});
test('add does not keep references to the caller\'s objects; undefined means absent', () => {
    const args = ['1'];
    const jobs = new Jobs().add({ name: 'a', exec: 'x', args, stdout: undefined });
    args.push('2');
    assert.deepEqual(jobs.orderedJobs()[0], { name: 'a', execution: { exec: 'x', args: ['1'] } });
});
test('unknown and mistyped top-level attributes', () => {
    rejects({ name: 'a', exec: 'x', foo: 1 }, 'Unknown attribute foo');
    rejects({ name: 'a', exec: 'x', numCores: '2' }, "Invalid attribute numCores type <class 'str'>");
    rejects({ name: 'a', exec: 'x', numCores: 1.5 }, "Invalid attribute numCores type <class 'float'>");
    rejects({ name: 'a', exec: 'x', wt: 10 }, "Invalid attribute wt type <class 'int'>");
    rejects({ name: 'a', exec: ['x'] }, "Invalid attribute exec type <class 'list'>");
    rejects({ name: 'a', exec: 'x', after: { a: 1 } }, "Invalid attribute after type <class 'dict'>");
    rejects({ name: 'a', exec: 'x', stdout: null }, "Invalid attribute stdout type <class 'NoneType'>");
    rejects({ name: 'a', exec: 'x', iteration: true }, "Invalid attribute iteration type <class 'bool'>");
    rejects({ name: 7, exec: 'x' }, "Invalid attribute name type <class 'int'>");
    // pilotmq also rejects a string `args`
    rejects({ name: 'a', exec: 'x', args: '-l' }, "Invalid attribute args type <class 'str'>");
});
test('exec and script', () => {
    rejects({ name: 'a' }, "No 'exec' nor 'script' defined");
    rejects({ name: 'a', args: ['x'] }, "No 'exec' nor 'script' defined");
    rejects({ name: 'a', exec: 'x', script: 'y' }, "Both 'exec' and 'script' defined");
});
test('numCores / numNodes elements', () => {
    rejects({ name: 'a', exec: 'x', numCores: { exact: 1, foo: 2 } }, 'Unknown numCores attribute foo');
    rejects({ name: 'a', exec: 'x', numNodes: { many: 2 } }, 'Unknown numNodes attribute many');
    rejects({ name: 'a', exec: 'x', numCores: { min: '1' } }, "Invalid numCores attribute min type <class 'str'>");
    rejects({ name: 'a', exec: 'x', numNodes: { max: 2.5 } }, "Invalid numNodes attribute max type <class 'float'>");
    rejects({ name: 'a', exec: 'x', numCores: { min: 1, scheduler: 3 } }, "Invalid numCores attribute scheduler type <class 'int'>");
    // numNodes is checked before numCores, as in QCG
    rejects({ name: 'a', exec: 'x', numCores: { bad: 1 }, numNodes: { worse: 1 } }, 'Unknown numNodes attribute worse');
});
test('iteration element', () => {
    rejects({ name: 'a', exec: 'x', iteration: { stop: 2, step: 1 } }, 'Unknown iteration attribute step');
    rejects({ name: 'a', exec: 'x', iteration: { stop: '2' } }, "Invalid iteration attribute stop type <class 'str'>");
    rejects({ name: 'a', exec: 'x', iteration: { start: 0.5, stop: 2 } }, "Invalid iteration attribute start type <class 'float'>");
    rejects({ name: 'a', exec: 'x', iteration: { start: 2 } }, 'Required attribute stop of element iteration not defined');
    rejects({ name: 'a', exec: 'x', iteration: { stop: 2, values: ['a'] } }, 'Stop and values iteration attribute are excluding');
    rejects({ name: 'a', exec: 'x', iteration: 65537 }, 'Wrong number of iterations - outside range (0, 65536)');
    rejects({ name: 'a', exec: 'x', iteration: { start: 5, stop: 2 } }, 'Wrong number of iterations - outside range (0, 65536)');
    rejects({ name: 'a', exec: 'x', iteration: -1 }, 'Wrong number of iterations - outside range (0, 65536)');
    new Jobs().add({ name: 'a', exec: 'x', iteration: 65536 });
});
test('duplicate names, in add and addStd', () => {
    const jobs = new Jobs().add({ name: 'a', exec: 'x' });
    rejects({ name: 'a', exec: 'y' }, 'Job a already in list', jobs);
    assert.throws(() => jobs.addStd({ name: 'a', execution: { exec: 'y' } }), { name: 'InvalidJobDescription', message: 'Job a already in list' });
    jobs.remove('a');
    jobs.add({ name: 'a', exec: 'z' });
    assert.throws(() => jobs.remove('ghost'), JobNotDefined);
});
test('addStd checks only execution and duplicates', () => {
    const jobs = new Jobs();
    for (const bad of [{ name: 'a' }, { name: 'a', execution: {} }, { name: 'a', execution: { args: ['x'] } }]) {
        assert.throws(() => jobs.addStd(bad), { name: 'InvalidJobDescription', message: 'Missing "execution/exec" key' });
    }
    jobs.addStd({ name: 'b', execution: { script: 'true' }, whatever: 1 });
    jobs.addStd({ execution: { exec: 'date' } });
    assert.equal(jobs.size, 2);
    assert.deepEqual(jobs.orderedJobs()[0], { name: 'b', execution: { script: 'true' }, whatever: 1 });
    assert.equal(typeof jobs.orderedJobs()[1].name, 'string');
});
test('save and load round trip (QCG file format: a JSON array)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pilotmq-jobs-'));
    try {
        const file = path.join(dir, 'jobs.json');
        const jobs = new Jobs()
            .add({ name: 'a', exec: '/bin/date', numCores: 2, iteration: 2 })
            .addStd({ name: 'b', execution: { script: 'echo ${it}' }, dependencies: { after: ['a'] } });
        jobs.saveToFile(file);
        const saved = JSON.parse(readFileSync(file, 'utf8'));
        assert.ok(Array.isArray(saved));
        assert.deepEqual(saved, jobs.orderedJobs());
        const loaded = new Jobs().loadFromFile(file);
        assert.deepEqual(loaded.orderedJobs(), jobs.orderedJobs());
        assert.deepEqual(loaded.jobNames(), ['a', 'b']);
        // loading again into the same group hits the duplicate check
        assert.throws(() => loaded.loadFromFile(file), { message: 'Job a already in list' });
    }
    finally {
        rmSync(dir, { recursive: true, force: true });
    }
});
test('loadFromFile accepts a submit request object and reports bad files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pilotmq-jobs-'));
    try {
        const request = path.join(dir, 'req.json');
        writeFileSync(request, JSON.stringify({ request: 'submit', comment: 'x', jobs: [{ name: 'r', execution: { exec: 'date' } }] }));
        assert.deepEqual(new Jobs().loadFromFile(request).jobNames(), ['r']);
        const broken = path.join(dir, 'broken.json');
        writeFileSync(broken, '[{');
        assert.throws(() => new Jobs().loadFromFile(broken), FileError);
        assert.throws(() => new Jobs().loadFromFile(path.join(dir, 'missing.json')), FileError);
        const notJobs = path.join(dir, 'obj.json');
        writeFileSync(notJobs, '{"a": 1}');
        assert.throws(() => new Jobs().loadFromFile(notJobs), FileError);
        const badEntry = path.join(dir, 'entry.json');
        writeFileSync(badEntry, '[{"name": "x"}]');
        assert.throws(() => new Jobs().loadFromFile(badEntry), { message: 'Missing "execution/exec" key' });
    }
    finally {
        rmSync(dir, { recursive: true, force: true });
    }
});
test('clear', () => {
    const jobs = new Jobs().add({ name: 'a', exec: 'x' }).add({ name: 'b', exec: 'x' });
    assert.equal(jobs.clear(), 2);
    assert.deepEqual(jobs.jobNames(), []);
});
//# sourceMappingURL=jobs.test.js.map