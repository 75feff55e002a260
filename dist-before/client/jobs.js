/**
 * A group of job descriptions to submit (the counterpart of QCG-PilotJob's `qcg.pilotjob.api.job.Jobs`).
 * `add` takes the flat "simple" form and converts it to the standard form (jobs.md §13); `addStd` takes the
 * standard form. The client-side checks and their texts are those of jobs.md §13.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { FileError, InvalidJobDescription, JobNotDefined } from './errors.js';
/** Python's name for the type of a JSON value, so the texts match QCG's (`<class 'str'>`). */
function pyType(v) {
    if (v === null || v === undefined)
        return 'NoneType';
    if (typeof v === 'string')
        return 'str';
    if (typeof v === 'boolean')
        return 'bool';
    if (typeof v === 'number')
        return Number.isInteger(v) ? 'int' : 'float';
    if (Array.isArray(v))
        return 'list';
    return 'dict';
}
const typeText = (v) => `<class '${pyType(v)}'>`;
/** Flat attributes and their allowed types. `args` as a string is rejected (QCG accepts it). */
const SIMPLE_ATTRS = {
    name: ['str'],
    exec: ['str'],
    script: ['str'],
    args: ['list'],
    stdin: ['str'],
    stdout: ['str'],
    stderr: ['str'],
    wd: ['str'],
    modules: ['list', 'str'],
    venv: ['str'],
    model: ['str'],
    model_opts: ['dict'],
    numNodes: ['int', 'dict'],
    numCores: ['int', 'dict'],
    wt: ['str'],
    iteration: ['int', 'list', 'dict'],
    after: ['list', 'str'],
    // pilotmq client only
    env: ['dict'],
    nodeCrs: ['dict'],
    attributes: ['dict'],
};
const SIZE_ATTRS = {
    min: ['int'],
    max: ['int'],
    exact: ['int'],
    scheduler: ['str', 'dict'],
};
const ITERATION_ATTRS = {
    start: ['int'],
    stop: ['int'],
    values: ['list'],
};
const EXECUTION_KEYS = ['args', 'stdin', 'stdout', 'stderr', 'wd', 'modules', 'venv', 'model', 'model_opts', 'env'];
/** QCG's client limit on the iteration count of a simple description. */
export const MAX_SIMPLE_ITERATIONS = 64 * 1024;
export class Jobs {
    list = new Map();
    /** Add a job in the simple (flat) form. Returns `this` for chaining. Throws InvalidJobDescription. */
    add(attrs) {
        const std = simpleToStd(attrs, (name) => this.list.has(name));
        this.list.set(std.name, std);
        return this;
    }
    /** Add a job in the standard form (only `execution` and duplicates are checked here). */
    addStd(desc) {
        const std = structuredClone(desc);
        if (std.name === undefined)
            std.name = randomUUID();
        const execution = std.execution;
        if (typeof execution !== 'object' || execution === null || (!('exec' in execution) && !('script' in execution))) {
            throw new InvalidJobDescription('Missing "execution/exec" key');
        }
        if (this.list.has(std.name))
            throw new InvalidJobDescription(`Job ${std.name} already in list`);
        this.list.set(std.name, std);
        return this;
    }
    remove(name) {
        if (!this.list.delete(name))
            throw new JobNotDefined(name);
    }
    /** Remove every job; returns how many there were. */
    clear() {
        const n = this.list.size;
        this.list.clear();
        return n;
    }
    get size() {
        return this.list.size;
    }
    /** Job names, in the order they were added. */
    jobNames() {
        return [...this.list.keys()];
    }
    orderedJobNames() {
        return this.jobNames();
    }
    /** Standard descriptions, in the order they were added (what `submit` sends). */
    orderedJobs() {
        return [...this.list.values()];
    }
    jobs() {
        return this.orderedJobs();
    }
    /**
     * Add the standard descriptions of a JSON file: an array (what `saveToFile` and QCG's `save_to_file` write),
     * or an object with a `jobs` array (e.g. a whole `submit` request).
     */
    loadFromFile(path) {
        let content;
        try {
            content = JSON.parse(readFileSync(path, 'utf8'));
        }
        catch (err) {
            throw new FileError(`Failed to open/read file "${path}": ${err.message}`);
        }
        const list = Array.isArray(content) ? content : content?.jobs;
        if (!Array.isArray(list)) {
            throw new FileError(`Failed to read file "${path}": expected a JSON array of job descriptions or an object with "jobs"`);
        }
        for (const job of list) {
            if (typeof job !== 'object' || job === null || Array.isArray(job)) {
                throw new InvalidJobDescription(`Job description must be an object, got ${JSON.stringify(job)}`);
            }
            this.addStd(job);
        }
        return this;
    }
    /** Write the standard descriptions as a JSON array (loadable by QCG-PilotJob's `Jobs.load_from_file`). */
    saveToFile(path) {
        try {
            writeFileSync(path, JSON.stringify(this.orderedJobs(), null, 2));
        }
        catch (err) {
            throw new FileError(`Failed to open/write file "${path}": ${err.message}`);
        }
    }
}
/** Check a simple description (jobs.md §13, in QCG's order) and convert it to the standard form. */
function simpleToStd(input, isListed) {
    // an explicit `undefined` means "not given", as it would in Python keyword arguments left out
    const given = Object.entries(input).filter(([, v]) => v !== undefined);
    const attrs = structuredClone(Object.fromEntries(given));
    if (attrs.name === undefined)
        attrs.name = randomUUID();
    if (typeof attrs.name === 'string' && isListed(attrs.name)) {
        throw new InvalidJobDescription(`Job ${attrs.name} already in list`);
    }
    checkAttributes(attrs, SIMPLE_ATTRS, (key) => `Unknown attribute ${key}`, (key, v) => `Invalid attribute ${key} type ${typeText(v)}`);
    if (typeof attrs.after === 'string')
        attrs.after = [attrs.after];
    if (attrs.exec === undefined && attrs.script === undefined)
        throw new InvalidJobDescription("No 'exec' nor 'script' defined");
    if (attrs.exec !== undefined && attrs.script !== undefined)
        throw new InvalidJobDescription("Both 'exec' and 'script' defined");
    for (const key of ['numNodes', 'numCores']) {
        if (typeof attrs[key] === 'number')
            attrs[key] = { exact: attrs[key] };
        checkElement(key, attrs[key], SIZE_ATTRS);
    }
    if (attrs.iteration !== undefined) {
        if (typeof attrs.iteration === 'number')
            attrs.iteration = { start: 0, stop: attrs.iteration };
        else if (Array.isArray(attrs.iteration))
            attrs.iteration = { values: attrs.iteration };
        const it = attrs.iteration;
        checkElement('iteration', it, ITERATION_ATTRS);
        if (it.stop !== undefined && it.values !== undefined) {
            throw new InvalidJobDescription('Stop and values iteration attribute are excluding');
        }
        if (it.stop === undefined && it.values === undefined) {
            throw new InvalidJobDescription('Required attribute stop of element iteration not defined');
        }
        const count = it.values !== undefined ? it.values.length : it.stop - (it.start ?? 0);
        if (count < 0 || count > MAX_SIMPLE_ITERATIONS) {
            throw new InvalidJobDescription(`Wrong number of iterations - outside range (0, ${MAX_SIMPLE_ITERATIONS})`);
        }
    }
    return convert(attrs);
}
function checkAttributes(attrs, spec, unknown, invalid) {
    for (const [key, value] of Object.entries(attrs)) {
        if (!Object.hasOwn(spec, key))
            throw new InvalidJobDescription(unknown(key));
        if (!spec[key].includes(pyType(value)))
            throw new InvalidJobDescription(invalid(key, value));
    }
}
/** Keys and value types of a nested element (`numCores`, `numNodes`, `iteration`). */
function checkElement(element, value, spec) {
    if (value === undefined)
        return;
    checkAttributes(value, spec, (key) => `Unknown ${element} attribute ${key}`, (key, v) => `Invalid ${element} attribute ${key} type ${typeText(v)}`);
}
function convert(attrs) {
    const execution = attrs.exec !== undefined ? { exec: attrs.exec } : { script: attrs.script };
    for (const key of EXECUTION_KEYS)
        if (attrs[key] !== undefined)
            execution[key] = attrs[key];
    const std = { name: attrs.name, execution };
    const resources = {};
    for (const key of ['numCores', 'numNodes', 'wt', 'nodeCrs'])
        if (attrs[key] !== undefined)
            resources[key] = attrs[key];
    if (Object.keys(resources).length > 0)
        std.resources = resources;
    if (attrs.iteration !== undefined)
        std.iteration = attrs.iteration;
    if (attrs.after !== undefined)
        std.dependencies = { after: attrs.after };
    if (attrs.attributes !== undefined)
        std.attributes = attrs.attributes;
    return std;
}
//# sourceMappingURL=jobs.js.map