import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { numberText, parseSubmit } from '../../protocol/submit.js';
const EXAMPLES = path.join(process.cwd(), '..', 'shared', 'spec', 'examples');
const example = (file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
const NOW = new Date(2024, 0, 2, 3, 4, 5, 6);
const NOW_TEXT = '2024-01-02 03:04:05.006000';
const nodes = (...cores) => cores.map((c, i) => ({ name: `n${i}`, cores: c }));
function ctx(over = {}) {
    return { rcnt: 3, uniq: 'uuid-1', now: NOW, maxIterations: 1_000_000, isRegistered: () => false, nodes: nodes(4), ...over };
}
const job = (extra = {}) => ({ name: 'j', execution: { exec: '/bin/date' }, ...extra });
const withExec = (execution, extra = {}) => job({ execution, ...extra });
const withRes = (resources, extra = {}) => job({ resources, ...extra });
const submit = (jobs, c = ctx()) => parseSubmit({ request: 'submit', jobs }, c);
function accepted(jobs, c) {
    const r = submit(jobs, c);
    if (!r.ok)
        assert.fail(`rejected: ${r.message}`);
    return r.jobs;
}
const one = (j, c) => accepted([j], c)[0];
const P = (t) => `Invalid request: ${t}`;
const W = (t) => `Wrong submit request: ${t}`;
function rejects(group, rows) {
    for (const [title, jobs, message, over] of rows) {
        test(`${group}: ${title}`, () => {
            const list = Array.isArray(jobs) || jobs === undefined || jobs === null || typeof jobs !== 'object' ? jobs : [jobs];
            assert.deepEqual(submit(list, ctx(over)), { ok: false, message });
        });
    }
}
// ---------------------------------------------------------------------------------------------------------
// Stage P (protocol.md §4.1)
rejects('stage P', [
    ['jobs missing', undefined, P('Wrong submit request - missing jobs data')],
    ['jobs null', null, P('Wrong submit request - missing jobs data')],
    ['jobs empty', [], P('Wrong submit request - missing jobs data')],
    ['jobs not an array', 'x', P('Wrong submit request - missing jobs data')],
    ['element a number', [1], P('Wrong submit request - wrong job data')],
    ['element null', [job(), null], P('Wrong submit request - wrong job data')],
    ['element an array', [[]], P('Wrong submit request - wrong job data')],
    ['name missing', { execution: { exec: 'x' } }, P('Missing name in job description')],
    ['name null', job({ name: null }), P('Missing name in job description')],
    ['execution missing', { name: 'j' }, P('Missing execution element in job description')],
    ['iteration a string', job({ iteration: 'x' }), P('Wrong format of iteration directive: not a dictionary')],
    ['iteration null', job({ iteration: null }), P('Wrong format of iteration directive: not a dictionary')],
    ['iteration an array', job({ iteration: [1, 2] }), P('Wrong format of iteration directive: not a dictionary')],
    ['iteration empty', job({ iteration: {} }), P('Wrong format of iteration directive: not a dictionary')],
    ['iteration start only', job({ iteration: { start: 1 } }), P('Wrong format of iteration directive: not a dictionary')],
    ['iteration stop null', job({ iteration: { stop: null } }), P('Wrong format of iteration directive: not a dictionary')],
    ['stop a float', job({ iteration: { stop: 2.5 } }), P('Wrong format of iteration directive: start and stop must be integers')],
    ['stop a string', job({ iteration: { stop: '3' } }), P('Wrong format of iteration directive: start and stop must be integers')],
    ['stop a bool', job({ iteration: { stop: true } }), P('Wrong format of iteration directive: start and stop must be integers')],
    ['start a string', job({ iteration: { start: '1', stop: 3 } }), P('Wrong format of iteration directive: start and stop must be integers')],
    ['start a string with values', job({ iteration: { start: 'a', values: ['x'] } }), P('Wrong format of iteration directive: start and stop must be integers')],
    ['start > stop', job({ iteration: { start: 5, stop: 2 } }), P('Wrong format of iteration directive: start index larger than stop one')],
    ['default start 0 > negative stop', job({ iteration: { stop: -1 } }), P('Wrong format of iteration directive: start index larger than stop one')],
    // the parse stage runs over all jobs before any handler check
    ['before any stage S check', [job({ name: 'bad name' }), { name: 'x' }], P('Missing execution element in job description')],
]);
test('stage P: jobs an object', () => {
    assert.deepEqual(submit({ a: job() }), { ok: false, message: P('Wrong submit request - missing jobs data') });
});
// ---------------------------------------------------------------------------------------------------------
// Stage S: name
rejects('name', [
    ...[...'${}()\'"', ' ', '\t', '\n'].map((c) => [
        `character ${JSON.stringify(c)}`,
        job({ name: `a${c}b` }),
        `Job identifier '(a${c}b)' contains invalid characters or unknown variables`,
    ]),
    ['${it} (unknown at submit)', job({ name: 'n_${it}', iteration: { stop: 2 } }), "Job identifier '(n_${it})' contains invalid characters or unknown variables"],
    ['${jname} is not available in the name', job({ name: 'x${jname}' }), "Job identifier '(x${jname})' contains invalid characters or unknown variables"],
    ['${date} (contains a space), message after substitution', job({ name: 'd_${date}' }), `Job identifier '(d_${NOW_TEXT})' contains invalid characters or unknown variables`],
    ['$$ becomes a $', job({ name: 'a$$b' }), "Job identifier '(a$b)' contains invalid characters or unknown variables"],
    ['a colon', job({ name: 'a:1' }), W('Invalid job name a:1')],
    ['a colon after substitution', job({ name: 'r${rcnt}:x' }), W('Invalid job name r3:x')],
    ['invalid characters are checked before the colon', job({ name: 'a:b c' }), "Job identifier '(a:b c)' contains invalid characters or unknown variables"],
    ['empty', job({ name: '' }), W('Invalid job name ""')],
    ['a number', job({ name: 5 }), W('Invalid job name 5')],
    ['a bool', job({ name: true }), W('Invalid job name true')],
    ['a list', job({ name: ['a', 1] }), W('Invalid job name ["a",1]')],
    ['an object', job({ name: { a: 'b' } }), W('Invalid job name {"a":"b"}')],
    ['registered', job({ name: 'old' }), 'Job old already exist', { isRegistered: (n) => n === 'old' }],
    ['registered after substitution', job({ name: 'run_${rcnt}' }), 'Job run_3 already exist', { isRegistered: (n) => n === 'run_3' }],
    ['twice in one request', [job({ name: 'a' }), job({ name: 'b' }), job({ name: 'a' })], 'Job a already exist'],
    ['twice after substitution', [job({ name: 'a3' }), job({ name: 'a${rcnt}' })], 'Job a3 already exist'],
    ['the name is checked before the description', job({ name: 'a b', bogus: 1, execution: 5 }), "Job identifier '(a b)' contains invalid characters or unknown variables"],
    ['uniqueness before the description', [job(), job({ execution: 5 })], 'Job j already exist'],
]);
// ---------------------------------------------------------------------------------------------------------
// Stage S: top level
rejects('top level', [
    ['unknown key', job({ bogus: 1 }), W("unexpected keyword argument 'bogus'")],
    ['unknown key even when null', job({ bogus: null }), W("unexpected keyword argument 'bogus'")],
    ['the first unknown key', job({ zzz: 1, aaa: 2 }), W("unexpected keyword argument 'zzz'")],
    ['unknown key before execution type', job({ execution: 5, other: 1 }), W("unexpected keyword argument 'other'")],
    ['__proto__ is an unknown key', JSON.parse('{"name":"j","execution":{"exec":"x"},"__proto__":{}}'), W("unexpected keyword argument '__proto__'")],
    ['execution a string', job({ execution: '/bin/date' }), W('Job execution not defined or wrong type')],
    ['execution null', job({ execution: null }), W('Job execution not defined or wrong type')],
    ['execution an array', job({ execution: [] }), W('Job execution not defined or wrong type')],
    ['resources null', withRes(null), W('Job resources not defined or wrong type')],
    ['resources a number', withRes(4), W('Job resources not defined or wrong type')],
    ['resources type before execution content', job({ execution: {}, resources: 4 }), W('Job resources not defined or wrong type')],
    ['attributes a list', job({ attributes: [1] }), W('Job attributes must be a dictionary')],
    ['attributes a string', job({ attributes: 'x' }), W('Job attributes must be a dictionary')],
    ['attributes are checked last', job({ attributes: 1, dependencies: 5 }), W('Job dependencies wrong type')],
    ['stageIn not a list', job({ attributes: { stageIn: 'a.txt' } }), W('Job attribute stageIn must be a list of {"from": ..., "to": ...}')],
    ['stageOut item a string', job({ attributes: { stageOut: ['a'] } }), W('Job attribute stageOut[0] must be a dictionary {"from": ..., "to": ...}')],
    ['stageIn item without from', job({ attributes: { stageIn: [{ from: 'a' }, { to: 'b' }] } }), W('Job attribute stageIn[1]: "from" must be a non-empty string')],
    ['stageIn from empty', job({ attributes: { stageIn: [{ from: '' }] } }), W('Job attribute stageIn[0]: "from" must be a non-empty string')],
    ['stageOut to a number', job({ attributes: { stageOut: [{ from: 'a', to: 1 }] } }), W('Job attribute stageOut[0]: "to" must be a non-empty string when given')],
    ['stageIn unknown key', job({ attributes: { stageIn: [{ from: 'a', mode: 7 }] } }), W(`Job attribute stageIn[0]: unknown key 'mode' (only "from" and "to")`)],
]);
// ---------------------------------------------------------------------------------------------------------
// Stage S: execution
rejects('execution', [
    ['unknown key', withExec({ exec: 'x', cmd: 'y' }), W("unexpected keyword argument 'cmd'")],
    ['unknown key first', withExec({ bogus: 1 }), W("unexpected keyword argument 'bogus'")],
    ['no exec nor script', withExec({}), W('Job execution (exec or script) not defined')],
    ['exec null', withExec({ exec: null }), W('Job execution (exec or script) not defined')],
    ['exec and script empty', withExec({ exec: '', script: '' }), W('Job execution (exec or script) not defined')],
    ['only args', withExec({ args: ['a'] }), W('Job execution (exec or script) not defined')],
    ['script with exec', withExec({ script: 'ls', exec: '/bin/ls' }), W('Job script and exec or args or env defined')],
    ['script with args', withExec({ script: 'ls', args: ['-l'] }), W('Job script and exec or args or env defined')],
    ['script with env', withExec({ script: 'ls', env: { A: '1' } }), W('Job script and exec or args or env defined')],
    ['script with a string args', withExec({ script: 'ls', args: 'x' }), W('Job script and exec or args or env defined')],
    ['args a string', withExec({ exec: 'x', args: 'not-a-list' }), W('Execution arguments must be an array')],
    ['args an object', withExec({ exec: 'x', args: { a: 1 } }), W('Execution arguments must be an array')],
    ['args element null', withExec({ exec: 'x', args: ['a', null] }), W('Execution arguments must be strings or numbers')],
    ['args element bool', withExec({ exec: 'x', args: [true] }), W('Execution arguments must be strings or numbers')],
    ['args element list', withExec({ exec: 'x', args: [['a']] }), W('Execution arguments must be strings or numbers')],
    ['env a list', withExec({ exec: 'x', env: ['A=1'] }), W('Execution environment must be a dictionary')],
    ['env a string', withExec({ exec: 'x', env: 'A=1' }), W('Execution environment must be a dictionary')],
    ['env value null', withExec({ exec: 'x', env: { A: null } }), W('Execution environment values must be strings')],
    ['env value bool', withExec({ exec: 'x', env: { A: false } }), W('Execution environment values must be strings')],
    ['env value object', withExec({ exec: 'x', env: { A: {} } }), W('Execution environment values must be strings')],
    ['model_opts a string', withExec({ exec: 'x', model_opts: 'x' }), W('Execution model options must be a dictionary')],
    ['model_opts a list', withExec({ exec: 'x', model_opts: [] }), W('Execution model options must be a dictionary')],
    ['exec a number', withExec({ exec: 5 }), W('execution.exec must be a string')],
    ['exec a list', withExec({ exec: ['/bin/date'] }), W('execution.exec must be a string')],
    ['script a list', withExec({ script: ['ls'] }), W('execution.script must be a string')],
    ['empty exec not a string', withExec({ script: 'ls', exec: 0 }), W('execution.exec must be a string')],
    ...['wd', 'stdin', 'stdout', 'stderr', 'venv', 'model'].map((key) => [
        `${key} not a string`,
        withExec({ exec: 'x', [key]: 1 }),
        W(`execution.${key} must be a string`),
    ]),
    ['modules a number', withExec({ exec: 'x', modules: 1 }), W('execution.modules must be a string or an array of strings')],
    ['modules with a number', withExec({ exec: 'x', modules: ['a', 1] }), W('execution.modules must be a string or an array of strings')],
    ['modules an object', withExec({ exec: 'x', modules: {} }), W('execution.modules must be a string or an array of strings')],
    ['order: args before env', withExec({ exec: 'x', args: 'a', env: 'b' }), W('Execution arguments must be an array')],
    ['order: env before model_opts', withExec({ exec: 'x', env: 'b', model_opts: 1 }), W('Execution environment must be a dictionary')],
    ['order: model_opts before strings', withExec({ exec: 'x', wd: 1, model_opts: 1 }), W('Execution model options must be a dictionary')],
    ['order: table order of string keys', withExec({ exec: 'x', model: 1, wd: 2 }), W('execution.wd must be a string')],
    ['order: execution before resources', job({ execution: {}, resources: {} }), W('Job execution (exec or script) not defined')],
]);
// ---------------------------------------------------------------------------------------------------------
// Stage S: resources
rejects('resources', [
    ['unknown key', withRes({ numCores: 1, cpus: 2 }), W("unexpected keyword argument 'cpus'")],
    ['unknown key in a size', withRes({ numCores: { exact: 1, count: 2 } }), W("unexpected keyword argument 'count'")],
    ['unknown key in a numNodes size', withRes({ numNodes: { min: 1, foo: 2 } }), W("unexpected keyword argument 'foo'")],
    ['no sizes', withRes({}), W('No resources defined')],
    ['only wt', withRes({ wt: '10m' }), W('No resources defined')],
    ['sizes null', withRes({ numCores: null, numNodes: null }), W('No resources defined')],
    ['a size without exact/min/max', withRes({ numCores: {} }), W('No resources defined')],
    ['a size with only a scheduler', withRes({ numCores: { scheduler: 'split-into' } }), W('No resources defined')],
    ['a size with nulls only', withRes({ numNodes: { exact: null, min: null } }), W('No resources defined')],
    ['numCores a string', withRes({ numCores: '2' }), W('Wrong definition of number of cores (str)')],
    ['numCores a float', withRes({ numCores: 2.5 }), W('Wrong definition of number of cores (float)')],
    ['numCores a bool', withRes({ numCores: true }), W('Wrong definition of number of cores (bool)')],
    ['numCores a list', withRes({ numCores: [2] }), W('Wrong definition of number of cores (list)')],
    ['numNodes a string', withRes({ numNodes: 'all' }), W('Wrong definition of number of nodes (str)')],
    ['exact a string', withRes({ numCores: { exact: '2' } }), W('Wrong definition of number of cores (str)')],
    ['min a float', withRes({ numNodes: { min: 1.5 } }), W('Wrong definition of number of nodes (float)')],
    ['max a dict', withRes({ numCores: { min: 1, max: {} } }), W('Wrong definition of number of cores (dict)')],
    ['max a bool', withRes({ numCores: { min: 1, max: false } }), W('Wrong definition of number of cores (bool)')],
    ['exact with min', withRes({ numCores: { exact: 2, min: 1 } }), W('Exact number of resources defined with min/max/scheduler')],
    ['exact with max', withRes({ numNodes: { exact: 2, max: 3 } }), W('Exact number of resources defined with min/max/scheduler')],
    ['exact with scheduler', withRes({ numCores: { exact: 2, scheduler: 'split-into' } }), W('Exact number of resources defined with min/max/scheduler')],
    ['min > max', withRes({ numCores: { min: 3, max: 2 } }), W('Maximum number greater than minimal')],
    ['min > max before negative', withRes({ numCores: { min: -1, max: -2 } }), W('Maximum number greater than minimal')],
    ['negative integer', withRes({ numCores: -1 }), W('Negative number of resources')],
    ['negative exact', withRes({ numCores: { exact: -1 } }), W('Negative number of resources')],
    ['negative min', withRes({ numNodes: { min: -1, max: 2 } }), W('Negative number of resources')],
    ['numCores zero before numNodes negative', withRes({ numCores: { min: 0, max: 5 }, numNodes: -2 }), W('Number of resources must be greater than 0')],
    ['negative before zero', withRes({ numCores: { min: -1, max: 0 } }), W('Negative number of resources')],
    ['zero integer', withRes({ numCores: 0 }), W('Number of resources must be greater than 0')],
    ['zero max', withRes({ numCores: { max: 0 } }), W('Number of resources must be greater than 0')],
    ['zero and negative in one size', withRes({ numCores: { min: 0, max: -1 } }), W('Maximum number greater than minimal')],
    ['scheduler a number', withRes({ numCores: { min: 1, scheduler: 5 } }), W('Wrong definition of iteration scheduler')],
    ['scheduler without name', withRes({ numCores: { min: 1, scheduler: {} } }), W('Wrong definition of iteration scheduler')],
    ['scheduler name not a string', withRes({ numCores: { min: 1, scheduler: { name: 1 } } }), W('Wrong definition of iteration scheduler')],
    ['scheduler params a list', withRes({ numCores: { min: 1, scheduler: { name: 'split-into', params: [] } } }), W('Wrong definition of iteration scheduler')],
    ['scheduler parts 0', withRes({ numCores: { min: 1, scheduler: { name: 'split-into', params: { parts: 0 } } } }), W('Wrong definition of iteration scheduler')],
    ['scheduler parts a string', withRes({ numCores: { min: 1, scheduler: { name: 'split-into', params: { parts: '2' } } } }), W('Wrong definition of iteration scheduler')],
    ['numCores before numNodes', withRes({ numNodes: 'x', numCores: 'y' }), W('Wrong definition of number of cores (str)')],
    ['wt a number', withRes({ numCores: 1, wt: 60 }), W('Wrong wall time format')],
    ['wt soon', withRes({ numCores: 1, wt: 'soon' }), W('Wall time must be greater than 0')],
    ['wt 2', withRes({ numCores: 1, wt: '2' }), W('Wall time must be greater than 0')],
    ['wt 10:00', withRes({ numCores: 1, wt: '10:00' }), W('Wall time must be greater than 0')],
    ['wt -10s', withRes({ numCores: 1, wt: '-10s' }), W('Wall time must be greater than 0')],
    ['wt 0m', withRes({ numCores: 1, wt: '0m' }), W('Wall time must be greater than 0')],
    ['wt 10m later', withRes({ numCores: 1, wt: '10m later' }), W('Wrong wall time format')],
    ['wt 1h30', withRes({ numCores: 1, wt: '1h30' }), W('Wrong wall time format')],
    ['sizes before wt', withRes({ numCores: 'x', wt: 5 }), W('Wrong definition of number of cores (str)')],
    ['wt before nodeCrs', withRes({ numNodes: 1, wt: 'x', nodeCrs: 5 }), W('Wall time must be greater than 0')],
    ['nodeCrs a list', withRes({ numNodes: 1, nodeCrs: ['gpu'] }), W('Wrong definition of Consumable Resources list (must be a dictionary)')],
    ['nodeCrs a string', withRes({ numNodes: 1, nodeCrs: 'gpu' }), W('Wrong definition of Consumable Resources str (must be a dictionary)')],
    ['nodeCrs unknown name', withRes({ numNodes: 1, nodeCrs: { gpu: 1, tpu: 1 } }), W('Unknown consumable resource tpu')],
    ['nodeCrs duplicate', withRes({ numNodes: 1, nodeCrs: { gpu: 1, GPU: 2 } }), W('Consumable resource GPU already defined')],
    ['nodeCrs count a string', withRes({ numNodes: 1, nodeCrs: { Mem: '2' } }), W('Consumable resource Mem count not a number str')],
    ['nodeCrs count a float', withRes({ numNodes: 1, nodeCrs: { gpu: 1.5 } }), W('Consumable resource gpu count not a number float')],
    ['nodeCrs count null', withRes({ numNodes: 1, nodeCrs: { gpu: null } }), W('Consumable resource gpu count not a number NoneType')],
    ['nodeCrs count 0', withRes({ numNodes: 1, nodeCrs: { gpu: 0 } }), W('Number of consumable resource gpu must be greater than 0')],
    ['nodeCrs count negative', withRes({ numNodes: 1, nodeCrs: { mem: -5 } }), W('Number of consumable resource mem must be greater than 0')],
    ['order: resources before iteration', withRes({}, { iteration: { stop: 2, bogus: 1 } }), W('No resources defined')],
]);
// ---------------------------------------------------------------------------------------------------------
// Stage S: iteration, dependencies
rejects('iteration', [
    ['unknown key', job({ iteration: { stop: 2, step: 1 } }), W('Job iteration wrong specification')],
    ['stop and values', job({ iteration: { stop: 2, values: ['a'] } }), W('Stop and values iteration are excluding')],
    ['start == stop', job({ iteration: { start: 0, stop: 0 } }), W('Job iteration stop greater or equal than start')],
    ['start == stop (negative)', job({ iteration: { start: -3, stop: -3 } }), W('Job iteration stop greater or equal than start')],
    ['values empty', job({ iteration: { values: [] } }), W('Job iteration values must be a non-empty array of strings')],
    ['values a string', job({ iteration: { values: 'abc' } }), W('Job iteration values must be a non-empty array of strings')],
    ['values with null', job({ iteration: { values: ['a', null] } }), W('Job iteration values must be a non-empty array of strings')],
    ['values with a list', job({ iteration: { values: [['a']] } }), W('Job iteration values must be a non-empty array of strings')],
    ['too many (stop)', job({ iteration: { stop: 11 } }), W('Too many iterations (11, limit 10)'), { maxIterations: 10 }],
    ['too many (start/stop)', job({ iteration: { start: -5, stop: 6 } }), W('Too many iterations (11, limit 10)'), { maxIterations: 10 }],
    ['too many (values)', job({ iteration: { values: [1, 2, 3] } }), W('Too many iterations (3, limit 2)'), { maxIterations: 2 }],
    ['too many by default', job({ iteration: { stop: 1_000_001 } }), W('Too many iterations (1000001, limit 1000000)')],
    ['order: iteration before dependencies', job({ iteration: { stop: 2, x: 1 }, dependencies: 5 }), W('Job iteration wrong specification')],
]);
rejects('dependencies', [
    ['a list', job({ dependencies: ['a'] }), W('Job dependencies wrong type')],
    ['a string', job({ dependencies: 'a' }), W('Job dependencies wrong type')],
    ['unknown key', job({ dependencies: { after: [], before: [] } }), W('Job dependencies wrong specification')],
    ['after a string', job({ dependencies: { after: 'a' } }), W("Dependency task's list must be an array of job names")],
    ['after with a number', job({ dependencies: { after: ['a', 1] } }), W("Dependency task's list must be an array of job names")],
    ['${it} without iterations', job({ dependencies: { after: ['a', 'prep:${it}'] } }), W("Dependency 'prep:${it}' uses ${it} in a job without iterations")],
]);
// ---------------------------------------------------------------------------------------------------------
// Minimum requirement (jobs.md §10.2) and iteration schedulers (§10.4)
rejects('minimum resources', [
    ['exact cores above total', withRes({ numCores: { exact: 5 } }), 'Not enough resources for job j'],
    ['integer cores above total', withRes({ numCores: 5 }), 'Not enough resources for job j'],
    ['min cores above total', withRes({ numCores: { min: 5, max: 8 } }), 'Not enough resources for job j'],
    ['nodes above total', withRes({ numNodes: 2 }), 'Not enough resources for job j'],
    ['node min above total', withRes({ numNodes: { min: 3 } }), 'Not enough resources for job j', { nodes: nodes(1, 1) }],
    ['too few nodes with enough cores', withRes({ numNodes: { exact: 2 }, numCores: { exact: 3 } }), 'Not enough resources for job j', { nodes: nodes(2, 3) }],
    ['per-node cores on too few nodes', withRes({ numNodes: 2, numCores: { min: 4, max: 5 } }), 'Not enough resources for job j', { nodes: nodes(3, 3, 4) }],
    ['the name after substitution', job({ name: 'big_${rcnt}', resources: { numCores: 9 } }), 'Not enough resources for job big_3'],
    ['description before minimum', withRes({ numCores: 9, wt: 'x' }), W('Wall time must be greater than 0')],
]);
rejects('iteration scheduler', [
    ['split-into with max', withRes({ numCores: { min: 1, max: 2, scheduler: { name: 'split-into' } } }, { iteration: { stop: 4 } }), 'Wrong submit request - split-into directive mixed with max directive'],
    ['maximum-iters with max', withRes({ numCores: { min: 1, max: 2, scheduler: 'maximum-iters' } }, { iteration: { stop: 4 } }), 'Wrong submit request - maximum-iters directive mixed with max directive'],
    ['unknown name means maximum-iters', withRes({ numCores: { max: 2, scheduler: 'Whatever' } }, { iteration: { stop: 4 } }), 'Wrong submit request - maximum-iters directive mixed with max directive'],
    ['case-insensitive name', withRes({ numNodes: { max: 1, scheduler: { name: 'SPLIT-INTO' } } }, { iteration: { stop: 4 } }), 'Wrong submit request - split-into directive mixed with max directive'],
    ['split-into resolved to zero (parts)', withRes({ numCores: { min: 1, scheduler: { name: 'split-into', params: { parts: 5 } } } }, { iteration: { stop: 2 } }), 'Wrong submit request - split-into resolved to zero'],
    ['split-into resolved to zero (iterations)', withRes({ numCores: { min: 1, scheduler: 'split-into' } }, { iteration: { stop: 5 } }), 'Wrong submit request - split-into resolved to zero'],
    ['minimum before scheduler', withRes({ numCores: { min: 5, max: 6, scheduler: 'split-into' } }, { iteration: { stop: 4 } }), 'Not enough resources for job j'],
]);
test('minimum resources: what fits is accepted (maxima are not checked)', () => {
    accepted([withRes({ numNodes: 2, numCores: 3 })], ctx({ nodes: nodes(3, 1, 3) }));
    accepted([withRes({ numNodes: { min: 1, max: 9 }, numCores: { min: 4, max: 99 } })], ctx({ nodes: nodes(3, 4) }));
    accepted([withRes({ numCores: { max: 99 } })]);
    accepted([withRes({ numNodes: { max: 99 } })]);
    accepted([withRes({ numCores: 7 })], ctx({ nodes: nodes(3, 4) }));
});
test('iteration scheduler: ignored on a job without iterations', () => {
    const j = one(withRes({ numCores: { min: 1, max: 2, scheduler: 'split-into' } }));
    assert.equal(j.iterationCores, undefined);
    assert.deepEqual(j.desc.resources.numCores, { min: 1, max: 2, scheduler: { name: 'split-into' } });
});
// ---------------------------------------------------------------------------------------------------------
// Dependency cycles (jobs.md §5)
const dep = (name, after, extra = {}) => job({ name, dependencies: { after }, ...extra });
rejects('dependency cycle', [
    ['two jobs', [dep('a', ['b']), dep('b', ['a'])], W('Dependency cycle: a -> b -> a')],
    ['a job naming itself', [dep('a', ['a'])], W('Dependency cycle: a -> a')],
    ['itself through an iteration', [dep('a', ['a:1'], { iteration: { stop: 3 } })], W('Dependency cycle: a -> a')],
    ['itself through ${it}', [dep('a', ['a:${it}'], { iteration: { stop: 3 } })], W('Dependency cycle: a -> a')],
    ['three jobs, iteration entries', [dep('x', []), dep('a', ['x', 'b:3']), dep('b', ['c']), dep('c', ['a:${it}'], { iteration: { stop: 2 } })], W('Dependency cycle: a -> b -> c -> a')],
    ['reported from the first job on it', [dep('c', ['a']), dep('a', ['b']), dep('b', ['c'])], W('Dependency cycle: c -> a -> b -> c')],
    ['after all handler checks', [dep('a', ['b']), dep('b', ['a']), job({ name: 'z', execution: {} })], W('Job execution (exec or script) not defined')],
]);
test('dependency cycle: none among chains, diamonds, registered and unknown jobs', () => {
    const jobs = accepted([dep('a', ['old']), dep('b', ['a', 'a']), dep('c', ['a', 'b:1']), dep('d', ['b', 'c', 'missing', 'old:2']), dep('e', [])], ctx({ isRegistered: (n) => n === 'old' }));
    assert.deepEqual(jobs.map((j) => j.desc.name), ['a', 'b', 'c', 'd', 'e']);
});
test('dependency cycle: a long chain does not overflow the stack', () => {
    const n = 50_000;
    const chain = Array.from({ length: n }, (_, i) => dep(`j${i}`, i === 0 ? [] : [`j${i - 1}`]));
    assert.equal(accepted(chain).length, n);
    chain[0] = dep('j0', [`j${n - 1}`]);
    const r = submit(chain);
    assert.equal(r.ok, false);
    assert.match(r.message, /^Wrong submit request: Dependency cycle: j0 -> j\d+ -> .* -> j0$/);
});
// ---------------------------------------------------------------------------------------------------------
// Order across jobs
test('the first failing job wins, in request order', () => {
    const r = submit([job({ name: 'ok' }), withRes({ numCores: 'x' }, { name: 'b1' }), job({ name: 'b2', bogus: 1 })]);
    assert.deepEqual(r, { ok: false, message: W('Wrong definition of number of cores (str)') });
});
// ---------------------------------------------------------------------------------------------------------
// Normalized output
test('defaults: resources, args, env; nothing else invented', () => {
    assert.deepEqual(one(job()), {
        desc: { name: 'j', execution: { exec: '/bin/date', args: [], env: {} }, resources: { numCores: { exact: 1 } } },
    });
});
test('execution: numbers become text, modules, model, empty exec/script dropped', () => {
    const e = one(withExec({
        exec: 'prog', args: ['a', 2, 2.5, -3, 1e-5, 0.0001, 2.0, 1e21, 123456789.125], env: { N: 4, F: 0.5, S: 's' },
        script: '', wd: 'w', stdin: 'in', stdout: 'out', stderr: 'err', modules: 'python/3', venv: '/v',
        model: 'OpenMPI', model_opts: { mpirun_args: ['-x'] },
    })).desc.execution;
    assert.deepEqual(e, {
        exec: 'prog',
        args: ['a', '2', '2.5', '-3', '1e-05', '0.0001', '2', '1000000000000000000000', '123456789.125'],
        env: { N: '4', F: '0.5', S: 's' },
        wd: 'w', stdin: 'in', stdout: 'out', stderr: 'err', modules: ['python/3'], venv: '/v',
        model: 'openmpi', model_opts: { mpirun_args: ['-x'] },
    });
    const s = one(withExec({ script: 'echo hi', exec: '', args: [], env: {}, modules: ['a', 'b'], venv: '' })).desc.execution;
    assert.deepEqual(s, { script: 'echo hi', args: [], env: {}, modules: ['a', 'b'] });
    const nulls = one(withExec({ exec: 'x', script: null, args: null, env: null, wd: null, modules: null, model_opts: null })).desc.execution;
    assert.deepEqual(nulls, { exec: 'x', args: [], env: {} });
});
test('numberText: Python str() of numbers', () => {
    const cases = [
        [2, '2'], [-0, '0'], [2.5, '2.5'], [0.1, '0.1'], [1e-4, '0.0001'], [1.5e-5, '1.5e-05'], [1e-100, '1e-100'],
        [123.456, '123.456'], [2 ** 53 + 2, '9007199254740994'], [NaN, 'nan'], [Infinity, 'inf'], [-Infinity, '-inf'],
    ];
    for (const [n, text] of cases)
        assert.equal(numberText(n), text, String(n));
});
test('resources: sizes, wt, nodeCrs normalized', () => {
    const r = one(withRes({ numCores: { min: 1, max: 2, scheduler: { name: 'Split-Into', params: { parts: 2 }, other: 1 } }, numNodes: 1, wt: '1h30m', nodeCrs: { GPU: 1, Mem: 2 } }), ctx({ nodes: nodes(4, 4) })).desc.resources;
    assert.deepEqual(r, {
        numCores: { min: 1, max: 2, scheduler: { name: 'split-into', params: { parts: 2 } } },
        numNodes: { exact: 1 },
        wt: '1h30m',
        wtSeconds: 5400,
        nodeCrs: { gpu: 1, mem: 2 },
    });
    assert.deepEqual(one(withRes({ numNodes: { min: 1, exact: null }, numCores: null })).desc.resources, { numNodes: { min: 1 } });
    assert.deepEqual(one(withRes({ numCores: { max: 3, scheduler: 'MAXIMUM-ITERS' } })).desc.resources, {
        numCores: { max: 3, scheduler: { name: 'maximum-iters' } },
    });
    assert.deepEqual(one(withRes({ numCores: 2, nodeCrs: {} })).desc.resources, { numCores: { exact: 2 } });
    assert.deepEqual(one(withRes({ numCores: 2, nodeCrs: null, wt: null })).desc.resources, { numCores: { exact: 2 } });
});
test('iteration: start/stop and values forms', () => {
    assert.deepEqual(one(job({ iteration: { stop: 3 } })).desc.iteration, { start: 0, stop: 3 });
    assert.deepEqual(one(job({ iteration: { start: -2, stop: 3, values: null } })).desc.iteration, { start: -2, stop: 3 });
    assert.deepEqual(one(job({ iteration: { start: 7, values: ['a', 1, 2.5] } })).desc.iteration, {
        start: 0, stop: 3, values: ['a', '1', '2.5'],
    });
    assert.deepEqual(one(job({ iteration: { stop: 10 } }), ctx({ maxIterations: 10 })).desc.iteration, { start: 0, stop: 10 });
});
test('stage lists: checked and normalized (null "to" dropped), other attributes kept as given', () => {
    const d = one(job({ attributes: { stageIn: [{ from: 'in/${it}.txt', to: null }, { from: '/abs', to: 'x' }], stageOut: null, other: { a: 1 } } })).desc;
    assert.deepEqual(d.attributes, { stageIn: [{ from: 'in/${it}.txt' }, { from: '/abs', to: 'x' }], stageOut: null, other: { a: 1 } });
});
test('dependencies and attributes are kept when given', () => {
    const d = one(job({ iteration: { stop: 2 }, dependencies: { after: ['a', 'b:${it}'] }, attributes: { k: ['v'] } })).desc;
    assert.deepEqual(d.dependencies, { after: ['a', 'b:${it}'] });
    assert.deepEqual(d.attributes, { k: ['v'] });
    assert.deepEqual(one(job({ dependencies: {} })).desc.dependencies, { after: [] });
    assert.deepEqual(one(job({ dependencies: { after: null } })).desc.dependencies, { after: [] });
    const none = one(job({ dependencies: null, attributes: null })).desc;
    assert.equal('dependencies' in none, false);
    assert.equal('attributes' in none, false);
});
test('pass 1: submit-time placeholders everywhere, jname after the name, keys untouched', () => {
    const j = one({
        name: 'run_${rcnt}_${sname}',
        execution: {
            exec: '/bin/echo',
            args: ['${jname}', '$uniq', '${date}', '${dateTime}', '${time}', '$$HOME', '$HOME', '${it}', '$${it}', '$$$${it}', '${ncores}'],
            env: { '${jname}': '${jname}' },
            wd: 'wd-${jname}',
        },
        iteration: { values: ['${jname}', 1] },
        dependencies: { after: ['p_${rcnt}:${it}'] },
        attributes: { who: '$jname', n: 1 },
    });
    const d = j.desc;
    assert.equal(d.name, 'run_3_local');
    assert.deepEqual(d.execution.args, [
        'run_3_local', 'uuid-1', NOW_TEXT, NOW_TEXT, '03:04:05.006000', '$HOME', '$HOME', '${it}', '${it}', '$${it}', '${ncores}',
    ]);
    assert.deepEqual(d.execution.env, { '${jname}': 'run_3_local' });
    assert.equal(d.execution.wd, 'wd-run_3_local');
    assert.deepEqual(d.iteration?.values, ['run_3_local', '1']);
    assert.deepEqual(d.dependencies, { after: ['p_3:${it}'] });
    assert.deepEqual(d.attributes, { who: 'run_3_local', n: 1 });
});
test('pass 1: values are checked after substitution', () => {
    assert.deepEqual(one(withRes({ numCores: 1, wt: '${rcnt}m' })).desc.resources.wtSeconds, 180);
    assert.deepEqual(submit([job({ dependencies: { after: ['$${it}'] } })]), {
        ok: false,
        message: W("Dependency '${it}' uses ${it} in a job without iterations"),
    });
});
test('the request is not modified', () => {
    const jobs = [withRes({ numCores: 2 }, { name: 'a_${rcnt}', iteration: { values: [1] }, dependencies: { after: ['x'] } })];
    const copy = structuredClone(jobs);
    one(jobs[0]);
    assert.deepEqual(jobs, copy);
});
// ---------------------------------------------------------------------------------------------------------
// §10.4 worked examples
function sizes(f, n) {
    assert.ok(f, 'no per-iteration size function');
    return Array.from({ length: n }, (_, i) => f(i));
}
const iterCores = (numCores, n, cores) => sizes(one(withRes({ numCores }, { iteration: { stop: n } }), ctx({ nodes: nodes(...cores) })).iterationCores, n);
test('§10.4: split-into', () => {
    assert.deepEqual(iterCores({ min: 1, scheduler: { name: 'split-into', params: { parts: 5 } } }, 10, [10]), Array(10).fill(2));
    assert.deepEqual(iterCores({ min: 1, scheduler: { name: 'split-into' } }, 3, [4, 5]), [3, 3, 3]);
    assert.deepEqual(iterCores({ min: 1, scheduler: { name: 'split-into', params: { parts: 4 } } }, 8, [4, 5]), Array(8).fill(2));
});
test('§10.4: maximum-iters', () => {
    assert.deepEqual(iterCores({ min: 1, scheduler: 'maximum-iters' }, 3, [10]), [3, 3, 4]);
    assert.deepEqual(iterCores({ min: 1, scheduler: 'maximum-iters' }, 3, [11]), [3, 4, 4]);
    assert.deepEqual(iterCores({ min: 5, scheduler: 'maximum-iters' }, 3, [11]), [5, 6, 11]);
    assert.deepEqual(iterCores({ min: 5, scheduler: 'maximum-iters' }, 4, [11]), [5, 6, 5, 6]);
    assert.deepEqual(iterCores({ min: 6, scheduler: 'maximum-iters' }, 4, [11]), [11, 11, 11, 11]);
    assert.deepEqual(iterCores({ min: 1, scheduler: 'maximum-iters' }, 4, [4, 5]), [2, 2, 2, 3]);
    assert.deepEqual(iterCores({ min: 4, scheduler: { name: 'maximum-iters' } }, 3, [4, 5]), [4, 5, 9]);
    // no min, any other name: maximum-iters with min 1; more iterations than cores
    // (5 iterations on 2 cores: 3 rounds of 2, 2, 1 iterations)
    assert.deepEqual(iterCores({ min: 1, scheduler: 'other' }, 5, [2]), [1, 1, 1, 1, 2]);
    // 7 iterations, min 2 on 5 cores: 2 per round, rounds = 4 → rounds of 2, 2, 2, 1 iterations
    assert.deepEqual(iterCores({ min: 2, scheduler: 'maximum-iters' }, 7, [5]), [2, 3, 2, 3, 2, 3, 5]);
});
test('§10.4: maximum-iters matches the QCG-PilotJob loop', () => {
    // the reference algorithm, written as the spec states it
    const reference = (n, total, pmin) => {
        const out = [];
        const deal = (count) => {
            let rest = total;
            for (let i = 0; i < count; i++) {
                const s = Math.floor(rest / (count - i));
                rest -= s;
                out.push(s);
            }
        };
        if (n * pmin <= total)
            deal(n);
        else {
            const rounds = Math.ceil(n / Math.floor(total / pmin));
            let left = n;
            for (let r = 0; r < rounds; r++) {
                const k = Math.ceil(left / (rounds - r));
                deal(k);
                left -= k;
            }
        }
        return out;
    };
    for (let total = 1; total <= 13; total++) {
        for (let pmin = 1; pmin <= total; pmin++) {
            for (let n = 1; n <= 30; n++) {
                assert.deepEqual(iterCores({ min: pmin, scheduler: 'maximum-iters' }, n, [total]), reference(n, total, pmin), `${n} ${total} ${pmin}`);
            }
        }
    }
});
test('§10.4: numNodes schedulers use the node count; positions are 0-based', () => {
    const j = one(withRes({ numNodes: { min: 1, scheduler: 'maximum-iters' }, numCores: { min: 1, scheduler: 'split-into' } }, { iteration: { start: 10, stop: 13 } }), ctx({ nodes: nodes(2, 2, 2, 2) }));
    assert.deepEqual(sizes(j.iterationNodes, 3), [1, 1, 2]);
    assert.deepEqual(sizes(j.iterationCores, 3), [2, 2, 2]);
    assert.equal(one(withRes({ numCores: 2 }, { iteration: { stop: 3 } })).iterationCores, undefined);
});
test('1 000 000 iterations parse without per-iteration work', () => {
    const j = one(withRes({ numCores: { min: 1, scheduler: 'maximum-iters' } }, { iteration: { stop: 1_000_000 } }), ctx({ nodes: nodes(64, 64) }));
    assert.deepEqual(j.desc.iteration, { start: 0, stop: 1_000_000 });
    const f = j.iterationCores;
    // 128 cores, at most 128 per round: 7813 rounds, the first 7749 of 128 iterations (1 core each), the
    // others of 127 (the last iteration of such a round gets 2 cores)
    assert.equal(f(0), 1);
    assert.equal(f(7749 * 128 - 1), 1);
    assert.equal(f(7749 * 128 + 126), 2);
    assert.equal(f(999_999), 2);
    let sum = 0;
    for (let i = 0; i < 1_000_000; i++)
        sum += f(i);
    assert.equal(sum, 7813 * 128);
    const s = one(withRes({ numCores: { min: 1, scheduler: 'split-into' } }, { iteration: { start: 5, stop: 1_000_005 } }), ctx({ nodes: nodes(4_000_000) }));
    assert.equal(s.iterationCores?.(999_999), 4);
    const values = Array.from({ length: 1_000_000 }, (_, i) => (i % 2 ? i : `v${i}`));
    const v = one(job({ iteration: { values } })).desc.iteration;
    assert.equal(v?.stop, 1_000_000);
    assert.deepEqual(v?.values?.slice(0, 3), ['v0', '1', 'v2']);
});
// ---------------------------------------------------------------------------------------------------------
// The examples of the specification
test('examples: req-submit.json, replayed against one registry', () => {
    const registry = new Set();
    let rcnt = 0;
    for (const ex of example('req-submit.json').exchanges) {
        const title = ex.title;
        if (title === 'submit after finish')
            continue; // decided by the manager, not by the submit handler
        const request = ex.request;
        const reply = ex.reply;
        if (Array.isArray(request.jobs) && request.jobs.length > 0)
            rcnt++;
        const r = parseSubmit(request, ctx({ rcnt, isRegistered: (n) => registry.has(n), nodes: nodes(4) }));
        if (reply.code === 0) {
            assert.ok(r.ok, `${title}: ${!r.ok && r.message}`);
            assert.equal(`${r.jobs.length} jobs submitted`, reply.message, title);
            assert.deepEqual(r.jobs.map((j) => j.desc.name), reply.data?.jobs, title);
            for (const j of r.jobs)
                registry.add(j.desc.name);
        }
        else {
            assert.deepEqual(r, { ok: false, message: reply.message }, title);
        }
    }
});
const EXAMPLE_NODES = {
    'jobs-min-max-cores.json': [2, 3],
    'jobs-split-into.json': [4, 5],
};
const jobFiles = () => fs.readdirSync(EXAMPLES).filter((f) => /^jobs-.*\.json$/.test(f)).sort();
test('examples: every jobs-*.json request is accepted', () => {
    assert.ok(jobFiles().length >= 6);
    for (const file of jobFiles()) {
        const request = example(file);
        const r = parseSubmit(request, ctx({ nodes: nodes(...(EXAMPLE_NODES[file] ?? [4])) }));
        assert.ok(r.ok, `${file}: ${!r.ok && r.message}`);
        assert.deepEqual(r.jobs.map((j) => j.desc.name), request.jobs.map((j) => j.name), file);
    }
});
test('examples: details stated in the comments', () => {
    const byName = (file) => {
        const r = parseSubmit(example(file), ctx({ nodes: nodes(...(EXAMPLE_NODES[file] ?? [4])) }));
        assert.ok(r.ok);
        return new Map(r.jobs.map((j) => [j.desc.name, j]));
    };
    const split = byName('jobs-split-into.json');
    assert.deepEqual(sizes(split.get('split3')?.iterationCores, 3), [3, 3, 3]);
    assert.deepEqual(sizes(split.get('split4')?.iterationCores, 8), Array(8).fill(2));
    assert.deepEqual(sizes(split.get('maxit')?.iterationCores, 4), [2, 2, 2, 3]);
    assert.deepEqual(sizes(split.get('maxit-min')?.iterationCores, 3), [4, 5, 9]);
    const iter = byName('jobs-iteration.json');
    assert.deepEqual(iter.get('offset')?.desc.iteration, { start: 5, stop: 8 });
    assert.deepEqual(iter.get('models')?.desc.iteration, { start: 0, stop: 3, values: ['alpha', 'beta', 'gamma'] });
    assert.equal(iter.get('sweep')?.desc.execution.stdout, 'it_${it}.out');
    const simple = byName('jobs-simple.json');
    assert.equal(simple.get('hostname')?.desc.resources.wtSeconds, 60);
    const chain = byName('jobs-dependency-chain.json');
    assert.deepEqual(chain.get('post')?.desc.dependencies, { after: ['pre:${it}'] });
    const rejected = example('jobs-min-max-cores.json').not_sent_rejected_at_submit;
    assert.deepEqual(parseSubmit({ jobs: rejected }, ctx({ nodes: nodes(2, 3) })), { ok: false, message: 'Not enough resources for job too-big' });
});
// ---------------------------------------------------------------------------------------------------------
// protocol/job-schema.json
const Ajv = Ajv2020.default;
const schema = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'protocol', 'job-schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
test('schema: accepts every job of the jobs-*.json examples', () => {
    for (const file of jobFiles()) {
        const request = example(file);
        for (const j of [...request.jobs, ...(request.not_sent_rejected_at_submit ?? [])]) {
            assert.ok(validate(j), `${file} ${String(j.name)}: ${JSON.stringify(validate.errors)}`);
        }
    }
});
// Titles of req-submit.json whose jobs are rejected for their structure; everything else there is
// structurally valid (rejected, if at all, for placeholders, ranges, resources or registry state).
const STRUCTURALLY_WRONG = new Set([
    'invalid character in the name', 'no exec and no script', 'exact together with min', 'negative size',
    'args given as a string', 'wall time in a wrong format', 'wall time without a size', 'unknown key in a description',
    'job without a name',
]);
test('schema: req-submit.json jobs accepted or rejected by structure', () => {
    const exchanges = example('req-submit.json').exchanges;
    for (const ex of exchanges) {
        const title = ex.title;
        for (const j of ex.request.jobs) {
            assert.equal(validate(j), !STRUCTURALLY_WRONG.has(title), `${title}: ${JSON.stringify(validate.errors)}`);
        }
    }
});
test('schema: the normalized form of accepted jobs is valid too', () => {
    for (const file of jobFiles()) {
        const r = parseSubmit(example(file), ctx({ nodes: nodes(...(EXAMPLE_NODES[file] ?? [4])) }));
        assert.ok(r.ok);
        for (const j of r.jobs) {
            // wtSeconds and the values form's start/stop are pilotmq's additions, not part of the standard form
            const { wtSeconds, ...resources } = j.desc.resources;
            const iteration = j.desc.iteration?.values ? { values: j.desc.iteration.values } : j.desc.iteration;
            assert.equal(typeof (wtSeconds ?? 0), 'number');
            assert.ok(validate({ ...j.desc, resources, iteration }), `${file}: ${JSON.stringify(validate.errors)}`);
        }
    }
});
test('schema: rejects wrong structure', () => {
    const bad = [
        ['unknown top key', job({ bogus: 1 })],
        ['no execution', { name: 'j' }],
        ['name with a colon', job({ name: 'a:b' })],
        ['name empty', job({ name: '' })],
        ['name a number', job({ name: 5 })],
        ['execution a string', job({ execution: 'x' })],
        ['unknown execution key', withExec({ exec: 'x', cmd: 1 })],
        ['exec and script', withExec({ exec: 'x', script: 'y' })],
        ['script with args', withExec({ script: 'y', args: ['a'] })],
        ['args element bool', withExec({ exec: 'x', args: [true] })],
        ['env value list', withExec({ exec: 'x', env: { A: [] } })],
        ['modules number', withExec({ exec: 'x', modules: 3 })],
        ['model_opts list', withExec({ exec: 'x', model_opts: [] })],
        ['resources null', withRes(null)],
        ['size a string', withRes({ numCores: '1' })],
        ['size 0', withRes({ numCores: 0 })],
        ['size float', withRes({ numCores: 1.5 })],
        ['empty size', withRes({ numCores: {} })],
        ['unknown size key', withRes({ numCores: { exact: 1, n: 1 } })],
        ['exact with scheduler', withRes({ numCores: { exact: 1, scheduler: 'split-into' } })],
        ['scheduler a number', withRes({ numCores: { min: 1, scheduler: 1 } })],
        ['scheduler parts 0', withRes({ numCores: { min: 1, scheduler: { name: 'split-into', params: { parts: 0 } } } })],
        ['unknown resources key', withRes({ numCores: 1, x: 1 })],
        ['wt 0m', withRes({ numCores: 1, wt: '0m' })],
        ['wt 1h30', withRes({ numCores: 1, wt: '1h30' })],
        ['wt a number', withRes({ numCores: 1, wt: 5 })],
        ['stageIn a string', job({ attributes: { stageIn: 'a' } })],
        ['stageOut item without from', job({ attributes: { stageOut: [{ to: 'a' }] } })],
        ['stageIn item unknown key', job({ attributes: { stageIn: [{ from: 'a', x: 1 }] } })],
        ['nodeCrs tpu', withRes({ numNodes: 1, nodeCrs: { tpu: 1 } })],
        ['nodeCrs 0', withRes({ numNodes: 1, nodeCrs: { gpu: 0 } })],
        ['iteration null', job({ iteration: null })],
        ['iteration empty', job({ iteration: {} })],
        ['iteration stop and values', job({ iteration: { stop: 1, values: ['a'] } })],
        ['iteration unknown key', job({ iteration: { stop: 1, step: 1 } })],
        ['iteration stop string', job({ iteration: { stop: '1' } })],
        ['values empty', job({ iteration: { values: [] } })],
        ['dependencies list', job({ dependencies: ['a'] })],
        ['dependencies unknown key', job({ dependencies: { before: [] } })],
        ['after a string', job({ dependencies: { after: 'a' } })],
        ['attributes list', job({ attributes: [] })],
    ];
    for (const [title, j] of bad) {
        assert.equal(validate(j), false, title);
        assert.equal(submit([j]).ok, false, `the handler rejects it too: ${title}`);
    }
});
test('schema: accepts nulls for absent values, placeholders, case-insensitive names', () => {
    const good = [
        job({ name: 'run_${rcnt}' }),
        withExec({ exec: 'x', args: null, env: null, script: null, wd: null, modules: null, model_opts: null }),
        withExec({ script: 'ls', exec: '', args: [], env: {} }),
        withRes({ numCores: null, numNodes: { min: 1, max: 2, exact: null, scheduler: null }, wt: '${rcnt}m', nodeCrs: { GPU: 1, Mem: 2 } }),
        withRes({ numCores: { min: 1, scheduler: { name: 'x', params: null } } }),
        job({ iteration: { start: 3, values: [1, 'a'], stop: null } }),
        job({ dependencies: null, attributes: null }),
        job({ dependencies: { after: null } }),
        job({ attributes: { stageIn: [{ from: 'a', to: null }, { from: '${it}.in', to: 'b' }], stageOut: null, anything: [1] } }),
    ].map((j) => JSON.parse(JSON.stringify(j)));
    for (const j of good) {
        assert.ok(validate(j), `${JSON.stringify(j)}: ${JSON.stringify(validate.errors)}`);
        assert.ok(submit([j], ctx({ nodes: nodes(4, 4) })).ok, JSON.stringify(j));
    }
});
//# sourceMappingURL=submit.test.js.map