/**
 * The options of `pilotmq serve`, named after QCG-PilotJob's service options (`qcg-pm-service`), and their
 * translation to ManagerOptions. Shared by the CLI and by LocalManager's worker, so
 * `LocalManager.create(['--nodes', '4', '--wd', dir])` means exactly what `pilotmq serve --nodes 4 --wd dir` does.
 */
import { type Argv } from 'yargs';
import type { ManagerOptions } from '../../server/options.js';
export declare function addServeOptions<T>(y: Argv<T>): Argv<T & {
    nodes: any;
} & {
    "net-port": number | undefined;
} & {
    "net-port-min": number | undefined;
} & {
    "net-port-max": number | undefined;
} & {
    "pub-port": number | undefined;
} & {
    publisher: boolean;
} & {
    bind: string;
} & {
    "curve-secret-key": string | undefined;
} & {
    "authorized-keys": string | undefined;
} & {
    "on-signal": string | undefined;
} & {
    insecure: boolean | undefined;
} & {
    wd: string | undefined;
} & {
    log: string | undefined;
} & {
    "system-core": boolean | undefined;
} & {
    id: string | undefined;
} & {
    "report-format": string | undefined;
} & {
    "report-file": string | undefined;
} & {
    "kill-grace": number | undefined;
} & {
    "finish-delay": number | undefined;
} & {
    "max-iterations": number | undefined;
} & {
    "max-frame-bytes": number | undefined;
} & {
    "max-jobs-per-submit": number | undefined;
} & {
    "max-jobs": number | undefined;
} & {
    hosts: string | undefined;
} & {
    resume: string | undefined;
} & {
    journal: boolean;
} & {
    "journal-compact-records": number | undefined;
} & {
    "journal-sync-interval": number | undefined;
} & {
    net: boolean | undefined;
}>;
/** The parsed options of `addServeOptions`, as yargs hands them over. */
export interface ServeArgs {
    nodes?: string;
    netPort?: number;
    netPortMin?: number;
    netPortMax?: number;
    pubPort?: number;
    publisher?: boolean;
    bind?: string;
    curveSecretKey?: string;
    authorizedKeys?: string;
    insecure?: boolean;
    onSignal?: string;
    wd?: string;
    log?: string;
    systemCore?: boolean;
    id?: string;
    reportFormat?: string;
    reportFile?: string;
    killGrace?: number;
    finishDelay?: number;
    maxIterations?: number;
    maxFrameBytes?: number;
    maxJobsPerSubmit?: number;
    maxJobs?: number;
    hosts?: string;
    resume?: string;
    journal?: boolean;
    journalCompactRecords?: number;
    journalSyncInterval?: number;
}
export declare function toManagerOptions(args: ServeArgs): ManagerOptions;
/** A QCG-style argument list (`['--nodes', '4', '--wd', dir]`) → ManagerOptions. Throws on a bad list. */
export declare function parseServeArgs(args: readonly string[]): ManagerOptions;
