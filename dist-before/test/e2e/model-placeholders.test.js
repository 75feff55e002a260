/**
 * Placeholders against a real manager (jobs.md §6, §11.2): submit-time values (`rcnt`, `uniq`, `sname`,
 * `date`, `time`, `dateTime`, `jname`) in every field, execution-time values (`root_wd`, `ncores`, `nnodes`,
 * `nlist`, `it`) in every execution field, `$$` through both passes, unknown names kept, names that are no
 * placeholders, and the QCG_PM_* variables consistent with the allocation. The manager writes a `json` report,
 * the only place where non-execution fields (attributes, dependencies) after pass 1 can be seen.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { waitForState } from '../helpers/manager-process.js';
import { readText, waitFor } from '../helpers/util.js';
import { coresIn, info, listJobs, parseAllocation, parseEnv, useManager } from './model-common.js';
const STAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/;
const TIME = /^\d\d:\d\d:\d\d\.\d{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
describe('placeholders (nodes a:2,b:2, json report)', () => {
    const ctx = useManager({ nodes: 'a:2,b:2', extra: ['--report-format', 'json'], env: { PILOTMQ_PH_VAR: 'from-manager-env' } });
    /** submit requests with a non-empty jobs array sent so far: ${rcnt} */
    let rcnt = 0;
    const submit = async (jobs) => {
        if (jobs.length)
            rcnt++;
        return ctx.m.request({ request: 'submit', jobs });
    };
    const reportEntry = async (name) => {
        const f = path.join(ctx.m.auxDir, 'jobs.report');
        let found;
        await waitFor(() => {
            if (!fs.existsSync(f))
                return false;
            for (const line of readText(f).split('\n')) {
                if (!line)
                    continue;
                const o = JSON.parse(line);
                if (o.name === name)
                    found = o;
            }
            return found !== undefined;
        }, 30_000, `report entry ${name}`);
        return found;
    };
    test('submit-time placeholders in name, args, env, wd, stdout, stderr, attributes, dependencies; shared by the jobs of a request', async () => {
        const { m } = ctx;
        const r = await submit([
            { name: 'pre-${sname}-${rcnt}', execution: { exec: '/bin/true' } },
            {
                name: 'p${rcnt}-${sname}',
                execution: {
                    exec: '/bin/sh',
                    args: ['-c', 'printf "%s\\n" "$@"; printf "%s\\n" "$R" "$U" "$J" "$D" "$T" "$DT" >&2', 'sh', '${rcnt}', '${uniq}', '${sname}', '${date}', '${time}', '${dateTime}', '${jname}', '$jname'],
                    env: { R: '${rcnt}', U: '${uniq}', J: '${jname}', D: '${date}', T: '${time}', DT: '${dateTime}', 'K_${jname}': 'key-kept' },
                    wd: 'wd_${jname}_${rcnt}',
                    stdout: 'out_${jname}.txt',
                    stderr: 'err_${sname}_${rcnt}.txt',
                },
                attributes: { tag: '${jname}/${rcnt}/${sname}', nested: { list: ['${uniq}', 3] }, runtimeOnly: '${ncores}' },
                dependencies: { after: ['pre-${sname}-${rcnt}'] },
            },
            { name: 'q_${uniq}', execution: { exec: '/bin/sh', args: ['-c', 'echo ${uniq} ${jname}'], stdout: 'q.txt' } },
        ]);
        assert.equal(r.code, 0, JSON.stringify(r));
        assert.equal(rcnt, 1);
        const [pre, p, q] = r.data.jobs;
        assert.equal(pre, 'pre-local-1');
        assert.equal(p, 'p1-local');
        assert.match(q, /^q_[0-9a-f-]{36}$/);
        const uniq = q.slice(2);
        assert.match(uniq, UUID);
        assert.equal(await waitForState(m, p), 'SUCCEED');
        assert.equal(await waitForState(m, q), 'SUCCEED');
        const dir = path.join(m.wd, 'wd_p1-local_1');
        const args = readText(path.join(dir, 'out_p1-local.txt')).split('\n');
        assert.equal(args.pop(), '');
        const [a1, a2, a3, a4, a5, a6, a7, a8] = args;
        assert.equal(a1, '1');
        assert.equal(a2, uniq, '${uniq} is one value per request');
        assert.equal(a3, 'local');
        assert.match(a4, STAMP, '${date}');
        assert.match(a5, TIME, '${time} is the real time (protocol.md §6 (g))');
        assert.match(a6, STAMP, '${dateTime}');
        assert.equal(a7, 'p1-local', '${jname}');
        assert.equal(a8, 'p1-local', '$jname');
        assert.deepEqual(readText(path.join(dir, 'err_local_1.txt')).split('\n'), ['1', uniq, 'p1-local', a4, a5, a6, '']);
        assert.equal(readText(path.join(m.wd, 'q.txt')), `${uniq} ${q}\n`);
        assert.equal((await info(m, p)).status, 'SUCCEED', 'the dependency after pass 1 named pre-local-1');
        const rep = await reportEntry(p);
        assert.deepStrictEqual(rep.attributes, { tag: 'p1-local/1/local', nested: { list: [uniq, 3] }, runtimeOnly: '${ncores}' }, 'attributes: pass 1 only');
        assert.deepStrictEqual(rep.dependencies, { after: ['pre-local-1'] });
        const ex = rep.execution;
        assert.deepStrictEqual(Object.keys(ex.env), ['R', 'U', 'J', 'D', 'T', 'DT', 'K_${jname}'], 'keys are never substituted');
        assert.equal(ex.wd, 'wd_p1-local_1');
    });
    test('a second request: rcnt 2, another uniq; rejected requests count too', async () => {
        const { m } = ctx;
        const bad = await submit([{ name: 'bad name ${rcnt}', execution: { exec: '/bin/true' } }]);
        assert.deepStrictEqual(bad, { code: 1, message: "Job identifier '(bad name 2)' contains invalid characters or unknown variables" });
        const r = await submit([
            { name: 'r${rcnt}', execution: { exec: '/bin/sh', args: ['-c', 'echo ${uniq}'], stdout: 'r3.txt' } },
            { name: 'r${rcnt}b', execution: { exec: '/bin/sh', args: ['-c', 'echo ${uniq}'], stdout: 'r3b.txt' } },
        ]);
        assert.deepStrictEqual(r.data?.jobs, ['r3', 'r3b']);
        assert.equal(await waitForState(m, 'r3'), 'SUCCEED');
        assert.equal(await waitForState(m, 'r3b'), 'SUCCEED');
        const u3 = readText(path.join(m.wd, 'r3.txt')).trim();
        assert.match(u3, UUID);
        assert.equal(readText(path.join(m.wd, 'r3b.txt')).trim(), u3, 'same uniq for the jobs of one request');
        const first = (await listJobs(m)).jobs;
        const q = Object.keys(first).find((n) => n.startsWith('q_'));
        assert.notEqual(q.slice(2), u3, 'a new uniq per request');
    });
    test('names: placeholders that cannot make a valid name are rejected (jname, date, dateTime, time, it, nlist, $$, unknown)', async () => {
        const { m } = ctx;
        const before = await listJobs(m);
        const ident = (n) => `Job identifier '(${n})' contains invalid characters or unknown variables`;
        const check = async (name, expect) => {
            const r = await submit([{ name, execution: { exec: '/bin/true' } }]);
            assert.equal(r.code, 1, `${name}: ${JSON.stringify(r)}`);
            if (typeof expect === 'string')
                assert.equal(r.message, expect, name);
            else
                assert.match(String(r.message), expect, name);
        };
        await check('n_${jname}', ident('n_${jname}'));
        await check('n_${date}', /^Job identifier '\(n_\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\)' contains invalid characters or unknown variables$/);
        await check('n_${dateTime}', /^Job identifier '\(n_\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\)' contains invalid characters or unknown variables$/);
        await check('n_${time}', /^Wrong submit request: Invalid job name n_\d\d:\d\d:\d\d\.\d{6}$/);
        await check('n_${nlist}', ident('n_${nlist}'));
        await check('n_$ncores', ident('n_$ncores'));
        await check('a$$b', ident('a$b'));
        await check('n_$HOME', ident('n_$HOME'));
        assert.deepStrictEqual(await listJobs(m), before);
        // $$ alone in a name after pass 1 is a `$` too; a name with no `$` left is fine
        const ok = await submit([{ name: 'ok_${sname}_${rcnt}', execution: { exec: '/bin/true' } }]);
        assert.deepStrictEqual(ok.data?.jobs, [`ok_local_${rcnt}`]);
        assert.equal(await waitForState(m, `ok_local_${rcnt}`), 'SUCCEED');
    });
    test('execution-time placeholders in args, env, wd, stdin, stdout, stderr; not outside execution', async () => {
        const { m } = ctx;
        // 3 cores on a:2,b:2 → a[0:1],b[0]: ncores 3, nnodes 2, nlist a,b
        fs.mkdirSync(path.join(m.wd, 'x_2n'), { recursive: true });
        fs.writeFileSync(path.join(m.wd, 'x_2n', 'in_3.txt'), 'stdin-three\n');
        const r = await submit([
            {
                name: 'exe',
                execution: {
                    exec: '/bin/sh',
                    // single quotes around ${it}|${itval}: the shell must not expand what the manager kept
                    args: ['-c', 'cat; echo "${root_wd}|${ncores}|${nnodes}|${nlist}|$NC|$NN|$NL|$RW|"\'${it}|${itval}\'; echo err >&2', 'sh'],
                    env: { NC: '${ncores}', NN: '${nnodes}', NL: '${nlist}', RW: '${root_wd}' },
                    wd: 'x_${nnodes}n',
                    stdin: 'in_${ncores}.txt',
                    stdout: 'o_${nlist}.txt',
                    stderr: '${root_wd}/e_${ncores}_${nnodes}.txt',
                },
                resources: { numCores: 3 },
                attributes: { a: '${ncores}', b: '${root_wd}' },
            },
        ]);
        assert.equal(r.code, 0, JSON.stringify(r));
        assert.equal(await waitForState(m, 'exe'), 'SUCCEED');
        assert.equal((await info(m, 'exe')).runtime.allocation, 'a[0:1],b[0]');
        assert.equal(readText(path.join(m.wd, 'x_2n', 'o_a,b.txt')), `stdin-three\n${m.wd}|3|2|a,b|3|2|a,b|${m.wd}|\${it}|\${itval}\n`, '${it}/${itval} are unknown in a job without iterations: kept');
        assert.equal(readText(path.join(m.wd, 'e_3_2.txt')), 'err\n');
        const rep = await reportEntry('exe');
        assert.deepStrictEqual(rep.attributes, { a: '${ncores}', b: '${root_wd}' }, 'pass 2 is over execution only');
        assert.equal(rep.execution.wd, 'x_${nnodes}n', 'the report shows the description after pass 1');
    });
    test('placeholders in exec and venv: the program path and the virtual environment per iteration', async () => {
        const { m } = ctx;
        for (const i of [0, 1]) {
            fs.mkdirSync(path.join(m.wd, 'tools'), { recursive: true });
            fs.writeFileSync(path.join(m.wd, 'tools', `run_${i}.sh`), `#!/bin/sh\necho "run ${i} $1 venv=$VENV_SEEN"\n`, { mode: 0o755 });
            fs.mkdirSync(path.join(m.wd, `venv_${i}`, 'bin'), { recursive: true });
            fs.writeFileSync(path.join(m.wd, `venv_${i}`, 'bin', 'activate'), `export VENV_SEEN=venv-${i}\n`);
        }
        const r = await submit([
            {
                name: 'ph-exec',
                execution: { exec: '${root_wd}/tools/run_${it}.sh', args: ['${jname}'], venv: '${root_wd}/venv_${it}', stdout: 'ph-exec_${it}.txt' },
                iteration: { stop: 2 },
            },
        ]);
        assert.equal(r.code, 0, JSON.stringify(r));
        assert.equal(await waitForState(m, 'ph-exec'), 'SUCCEED');
        for (const i of [0, 1]) {
            assert.equal(readText(path.join(m.wd, `ph-exec_${i}.txt`)), `run ${i} ph-exec venv=venv-${i}\n`);
            assert.equal((await info(m, `ph-exec:${i}`)).runtime.pname, `run_${i}.sh`, 'pname: basename of exec after both passes');
        }
    });
    test('$$ through both passes; unknown names ($HOME, ${HOME}, $x) kept; shell variables named like placeholders replaced', async () => {
        const { m } = ctx;
        const r = await submit([
            {
                name: 'dollars',
                execution: {
                    exec: '/bin/echo',
                    args: ['$$', '$${it}', '$$$$', '$$$$$$$$', '$x', '$', 'a$', '${', '$1', '$$ncores', '$HOME', '${HOME}', '${PILOTMQ_PH_VAR}', '$${jname}', '$$$${it}'],
                    stdout: 'dollars_${it}.txt',
                },
                iteration: { start: 4, stop: 5 },
                attributes: { d: '$$', e: '$${it}', f: '$$$$' },
            },
            {
                name: 'shellvars',
                execution: { script: 'it=99; ncores=77; nlist=zz; HOME_SEEN="$HOME"; echo "$it $ncores $nlist ${HOME_SEEN:+home} $PILOTMQ_PH_VAR"', stdout: 'shellvars_${it}.txt' },
                iteration: { stop: 1 },
                resources: { numCores: 2 },
            },
        ]);
        assert.equal(r.code, 0, JSON.stringify(r));
        assert.equal(await waitForState(m, 'dollars'), 'SUCCEED');
        assert.equal(await waitForState(m, 'shellvars'), 'SUCCEED');
        // pass 1: $$→$, $${it}→${it}, $$$$→$$, $$$$$$$$→$$$$, $$ncores→$ncores, $${jname}→${jname}, $$$${it}→$${it}
        // pass 2: $→$, ${it}→4, $$→$, $$$$→$$, $ncores→1, ${jname}→${jname} (unknown at run time), $${it}→${it}
        assert.equal(readText(path.join(m.wd, 'dollars_4.txt')), '$ 4 $ $$ $x $ a$ ${ $1 1 $HOME ${HOME} ${PILOTMQ_PH_VAR} ${jname} ${it}\n');
        const svAlloc = (await info(m, 'shellvars:0')).runtime.allocation;
        const svNodes = parseAllocation(svAlloc).map((n) => n.node).join(',');
        assert.equal(readText(path.join(m.wd, 'shellvars_0.txt')), `0 2 ${svNodes} home from-manager-env\n`, '$it, $ncores, $nlist are placeholders; $HOME reaches the shell');
        const rep = await reportEntry('dollars');
        assert.deepStrictEqual(rep.attributes, { d: '$', e: '${it}', f: '$$' }, 'attributes see pass 1 only');
    });
    test('QCG_PM_* variables match the allocation for several shapes (and ${ncores} ${nnodes} ${nlist} agree)', async () => {
        const { m } = ctx;
        const shapes = [
            ['e-cores3', { numCores: 3 }, undefined],
            ['e-2x1', { numNodes: 2, numCores: 1 }, undefined],
            ['e-whole', { numNodes: 1 }, undefined],
            ['e-range', { numCores: { min: 1, max: 4 } }, undefined],
            ['e-split', { numCores: { min: 1, scheduler: 'split-into' } }, { stop: 2 }],
        ];
        const r = await submit(shapes.map(([name, resources, iteration]) => ({
            name,
            execution: { exec: '/bin/sh', args: ['-c', 'echo "PH=${ncores}|${nnodes}|${nlist}"; env'], stdout: iteration ? `${name}_\${it}.env` : `${name}.env` },
            resources,
            ...(iteration ? { iteration } : {}),
        })));
        assert.equal(r.code, 0, JSON.stringify(r));
        const steps = new Set();
        for (const [name, , iteration] of shapes) {
            assert.equal(await waitForState(m, name), 'SUCCEED', name);
            const units = iteration ? [0, 1].map((i) => [`${name}:${i}`, `${name}_${i}.env`]) : [[name, `${name}.env`]];
            for (const [unit, file] of units) {
                const alloc = (await info(m, unit)).runtime.allocation;
                const text = readText(path.join(m.wd, file));
                const e = parseEnv(text);
                const nodes = parseAllocation(alloc);
                const names = nodes.map((n) => n.node).join(',');
                assert.equal(e.QCG_PM_NNODES, String(nodes.length), `${unit} ${alloc}`);
                assert.equal(e.QCG_PM_NODELIST, names, `${unit} ${alloc}`);
                assert.equal(e.QCG_PM_NPROCS, String(coresIn(alloc)), `${unit} ${alloc}`);
                assert.equal(e.QCG_PM_NTASKS, String(coresIn(alloc)), `${unit} ${alloc}`);
                assert.equal(e.QCG_PM_TASKS_PER_NODE, nodes.map((n) => n.cores.length).join(','), `${unit} ${alloc}`);
                assert.equal(e.QCG_PM_ZMQ_ADDRESS, m.address);
                assert.match(e.QCG_PM_STEP_ID ?? '', /^[0-9a-f]{32}$/);
                steps.add(e.QCG_PM_STEP_ID);
                assert.ok(!('QCG_PM_CPU_SET' in e));
                assert.equal(e.PH, `${coresIn(alloc)}|${nodes.length}|${names}`, `${unit}: pass-2 placeholders agree with the environment`);
            }
        }
        assert.equal(steps.size, 6, 'one step id per execution');
    });
});
//# sourceMappingURL=model-placeholders.test.js.map