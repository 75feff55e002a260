import { Manager } from '../manager.js';
export declare const EXIT: {
    readonly OK: 0;
    /** the manager answered `code 1`, or a client-side error (bad job file, per-job error) */
    readonly REQUEST_ERROR: 1;
    readonly USAGE: 2;
    /** no reply: manager not running / unreachable, or a timeout */
    readonly UNREACHABLE: 3;
    /** `wait`: some waited job ended FAILED, CANCELED or OMITTED */
    readonly JOBS_FAILED: 4;
};
export declare const EXIT_CODES_HELP = "Exit codes:\n  0  success (wait: every waited job SUCCEED)\n  1  request error: the manager refused the request, a per-job error, or a bad job file\n  2  usage error\n  3  no reply from the manager (not running, unreachable, or --timeout elapsed)\n  4  wait: some waited job ended FAILED, CANCELED or OMITTED";
/** A usage error found after yargs parsing (exit code 2). */
export declare class UsageError extends Error {
}
export declare function exitCodeOf(err: unknown): number;
export interface ClientArgs {
    address?: string;
    json?: boolean;
    /** seconds */
    timeout?: number;
    /** the manager's CURVE public key: Z85 or a file */
    serverKey?: string;
    /** this client's key pair: a key file or a Z85 secret key */
    key?: string;
}
export declare class Output {
    readonly json: boolean;
    constructor(json: boolean);
    /** Print the JSON form in `--json` mode, else the human form. */
    result(value: unknown, human: () => string): void;
}
export declare function withManager<T>(args: ClientArgs, run: (m: Manager, out: Output) => Promise<T>): Promise<T>;
export declare function submitCommand(m: Manager, out: Output, file: string): Promise<number>;
export declare function listCommand(m: Manager, out: Output): Promise<number>;
export declare function statusCommand(m: Manager, out: Output, names: string[]): Promise<number>;
export declare function infoCommand(m: Manager, out: Output, names: string[], withChilds: boolean): Promise<number>;
export declare function cancelCommand(m: Manager, out: Output, names: string[]): Promise<number>;
export declare function removeCommand(m: Manager, out: Output, names: string[]): Promise<number>;
export declare function resourcesCommand(m: Manager, out: Output): Promise<number>;
export declare function systemStatusCommand(m: Manager, out: Output): Promise<number>;
export declare function finishCommand(m: Manager, out: Output, wait: boolean): Promise<number>;
export interface WaitArgs {
    names: string[];
    all: boolean;
    /** overall limit, seconds */
    timeout?: number;
}
/** `wait NAME…` / `wait --all`: exit 0 when every waited job SUCCEED, 4 when some did not. */
export declare function waitCommand(m: Manager, out: Output, args: WaitArgs): Promise<number>;
