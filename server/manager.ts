/**
 * A running manager: wires the pure core to its edges (ZeroMQ sockets, the node agent, the report file,
 * logs) and owns the finish/shutdown sequence (protocol.md §4.9, §4.10).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as zmq from 'zeromq';
import { DEFAULT_MAX_FRAME_BYTES, decodeRequest, encode, encodingOf } from '../protocol/codec.js';
import { pyJson } from '../protocol/pyjson.js';
import { spawnLocalAgent } from './agent/agent-connection.js';
import { systemClock } from './core/clock.js';
import { Core } from './core/core.js';
import { parseNodeList, ResourcePool, type NodeSpec } from './core/resources.js';
import { AgentExecutor } from './executor/agent-executor.js';
import { startSshHosts } from './executor/ssh/ssh-hosts.js';
import { createLogger, type Logger } from './log.js';
import type { ManagerOptions, RunningManager } from './options.js';
import { JobReport } from './report.js';
import { RequestHandler, type ManagerControl } from './requests.js';
import { bindPort, EventPublisher } from './transport.js';
import { VERSION } from './version.js';

export async function startManager(opts: ManagerOptions = {}): Promise<RunningManager> {
  const now = systemClock();
  const startedUs = now();
  const wd = path.resolve(opts.wd ?? process.cwd());
  const host = os.hostname();
  const instanceId = opts.instanceId ?? `${host}.${Math.floor(Math.random() * 10000)}`;
  const auxDir = path.join(wd, `.qcgpjm-service-${instanceId}`);
  mkdirSync(auxDir, { recursive: true });
  const log = createLogger(path.join(auxDir, 'service.log'), opts.logLevel, opts.logToStderr ?? true);

  // SSH hosts (--hosts) are nodes after the local ones; with --hosts alone this machine runs no jobs
  const ssh = opts.hosts ? await startSshHosts(opts.hosts, log) : null;
  const localNodes: NodeSpec[] = opts.nodes
    ? parseNodeList(opts.nodes)
    : ssh ? [] : [{ name: host.split('.')[0], cores: os.availableParallelism() }];
  const clash = ssh?.nodes.find((h) => localNodes.some((n) => n.name === h.name));
  if (clash) {
    ssh!.close();
    throw new Error(`hosts file ${opts.hosts}: host '${clash.name}': field 'name': also a node of --nodes`);
  }
  const nodes: NodeSpec[] = [...localNodes, ...(ssh?.nodes ?? [])];
  const pool = new ResourcePool(nodes, { systemCore: opts.systemCore });

  // sockets first: a bind failure is fatal before anything else starts
  const bind = opts.bind ?? '127.0.0.1';
  const min = opts.netPortMin ?? 2222;
  const max = opts.netPortMax ?? 9999;
  const rep = new zmq.Reply({ linger: 0 });
  const pubSock = opts.noPublisher ? null : new zmq.XPublisher({ linger: 0 });
  let address: string;
  let publisherAddress: string | null = null;
  try {
    const port = await bindPort(rep, bind, opts.netPort, min, max);
    const adv = advertisedHost(bind);
    address = `tcp://${adv}:${port}`;
    if (pubSock) publisherAddress = `tcp://${adv}:${await bindPort(pubSock, bind, opts.pubPort, min, max)}`;
  } catch (e) {
    rep.close();
    pubSock?.close();
    log.error(`cannot bind: ${(e as Error).message}`);
    throw e;
  }

  const local = localNodes.length ? spawnLocalAgent() : null;
  await local?.connection.ready;

  const publisher = new EventPublisher(pubSock);
  const report = new JobReport(path.resolve(auxDir, opts.reportFile ?? 'jobs.report'), opts.reportFormat ?? 'text');
  let onIdle = (): void => {};
  const executor: { current?: AgentExecutor } = {};
  const core = new Core(
    pool,
    {
      launch: (id, cmd) => byNode[cmd.node].launch(id, cmd),
      cancel: (id) => executors.forEach((x) => x.cancel(id)),
      publish: (topic, body) => {
        if (publisher.wants(topic)) publisher.publish(`${topic} ${pyJson(body)}`);
        if (topic === 'NOJ') onIdle();
      },
      finished: (job, task) => report.add(job, task),
    },
    { rootWd: wd, address, killGraceMs: opts.killGraceMs ?? 10_000, instanceId, nodeRootWd: [...localNodes.map(() => undefined), ...(ssh?.hosts.map((h) => h.rootWd) ?? [])] },
    now,
  );
  const execEvents = {
    onStarted: (id: number, w: string) => core.onStarted(id, w),
    onWdFailed: (id: number, m: string) => core.onWdFailed(id, m),
    onExited: (r: Parameters<Core['onExited']>[0], w: string) => core.onExited(r, w),
  };
  if (local) executor.current = new AgentExecutor(
    local.connection,
    execEvents,
    (reason) => log.error(reason),
    (pids) => {
      for (const pid of pids) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  );

  // where each node's tasks run: the local agent for --nodes, one agent per SSH host after them
  const sshExecutors = ssh?.executors(execEvents, (reason) => log.error(reason)) ?? [];
  const executors = [...(executor.current ? [executor.current] : []), ...sshExecutors];
  const byNode: AgentExecutor[] = [...localNodes.map(() => executor.current!), ...sshExecutors];

  // ---- finish sequence ----------------------------------------------------------------------------
  let finishMode: 'finish' | 'finish-wait' | 'after-all-done' | null = null;
  let requestsClosed = false;
  let finishTimer: NodeJS.Timeout | undefined;
  let shuttingDown: Promise<number> | null = null;
  let resolveDone!: (code: number) => void;
  const done = new Promise<number>((r) => (resolveDone = r));

  const closeRequests = () => {
    if (requestsClosed) return;
    requestsClosed = true;
    rep.close();
  };
  const shutdown = (): Promise<number> =>
    (shuttingDown ??= (async () => {
      clearTimeout(finishTimer);
      closeRequests();
      log.info('all jobs final: shutting down');
      try {
        writeFileSync(path.join(auxDir, 'final_status'), JSON.stringify(handler.statusData(), null, 2));
      } catch (e) {
        log.error(`cannot write final_status: ${(e as Error).message}`);
      }
      report.flush();
      await Promise.all(executors.map((x) => x.shutdown()));
      ssh?.close();
      await publisher.drain();
      pubSock?.close();
      await new Promise<void>((r) => log.on('finish', r).end());
      resolveDone(0);
      return 0;
    })());
  onIdle = () => {
    if (finishMode && core.allJobsFinished) void shutdown();
  };
  const cancelEverything = () => {
    closeRequests();
    core.cancelAll();
    onIdle();
  };
  const control: ManagerControl = {
    info: { instanceId, startedUs, address, publisher: publisherAddress, host, account: os.userInfo().username, wd: process.cwd(), version: VERSION },
    maxIterations: opts.maxIterations ?? 1_000_000,
    finishDelaySeconds: opts.finishDelaySeconds ?? 2,
    get finishing() {
      return finishMode !== null;
    },
    requestFinish(how) {
      finishMode = how;
      log.info(`finish requested (${how})`);
      if (how === 'finish') {
        // requests other than submit are answered for the whole delay, even when there is nothing to cancel
        core.startsAllowed = false;
        finishTimer = setTimeout(cancelEverything, control.finishDelaySeconds * 1000);
      } else {
        // the reply to this request goes out first; then check whether we are idle already
        setImmediate(onIdle);
      }
    },
    now,
  };
  const handler = new RequestHandler(core, control);

  writeFileSync(path.join(auxDir, 'address'), address);
  log.info(`manager ${instanceId} serving at ${address}, events at ${publisherAddress ?? '(disabled)'}, nodes ${nodes.map((n) => `${n.name}:${n.cores}`).join(',')}, wd ${wd}`);

  void serveRequests(rep, handler, opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES, log, () => requestsClosed);

  return {
    address,
    publisherAddress,
    instanceId,
    auxDir,
    done,
    stop() {
      finishMode ??= 'finish';
      core.startsAllowed = false;
      cancelEverything();
      return done;
    },
  };
}

async function serveRequests(rep: zmq.Reply, handler: RequestHandler, maxBytes: number, log: Logger, closed: () => boolean): Promise<void> {
  try {
    for await (const frames of rep) {
      let reply: Buffer;
      const first = frames[0] ?? Buffer.alloc(0);
      try {
        if (frames.length !== 1) {
          reply = encode({ code: 1, message: `Invalid request: expected a single frame, got ${frames.length}` }, 'json');
        } else {
          const d = decodeRequest(first, maxBytes);
          if (!d.ok) reply = encode({ code: 1, message: d.message }, d.encoding);
          else {
            const r = handler.handle(d.value);
            log.debug(`request ${typeof d.value.request === "string" ? d.value.request : "?"} → code ${r.code}${r.message ? `: ${r.message}` : ''}`);
            reply = encode(r, d.encoding);
          }
        }
      } catch (e) {
        log.error(`request handling failed: ${(e as Error).stack}`);
        reply = encode({ code: 1, message: `Failed to process request: ${(e as Error).message}` }, encodingOf(first));
      }
      if (closed()) break;
      await rep.send(reply);
      if (closed()) break;
    }
  } catch (e) {
    if (!closed()) log.error(`request socket failed: ${(e as Error).message}`);
  }
}

/** The address clients use: the bind address, or the host's primary IPv4 address for 0.0.0.0. */
function advertisedHost(bind: string): string {
  if (bind !== '0.0.0.0') return bind.includes(':') ? `[${bind}]` : bind;
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}
