/**
 * Agent deployment: the one-file node agent (dist/server/agent/agent.js) is copied over SFTP to
 * `<root>/.pilotmq/agent-<hash>.mjs` on the host, only when that exact version is missing there. The hash is of
 * the file's content, so hosts never run a stale agent and several managers (or versions) share the cache.
 * `.mjs`: the remote node treats it as an ES module whatever its version's module detection does.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
export function readAgentFile(file) {
    const content = readFileSync(file);
    return { content, hash: createHash('sha256').update(content).digest('hex').slice(0, 16) };
}
export const call = (fn) => new Promise((res, rej) => fn((err, v) => (err ? rej(err) : res(v))));
async function exists(sftp, p) {
    try {
        await call((cb) => sftp.stat(p, cb));
        return true;
    }
    catch {
        return false;
    }
}
/** `mkdir -p` over SFTP; new directories get `mode` (the agent cache: 700) */
export async function mkdirs(sftp, dir, mode = 0o700) {
    if (dir === '/' || (await exists(sftp, dir)))
        return;
    await mkdirs(sftp, path.posix.dirname(dir), mode);
    try {
        await call((cb) => sftp.mkdir(dir, { mode }, (err) => cb(err, undefined)));
    }
    catch (e) {
        if (!(await exists(sftp, dir)))
            throw new Error(`cannot create ${dir}: ${e.message}`);
    }
}
/**
 * Make sure `<cacheRoot>/.pilotmq/agent-<hash>.mjs` exists on the host; returns its path and whether it was
 * copied now. Written to a temporary name and renamed, so a concurrent manager never runs a half-written file.
 */
export async function deployAgent(client, cacheRoot, agent) {
    const dir = path.posix.join(cacheRoot, '.pilotmq');
    const target = path.posix.join(dir, `agent-${agent.hash}.mjs`);
    const sftp = await call((cb) => client.sftp(cb));
    try {
        if (await exists(sftp, target))
            return { path: target, copied: false };
        await mkdirs(sftp, dir);
        const tmp = `${target}.tmp-${randomBytes(6).toString('hex')}`;
        await call((cb) => sftp.writeFile(tmp, agent.content, { mode: 0o644 }, (err) => cb(err, undefined)));
        try {
            await call((cb) => sftp.rename(tmp, target, (err) => cb(err, undefined)));
        }
        catch (e) {
            // SFTP v3 rename refuses an existing target: another manager was faster, which is fine
            await call((cb) => sftp.unlink(tmp, (err) => cb(err, undefined))).catch(() => { });
            if (!(await exists(sftp, target)))
                throw e;
        }
        return { path: target, copied: true };
    }
    finally {
        sftp.end();
    }
}
//# sourceMappingURL=deploy.js.map