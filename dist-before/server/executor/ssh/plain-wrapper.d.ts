/**
 * Plain mode's job wrapper: a fixed POSIX sh script run on an SSH host for ONE job per exec channel, for hosts
 * without a suitable Node.js. It does what the node agent does for a launch (same checks, same order, same
 * errors: wd created, program resolved in the job's PATH, stdin/stdout/stderr opened; own process group; wall
 * time; SIGTERM to the group on cancel, SIGKILL after the grace) and keeps the job directory of ./job-dir.ts.
 *
 * Nothing job-specific is ever part of shell code: the script is a constant, and every value (paths, argv,
 * environment) is one positional parameter, single-quoted by shellQuote for the login shell that sshd runs the
 * command with; the script only ever expands them inside double quotes.
 *
 * Channel protocol. Wrapper → manager (stdout, one line each):
 *   W <depth> <error>          the wd could not be created: the component <depth> levels above wd failed
 *   L <what> <error>           launch failed before the job ran; what = exec|stdin|stdout|stderr
 *   S <pid> <epoch ns|->       the job runs (pid = its process group)
 *   X <code> <epoch ns|-> [walltime|cancel|lost]   it ended; code -N = killed by signal N
 * where <error> is an errno name (ENOENT…) from the wrapper's own tests or the strerror text mkdir printed.
 * Manager → wrapper (stdin): `TERM` terminate the job (cancel), `OK` the exit was received: remove the job dir.
 * End of stdin while the job runs (manager or connection gone): the job is terminated (reason lost), as the
 * node agent does on stdin EOF, unless KEEP is 1 (left running for recovery from the job dir).
 */
import type { TaskLaunch } from '../../core/launch.js';
/** How the host starts a process in a new session / process group (probed once per host). */
export type SetsidTool = 'setsid' | 'perl';
export interface WrapperOptions {
    /** the job directory (./job-dir.ts) */
    jobDir: string;
    tool: SetsidTool;
    /** leave the job running when the channel closes (recovery from the job dir); default: terminate it */
    keepOnLoss?: boolean;
}
/** The positional parameters of the wrapper for one launch (see SCRIPT). */
export declare function plainArgs(cmd: Omit<TaskLaunch, 'pname' | 'node'>, o: WrapperOptions): string[];
/** The exec request's command line: `exec /bin/sh -c <wrapper> pilotmq-job <args…>`, every word quoted. */
export declare function plainCommand(cmd: Omit<TaskLaunch, 'pname' | 'node'>, o: WrapperOptions): string;
/** One line of the wrapper's stdout. */
export type WrapperLine = {
    t: 'W';
    depth: number;
    error: string;
} | {
    t: 'L';
    what: 'exec' | 'stdin' | 'stdout' | 'stderr' | 'wd';
    error: string;
} | {
    t: 'S';
    pid: number;
    ns?: bigint;
} | {
    t: 'X';
    code: number;
    ns?: bigint;
    reason?: 'walltime' | 'cancel' | 'lost';
};
export declare function parseWrapperLine(line: string): WrapperLine | undefined;
