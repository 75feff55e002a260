/**
 * The per-job remote directory on an SSH host: the contract between whatever runs a job there (plain mode's sh
 * wrapper, the node agent) and the manager recovering jobs after a lost connection. Pure.
 *
 *   <host root>/<InstanceId>/jobs/<task id>/
 *     pgid   the job's process group id (= its pid), written once the job process exists (plainly, not renamed:
 *            an empty or partial file means "starting"; parsePgidFile gives undefined then)
 *     exit   its exit status, written (tmp + rename) when it ended: a decimal integer, `-N` when signal N
 *            killed it. Present ⇒ the job is over; `pgid` without `exit` ⇒ it was started and may still run.
 *
 * `<host root>` is the host's workdir (hosts file `workdir`, else its home); `<task id>` the id the executor got
 * in launch(id, …). Plain mode creates the directory at launch (a leftover of the same id is replaced) and
 * removes it once the manager has read the exit status over the channel; whatever stays behind belongs to
 * jobs whose end the manager did not see.
 */
import path from 'node:path';
export const PGID_FILE = 'pgid';
export const EXIT_FILE = 'exit';
/** `<root>/<InstanceId>/jobs`: an InstanceId is one path component ('/' and a leading '.' replaced) */
export function jobsRoot(hostRoot, instanceId) {
    const safe = instanceId.replace(/\//g, '_').replace(/^\.+/, (d) => '_'.repeat(d.length)) || '_';
    return path.posix.join(hostRoot, safe, 'jobs');
}
export function jobDir(hostRoot, instanceId, taskId) {
    return path.posix.join(jobsRoot(hostRoot, instanceId), String(taskId));
}
/** The content of an `exit` file as an exit code (-N: signal N), or undefined when it is not one. */
export function parseExitFile(text) {
    const t = text.trim();
    return /^-?\d{1,10}$/.test(t) ? Number(t) : undefined;
}
/** The content of a `pgid` file, or undefined when it is not a process id. */
export function parsePgidFile(text) {
    const t = text.trim();
    return /^\d{1,10}$/.test(t) && Number(t) > 0 ? Number(t) : undefined;
}
//# sourceMappingURL=job-dir.js.map