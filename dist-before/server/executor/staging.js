/**
 * Stage-in and stage-out (attributes.stageIn / stageOut, README "Files on SSH hosts"): files copied to the node
 * before a job starts and back after it ended, around any executor. A job without stage lists goes straight
 * through. Stage-in failure: the job never starts and ends FAILED naming the file. Stage-out runs after the
 * job's exit and before the exit is reported (its cores stay taken meanwhile); when it fails, a job that had
 * succeeded ends FAILED naming the file. Cancelled or lost jobs are not staged out.
 */
import path from 'node:path';
import { copyFile, chmod, mkdir, stat } from 'node:fs/promises';
export class Staging {
    next;
    localRoot;
    /** the events to give the executors: exits pass through stage-out */
    events;
    /** jobs with a stage-out list, by task id, until their exit */
    outs = new Map();
    /** jobs in stage-in: a cancel marks them */
    staging = new Map();
    /** copies in progress (shutdown waits for them) */
    busy = new Set();
    constructor(next, 
    /** the manager's working directory: root of relative paths on this machine */
    localRoot) {
        this.next = next;
        this.localRoot = localRoot;
        this.events = {
            onStarted: (id, wd, atUs) => next.onStarted(id, wd, atUs),
            onWdFailed: (id, message) => {
                this.outs.delete(id);
                next.onWdFailed(id, message);
            },
            onExited: (r, wd) => this.onExited(r, wd),
        };
    }
    /** `inner` with stage-in before its launches and stage-out after its exits, copying with `mover` */
    wrap(inner, mover) {
        return {
            chains: inner.chains,
            unchain: (id) => inner.unchain?.(id),
            launch: (id, cmd) => this.launch(inner, mover, id, cmd),
            cancel: (id) => {
                const s = this.staging.get(id);
                if (s)
                    s.cancelled = true;
                else
                    inner.cancel(id);
            },
            shutdown: async () => {
                for (const s of this.staging.values())
                    s.cancelled = true;
                await Promise.all([...this.busy]);
                await inner.shutdown();
                await Promise.all([...this.busy]); // stage-outs of the exits the shutdown brought
            },
            killAllNow: () => inner.killAllNow?.(),
        };
    }
    track(p) {
        this.busy.add(p);
        void p.finally(() => this.busy.delete(p));
    }
    launch(inner, mover, id, cmd) {
        const { stage, ...rest } = cmd;
        if (!stage)
            return inner.launch(id, cmd);
        if (stage.out.length)
            this.outs.set(id, { stage, wd: cmd.wd, mover });
        if (!stage.in.length)
            return inner.launch(id, rest);
        const state = { cancelled: false };
        this.staging.set(id, state);
        this.track((async () => {
            const failure = await this.copy(mover, stage.in, 'in', cmd.wd, () => state.cancelled);
            this.staging.delete(id);
            if (failure !== undefined) {
                this.outs.delete(id);
                return this.next.onWdFailed(id, failure);
            }
            if (state.cancelled) {
                this.outs.delete(id);
                return this.next.onExited({ t: 'exited', id, pid: -1, exitCode: -1, rtimeUs: 0, reason: 'cancel' }, cmd.wd);
            }
            inner.launch(id, rest);
        })());
    }
    onExited(r, wd) {
        const o = this.outs.get(r.id);
        if (!o)
            return this.next.onExited(r, wd);
        this.outs.delete(r.id);
        if (r.pid === -1 || r.reason === 'cancel' || r.reason === 'hostLost')
            return this.next.onExited(r, wd);
        this.track((async () => {
            const failure = await this.copy(o.mover, o.stage.out, 'out', o.wd, () => false);
            if (failure !== undefined && r.exitCode === 0 && r.reason === undefined)
                this.next.onExited({ ...r, reason: 'launch', message: failure }, wd);
            else
                this.next.onExited(r, wd);
        })());
    }
    /** Copy a list one way; the first failure as a message (the rest is not tried), else undefined. */
    async copy(mover, list, dir, wd, stop) {
        let session;
        try {
            session = await mover.open();
        }
        catch (e) {
            return `stage-${dir} failed: cannot reach ${mover.where}: ${e.message}`;
        }
        try {
            for (const f of list) {
                if (stop())
                    return undefined;
                const onNode = path.posix.resolve(wd, dir === 'in' ? (f.to ?? path.posix.basename(f.from)) : f.from);
                const here = path.resolve(this.localRoot, dir === 'in' ? f.from : (f.to ?? path.basename(f.from)));
                try {
                    if (dir === 'in')
                        await session.put(here, onNode);
                    else
                        await session.get(onNode, here);
                }
                catch (e) {
                    const [src, dst] = dir === 'in' ? [`'${here}'`, `${mover.where}:'${onNode}'`] : [`${mover.where}:'${onNode}'`, `'${here}'`];
                    return `stage-${dir} failed: cannot copy ${src} to ${dst}: ${e.message}`;
                }
            }
            return undefined;
        }
        finally {
            session.close();
        }
    }
}
/** Jobs on this machine: plain file copies. */
export const localMover = {
    where: 'this machine',
    open: async () => ({
        put: copyLocal,
        get: (remote, local) => copyLocal(remote, local),
        close: () => { },
    }),
};
async function copyLocal(from, to) {
    const st = await stat(from);
    if (!st.isFile())
        throw new Error(`${from} is not a regular file`);
    await mkdir(path.dirname(to), { recursive: true });
    await copyFile(from, to);
    await chmod(to, st.mode & 0o777);
}
//# sourceMappingURL=staging.js.map