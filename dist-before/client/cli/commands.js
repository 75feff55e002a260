/**
 * The client commands of the CLI. Each returns the process exit code; errors are thrown and mapped to exit
 * codes by main.ts (`exitCodeOf`).
 */
import { ConnectionError, TimeoutElapsed } from '../errors.js';
import { Jobs } from '../jobs.js';
import { readKeyPair } from '../curve.js';
import { Manager } from '../manager.js';
import { isFinal } from '../types.js';
import { countStates, formatCounts, formatElapsed, formatInfo, table } from './output.js';
import { Progress } from './progress.js';
export const EXIT = {
    OK: 0,
    /** the manager answered `code 1`, or a client-side error (bad job file, per-job error) */
    REQUEST_ERROR: 1,
    USAGE: 2,
    /** no reply: manager not running / unreachable, or a timeout */
    UNREACHABLE: 3,
    /** `wait`: some waited job ended FAILED, CANCELED or OMITTED */
    JOBS_FAILED: 4,
};
export const EXIT_CODES_HELP = `Exit codes:
  0  success (wait: every waited job SUCCEED)
  1  request error: the manager refused the request, a per-job error, or a bad job file
  2  usage error
  3  no reply from the manager (not running, unreachable, or --timeout elapsed)
  4  wait: some waited job ended FAILED, CANCELED or OMITTED`;
/** A usage error found after yargs parsing (exit code 2). */
export class UsageError extends Error {
}
export function exitCodeOf(err) {
    if (err instanceof UsageError)
        return EXIT.USAGE;
    if (err instanceof TimeoutElapsed)
        return EXIT.UNREACHABLE;
    if (err instanceof ConnectionError && err.serverMessage === undefined)
        return EXIT.UNREACHABLE;
    return EXIT.REQUEST_ERROR;
}
/** Default reply timeout of the CLI, seconds. */
const DEFAULT_TIMEOUT_S = 20;
export class Output {
    json;
    constructor(json) {
        this.json = json;
    }
    /** Print the JSON form in `--json` mode, else the human form. */
    result(value, human) {
        if (this.json)
            process.stdout.write(`${JSON.stringify(value)}\n`);
        else {
            const text = human();
            if (text)
                process.stdout.write(`${text}\n`);
        }
    }
}
export async function withManager(args, run) {
    const timeoutMs = Math.round(1000 * (args.timeout ?? DEFAULT_TIMEOUT_S));
    const cfg = { timeoutMs };
    if (args.serverKey !== undefined)
        cfg.serverPublicKey = String(args.serverKey);
    if (args.key !== undefined)
        cfg.secretKey = readKeyPair(String(args.key), '--key').secretKey;
    const manager = new Manager(args.address, cfg);
    try {
        return await run(manager, new Output(args.json === true));
    }
    finally {
        manager.close();
    }
}
export async function submitCommand(m, out, file) {
    const jobs = new Jobs().loadFromFile(file);
    const names = await m.submit(jobs);
    out.result({ submitted: names.length, jobs: names }, () => `Submitted ${names.length} job(s): ${names.join(', ')}`);
    return EXIT.OK;
}
export async function listCommand(m, out) {
    const jobs = await m.list();
    out.result(jobs, () => {
        const rows = Object.entries(jobs).map(([name, e]) => [name, e.status, e.inQueue === undefined ? '' : String(e.inQueue), oneLine(e.messages)]);
        return rows.length === 0 ? 'No jobs' : table(['NAME', 'STATUS', 'QUEUE', 'MESSAGES'], rows);
    });
    return EXIT.OK;
}
export async function statusCommand(m, out, names) {
    const reply = await m.status(names);
    const entries = Object.entries(reply.jobs ?? {});
    out.result(reply.jobs, () => table(['NAME', 'STATUS'], entries.map(([name, e]) => [name, e.status === 0 ? e.data.status : `error: ${e.message}`])));
    return entries.some(([, e]) => e.status !== 0) ? EXIT.REQUEST_ERROR : EXIT.OK;
}
export async function infoCommand(m, out, names, withChilds) {
    const reply = await m.info(names, withChilds ? { withChilds: true } : {});
    out.result(reply.jobs, () => formatInfo(reply));
    return Object.values(reply.jobs ?? {}).some((e) => e.status !== 0) ? EXIT.REQUEST_ERROR : EXIT.OK;
}
export async function cancelCommand(m, out, names) {
    return perJobResult(out, await m.cancel(names), 'Canceled');
}
export async function removeCommand(m, out, names) {
    return perJobResult(out, await m.remove(names), 'Removed');
}
function perJobResult(out, reply, verb) {
    const count = 'canceled' in reply ? reply.canceled : reply.removed;
    const errors = reply.errors ?? {};
    out.result(reply, () => [`${verb}: ${count}`, ...Object.entries(errors).map(([name, msg]) => `  ${name}: ${msg}`)].join('\n'));
    return Object.keys(errors).length > 0 ? EXIT.REQUEST_ERROR : EXIT.OK;
}
export async function resourcesCommand(m, out) {
    const r = await m.resources();
    out.result(r, () => [
        `nodes: ${r.total_nodes}  cores: ${r.total_cores} (used ${r.used_cores}, free ${r.free_cores})`,
        ...(r.hosts ?? []).map((h) => `  host ${h.name}: ${h.state} since ${h.since}, ${h.cores} cores (used ${h.used_cores})${h.message ? `: ${h.message}` : ''}`),
    ].join('\n'));
    return EXIT.OK;
}
export async function systemStatusCommand(m, out) {
    const s = await m.systemStatus();
    out.result(s, () => {
        const sys = s.System;
        const j = s.JobStats;
        const it = s.IterationStats;
        const r = s.Resources;
        return [
            `manager:    ${sys.InstanceId} on ${sys.Host} (pilotmq ${sys.Version}), up ${sys.Uptime}`,
            `address:    ${sys.Zmqaddress}  events: ${sys.StatusPublisher ?? 'disabled'}`,
            `wd:         ${sys.Wd}`,
            `resources:  ${r.TotalNodes} nodes, ${r.TotalCores} cores (used ${r.UsedCores}, free ${r.FreeCores})`,
            ...(r.Hosts ?? []).map((h) => `  host ${h.Name}: ${h.State} since ${h.Since}, ${h.Cores} cores (used ${h.UsedCores})${h.Message ? `: ${h.Message}` : ''}`),
            `jobs:       ${j.TotalJobs} total, ${j.InScheduleJobs} queued, ${j.ExecutingJobs} executing, ${j.FinishedJobs} finished, ${j.FailedJobs} failed`,
            `iterations: ${it.TotalIterations} total, ${it.InScheduleIterations} queued, ${it.ExecutingIterations} executing, ${it.FinishedIterations} finished, ${it.FailedIterations} failed`,
        ].join('\n');
    });
    return EXIT.OK;
}
export async function finishCommand(m, out, wait) {
    const reply = await m.finish(wait ? { wait: true } : {});
    out.result(reply, () => `Manager finishing (${reply.when === undefined ? '' : `when: ${reply.when}`})`);
    return EXIT.OK;
}
/** `wait NAME…` / `wait --all`: exit 0 when every waited job SUCCEED, 4 when some did not. */
export async function waitCommand(m, out, args) {
    const timeoutMs = args.timeout === undefined ? undefined : Math.round(args.timeout * 1000);
    const live = !out.json && process.stderr.isTTY === true;
    const progress = new Progress(process.stderr, args.names);
    let states;
    try {
        if (args.all) {
            // count the jobs known now; jobs submitted meanwhile join the count as they finish
            if (live)
                for (const [name, e] of Object.entries(await m.list()))
                    progress.track(name, isFinal(e.status) ? e.status : '');
            if (live)
                progress.start();
            await m.wait4all(timeoutMs, (name, state) => {
                if (!name.includes(':'))
                    progress.finished(name, state);
            });
            states = Object.fromEntries(Object.entries(await m.list()).map(([name, e]) => [name, e.status]));
        }
        else {
            if (live)
                progress.start();
            states = await m.wait4(args.names, timeoutMs, (name, state) => progress.finished(name, state));
        }
    }
    finally {
        if (live)
            progress.stop();
    }
    const elapsed = progress.elapsedSeconds();
    const counts = countStates(Object.values(states));
    const bad = Object.entries(states).filter(([, s]) => s === 'FAILED' || s === 'CANCELED' || s === 'OMITTED');
    out.result({ jobs: states, counts, elapsedSeconds: Number(elapsed.toFixed(3)) }, () => {
        const total = Object.keys(states).length;
        const head = `${total} job(s) finished in ${formatElapsed(elapsed)}${total ? `: ${formatCounts(counts)}` : ''}`;
        return [head, ...bad.map(([name, s]) => `  ${name}: ${s}`)].join('\n');
    });
    return bad.length > 0 ? EXIT.JOBS_FAILED : EXIT.OK;
}
const oneLine = (text) => (text ?? '').replaceAll('\n', ' | ');
//# sourceMappingURL=commands.js.map