/**
 * Stage S validation wired through a real manager (jobs.md §7; protocol.md §4.1): a representative sample of
 * the rules (test/unit/submit.test.ts covers the validator exhaustively), each in a request whose earlier jobs
 * are valid, with the exact message and `code 1`, the order of the checks, and proof that nothing of any
 * rejected request was registered (listJobs identical before and after).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { submitOk, waitForState } from '../helpers/manager-process.js';
import { listJobs, useManager } from './model-common.js';
const W = (t) => `Wrong submit request: ${t}`;
const job = (name, extra = {}, execution = {}) => ({ name, execution: { exec: '/bin/true', ...execution }, ...extra });
/** [title, the rejected job (or several), expected message] */
const CASES = [
    ['name not a string', [job(5)], W('Invalid job name 5')],
    ['empty name', [job('')], W('Invalid job name ""')],
    ['unknown key in execution', [job('k1', {}, { foo: 1 })], W("unexpected keyword argument 'foo'")],
    ['unknown key in a size object', [job('k2', { resources: { numCores: { exact: 1, avg: 2 } } })], W("unexpected keyword argument 'avg'")],
    ['unknown key in resources', [job('k3', { resources: { numCores: 1, gpus: 1 } })], W("unexpected keyword argument 'gpus'")],
    ['execution not an object', [{ name: 'k4', execution: 'x' }], W('Job execution not defined or wrong type')],
    ['resources not an object', [job('k5', { resources: 5 })], W('Job resources not defined or wrong type')],
    ['attributes not an object', [job('k6', { attributes: ['a'] })], W('Job attributes must be a dictionary')],
    ['env not an object', [job('k7', {}, { env: ['A=1'] })], W('Execution environment must be a dictionary')],
    ['env value not a string', [job('k8', {}, { env: { A: true } })], W('Execution environment values must be strings')],
    ['args element not a string or number', [job('k9', {}, { args: ['a', { b: 1 }] })], W('Execution arguments must be strings or numbers')],
    ['model_opts not an object', [job('k10', {}, { model_opts: 'x' })], W('Execution model options must be a dictionary')],
    ['wd not a string', [job('k11', {}, { wd: 7 })], W('execution.wd must be a string')],
    ['modules not strings', [job('k12', {}, { modules: ['a', 1] })], W('execution.modules must be a string or an array of strings')],
    ['script with env', [{ name: 'k13', execution: { script: 'true', env: { A: '1' } } }], W('Job script and exec or args or env defined')],
    ['numCores a string', [job('k14', { resources: { numCores: '2' } })], W('Wrong definition of number of cores (str)')],
    ['numNodes a float', [job('k15', { resources: { numNodes: 1.5 } })], W('Wrong definition of number of nodes (float)')],
    ['size field a bool', [job('k16', { resources: { numCores: { exact: true } } })], W('Wrong definition of number of cores (bool)')],
    ['empty size object', [job('k17', { resources: { numCores: {} } })], W('No resources defined')],
    ['bad scheduler', [job('k18', { resources: { numCores: { min: 1, scheduler: 5 } }, iteration: { stop: 2 } })], W('Wrong definition of iteration scheduler')],
    ['wt not a string', [job('k19', { resources: { numCores: 1, wt: 10 } })], W('Wrong wall time format')],
    ['wt "1h30"', [job('k20', { resources: { numCores: 1, wt: '1h30' } })], W('Wrong wall time format')],
    ['wt "0m"', [job('k21', { resources: { numCores: 1, wt: '0m' } })], W('Wall time must be greater than 0')],
    ['nodeCrs not an object', [job('k22', { resources: { numNodes: 1, nodeCrs: 3 } })], W('Wrong definition of Consumable Resources int (must be a dictionary)')],
    ['nodeCrs unknown name', [job('k23', { resources: { numNodes: 1, nodeCrs: { tpu: 1 } } })], W('Unknown consumable resource tpu')],
    ['nodeCrs duplicate', [job('k24', { resources: { numNodes: 1, nodeCrs: { gpu: 1, GPU: 2 } } })], W('Consumable resource GPU already defined')],
    ['nodeCrs count < 1', [job('k25', { resources: { numNodes: 1, nodeCrs: { mem: 0 } } })], W('Number of consumable resource mem must be greater than 0')],
    ['iteration unknown key', [job('k26', { iteration: { stop: 2, step: 1 } })], W('Job iteration wrong specification')],
    ['iteration stop and values', [job('k27', { iteration: { stop: 2, values: ['a'] } })], W('Stop and values iteration are excluding')],
    ['iteration values empty', [job('k28', { iteration: { values: [] } })], W('Job iteration values must be a non-empty array of strings')],
    ['dependencies not an object', [job('k29', { dependencies: ['a'] })], W('Job dependencies wrong type')],
    ['dependencies unknown key', [job('k30', { dependencies: { before: [] } })], W('Job dependencies wrong specification')],
    ['after not an array', [job('k31', { dependencies: { after: 'a' } })], W("Dependency task's list must be an array of job names")],
    ['${it} entry without iterations', [job('k32', { dependencies: { after: ['x:${it}'] } })], W("Dependency 'x:${it}' uses ${it} in a job without iterations")],
    ['not enough nodes (2 nodes)', [job('k33', { resources: { numNodes: 3 } })], 'Not enough resources for job k33'],
    ['max with maximum-iters', [job('k34', { resources: { numCores: { min: 1, max: 2, scheduler: 'maximum-iters' } }, iteration: { stop: 2 } })], 'Wrong submit request - maximum-iters directive mixed with max directive'],
    ['split-into resolved to zero (parts 5 on 4 cores)', [job('k35', { resources: { numCores: { min: 1, scheduler: { name: 'split-into', params: { parts: 5 } } } }, iteration: { stop: 5 } })], 'Wrong submit request - split-into resolved to zero'],
    // order of the checks (jobs.md §7: name substitution, characters, uniqueness, description, minimum resources, scheduler)
    ['bad name wins over a bad description', [job('o 1', { bogus: 1 })], "Job identifier '(o 1)' contains invalid characters or unknown variables"],
    ['a registered name wins over a bad description', [job('reg', { bogus: 1 })], 'Job reg already exist'],
    ['the description wins over the minimum requirement', [job('o2', { resources: { numCores: 99 }, attributes: 5 })], W('Job attributes must be a dictionary')],
    ['the minimum requirement wins over the scheduler', [job('o3', { resources: { numCores: { min: 5, max: 6, scheduler: 'split-into' } }, iteration: { stop: 2 } })], 'Not enough resources for job o3'],
    ['the first failing job wins', [job('o4', { resources: { numCores: 'x' } }), job('o4')], W('Wrong definition of number of cores (str)')],
    ['a later duplicate after a valid job', [job('o5'), job('o6'), job('o5')], 'Job o5 already exist'],
];
describe('stage S validation through a real manager (nodes a:2,b:2)', () => {
    const ctx = useManager({ nodes: 'a:2,b:2' });
    test('a job registered before the rejections', async () => {
        await submitOk(ctx.m, [{ name: 'reg', execution: { exec: '/bin/true' } }]);
        assert.equal(await waitForState(ctx.m, 'reg'), 'SUCCEED');
    });
    for (const [i, [title, bad, message]] of CASES.entries()) {
        test(`rejected: ${title}`, async () => {
            const { m } = ctx;
            const before = await listJobs(m);
            // a valid job first: all-or-nothing means it must not be registered either
            const valid = `valid-${i}`;
            const r = await m.request({ request: 'submit', jobs: [job(valid), ...bad] });
            assert.deepStrictEqual(r, { code: 1, message });
            assert.deepStrictEqual(await listJobs(m), before, 'listJobs unchanged');
            assert.deepStrictEqual(await m.request({ request: 'jobStatus', jobNames: [valid] }), { code: 1, message: `Job '${valid}' doesn't exist` });
        });
    }
    test('the same manager still accepts a good request afterwards, and its counters saw nothing of the rejected ones', async () => {
        const { m } = ctx;
        const r = await m.request({ request: 'submit', jobs: [job('valid-0'), job('o5')] });
        assert.deepStrictEqual(r, { code: 0, message: '2 jobs submitted', data: { submitted: 2, jobs: ['valid-0', 'o5'] } });
        const s = await m.request({ request: 'status' });
        assert.equal(s.data.JobStats.TotalJobs, 3);
        assert.equal(s.data.IterationStats.TotalIterations, 3);
        assert.deepEqual(Object.keys((await listJobs(m)).jobs), ['reg', 'valid-0', 'o5']);
    });
});
//# sourceMappingURL=model-validation.test.js.map