import { formatDateTime, formatTime, setOwn, substitute, substituteDeep } from './placeholders.js';
import { parseWallTime } from './walltime.js';
import { checkAttributes, retryPolicy } from './attributes.js';
/** A rejection; `message` is the complete reply message. */
class Rejected {
    message;
    constructor(message) {
        this.message = message;
    }
}
const reject = (message) => {
    throw new Rejected(message);
};
/** Stage P: `Invalid request: <text>`. */
const invalid = (text) => reject(`Invalid request: ${text}`);
/** Stage S, the usual prefix. */
const wrong = (text) => reject(`Wrong submit request: ${text}`);
/** Validate and normalize a `submit` request (its `jobs`); all-or-nothing. */
export function parseSubmit(request, ctx) {
    try {
        const raws = parseStage(request);
        const vars = submitVars(ctx);
        const totals = { nodes: ctx.nodes.length, cores: ctx.nodes.reduce((sum, n) => sum + n.cores, 0) };
        const seen = new Set();
        const jobs = raws.map((raw) => handleJob(raw, ctx, vars, seen, totals));
        const cycle = findCycle(jobs.map((j) => j.desc));
        if (cycle)
            wrong(`Dependency cycle: ${cycle.join(' -> ')}`);
        return { ok: true, jobs };
    }
    catch (e) {
        if (e instanceof Rejected)
            return { ok: false, message: e.message };
        throw e;
    }
}
// ---------------------------------------------------------------------------------------------------------
// Value helpers. `null` counts as absent (jobs.md §7), so `given` maps it to undefined.
const isObject = (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
        return false;
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
};
const own = (o, key) => (Object.hasOwn(o, key) ? o[key] : undefined);
const given = (o, key) => own(o, key) ?? undefined;
const isInt = (v) => typeof v === 'number' && Number.isInteger(v);
const isText = (v) => typeof v === 'string' || typeof v === 'number';
/** Python truthiness, as QCG-PilotJob tests "non-empty" `exec`, `script`, `args`, `env`. */
const truthy = (v) => Array.isArray(v) ? v.length > 0 : isObject(v) ? Object.keys(v).length > 0 : Boolean(v);
/** The Python type name of a decoded JSON/MessagePack value, as used in messages. */
export function pyTypeName(v) {
    if (v === null || v === undefined)
        return 'NoneType';
    if (typeof v === 'boolean')
        return 'bool';
    if (typeof v === 'number')
        return Number.isInteger(v) ? 'int' : 'float';
    if (typeof v === 'string')
        return 'str';
    return Array.isArray(v) ? 'list' : 'dict';
}
/** Python's `str()` of a number (an integral value is an int, protocol.md §2.1): 2 → "2", 2.5 → "2.5", 1e-05. */
export function numberText(n) {
    if (Number.isInteger(n))
        return BigInt(n).toString();
    if (Number.isNaN(n))
        return 'nan';
    if (!Number.isFinite(n))
        return n > 0 ? 'inf' : '-inf';
    const [mantissa, exp] = n.toExponential().split('e');
    const e = Number(exp);
    // Python switches to exponent notation below 1e-4 (JS only below 1e-6) and writes at least 2 exponent digits.
    if (e < -4)
        return `${mantissa}e-${String(-e).padStart(2, '0')}`;
    return String(n);
}
const toText = (v) => (typeof v === 'string' ? v : numberText(v));
function rejectUnknownKeys(o, allowed, text = (key) => `unexpected keyword argument '${key}'`) {
    for (const key of Object.keys(o))
        if (!allowed.includes(key))
            wrong(text(key));
}
// ---------------------------------------------------------------------------------------------------------
// Stage P (protocol.md §4.1), over all jobs before any handler check.
function parseStage(request) {
    const jobs = own(request, 'jobs');
    if (!Array.isArray(jobs) || jobs.length === 0)
        invalid('Wrong submit request - missing jobs data');
    for (const job of jobs) {
        if (!isObject(job))
            return invalid('Wrong submit request - wrong job data');
        if (given(job, 'name') === undefined)
            invalid('Missing name in job description');
        if (!Object.hasOwn(job, 'execution'))
            invalid('Missing execution element in job description');
        if (Object.hasOwn(job, 'iteration')) {
            const it = job.iteration;
            if (!isObject(it) || (given(it, 'stop') === undefined && given(it, 'values') === undefined)) {
                invalid('Wrong format of iteration directive: not a dictionary');
            }
            const [start, stop] = [given(it, 'start'), given(it, 'stop')];
            if ((start !== undefined && !isInt(start)) || (stop !== undefined && !isInt(stop))) {
                invalid('Wrong format of iteration directive: start and stop must be integers');
            }
            if (stop !== undefined && (start ?? 0) > stop) {
                invalid('Wrong format of iteration directive: start index larger than stop one');
            }
        }
    }
    return jobs;
}
/** Pass 1 values shared by all jobs of the request (jobs.md §6); `jname` is added per job. */
function submitVars(ctx) {
    const dateTime = formatDateTime(ctx.now);
    return { rcnt: String(ctx.rcnt), uniq: ctx.uniq, sname: 'local', date: dateTime, dateTime, time: formatTime(ctx.now) };
}
function handleJob(raw, ctx, vars, seen, totals) {
    const name = checkName(raw.name, vars, ctx, seen);
    const job = substituteDeep(raw, { ...vars, jname: name });
    const desc = describe(name, job, ctx);
    checkMinimum(desc, ctx, totals);
    return acceptJob(desc, totals);
}
/**
 * An accepted description with its per-iteration sizes (jobs.md §10.4), computed from the manager's totals
 * at submit time. Also used to rebuild jobs from the journal on resume (the sizes are functions, not data).
 */
export function acceptJob(desc, totals) {
    const accepted = { desc };
    const retry = retryPolicy(desc.attributes);
    if (retry)
        accepted.retry = retry;
    if (desc.iteration) {
        const n = desc.iteration.stop - desc.iteration.start;
        const cores = desc.resources.numCores && sizeByIteration(desc.resources.numCores, n, totals.cores);
        const nodes = desc.resources.numNodes && sizeByIteration(desc.resources.numNodes, n, totals.nodes);
        if (cores)
            accepted.iterationCores = cores;
        if (nodes)
            accepted.iterationNodes = nodes;
    }
    return accepted;
}
const BAD_NAME_CHARS = /[${}()'" \t\n]/;
/** Name substitution (without `jname`), characters, uniqueness. Returns the name after pass 1. */
function checkName(value, vars, ctx, seen) {
    if (typeof value !== 'string' || value === '')
        return wrong(`Invalid job name ${JSON.stringify(value)}`);
    const name = substitute(value, vars);
    if (BAD_NAME_CHARS.test(name))
        reject(`Job identifier '(${name})' contains invalid characters or unknown variables`);
    if (name.includes(':'))
        wrong(`Invalid job name ${name}`);
    if (seen.has(name) || ctx.isRegistered(name))
        reject(`Job ${name} already exist`);
    seen.add(name);
    return name;
}
const TOP_KEYS = ['name', 'execution', 'resources', 'iteration', 'dependencies', 'attributes'];
/** The description checks (top level, execution, resources, iteration, dependencies, attributes). */
function describe(name, job, ctx) {
    rejectUnknownKeys(job, TOP_KEYS);
    if (!isObject(job.execution))
        wrong('Job execution not defined or wrong type');
    // `resources: null` is present but not an object; only a missing key gets the default.
    if (Object.hasOwn(job, 'resources') && !isObject(job.resources))
        wrong('Job resources not defined or wrong type');
    const desc = {
        name,
        execution: parseExecution(job.execution),
        resources: Object.hasOwn(job, 'resources') ? parseResources(job.resources) : { numCores: { exact: 1 } },
    };
    if (Object.hasOwn(job, 'iteration'))
        desc.iteration = parseIteration(job.iteration, ctx.maxIterations);
    const deps = given(job, 'dependencies');
    if (deps !== undefined)
        desc.dependencies = parseDependencies(deps, desc.iteration !== undefined);
    const attributes = given(job, 'attributes');
    if (attributes !== undefined) {
        if (!isObject(attributes))
            wrong('Job attributes must be a dictionary');
        const bad = checkAttributes(attributes);
        if (bad)
            wrong(bad);
        desc.attributes = attributes;
        for (const key of ['stageIn', 'stageOut']) {
            const list = given(attributes, key);
            if (list !== undefined)
                desc.attributes[key] = parseStageList(list, key);
        }
    }
    return desc;
}
/** attributes.stageIn / stageOut: `[{from, to?}]` (pilotmq extension; README "Files on SSH hosts") */
function parseStageList(list, key) {
    if (!Array.isArray(list))
        wrong(`Job attribute ${key} must be a list of {"from": ..., "to": ...}`);
    return list.map((item, i) => {
        const where = `Job attribute ${key}[${i}]`;
        if (!isObject(item))
            wrong(`${where} must be a dictionary {"from": ..., "to": ...}`);
        rejectUnknownKeys(item, ['from', 'to'], (k) => `${where}: unknown key '${k}' (only "from" and "to")`);
        const from = given(item, 'from');
        if (typeof from !== 'string' || from === '')
            wrong(`${where}: "from" must be a non-empty string`);
        const to = given(item, 'to');
        if (to !== undefined && (typeof to !== 'string' || to === ''))
            wrong(`${where}: "to" must be a non-empty string when given`);
        return to === undefined ? { from: from } : { from: from, to: to };
    });
}
const EXEC_KEYS = ['exec', 'args', 'script', 'env', 'wd', 'stdin', 'stdout', 'stderr', 'modules', 'venv', 'model', 'model_opts'];
const EXEC_STRINGS = ['exec', 'script', 'wd', 'stdin', 'stdout', 'stderr', 'venv', 'model'];
function parseExecution(e) {
    rejectUnknownKeys(e, EXEC_KEYS);
    const [exec, script, args, env] = [given(e, 'exec'), given(e, 'script'), given(e, 'args'), given(e, 'env')];
    if (!truthy(exec) && !truthy(script))
        wrong('Job execution (exec or script) not defined');
    if (truthy(script) && (truthy(exec) || truthy(args) || truthy(env)))
        wrong('Job script and exec or args or env defined');
    if (args !== undefined) {
        if (!Array.isArray(args))
            wrong('Execution arguments must be an array');
        if (!args.every(isText))
            wrong('Execution arguments must be strings or numbers');
    }
    if (env !== undefined) {
        if (!isObject(env))
            wrong('Execution environment must be a dictionary');
        if (!Object.values(env).every(isText))
            wrong('Execution environment values must be strings');
    }
    const modelOpts = given(e, 'model_opts');
    if (modelOpts !== undefined && !isObject(modelOpts))
        wrong('Execution model options must be a dictionary');
    for (const key of EXEC_STRINGS) {
        const v = given(e, key);
        if (v !== undefined && typeof v !== 'string')
            wrong(`execution.${key} must be a string`);
    }
    const modules = given(e, 'modules');
    if (modules !== undefined && typeof modules !== 'string' && !(Array.isArray(modules) && modules.every((m) => typeof m === 'string'))) {
        wrong('execution.modules must be a string or an array of strings');
    }
    // Normalized: exactly one of exec/script (the non-empty one); empty modules/venv mean none.
    const out = {};
    if (truthy(exec))
        out.exec = exec;
    if (truthy(script))
        out.script = script;
    out.args = (args ?? []).map(toText);
    out.env = {};
    for (const [k, v] of Object.entries((env ?? {})))
        setOwn(out.env, k, toText(v));
    for (const key of ['wd', 'stdin', 'stdout', 'stderr']) {
        const v = given(e, key);
        if (v !== undefined)
            out[key] = v;
    }
    const moduleList = typeof modules === 'string' ? (modules ? [modules] : []) : (modules ?? []);
    if (moduleList.length > 0)
        out.modules = moduleList;
    const venv = given(e, 'venv');
    if (venv)
        out.venv = venv;
    const model = given(e, 'model');
    if (model !== undefined)
        out.model = model.toLowerCase();
    if (modelOpts !== undefined)
        out.model_opts = modelOpts;
    return out;
}
const RESOURCE_KEYS = ['numCores', 'numNodes', 'wt', 'nodeCrs'];
function parseResources(r) {
    rejectUnknownKeys(r, RESOURCE_KEYS);
    const [cores, nodes] = [given(r, 'numCores'), given(r, 'numNodes')];
    if (cores === undefined && nodes === undefined)
        wrong('No resources defined');
    const out = {};
    if (cores !== undefined)
        out.numCores = parseSize(cores, 'cores');
    if (nodes !== undefined)
        out.numNodes = parseSize(nodes, 'nodes');
    const wt = given(r, 'wt');
    if (wt !== undefined) {
        const parsed = parseWallTime(wt);
        if (!parsed.ok)
            return wrong(parsed.message);
        out.wt = wt;
        out.wtSeconds = parsed.seconds;
    }
    const crs = given(r, 'nodeCrs');
    if (crs !== undefined) {
        const parsed = parseNodeCrs(crs);
        if (Object.keys(parsed).length > 0)
            out.nodeCrs = parsed;
    }
    return out;
}
const SIZE_KEYS = ['exact', 'min', 'max', 'scheduler'];
function parseSize(v, what) {
    const typeError = (x) => wrong(`Wrong definition of number of ${what} (${pyTypeName(x)})`);
    const size = isInt(v) ? { exact: v } : isObject(v) ? v : typeError(v);
    rejectUnknownKeys(size, SIZE_KEYS);
    const [exact, min, max, scheduler] = SIZE_KEYS.map((k) => given(size, k));
    const bounds = [exact, min, max].filter((x) => x !== undefined);
    for (const x of bounds)
        if (!isInt(x))
            typeError(x);
    if (exact !== undefined && (min !== undefined || max !== undefined || scheduler !== undefined)) {
        wrong('Exact number of resources defined with min/max/scheduler');
    }
    if (min !== undefined && max !== undefined && min > max)
        wrong('Maximum number greater than minimal');
    if (bounds.length === 0)
        wrong('No resources defined');
    if (bounds.some((x) => x < 0))
        wrong('Negative number of resources');
    if (bounds.some((x) => x === 0))
        wrong('Number of resources must be greater than 0');
    const out = {};
    if (exact !== undefined)
        out.exact = exact;
    if (min !== undefined)
        out.min = min;
    if (max !== undefined)
        out.max = max;
    if (scheduler !== undefined)
        out.scheduler = parseScheduler(scheduler);
    return out;
}
/** `"name"` or `{name, params?: {parts?}}`; other keys are ignored (QCG-PilotJob passes them on unused). */
function parseScheduler(s) {
    const bad = () => wrong('Wrong definition of iteration scheduler');
    if (typeof s === 'string')
        return { name: s.toLowerCase() };
    if (!isObject(s))
        return bad();
    const name = given(s, 'name');
    if (typeof name !== 'string')
        return bad();
    const out = { name: name.toLowerCase() };
    const params = given(s, 'params');
    if (params !== undefined) {
        if (!isObject(params))
            return bad();
        const parts = given(params, 'parts');
        if (parts !== undefined && !(isInt(parts) && parts >= 1))
            return bad();
        out.params = parts === undefined ? {} : { parts: parts };
    }
    return out;
}
/** `nodeCrs`: names `gpu`/`mem` in any case → integer ≥ 1; returned with lower-cased names. */
function parseNodeCrs(crs) {
    if (!isObject(crs))
        return wrong(`Wrong definition of Consumable Resources ${pyTypeName(crs)} (must be a dictionary)`);
    const out = {};
    for (const [name, count] of Object.entries(crs)) {
        const key = name.toLowerCase();
        if (key !== 'gpu' && key !== 'mem')
            wrong(`Unknown consumable resource ${name}`);
        if (Object.hasOwn(out, key))
            wrong(`Consumable resource ${name} already defined`);
        if (!isInt(count))
            wrong(`Consumable resource ${name} count not a number ${pyTypeName(count)}`);
        if (count < 1)
            wrong(`Number of consumable resource ${name} must be greater than 0`);
        out[key] = count;
    }
    return out;
}
/** The iteration element; its form was checked at stage P (an object with integer start/stop, start ≤ stop). */
function parseIteration(it, maxIterations) {
    rejectUnknownKeys(it, ['start', 'stop', 'values'], () => 'Job iteration wrong specification');
    const [start, stop, values] = [given(it, 'start'), given(it, 'stop'), given(it, 'values')];
    if (stop !== undefined && values !== undefined)
        wrong('Stop and values iteration are excluding');
    let out;
    if (values === undefined) {
        if ((start ?? 0) === stop)
            wrong('Job iteration stop greater or equal than start');
        out = { start: start ?? 0, stop: stop };
    }
    else {
        if (!Array.isArray(values) || values.length === 0 || !values.every(isText)) {
            wrong('Job iteration values must be a non-empty array of strings');
        }
        out = { start: 0, stop: values.length, values: values.map(toText) };
    }
    const n = out.stop - out.start;
    if (n > maxIterations)
        wrong(`Too many iterations (${n}, limit ${maxIterations})`);
    return out;
}
function parseDependencies(d, iterative) {
    if (!isObject(d))
        return wrong('Job dependencies wrong type');
    rejectUnknownKeys(d, ['after'], () => 'Job dependencies wrong specification');
    const after = given(d, 'after') ?? [];
    if (!Array.isArray(after) || !after.every((x) => typeof x === 'string')) {
        wrong("Dependency task's list must be an array of job names");
    }
    if (!iterative) {
        const entry = after.find((x) => x.includes('${it}'));
        if (entry !== undefined)
            wrong(`Dependency '${entry}' uses \${it} in a job without iterations`);
    }
    return { after: [...after] };
}
// ---------------------------------------------------------------------------------------------------------
// Minimum requirement (jobs.md §10.2) and iteration resource schedulers (§10.4).
function checkMinimum(desc, ctx, totals) {
    const { numCores, numNodes } = desc.resources;
    const cmin = numCores?.exact ?? numCores?.min ?? 1;
    const nmin = numNodes?.exact ?? numNodes?.min ?? 0;
    const tooFewBigNodes = () => ctx.nodes.filter((n) => n.cores >= cmin).length < nmin;
    if (nmin > totals.nodes || (numCores && numNodes && tooFewBigNodes()) || cmin * Math.max(nmin, 1) > totals.cores) {
        reject(`Not enough resources for job ${desc.name}`);
    }
}
/** For a size with a scheduler on an iterative job of n iterations: the size of the iteration at a position. */
function sizeByIteration(size, n, total) {
    const scheduler = size.scheduler;
    if (!scheduler)
        return undefined;
    const split = scheduler.name === 'split-into';
    if (size.max !== undefined) {
        reject(`Wrong submit request - ${split ? 'split-into' : 'maximum-iters'} directive mixed with max directive`);
    }
    if (!split)
        return maximumIters(n, total, size.min ?? 1);
    const part = Math.floor(total / (scheduler.params?.parts ?? n));
    if (part <= 0)
        reject('Wrong submit request - split-into resolved to zero');
    return () => part;
}
/**
 * Share j (0-based) when `total` is dealt to m shares one after another, each taking floor(rest / shares left):
 * the first m − total % m shares get floor(total / m), the others one more.
 */
const share = (total, m, j) => Math.floor(total / m) + (j >= m - (total % m) ? 1 : 0);
/**
 * `maximum-iters` (jobs.md §10.4) in closed form, O(1) per position. Round r takes ceil(left / (rounds − r))
 * of the iterations left, which means the first n % rounds rounds take floor(n / rounds) + 1 and the rest
 * floor(n / rounds); each round deals `total` among its iterations like one single round.
 */
export function maximumIters(n, total, pmin) {
    if (n * pmin <= total)
        return (i) => share(total, n, i);
    const perRound = Math.max(1, Math.floor(total / pmin)); // ≥ 1 once the minimum check has passed
    const rounds = Math.ceil(n / perRound);
    const small = Math.floor(n / rounds); // ≥ 1 since rounds ≤ n
    const inLargeRounds = (n % rounds) * (small + 1);
    return (i) => (i < inLargeRounds ? share(total, small + 1, i % (small + 1)) : share(total, small, (i - inLargeRounds) % small));
}
// ---------------------------------------------------------------------------------------------------------
// Dependency cycles among the jobs of one request (jobs.md §5). `b`, `b:3` and `b:${it}` all refer to job b.
function findCycle(descs) {
    const index = new Map(descs.map((d, i) => [d.name, i]));
    const edges = descs.map((d) => {
        const targets = (d.dependencies?.after ?? []).map((entry) => index.get(entry.split(':')[0]));
        return [...new Set(targets)].filter((t) => t !== undefined);
    });
    const state = new Uint8Array(descs.length); // 0 unvisited, 1 on the current path, 2 done
    for (let root = 0; root < descs.length; root++) {
        if (state[root] !== 0)
            continue;
        // Iterative depth-first search: a long chain of jobs must not overflow the call stack.
        const path = [root];
        const next = [0];
        state[root] = 1;
        while (path.length > 0) {
            const top = path.length - 1;
            const target = edges[path[top]][next[top]++];
            if (target === undefined) {
                state[path[top]] = 2;
                path.pop();
                next.pop();
            }
            else if (state[target] === 1) {
                return [...path.slice(path.indexOf(target)), target].map((i) => descs[i].name);
            }
            else if (state[target] === 0) {
                state[target] = 1;
                path.push(target);
                next.push(0);
            }
        }
    }
    return undefined;
}
//# sourceMappingURL=submit.js.map