/**
 * From a scheduled task to the command the agent runs (jobs.md §6 pass 2, §11.1, §11.2, §12). Pure.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { substitute } from '../../protocol/placeholders.js';
import { RESULT_MAX_BYTES, resultFileOf } from '../../protocol/attributes.js';
import { coreCount } from './resources.js';
const shellQuote = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
export function buildLaunch(task, pool, ctx) {
    const alloc = task.alloc ?? [];
    const nodeNames = alloc.map((p) => pool.nodes[p.node].name);
    const ncores = coreCount(alloc);
    const job = task.job;
    const node = alloc[0]?.node ?? 0;
    const rootWd = ctx.nodeRootWd?.[node] ?? ctx.rootWd;
    const vars = {
        root_wd: rootWd,
        ncores: String(ncores),
        nnodes: String(alloc.length),
        nlist: nodeNames.join(','),
    };
    if (task.idx !== null) {
        vars.it = String(task.idx);
        const values = job.desc.iteration?.values;
        vars.itval = values ? values[task.idx] : String(task.idx);
    }
    const sub = (s) => (s === undefined ? undefined : substitute(s, vars));
    const e = job.desc.execution;
    const wdGiven = sub(e.wd);
    const wd = wdGiven ? path.resolve(rootWd, wdGiven) : rootWd;
    const env = {};
    for (const [k, v] of Object.entries(e.env))
        env[k] = substitute(v, vars);
    Object.assign(env, {
        QCG_PM_ZMQ_ADDRESS: ctx.address,
        QCG_PM_NNODES: String(alloc.length),
        QCG_PM_NODELIST: nodeNames.join(','),
        QCG_PM_NPROCS: String(ncores),
        QCG_PM_NTASKS: String(ncores),
        QCG_PM_TASKS_PER_NODE: alloc.map((p) => p.cores.length).join(','),
        QCG_PM_STEP_ID: randomUUID().replaceAll('-', ''), // randomUUID draws from a cached entropy pool: cheap per launch
    });
    if (ctx.jobEnv)
        Object.assign(env, ctx.jobEnv);
    let exec;
    let args;
    let pname;
    const modules = e.modules?.map((m) => substitute(m, vars)) ?? [];
    const venv = sub(e.venv);
    let prefix = '';
    if (modules.length)
        prefix += `source /etc/profile && module load ${modules.map(shellQuote).join(' ')}; `;
    if (venv)
        prefix += `source ${shellQuote(venv)}/bin/activate; `;
    if (e.script !== undefined) {
        exec = 'bash';
        args = ['-l', '-c', prefix + substitute(e.script, vars)];
        pname = 'bash';
    }
    else {
        const program = substitute(e.exec ?? '', vars);
        const programArgs = e.args.map((a) => substitute(a, vars));
        pname = path.basename(program);
        if (prefix) {
            exec = 'bash';
            args = ['-l', '-c', `${prefix}exec ${[program, ...programArgs].map(shellQuote).join(' ')}`];
        }
        else {
            exec = program;
            args = programArgs;
        }
    }
    const wt = job.desc.resources.wtSeconds;
    const stageList = (key) => (job.desc.attributes?.[key] ?? []).map((f) => ({ from: substitute(f.from, vars), ...(f.to !== undefined ? { to: substitute(f.to, vars) } : {}) }));
    const stage = { in: stageList('stageIn'), out: stageList('stageOut') };
    const resultFile = resultFileOf(job.desc.attributes);
    return {
        ...(resultFile ? { resultFile: sub(resultFile), resultMaxBytes: RESULT_MAX_BYTES } : {}),
        exec,
        args,
        env,
        wd,
        stdin: sub(e.stdin),
        stdout: sub(e.stdout),
        stderr: sub(e.stderr),
        wallTimeMs: wt ? wt * 1000 : undefined,
        killGraceMs: ctx.killGraceMs,
        pname,
        node,
        ...(stage.in.length || stage.out.length ? { stage } : {}),
    };
}
//# sourceMappingURL=launch.js.map