/**
 * SSH hosts as nodes (`pilotmq serve --hosts FILE`): connect to every host of the hosts file, probe it, and run
 * its jobs in agent mode (./remote-host.ts: the node agent there, one exec channel, reconnection and recovery)
 * or, on hosts without a suitable node (or `"mode": "plain"`), in plain mode (./plain-host.ts: one exec
 * channel per job, the same reconnection and recovery from the job directories). Nothing reaches a remote shell but fixed, quoted command lines (jobs travel as argv vectors).
 */
import type { HostState } from '../../../protocol/messages.js';
import { localAgentPath } from '../../agent/agent-connection.js';
import type { NodeSpec } from '../../core/resources.js';
import type { Executor, ExecutorEvents } from '../agent-executor.js';
import { connectHost, execCollect, shellQuote } from './connection.js';
import { readAgentFile, type AgentFile } from './deploy.js';
import { loadHostsFile, type SshHostSpec } from './hosts-file.js';
import { PlainHost } from './plain-host.js';
import type { SshLog } from './reconnecting-host.js';
import { RemoteHost } from './remote-host.js';
import { SessionPool } from './session-pool.js';
import { sftpMover } from './sftp-mover.js';
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
export async function startSshHosts(
  file: string,
  instanceId: string,
  events: ExecutorEvents,
  log: SshLog,
  agentFile = localAgentPath,
): Promise<SshHosts> {
  const specs = loadHostsFile(file);
  const agent = readAgentFile(agentFile);
  const results = await Promise.allSettled(specs.map((s) => startHost(s, agent, instanceId, events, log)));
  const hosts = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
  if (failed) {
    for (const h of hosts) h.close();
    throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  }
  return {
    hosts,
    nodes: hosts.map((h) => ({ name: h.name, cores: h.cores })),
    movers: hosts.map((h) => sftpMover(h.pool, h.name)),
    close: () => hosts.forEach((h) => h.close()),
  };
}

/** Node.js on a host runs the agent from version 20 on */
const MIN_NODE_MAJOR = 20;

async function startHost(spec: SshHostSpec, agent: AgentFile, instanceId: string, events: ExecutorEvents, log: SshLog): Promise<SshHost> {
  const where = `host ${spec.name} (${spec.user}@${spec.host}:${spec.port})`;
  const t0 = performance.now();
  const { client, hostKeyAdded } = await connectHost(spec);
  if (hostKeyAdded) log.warn(`${where}: new host key accepted and added to ${spec.knownHosts}`);
  try {
    // fixed probe, one line each: the remote home (root of `~` and default workdir), the CPU count, the version
    // of the host's node (empty: none), how to start a process group without node (setsid, else perl)
    const probe = await execCollect(
      client,
      `printf '%s\\n' "$HOME" "$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null)" ` +
        `"$(${shellQuote(spec.node)} -e 'process.stdout.write(process.versions.node)' 2>/dev/null)" ` +
        `"$(if command -v setsid >/dev/null 2>&1; then echo setsid; elif command -v perl >/dev/null 2>&1; then echo perl; fi)"`,
    );
    const [home = '', ncpu = '', nodeVersion = '', tool = ''] = probe.stdout.split('\n');
    if (probe.code !== 0 || !home.startsWith('/')) {
      throw new Error(`probe failed (exit ${probe.code}): ${(probe.stderr || probe.stdout).trim().slice(0, 300)}`);
    }
    let cores = spec.cores;
    if (cores === undefined) {
      cores = Number(ncpu.trim());
      if (!Number.isInteger(cores) || cores < 1) throw new Error(`cannot detect the number of cores (nproc said '${ncpu.trim()}'): set "cores"`);
    }
    const w = spec.workdir;
    const rootWd = w === undefined || w === '~' ? home : w.startsWith('~/') ? `${home.replace(/\/$/, '')}/${w.slice(2)}` : w;

    const pool = new SessionPool(spec, spec.maxSessions, (m) => log.warn(`${where}: ${m}`), client);
    const nodeOk = Number(/^(\d+)\./.exec(nodeVersion)?.[1] ?? 0) >= MIN_NODE_MAJOR;
    const mode = spec.mode === 'auto' ? (nodeOk ? 'agent' : 'plain') : spec.mode;
    if (mode === 'plain') {
      if (tool !== 'setsid' && tool !== 'perl') throw new Error('plain mode needs setsid (util-linux, busybox) or perl on the host to give each job its own process group');
      const why = spec.mode === 'plain' ? 'mode plain' : nodeVersion ? `node ${nodeVersion} is older than ${MIN_NODE_MAJOR}` : `no '${spec.node}' found`;
      log.info(`${where}: ${cores} cores, root ${rootWd}, plain mode (${why}; ${tool}), up in ${(performance.now() - t0).toFixed(0)} ms`);
      const host = new PlainHost(spec, cores, rootWd, pool, { instanceId, tool, events, log });
      await host.start();
      return host;
    }
    if (!nodeOk) throw new Error(`mode agent: '${spec.node}' on the host ${nodeVersion ? `is version ${nodeVersion}, older than ${MIN_NODE_MAJOR}` : 'is missing'}`);
    const host = new RemoteHost(spec, cores, rootWd, pool, agent, instanceId, log, events);
    const pid = await host.start(client);
    log.info(`${where}: ${cores} cores, root ${rootWd}, agent mode, ${host.agentPath} pid ${pid}, up in ${(performance.now() - t0).toFixed(0)} ms`);
    return host;
  } catch (e) {
    client.end();
    throw new Error(`${where}: ${(e as Error).message}`);
  }
}
