/**
 * Test helper: run `pilotmq serve` as a child process in a fresh working directory and find its address in
 * `<wd>/.qcgpjm-service-*\/address` (protocol.md §1).
 */
import { type ChildProcess } from 'node:child_process';
export declare const CLI: string;
export interface Served {
    address: string;
    wd: string;
    child: ChildProcess;
    /** the first line the serve command printed on stdout (with --json: its JSON line) */
    firstLine: Promise<string>;
    /** resolves with the exit code once the child exited */
    exited: Promise<number | null>;
    /** SIGTERM (the manager cancels its jobs and exits), SIGKILL if it does not; then remove the wd */
    stop(): Promise<void>;
}
export declare function serveManager(extraArgs?: string[]): Promise<Served>;
