#!/usr/bin/env node
/**
 * `pilotmq`: serve a manager, or drive one (submit, list, status, info, cancel, remove, resources, wait,
 * finish). Exit codes: see EXIT_CODES_HELP.
 */
import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { cancelCommand, EXIT, EXIT_CODES_HELP, exitCodeOf, finishCommand, infoCommand, listCommand, removeCommand, resourcesCommand, statusCommand, submitCommand, systemStatusCommand, UsageError, waitCommand, withManager, } from './commands.js';
import { addServeOptions } from './serve-options.js';
let exitCode = EXIT.OK;
let jsonMode = false;
/** set by yargs' fail handler; with exitProcess(false) yargs would still call the command's handler */
let usageFailed = false;
/** Run a command body, turning its errors into a message and an exit code. */
async function run(body) {
    if (usageFailed)
        return;
    try {
        exitCode = await body();
    }
    catch (err) {
        exitCode = exitCodeOf(err);
        reportError(err instanceof Error ? err.message : String(err), exitCode);
    }
}
function reportError(message, code) {
    process.stderr.write(`pilotmq: ${message}\n`);
    if (jsonMode)
        process.stdout.write(`${JSON.stringify({ error: message, exitCode: code })}\n`);
}
const client = (argv, body) => run(() => withManager(argv, body));
const names = { type: 'string', array: true, describe: 'job names (NAME or NAME:IDX)' };
function version() {
    try {
        const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
        return pkg.version ?? 'unknown';
    }
    catch {
        return 'unknown';
    }
}
async function main() {
    const argv = hideBin(process.argv);
    jsonMode = argv.includes('--json');
    const parser = yargs(argv)
        .scriptName('pilotmq')
        .usage('$0 <command> [options]')
        .option('address', {
        type: 'string',
        global: true,
        describe: 'manager address tcp://host:port (default: env QCG_PM_ZMQ_ADDRESS, else tcp://127.0.0.1:5555)',
    })
        .option('server-key', {
        type: 'string',
        global: true,
        requiresArg: true,
        describe: "the manager's CURVE public key: Z85 text or a .pub file (default: env QCG_PM_SERVER_KEY)",
    })
        .option('key', {
        type: 'string',
        global: true,
        requiresArg: true,
        describe: "this client's CURVE key pair: a key file from pilotmq keygen, or a Z85 secret key (default: env QCG_PM_CLIENT_KEY)",
    })
        .option('json', { type: 'boolean', global: true, describe: 'machine-readable output (JSON) on stdout' })
        .option('timeout', {
        type: 'number',
        global: true,
        describe: 'seconds to wait for a reply (default 20); for wait: the overall limit (default: none)',
    })
        .command('serve', 'run a manager in the foreground until finish or SIGINT/SIGTERM', (y) => addServeOptions(y), 
    // loaded on demand: the client commands do not need the server's code
    (a) => run(async () => (await import('./serve.js')).serve(a, a.json === true)))
        .command('submit <file>', 'submit the jobs of a JSON file (an array of descriptions, or an object with "jobs")', (y) => y.positional('file', { type: 'string', demandOption: true }), (a) => client(a, (m, out) => submitCommand(m, out, a.file)))
        .command('list', 'list all jobs', (y) => y, (a) => client(a, listCommand))
        .command('status <names..>', 'state of jobs or iterations', (y) => y.positional('names', names), (a) => client(a, (m, out) => statusCommand(m, out, a.names)))
        .command('info <names..>', 'detailed information on jobs or iterations', (y) => y.positional('names', names).option('with-childs', { type: 'boolean', describe: 'include every iteration' }), (a) => client(a, (m, out) => infoCommand(m, out, a.names, a.withChilds === true)))
        .command('cancel <names..>', 'cancel jobs or iterations', (y) => y.positional('names', names), (a) => client(a, (m, out) => cancelCommand(m, out, a.names)))
        .command('remove <names..>', 'remove finished jobs', (y) => y.positional('names', names), (a) => client(a, (m, out) => removeCommand(m, out, a.names)))
        .command('resources', 'nodes and cores of the manager', (y) => y, (a) => client(a, resourcesCommand))
        .command('system-status', 'full status of the manager', (y) => y, (a) => client(a, systemStatusCommand))
        .command('wait [names..]', 'wait until the named jobs (or --all jobs) are finished', (y) => y.positional('names', names).option('all', { type: 'boolean', describe: 'wait until the manager is idle' }), (a) => client(a, (m, out) => {
        const list = a.names ?? [];
        if (a.all && list.length > 0)
            throw new UsageError('wait: give job names or --all, not both');
        if (!a.all && list.length === 0)
            throw new UsageError('wait: give job names or --all');
        return waitCommand(m, out, { names: list, all: a.all === true, timeout: a.timeout });
    }))
        .command('finish', 'ask the manager to finish (queued and running jobs are cancelled after a delay, unless --wait)', (y) => y.option('wait', { type: 'boolean', describe: 'let every job finish first' }), (a) => client(a, (m, out) => finishCommand(m, out, a.wait === true)))
        .command('export', 'write one row per job or iteration (inputs, state, exit code, times, nodes, result file) as CSV or JSON lines', (y) => y
        .option('csv', { type: 'boolean', describe: 'CSV with a header line' })
        .option('jsonl', { type: 'boolean', describe: 'one JSON object per line' })
        .option('out', { type: 'string', requiresArg: true, describe: 'write to this file (default: stdout)' })
        .option('from', { type: 'string', requiresArg: true, describe: "read a stopped manager's journal in this --wd or aux dir instead of asking a running manager" }), async (a) => {
        const ex = await import('./export-command.js');
        if (a.from !== undefined)
            return run(() => ex.exportFromJournal(a));
        return client(a, (m) => ex.exportFromManager(m, a));
    })
        .command('keygen', 'write a new CURVE key pair: DIR/NAME.key (secret, mode 0600) and DIR/NAME.pub (public key)', (y) => y
        .option('out', { type: 'string', requiresArg: true, describe: 'directory (created if missing; default: the current directory)' })
        .option('name', { type: 'string', requiresArg: true, default: 'pilotmq', describe: 'file name stem' }), (a) => run(async () => (await import('./keygen.js')).keygenCommand({ out: a.out, name: a.name, json: a.json === true })))
        .command('report <file>', 'summarise a job report file (jobs.report): states, run times, makespan, core utilisation, failures', (y) => y
        .positional('file', { type: 'string', demandOption: true })
        .option('svg', { type: 'string', requiresArg: true, describe: 'also draw a Gantt chart (a row per core) to this SVG file' })
        .option('cores', { type: 'number', requiresArg: true, describe: 'cores available (default: the cores seen in allocations)' })
        .option('buckets', { type: 'number', requiresArg: true, describe: 'intervals of the utilisation series (default 20)' }), (a) => run(async () => (await import('./report-command.js')).reportCommand({ ...a, json: a.json === true })))
        .demandCommand(1, 'Specify a command')
        .strict()
        .help()
        .alias('h', 'help')
        .version(version())
        .epilog(EXIT_CODES_HELP)
        .wrap(null)
        .exitProcess(false)
        .fail((msg, err) => {
        if (err && !(err instanceof Error && err.name === 'YError'))
            throw err;
        usageFailed = true;
        exitCode = EXIT.USAGE;
        reportError(`${msg ?? err?.message} (see pilotmq --help)`, EXIT.USAGE);
    });
    await parser.parseAsync();
}
main().then(() => finish(exitCode), (err) => {
    process.stderr.write(`pilotmq: ${err instanceof Error ? err.stack : String(err)}\n`);
    finish(EXIT.REQUEST_ERROR);
});
/**
 * Exit with `code` once the event loop is empty; should anything still hold it open, exit anyway shortly
 * after (stdout/stderr writes to pipes and files are synchronous on Linux, so nothing is lost).
 */
function finish(code) {
    process.exitCode = code;
    setTimeout(() => process.exit(code), 1000).unref();
}
//# sourceMappingURL=main.js.map