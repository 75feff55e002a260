/**
 * Stage-in/out for an SSH host (../staging.ts) over SFTP: one SFTP session (one channel of the host's pool) per
 * job's list; file modes are kept, missing directories on the host are created (mode 755, less the umask).
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { call, mkdirs } from './deploy.js';
export function sftpMover(pool, host) {
    return {
        where: `host ${host}`,
        async open() {
            const { sftp, done } = await pool.sftp();
            return {
                async put(local, remote) {
                    const st = await stat(local);
                    if (!st.isFile())
                        throw new Error(`${local} is not a regular file`);
                    await mkdirs(sftp, path.posix.dirname(remote), 0o755);
                    await call((cb) => sftp.fastPut(local, remote, { mode: st.mode & 0o777 }, (err) => cb(err, undefined)));
                },
                async get(remote, local) {
                    const st = await call((cb) => sftp.stat(remote, cb));
                    if (!st.isFile())
                        throw new Error(`${remote} is not a regular file`);
                    await mkdir(path.dirname(local), { recursive: true });
                    await call((cb) => sftp.fastGet(remote, local, { mode: st.mode & 0o777 }, (err) => cb(err, undefined)));
                },
                close: done,
            };
        },
    };
}
//# sourceMappingURL=sftp-mover.js.map