/**
 * The options of `pilotmq serve`, named after QCG-PilotJob's service options (`qcg-pm-service`), and their
 * translation to ManagerOptions. Shared by the CLI and by LocalManager's worker, so
 * `LocalManager.create(['--nodes', '4', '--wd', dir])` means exactly what `pilotmq serve --nodes 4 --wd dir` does.
 */
import yargs from 'yargs';
/** QCG's `--log` levels → the manager's (winston) levels. */
const LOG_LEVELS = {
    critical: 'error',
    error: 'error',
    warning: 'warn',
    warn: 'warn',
    info: 'info',
    debug: 'debug',
    notset: 'debug',
};
export function addServeOptions(y) {
    return y
        .option('nodes', {
        type: 'string',
        // given twice, the last one counts (yargs would otherwise collect both into an array, joined as "2,3")
        coerce: (v) => (Array.isArray(v) ? v[v.length - 1] : v),
        describe: 'node list [NAME:]CORES,… (e.g. 4 or n0:4,n1:4); default: this host, all CPUs',
    })
        .option('net-port', { type: 'number', describe: 'request socket port (default: random free port in the range)' })
        .option('net-port-min', { type: 'number', describe: 'lowest random port' })
        .option('net-port-max', { type: 'number', describe: 'highest random port' })
        .option('pub-port', { type: 'number', describe: 'event publisher port (default: random free port in the range)' })
        .option('publisher', { type: 'boolean', default: true, describe: 'publish job events (--no-publisher disables)' })
        .option('bind', { type: 'string', default: '127.0.0.1', describe: 'bind address (0.0.0.0: all interfaces); a non-loopback address needs CURVE keys or --insecure' })
        .option('curve-secret-key', { type: 'string', requiresArg: true, describe: "the manager's key pair file (pilotmq keygen): CURVE authentication and encryption on both sockets" })
        .option('authorized-keys', { type: 'string', requiresArg: true, describe: 'with --curve-secret-key: file of the client public keys let in (one Z85 key per line, # comments)' })
        .option('on-signal', { type: 'string', choices: ['cancel', 'wait'], describe: 'on SIGINT/SIGTERM: cancel all jobs and exit (default), or refuse new work and exit once every job is finished; a second signal exits at once' })
        .option('insecure', { type: 'boolean', describe: 'allow a non-loopback --bind without CURVE: anyone who reaches the port can run programs as this user' })
        .option('wd', { type: 'string', describe: 'manager working directory (default: current directory)' })
        .option('log', { type: 'string', choices: Object.keys(LOG_LEVELS), describe: 'log level (service.log; stderr too when serving)' })
        .option('system-core', { type: 'boolean', describe: 'reserve core 0 of the first node for the manager' })
        .option('id', { type: 'string', describe: 'manager instance id (default <host>.<random>)' })
        .option('report-format', { type: 'string', choices: ['text', 'json', 'none'], describe: 'job report format (default text)' })
        .option('report-file', { type: 'string', describe: 'job report file, relative to the aux dir (default jobs.report)' })
        .option('kill-grace', { type: 'number', describe: 'seconds between SIGTERM and SIGKILL (default 10)' })
        .option('finish-delay', { type: 'number', describe: 'seconds between a finish request and cancelling (default 2)' })
        .option('max-iterations', { type: 'number', describe: 'iteration limit per job (default 1000000)' })
        .option('max-frame-bytes', { type: 'number', describe: 'request size limit in bytes (default 16 MiB)' })
        .option('max-jobs-per-submit', { type: 'number', describe: 'jobs in one submit request (default 100000)' })
        .option('max-jobs', { type: 'number', describe: 'jobs in the manager, finished ones included until removed (default 1000000)' })
        .option('hosts', { type: 'string', requiresArg: true, describe: 'SSH hosts file (JSON): run jobs on those hosts too (only there without --nodes)' })
        .option('resume', { type: 'string', requiresArg: true, describe: "resume a manager that died: its --wd or aux dir (jobs, InstanceId, wd and nodes from its journal)" })
        .option('journal', { type: 'boolean', default: true, describe: 'journal every change in the aux dir, for --resume (--no-journal disables)' })
        .option('journal-compact-records', { type: 'number', hidden: true, describe: 'journal records per file before compaction (default 100000)' })
        .option('journal-sync-interval', { type: 'number', hidden: true, describe: 'ms between the starts of two journal syncs while tasks run (default 2)' })
        .option('net', { type: 'boolean', hidden: true, describe: 'QCG compatibility: the network interface is always on' });
}
export function toManagerOptions(args) {
    const opts = {};
    if (args.nodes !== undefined)
        opts.nodes = String(args.nodes);
    if (args.netPort !== undefined)
        opts.netPort = checkInt('--net-port', args.netPort);
    if (args.netPortMin !== undefined)
        opts.netPortMin = checkInt('--net-port-min', args.netPortMin);
    if (args.netPortMax !== undefined)
        opts.netPortMax = checkInt('--net-port-max', args.netPortMax);
    if (args.pubPort !== undefined)
        opts.pubPort = checkInt('--pub-port', args.pubPort);
    if (args.publisher === false)
        opts.noPublisher = true;
    if (args.bind !== undefined)
        opts.bind = String(args.bind);
    if (args.curveSecretKey !== undefined)
        opts.curveSecretKey = String(args.curveSecretKey);
    if (args.authorizedKeys !== undefined)
        opts.authorizedKeys = String(args.authorizedKeys);
    if (args.insecure)
        opts.insecure = true;
    if (args.onSignal !== undefined)
        opts.onSignal = args.onSignal;
    if (args.wd !== undefined)
        opts.wd = args.wd;
    if (args.log !== undefined)
        opts.logLevel = LOG_LEVELS[args.log];
    if (args.systemCore)
        opts.systemCore = true;
    if (args.id !== undefined)
        opts.instanceId = String(args.id);
    if (args.reportFormat !== undefined)
        opts.reportFormat = args.reportFormat;
    if (args.reportFile !== undefined)
        opts.reportFile = args.reportFile;
    if (args.killGrace !== undefined)
        opts.killGraceMs = Math.round(checkNumber('--kill-grace', args.killGrace) * 1000);
    if (args.finishDelay !== undefined)
        opts.finishDelaySeconds = checkNumber('--finish-delay', args.finishDelay);
    if (args.maxIterations !== undefined)
        opts.maxIterations = checkInt('--max-iterations', args.maxIterations);
    if (args.maxFrameBytes !== undefined)
        opts.maxFrameBytes = checkInt('--max-frame-bytes', args.maxFrameBytes);
    if (args.maxJobsPerSubmit !== undefined)
        opts.maxJobsPerSubmit = checkInt('--max-jobs-per-submit', args.maxJobsPerSubmit);
    if (args.maxJobs !== undefined)
        opts.maxJobs = checkInt('--max-jobs', args.maxJobs);
    if (args.hosts !== undefined)
        opts.hosts = String(args.hosts);
    if (args.journal === false)
        opts.journal = false;
    if (args.resume !== undefined) {
        if (opts.journal === false)
            throw new Error('--resume and --no-journal exclude each other');
        opts.resume = String(args.resume);
    }
    if (args.journalSyncInterval !== undefined)
        opts.journalSyncIntervalMs = checkNumber('--journal-sync-interval', args.journalSyncInterval);
    if (args.journalCompactRecords !== undefined)
        opts.journalCompactRecords = Math.max(1, checkInt('--journal-compact-records', args.journalCompactRecords));
    return opts;
}
/** A QCG-style argument list (`['--nodes', '4', '--wd', dir]`) → ManagerOptions. Throws on a bad list. */
export function parseServeArgs(args) {
    const parsed = addServeOptions(yargs([...args].map(String)))
        .help(false)
        .version(false)
        .strict()
        .exitProcess(false)
        .fail((msg, err) => {
        throw err ?? new Error(msg);
    })
        .parseSync();
    if (parsed._.length > 0)
        throw new Error(`Unexpected argument: ${parsed._.join(' ')}`);
    return toManagerOptions(parsed);
}
function checkNumber(option, value) {
    if (!Number.isFinite(value) || value < 0)
        throw new Error(`Invalid value for ${option}: ${value}`);
    return value;
}
function checkInt(option, value) {
    if (!Number.isInteger(value) || value < 0)
        throw new Error(`Invalid value for ${option}: ${value}`);
    return value;
}
//# sourceMappingURL=serve-options.js.map