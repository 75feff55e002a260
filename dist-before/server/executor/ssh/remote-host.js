/**
 * One SSH host and its connection's life: online → (drop) reconnecting → online again, or → offline when it
 * stays down longer than its give-up time (README "SSH hosts").
 *
 * On every (re)connection the node agent is (re)deployed when missing and `node agent.mjs --attach <instance
 * dir>` runs on ONE exec channel: a bridge to the host's agent daemon, which outlives the channel and keeps the
 * jobs running (server/agent/agent.ts, "Remote agent"). While the host is not online its node takes no new
 * tasks (the manager's onState) and its running tasks stay EXECUTING; after reconnecting, RemoteExecutor.attach
 * recovers each of them. When it is given up, they end FAILED "host NAME lost: …" (reason 'hostLost'), the
 * agent daemon has killed them by then (its orphan time is below the give-up time), and the host gets a new
 * session, so anything of the old one still found there is killed when it rejoins.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AgentConnection } from '../../agent/agent-connection.js';
import { connectHost, openExec, shellQuote } from './connection.js';
import { deployAgent } from './deploy.js';
import { jobsRoot } from './job-dir.js';
import { RemoteExecutor } from './remote-executor.js';
/** How long the agent may hear nothing before it kills its jobs: safely below the give-up time. */
export function orphanMsFor(giveUpAfterMs) {
    return Math.max(50, Math.floor(giveUpAfterMs * 0.9));
}
/**
 * Delay before reconnect attempt `attempt` (0, 1, …): exponential backoff with jitter, bounded by maxMs:
 * min(maxMs, initialMs·2^attempt) × a random factor in [0.5, 1).
 */
export function reconnectDelayMs(policy, attempt, random = Math.random) {
    const base = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
    return Math.round(base * (0.5 + random() * 0.5));
}
/** The agent's wait for `ready` (it may have to start its daemon: two node start-ups). */
const READY_TIMEOUT_MS = 30_000;
export class RemoteHost {
    spec;
    cores;
    rootWd;
    pool;
    agent;
    instanceId;
    log;
    mode = 'agent';
    executor;
    state = 'online';
    /** when it entered `state`, epoch µs */
    sinceUs = Date.now() * 1000;
    /** why it is not online */
    message;
    /** called on every state change */
    onState = () => { };
    /** remote path of the deployed agent */
    agentPath = '';
    client = null;
    conn = null;
    session = randomUUID();
    attempt = 0;
    lostAtMs = 0;
    retryTimer;
    giveUpTimer;
    pingTimer;
    connecting = false;
    closed = false;
    /** why the connection was lost, and the last reconnect attempt's error */
    lostWhy = '';
    lastError = '';
    constructor(spec, cores, 
    /** absolute root on the host: its workdir (`~` expanded there), else its home */
    rootWd, 
    /** SFTP staging's connections (the first one shared with the agent's until it drops) */
    pool, agent, instanceId, log, events) {
        this.spec = spec;
        this.cores = cores;
        this.rootWd = rootWd;
        this.pool = pool;
        this.agent = agent;
        this.instanceId = instanceId;
        this.log = log;
        this.executor = new RemoteExecutor(spec.name, events, spec.env);
    }
    get name() {
        return this.spec.name;
    }
    get where() {
        return `host ${this.spec.name} (${this.spec.user}@${this.spec.host}:${this.spec.port})`;
    }
    /** First connection, already made and probed by the caller: deploy, start or attach the agent. Returns its pid. */
    start(client) {
        return this.open(client);
    }
    /** Stop reconnecting and end the connection (after the executor's shutdown). */
    close() {
        this.closed = true;
        clearTimeout(this.retryTimer);
        clearTimeout(this.giveUpTimer);
        clearInterval(this.pingTimer);
        if (this.conn && !this.conn.isClosed)
            this.conn.end();
        this.pool.close();
        this.client?.end();
    }
    /**
     * Deploy when missing, run the bridge, wait for the agent, attach (recovering the tasks in flight). Returns
     * the agent's pid. The host is online when this resolves.
     */
    async open(client) {
        const deployed = await deployAgent(client, this.rootWd, this.agent);
        this.agentPath = deployed.path;
        const jobsDir = jobsRoot(this.rootWd, this.instanceId);
        const command = `exec ${shellQuote(this.spec.node)} ${shellQuote(deployed.path)} --attach ${shellQuote(path.posix.dirname(jobsDir))}`;
        const channel = await openExec(client, command);
        let stderrTail = '';
        let exit;
        channel.stderr.setEncoding('utf8');
        channel.stderr.on('data', (d) => {
            stderrTail = (stderrTail + d).slice(-2000);
        });
        channel.on('exit', (code, signal) => (exit = signal ? `agent bridge killed by ${signal}` : `agent bridge exited with code ${code}`));
        const conn = new AgentConnection({
            input: channel,
            output: channel,
            describeEnd: () => [exit, stderrTail.trim().split('\n').slice(-3).join(' | ')].filter(Boolean).join('; ') || undefined,
        });
        // the SSH connection dropping (sshd killed, network gone, keep-alive timeout) ends the agent connection
        const lost = (err) => {
            if (!conn.isClosed)
                conn.destroy(new Error(`SSH connection to ${this.spec.host}:${this.spec.port} lost${err ? ` (${err.message})` : ''}`));
        };
        client.on('error', lost);
        client.on('close', () => lost());
        let timer;
        const ready = await Promise.race([
            conn.ready,
            new Promise((_, rej) => {
                timer = setTimeout(() => rej(new Error(`the agent did not report ready within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
            }),
        ])
            .catch((e) => {
            conn.destroy();
            throw new Error(`cannot start the agent (${command}): ${e.message}`);
        })
            .finally(() => clearTimeout(timer));
        if (this.closed) {
            conn.end();
            client.end();
            return ready.pid;
        }
        this.client = client;
        this.conn = conn;
        this.executor.attach(conn, { t: 'attach', session: this.session, jobsDir, orphanMs: orphanMsFor(this.spec.reconnect.giveUpAfterMs) });
        conn.onClose((e) => this.onLost(conn, e));
        // the agent counts silence as the manager being gone: speak at least every sixth of its orphan time
        const orphanMs = orphanMsFor(this.spec.reconnect.giveUpAfterMs);
        clearInterval(this.pingTimer);
        this.pingTimer = setInterval(() => this.executor.ping(), Math.min(5000, Math.max(20, Math.floor(orphanMs / 6))));
        this.pingTimer.unref();
        return ready.pid;
    }
    setState(state, message) {
        this.state = state;
        this.sinceUs = Date.now() * 1000;
        this.message = message;
        this.onState(this);
    }
    onLost(conn, err) {
        if (this.closed || conn !== this.conn || this.executor.stopped)
            return;
        this.conn = null;
        clearInterval(this.pingTimer);
        this.executor.detach();
        this.client?.end();
        this.client = null;
        const why = err?.message ?? 'agent connection closed';
        if (this.state === 'online') {
            this.lostWhy = why;
            this.lastError = '';
            this.lostAtMs = Date.now();
            this.attempt = 0;
            this.log.warn(`${this.where}: connection lost (${why}); reconnecting, ${this.executor.running} task(s) in flight`);
            this.setState('reconnecting', `connection lost: ${why}`);
            this.giveUpTimer = setTimeout(() => this.giveUp(), this.spec.reconnect.giveUpAfterMs);
        }
        this.scheduleAttempt();
    }
    /** Exponential backoff with jitter: min(max, initial·2ⁿ) × [0.5, 1). Offline hosts are tried every ~max. */
    scheduleAttempt() {
        if (this.closed)
            return;
        const delay = reconnectDelayMs(this.spec.reconnect, this.attempt++);
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => void this.tryReconnect(), delay);
    }
    async tryReconnect() {
        if (this.closed || this.connecting)
            return;
        this.connecting = true;
        let client = null;
        try {
            client = (await connectHost(this.spec)).client;
            const pid = await this.open(client);
            if (this.closed)
                return;
            clearTimeout(this.giveUpTimer);
            const was = this.state;
            this.log.info(`${this.where}: ${was === 'offline' ? 'back, rejoins' : 'reconnected'} after ${this.attempt} attempt(s); agent pid ${pid}`);
            this.attempt = 0;
            this.setState('online');
        }
        catch (e) {
            client?.end();
            if (this.closed)
                return;
            this.lastError = e.message;
            this.log.info(`${this.where}: reconnect attempt ${this.attempt} failed: ${this.lastError}`);
            if (this.state === 'reconnecting')
                this.message = `connection lost: ${this.lostWhy}; last attempt: ${this.lastError}`;
            this.scheduleAttempt();
        }
        finally {
            this.connecting = false;
        }
    }
    /** Still down after giveUpAfterMs: offline; its tasks end as lost; a new session for when it comes back. */
    giveUp() {
        if (this.closed || this.state !== 'reconnecting')
            return;
        const reason = `host ${this.spec.name} lost: ${this.lostWhy}; not back within ${this.spec.reconnect.giveUpAfterMs} ms${this.lastError ? ` (last attempt: ${this.lastError})` : ''}`;
        this.log.error(`${reason}; ${this.executor.running} task(s) fail, the host is offline`);
        this.session = randomUUID();
        this.setState('offline', reason);
        this.executor.failAll(reason);
    }
}
//# sourceMappingURL=remote-host.js.map