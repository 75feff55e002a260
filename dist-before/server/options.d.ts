/** Options of a manager (`pilotmq serve`), named after QCG-PilotJob's service options where one exists. */
export interface ManagerOptions {
    /** node list `[NAME:]CORES,…` (`4`, `n0:4,n1:4`); default: one node named after the host with all its CPUs */
    nodes?: string;
    /** request socket port; else a random free port in [netPortMin, netPortMax] */
    netPort?: number;
    netPortMin?: number;
    netPortMax?: number;
    /** PUB socket port; same rule */
    pubPort?: number;
    /** disable the event publisher (status → StatusPublisher null) */
    noPublisher?: boolean;
    /**
     * bind address, default 127.0.0.1. Any address outside 127.0.0.0/8, ::1 and `localhost` needs CURVE keys
     * (curveSecretKey + authorizedKeys) or `insecure`
     */
    bind?: string;
    /** the manager's CURVE key pair file (`pilotmq keygen`): its request and event sockets become CURVE servers */
    curveSecretKey?: string;
    /** with curveSecretKey: the file of client public keys let in (one Z85 key per line, `#` comments) */
    authorizedKeys?: string;
    /** allow a non-loopback bind without CURVE (anyone who reaches the port controls the manager) */
    insecure?: boolean;
    /** what SIGINT/SIGTERM do in `pilotmq serve`: cancel all work and exit (default), or wait for it, refusing new work */
    onSignal?: 'cancel' | 'wait';
    /** manager working directory, default process.cwd() */
    wd?: string;
    /** winston level for stderr: error, warn, info, debug; default 'warn' (the log file gets 'info' or lower) */
    logLevel?: string;
    /** log to stderr at all (default true) */
    logToStderr?: boolean;
    /** reserve core 0 of the first node for the manager */
    systemCore?: boolean;
    /** instance id, default `<host>.<random 0–9999>` */
    instanceId?: string;
    /** job report format: 'text' | 'json' | 'none' */
    reportFormat?: 'text' | 'json' | 'none';
    /** report file, relative to the aux dir */
    reportFile?: string;
    /** SIGTERM → SIGKILL grace for cancel / wall time / finish, ms (default 10 000) */
    killGraceMs?: number;
    /** finish delay in seconds (default 2) */
    finishDelaySeconds?: number;
    /** request frame size limit, bytes (default 16 MiB) */
    maxFrameBytes?: number;
    /** iteration limit per job (default 1 000 000) */
    maxIterations?: number;
    /** jobs in one submit request (default 100 000) */
    maxJobsPerSubmit?: number;
    /** jobs in the manager's table, finished ones included until removed (default 1 000 000) */
    maxJobs?: number;
    /** SSH hosts file (README "SSH hosts"): its hosts are nodes after --nodes; with hosts and no nodes this machine runs no jobs */
    hosts?: string;
    /** keep a journal in the aux dir so that a killed manager can be resumed (default true) */
    journal?: boolean;
    /**
     * resume a manager that died: its --wd or its aux dir. The job table is rebuilt from its journal; the
     * InstanceId, aux dir, wd and nodes are the old manager's (nodes/wd unless given)
     */
    resume?: string;
    /** journal records per file before it is folded into the snapshot (default 100 000) */
    journalCompactRecords?: number;
    /** while tasks run, start a journal sync at most this often, ms (default 2): records gather meanwhile (group commit) */
    journalSyncIntervalMs?: number;
}
export interface RunningManager {
    /** advertised request address, tcp://ip:port */
    readonly address: string;
    /** advertised PUB address, or null when disabled */
    readonly publisherAddress: string | null;
    readonly instanceId: string;
    /** the manager's CURVE public key (Z85) when it was started with curveSecretKey, else null */
    readonly serverPublicKey: string | null;
    /** absolute aux dir `<wd>/.qcgpjm-service-<InstanceId>` */
    readonly auxDir: string;
    /** resolves with the exit status once the manager has shut down (after finish, control, or stop()) */
    readonly done: Promise<number>;
    /**
     * 'cancel' (default): behave like `finish` with zero delay; 'wait': like `finish --wait` (no new work, the
     * rest runs to its end). SIGINT/SIGTERM do this per `onSignal`. Resolves when shut down
     */
    stop(how?: 'cancel' | 'wait'): Promise<number>;
    /**
     * Read the configuration that can change while running (SIGHUP in `pilotmq serve`): the `--authorized-keys`
     * file. `ok`: false when it could not be read (the keys stay as they were); `message` says what happened
     * (logged either way)
     */
    reload(): {
        ok: boolean;
        message: string;
    };
    /**
     * A forced exit (a second signal): write final_status and the report, SIGKILL every running job's process
     * group. Synchronous; the caller exits the process right after
     */
    forceStop(): void;
}
