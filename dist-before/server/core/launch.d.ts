import type { StageItem } from '../../protocol/job.js';
import type { LaunchCommand } from '../agent/messages.js';
import type { Task } from './job.js';
import { type ResourcePool } from './resources.js';
export interface LaunchContext {
    /** absolute manager working directory (`${root_wd}`) */
    rootWd: string;
    /** advertised request address */
    address: string;
    killGraceMs: number;
    /**
     * per node (pool index): the root of relative `wd` and `${root_wd}` for tasks whose allocation starts on
     * that node, when it is not rootWd (an SSH host's workdir); undefined entries: rootWd
     */
    nodeRootWd?: ReadonlyArray<string | undefined>;
    /** variables every task gets after the QCG_PM_* ones (a CURVE manager's keys for its jobs) */
    jobEnv?: Readonly<Record<string, string>>;
}
/**
 * `node`: pool index of the allocation's first node, which decides where the task runs; `stage`: files to copy
 * before and after (attributes.stageIn / stageOut, placeholders substituted), absent when there are none
 */
export type TaskLaunch = Omit<LaunchCommand, 't' | 'id'> & {
    pname: string;
    node: number;
    stage?: {
        in: StageItem[];
        out: StageItem[];
    };
};
export declare function buildLaunch(task: Task, pool: ResourcePool, ctx: LaunchContext): TaskLaunch;
