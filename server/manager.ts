/**
 * A running manager: wires the pure core to its edges (ZeroMQ sockets, the node agent, the report file,
 * logs) and owns the finish/shutdown sequence (protocol.md §4.9, §4.10).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as zmq from 'zeromq';
import { DEFAULT_MAX_FRAME_BYTES } from '../protocol/codec.js';
import { pyJson } from '../protocol/pyjson.js';
import { spawnLocalAgent } from './agent/agent-connection.js';
import { systemClock } from './core/clock.js';
import { Core } from './core/core.js';
import type { ImplicitRange } from './core/job.js';
import { EffectBacklog, SLICE, type Bulk } from './effect-backlog.js';
import { parseNodeList, ResourcePool, type NodeSpec } from './core/resources.js';
import { AgentExecutor, type Executor } from './executor/agent-executor.js';
import { startSshHosts } from './executor/ssh/ssh-hosts.js';
import { localMover, Staging } from './executor/staging.js';
import { createLogger } from './log.js';
import type { ManagerOptions, RunningManager } from './options.js';
import { JobReport } from './report.js';
import type { CoreRecord, JournaledHosts } from './journal/records.js';
import { RequestHandler, type HostStatus, type ManagerControl } from './requests.js';
import { RequestLoop } from './request-loop.js';
import { checkSecurityOptions, startSecurity, type ServerSecurity } from './security.js';
import { bindPort, EventPublisher } from './transport.js';
import { findJournalDir, JournalStore, loadJournal, type LoadResult } from './journal/store.js';
import { VERSION } from './version.js';

export async function startManager(opts: ManagerOptions = {}): Promise<RunningManager> {
  // the bind rule and the key files are checked before anything is created
  const security = checkSecurityOptions(opts);
  const now = systemClock();
  const startedUs = now();
  const host = os.hostname();
  // resume: the journal says who we are (InstanceId, aux dir, wd, nodes) and what the job table was
  let resumed: { auxDir: string; loaded: LoadResult; ms: number } | null = null;
  if (opts.resume !== undefined) {
    if (opts.journal === false) throw new Error('--resume needs the journal (drop --no-journal)');
    const t0 = performance.now();
    const dir = findJournalDir(opts.resume, opts.instanceId);
    resumed = { auxDir: dir, loaded: loadJournal(dir), ms: 0 };
    resumed.ms = performance.now() - t0;
    const id = resumed.loaded.state.identity;
    if (!id) throw new Error(`--resume: the journal in ${dir} has no readable header`);
    if (opts.instanceId !== undefined && opts.instanceId !== id.id) throw new Error(`--resume: the journal is manager ${id.id}'s, not ${opts.instanceId}'s`);
  }
  const identity = resumed?.loaded.state.identity;
  const wd = path.resolve(opts.wd ?? identity?.wd ?? process.cwd());
  const instanceId = identity?.id ?? opts.instanceId ?? `${host}.${Math.floor(Math.random() * 10000)}`;
  const auxDir = resumed?.auxDir ?? path.join(wd, `.qcgpjm-service-${instanceId}`);
  mkdirSync(auxDir, { recursive: true });
  const log = createLogger(path.join(auxDir, 'service.log'), opts.logLevel, opts.logToStderr ?? true);

  // stage-in/out (attributes.stageIn/stageOut) around every executor: exits pass through it to the core
  // (created below once the nodes are known)
  const staging = new Staging(
    {
      onStarted: (id: number, w: string, at?: number) => core.onStarted(id, w, at),
      onWdFailed: (id: number, m: string) => core.onWdFailed(id, m),
      onExited: (r: Parameters<Core['onExited']>[0], w: string) => core.onExited(r, w),
    },
    wd,
  );
  const execEvents = staging.events;
  // SSH hosts (--hosts) are nodes after the local ones; with --hosts alone this machine runs no jobs. The
  // journal keeps the hosts file's text: a resume without --hosts uses it again (from a copy in the aux dir).
  let hostsFile = opts.hosts;
  if (hostsFile === undefined && identity?.hosts) {
    hostsFile = path.join(auxDir, 'hosts.json');
    writeFileSync(hostsFile, identity.hosts.text, { mode: 0o600 });
    log.info(`SSH hosts from the journal (hosts file ${identity.hosts.file} as it was; copy in ${hostsFile})`);
  }
  const journaledHosts: JournaledHosts | undefined = hostsFile
    ? { file: opts.hosts !== undefined ? path.resolve(opts.hosts) : identity!.hosts!.file, text: readFileSync(hostsFile, 'utf8') }
    : undefined;
  const ssh = hostsFile ? await startSshHosts(hostsFile, instanceId, execEvents, log) : null;
  const localNodes: NodeSpec[] = opts.nodes
    ? parseNodeList(opts.nodes)
    : (identity?.nodes ?? (ssh ? [] : [{ name: host.split('.')[0], cores: os.availableParallelism() }]));
  const clash = ssh?.nodes.find((h) => localNodes.some((n) => n.name === h.name));
  if (clash) {
    ssh!.close();
    throw new Error(`hosts file ${hostsFile}: host '${clash.name}': field 'name': also a node of --nodes`);
  }
  const nodes: NodeSpec[] = [...localNodes, ...(ssh?.nodes ?? [])];
  const pool = new ResourcePool(nodes, { systemCore: opts.systemCore });

  // sockets first: a bind failure is fatal before anything else starts
  const bind = opts.bind ?? '127.0.0.1';
  const min = opts.netPortMin ?? 2222;
  const max = opts.netPortMax ?? 9999;
  let sec: ServerSecurity;
  try {
    sec = await startSecurity(security, log); // the ZAP handler before any server socket
  } catch (e) {
    ssh?.close();
    log.error(`cannot start CURVE: ${(e as Error).message}`);
    throw e;
  }
  const rep = new zmq.Router({ linger: 0, ...sec.socketOptions }); // REQ clients; see request-loop.ts for why not REP
  // events a subscriber may fall behind by before it loses some (ZeroMQ's default is 1000): a whole-job cancel
  // publishes an event pair per iteration, faster than a subscriber reads them (as the client's receive side)
  const pubSock = opts.noPublisher ? null : new zmq.XPublisher({ linger: 0, sendHighWaterMark: EVENT_HWM, ...sec.socketOptions });
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
    await sec.close();
    ssh?.close();
    log.error(`cannot bind: ${(e as Error).message}`);
    throw e;
  }

  const local = localNodes.length ? spawnLocalAgent() : null;
  await local?.connection.ready;

  const publisher = new EventPublisher(pubSock);
  const report = new JobReport(path.resolve(auxDir, opts.reportFile ?? 'jobs.report'), opts.reportFormat ?? 'text');

  // The journal: every change is appended before the reply or event that reveals it goes out. Events wait
  // here, tagged with the journal position at publish time, until the records before them are on disk
  // (JournalStore.position: changes to SCHEDULED/EXECUTING need not wait).
  const gated: string[] = [];
  const gatedAt: number[] = [];
  let gatedHead = 0;
  /** publish `${topic} ${json}` once the journal holds position `at` (or at once when it does already) */
  const emit = (topic: string, json: string, at: number) => {
    const frame = `${topic} ${json}`;
    if (journal && (gatedHead < gated.length || journal.writer.durablePosition < at)) {
      gated.push(frame);
      gatedAt.push(at);
      journal.requestSync();
    } else publisher.publish(frame);
  };
  const releaseEvents = (durable: number) => {
    while (gatedHead < gated.length && gatedAt[gatedHead] <= durable) publisher.publish(gated[gatedHead++]);
    if (gatedHead === gated.length) {
      gated.length = gatedAt.length = gatedHead = 0;
    }
  };
  const storeOpts = {
    compactRecords: opts.journalCompactRecords,
    minIntervalMs: opts.journalSyncIntervalMs,
    // events are held back a moment for group commit only while tasks run (more exits are coming)
    deferrable: () => pool.usedCores > 0,
    onDurable: releaseEvents,
    onError: (m: string) => log.error(m),
    onInfo: (m: string) => log.info(m),
  };
  let journal: JournalStore | null = null;
  if (resumed) {
    const { loaded } = resumed;
    const c = loaded.corruption;
    if (c) {
      log.warn(
        `journal ${c.file}: ${c.error}; resuming from the ${loaded.state.applied} records before it ` +
          `(${c.size - c.goodBytes} bytes after it ignored, saved as journal.bad-*)`,
      );
    }
    journal = JournalStore.resume(auxDir, loaded, storeOpts);
    journal.append({ t: 'rs', ts: startedUs, nodes: localNodes, hosts: journaledHosts ?? null });
  } else if (opts.journal !== false) {
    // the local nodes are a resume's default; SSH hosts are not remembered (--hosts again)
    journal = JournalStore.create(auxDir, { id: instanceId, wd, nodes: localNodes, ...(journaledHosts ? { hosts: journaledHosts } : {}) }, storeOpts);
  }
  let onIdle = (): void => {};
  // the next slice of a big cancel's events waits while the event socket's queue is long: ZeroMQ takes them
  // more slowly than they are made, and they would pile up in memory
  const backlog = new EffectBacklog(
    (e) => log.error(`publishing events failed: ${(e as Error).stack}`),
    () => (publisher.queued > 4 * SLICE ? publisher.drain() : null),
  );
  /** The events and report entries of iterations that became final together, one slice at a time. */
  const implicitEffects = (range: ImplicitRange, at: number): Bulk => {
    const { job, state } = range;
    // the body of each event, as pyJson writes it, up to the index: `{"manager": …, "state": …, "it": ` (protocol.md §5)
    const head = pyJson({ manager: instanceId, job: job.name, state, it: 0 }).slice(0, -2);
    return {
      get left() {
        return range.left;
      },
      step: (max) => {
        const ist = publisher.wants('IST');
        const ifi = publisher.wants('IFI');
        return range.take(max, (it) => {
          const json = `${head}${it}}`;
          if (ist) emit('IST', json, at);
          if (ifi) emit('IFI', json, at);
          report.addImplicit(job, it);
        });
      },
    };
  };
  const retryTimer = new WakeTimer(() => core.schedule());
  const executor: { current?: AgentExecutor } = {};
  const core = new Core(
    pool,
    {
      launch: (id, cmd) => byNode[cmd.node].launch(id, cmd),
      canChain: (node) => byNode[node].chains === true,
      unchain: (id, node) => byNode[node].unchain?.(id),
      cancel: (id) => executors.forEach((x) => x.cancel(id)),
      // while the events of a big cancel go out (backlog), later effects queue behind them, in order
      publish: (topic, body) => {
        if (publisher.wants(topic)) {
          const at = journal?.position ?? 0;
          if (backlog.busy) backlog.defer(() => emit(topic, pyJson(body), at));
          else emit(topic, pyJson(body), at);
        }
        if (topic === 'NOJ') onIdle();
      },
      finished: (job, task) => (backlog.busy ? backlog.defer(() => report.add(job, task)) : report.add(job, task)),
      implicitFinal: (range) => backlog.bulk(implicitEffects(range, journal?.position ?? 0)),
      wakeAt: (us) => retryTimer.at(us, now()),
      ...(journal ? { record: (rec: CoreRecord) => journal!.append(rec) } : {}),
    },
    { rootWd: wd, address, killGraceMs: opts.killGraceMs ?? 10_000, instanceId, nodeRootWd: [...localNodes.map(() => undefined), ...(ssh?.hosts.map((h) => h.rootWd) ?? [])], jobEnv: sec.jobEnv },
    now,
  );
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
  // an SSH host that is not online (reconnecting, offline) takes no new tasks; its running ones stay
  for (const h of ssh?.hosts ?? []) h.onState = () => core.setNodeOnline(h.name, h.state === 'online');
  const sshExecutors = ssh?.hosts.map((h, i) => staging.wrap(h.executor, ssh.movers[i])) ?? [];
  const localExecutor = executor.current && staging.wrap(executor.current, localMover);
  const executors: Executor[] = [...(localExecutor ? [localExecutor] : []), ...sshExecutors];
  const byNode: Executor[] = [...localNodes.map(() => localExecutor!), ...sshExecutors];

  // ---- finish sequence ----------------------------------------------------------------------------
  let finishMode: 'finish' | 'finish-wait' | 'after-all-done' | null = null;
  let requestsClosed = false;
  let finishTimer: NodeJS.Timeout | undefined;
  let shuttingDown: Promise<number> | null = null;
  let resolveDone!: (code: number) => void;
  const done = new Promise<number>((r) => (resolveDone = r));

  let requests: RequestLoop | null = null;
  const closeRequests = () => {
    if (requestsClosed) return;
    requestsClosed = true;
    // replies already built still go out first, each once the journal holds what it reveals
    if (requests) void requests.close();
    else rep.close();
  };
  const writeFinalStatus = () => {
    try {
      writeFileSync(path.join(auxDir, 'final_status'), JSON.stringify(handler.statusData(), null, 2));
    } catch (e) {
      log.error(`cannot write final_status: ${(e as Error).message}`);
    }
  };
  const shutdown = (): Promise<number> =>
    (shuttingDown ??= (async () => {
      clearTimeout(finishTimer);
      retryTimer.clear();
      closeRequests();
      log.info(`all jobs final: shutting down (${core.launches.total} tasks launched, ${core.launches.chained} of them chained, ${core.launches.takenBack} of those taken back)`);
      await backlog.drained(); // the events and report entries of a big cancel may still be going out
      writeFinalStatus();
      report.flush();
      await Promise.all(executors.map((x) => x.shutdown()));
      ssh?.close();
      await journal?.close(); // the last records, then the events waiting for them
      await publisher.drain();
      pubSock?.close();
      await sec.close();
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
    maxJobsPerSubmit: opts.maxJobsPerSubmit ?? 100_000,
    maxJobs: opts.maxJobs ?? 1_000_000,
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
    eventBacklog: () => backlog.pending,
    ...(ssh ? { hosts: (): HostStatus[] => ssh.hosts.map((h) => ({ name: h.name, state: h.state, sinceUs: h.sinceUs, message: h.message })) } : {}),
    ...(journal ? { refusedSubmit: (n: number) => journal!.append({ t: 'rc', n }) } : {}),
  };
  const handler = new RequestHandler(core, control);

  if (resumed) {
    const { state, corruption } = resumed.loaded;
    handler.rcnt = state.rcnt;
    const jobs = [...state.jobs.values()];
    const counts: Record<string, number> = {};
    for (const j of jobs) counts[j.state] = (counts[j.state] ?? 0) + 1;
    report.rewrite(jobs); // every task final in the journal, once; restore appends what it ends
    core.restore(jobs);
    log.info(
      `resumed manager ${instanceId} from ${auxDir}: ${state.applied} journal records read in ${resumed.ms.toFixed(0)} ms` +
        `${corruption ? ' (stopped at a bad record)' : ''}; ${jobs.length} jobs (${Object.entries(counts).map(([s, n]) => `${s} ${n}`).join(', ') || 'none'})`,
    );
  }

  // clients of a CURVE manager need its public key; it is no secret (the aux dir is the manager user's anyway)
  if (sec.keys) writeFileSync(path.join(auxDir, 'server.pub'), `# public key of pilotmq manager ${instanceId}\n${sec.keys.publicKey}\n`);
  writeFileSync(path.join(auxDir, 'address'), address);
  log.info(`manager ${instanceId} serving at ${address}, events at ${publisherAddress ?? '(disabled)'}, nodes ${nodes.map((n) => `${n.name}:${n.cores}`).join(',')}, wd ${wd}`);

  requests = new RequestLoop(rep, handler, { maxFrameBytes: opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES, log, journal });
  void requests.run();

  return {
    address,
    publisherAddress,
    instanceId,
    serverPublicKey: sec.keys?.publicKey ?? null,
    auxDir,
    done,
    reload() {
      if (!sec.reloadAuthorizedKeys) {
        const message = 'nothing to reload (no --authorized-keys)';
        log.info(`reload: ${message}`);
        return { ok: true, message };
      }
      const before = sec.authorizedCount;
      try {
        const n = sec.reloadAuthorizedKeys();
        const message = `reloaded ${opts.authorizedKeys}: ${n} authorized client key(s) (were ${before}); new connections are checked against them`;
        log.info(message);
        if (n === 0) log.warn(`${opts.authorizedKeys} holds no key now: no client can connect (the jobs' own key still can)`);
        return { ok: true, message };
      } catch (e) {
        const message = `cannot reload the authorized keys, the ${before} key(s) read before stay: ${(e as Error).message}`;
        log.error(message);
        return { ok: false, message };
      }
    },
    stop(how = 'cancel') {
      if (how === 'wait') {
        // as `finish --wait`: queued and running work goes on, submits are refused, other requests answered
        if (!finishMode) {
          handler.finishRefusesSubmit = true;
          control.requestFinish('finish-wait');
        }
        return done;
      }
      finishMode ??= 'finish';
      core.startsAllowed = false;
      cancelEverything();
      return done;
    },
    forceStop() {
      log.warn('forced stop: killing every running job now');
      closeRequests();
      writeFinalStatus();
      report.flush();
      // SIGKILL to the process groups this process knows; the agents kill the rest when their pipe closes
      for (const x of executors) x.killAllNow?.();
    },
  };
}

/** Send high-water mark of the event socket, per subscriber (about 100 bytes an event). */
const EVENT_HWM = 100_000;

/** One timer for the earliest time the core asked to be woken at (retries waiting for their backoff). */
class WakeTimer {
  private timer?: NodeJS.Timeout;
  private atUs = Infinity;

  constructor(private readonly wake: () => void) {}

  at(us: number, nowUs: number): void {
    if (us >= this.atUs) return;
    clearTimeout(this.timer);
    this.atUs = us;
    // +1 ms: a timer may fire a fraction of a millisecond early; the core asks again if it was too early
    this.timer = setTimeout(() => {
      this.atUs = Infinity;
      this.wake();
    }, Math.max(0, Math.ceil((us - nowUs) / 1000) + 1));
  }

  clear(): void {
    clearTimeout(this.timer);
    this.atUs = Infinity;
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
