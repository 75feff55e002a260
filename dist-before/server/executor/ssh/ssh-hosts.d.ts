/**
 * SSH hosts as nodes (`pilotmq serve --hosts FILE`): connect to every host of the hosts file, probe it, and run
 * its jobs in agent mode (./remote-host.ts: the node agent there, one exec channel, reconnection and recovery)
 * or, on hosts without a suitable node (or `"mode": "plain"`), in plain mode (./plain-executor.ts: one exec
 * channel per job). Nothing reaches a remote shell but fixed, quoted command lines (jobs travel as argv vectors).
 */
import type { HostState } from '../../../protocol/messages.js';
import type { NodeSpec } from '../../core/resources.js';
import type { Executor, ExecutorEvents } from '../agent-executor.js';
import { type SshHostSpec } from './hosts-file.js';
import { type SshLog } from './remote-host.js';
import { SessionPool } from './session-pool.js';
import type { FileMover } from '../staging.js';
export type { SshLog };
/** One host as the manager sees it: a node, its executor, its connection state. */
export interface SshHost {
    readonly name: string;
    readonly spec: SshHostSpec;
    readonly cores: number;
    /** absolute: the host's workdir (`~` expanded on the host), else its home directory */
    readonly rootWd: string;
    readonly mode: 'agent' | 'plain';
    readonly executor: Executor;
    /** the host's SSH connections for channels besides the agent's: plain mode's jobs, SFTP staging */
    readonly pool: SessionPool;
    readonly state: HostState;
    /** when it entered `state`, epoch µs */
    readonly sinceUs: number;
    /** why it is not online */
    readonly message?: string;
    /** called on every state change (set by the manager) */
    onState: (h: SshHost) => void;
    close(): void;
}
export interface SshHosts {
    readonly hosts: SshHost[];
    /** one node per host, in file order */
    readonly nodes: NodeSpec[];
    /** stage-in/out over SFTP, one per host, same order */
    readonly movers: FileMover[];
    /** end every SSH connection and stop reconnecting (after the executors' shutdown) */
    close(): void;
}
/**
 * Read the hosts file and bring every host up (in parallel). Throws, naming the host, when one fails.
 * `instanceId` names the hosts' job directories (./job-dir.ts).
 */
export declare function startSshHosts(file: string, instanceId: string, events: ExecutorEvents, log: SshLog, agentFile?: string): Promise<SshHosts>;
