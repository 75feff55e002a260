/**
 * SSH hosts as nodes (`pilotmq serve --hosts FILE`): connect to every host of the hosts file, copy the node agent
 * there when missing, start it with `node` over ONE exec channel, and drive it with the same AgentConnection +
 * AgentExecutor as the local agent. All of a host's jobs go through that channel; nothing reaches a remote shell
 * but the fixed, quoted agent command line (jobs travel as JSON argv vectors).
 * Hosts without a suitable node (or `"mode": "plain"`) run in plain mode instead: ./plain-executor.ts.
 */
import type { Client, ClientChannel } from 'ssh2';
import { AgentConnection, localAgentPath } from '../../agent/agent-connection.js';
import type { NodeSpec } from '../../core/resources.js';
import { AgentExecutor, type Executor, type ExecutorEvents } from '../agent-executor.js';
import { connectHost, execCollect, openExec, shellQuote } from './connection.js';
import { deployAgent, readAgentFile } from './deploy.js';
import { loadHostsFile, type SshHostSpec } from './hosts-file.js';
import { PlainExecutor } from './plain-executor.js';
import type { SetsidTool } from './plain-wrapper.js';
import { SessionPool } from './session-pool.js';
import { sftpMover } from './sftp-mover.js';
import type { FileMover } from '../staging.js';

export interface SshHost {
  readonly spec: SshHostSpec;
  readonly cores: number;
  /** absolute: the host's workdir (`~` expanded on the host), else its home directory */
  readonly rootWd: string;
  readonly mode: 'agent' | 'plain';
  /** agent mode: remote path of the running agent, and the connection to it */
  readonly agentPath?: string;
  readonly connection?: AgentConnection;
  readonly client: Client;
  /** the host's SSH connections for channels besides the agent's: plain mode's jobs, SFTP staging */
  readonly pool: SessionPool;
  /** plain mode: how the host starts a process group */
  readonly tool?: SetsidTool;
}

export interface SshHosts {
  readonly hosts: SshHost[];
  /** one node per host, in file order */
  readonly nodes: NodeSpec[];
  /** one executor per host, same order */
  executors(events: ExecutorEvents, onLost: (host: number, reason: string) => void): Executor[];
  /** stage-in/out over SFTP, one per host, same order */
  readonly movers: FileMover[];
  /** end every SSH connection (after the executors' shutdown) */
  close(): void;
}

export interface SshLog {
  info(m: string): void;
  warn(m: string): void;
}

/**
 * Read the hosts file and bring every host up (in parallel). Throws, naming the host, when one fails.
 * `instanceId` names the hosts' job directories (./job-dir.ts).
 */
export async function startSshHosts(file: string, log: SshLog, instanceId: string, agentFile = localAgentPath): Promise<SshHosts> {
  const specs = loadHostsFile(file);
  const agent = readAgentFile(agentFile);
  const results = await Promise.allSettled(specs.map((s) => startHost(s, agent, log)));
  const hosts = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
  if (failed) {
    for (const h of hosts) closeHost(h);
    throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  }
  return {
    hosts,
    nodes: hosts.map((h) => ({ name: h.spec.name, cores: h.cores })),
    executors: (events, onLost) =>
      hosts.map((h, i): Executor =>
        h.mode === 'agent'
          ? new AgentExecutor(h.connection!, events, (reason) => onLost(i, reason), undefined, { host: h.spec.name, env: h.spec.env })
          : new PlainExecutor(h.pool, events, { host: h.spec.name, env: h.spec.env, rootWd: h.rootWd, instanceId, tool: h.tool!, onLost: (reason) => onLost(i, reason) }),
      ),
    movers: hosts.map((h) => sftpMover(h.pool, h.spec.name)),
    close: () => hosts.forEach(closeHost),
  };
}

function closeHost(h: SshHost): void {
  if (h.connection && !h.connection.isClosed) h.connection.end();
  h.pool.close();
  h.client.end();
}

/** Node.js on a host runs the agent from version 20 on */
const MIN_NODE_MAJOR = 20;

async function startHost(spec: SshHostSpec, agent: ReturnType<typeof readAgentFile>, log: SshLog): Promise<SshHost> {
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
      return { spec, cores, rootWd, mode, client, pool, tool };
    }
    if (!nodeOk) throw new Error(`mode agent: '${spec.node}' on the host ${nodeVersion ? `is version ${nodeVersion}, older than ${MIN_NODE_MAJOR}` : 'is missing'}`);

    const deployed = await deployAgent(client, rootWd, agent);
    const command = `exec ${shellQuote(spec.node)} ${shellQuote(deployed.path)}`;
    const channel: ClientChannel = await openExec(client, command);
    let stderrTail = '';
    let exit: string | undefined;
    channel.stderr.setEncoding('utf8');
    channel.stderr.on('data', (d: string) => {
      stderrTail = (stderrTail + d).slice(-2000);
    });
    channel.on('exit', (code: number | null, signal?: string) => (exit = signal ? `agent killed by ${signal}` : `agent exited with code ${code}`));
    const connection = new AgentConnection({
      input: channel,
      output: channel,
      describeEnd: () => [exit, stderrTail.trim().split('\n').slice(-3).join(' | ')].filter(Boolean).join('; ') || undefined,
    });
    // the SSH connection dropping (sshd killed, network gone, keep-alive timeout) ends the agent connection
    const lost = (err?: Error) => {
      if (!connection.isClosed) connection.destroy(new Error(`SSH connection to ${spec.host}:${spec.port} lost${err ? ` (${err.message})` : ''}`));
    };
    client.on('error', lost);
    client.on('close', () => lost());
    const ready = await Promise.race([
      connection.ready,
      new Promise<never>((_, rej) => setTimeout(() => rej(new Error('the agent did not report ready within 30 s')), 30_000).unref()),
    ]).catch((e: Error) => {
      throw new Error(`cannot start the agent (${command}): ${e.message}`);
    });
    log.info(
      `${where}: ${cores} cores, root ${rootWd}, agent mode, ${deployed.path}${deployed.copied ? ' (copied)' : ''} pid ${ready.pid}, up in ${(performance.now() - t0).toFixed(0)} ms`,
    );
    return { spec, cores, rootWd, mode, agentPath: deployed.path, connection, client, pool };
  } catch (e) {
    client.end();
    throw new Error(`${where}: ${(e as Error).message}`);
  }
}
