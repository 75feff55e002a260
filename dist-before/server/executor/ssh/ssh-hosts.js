import { localAgentPath } from '../../agent/agent-connection.js';
import { connectHost, execCollect, shellQuote } from './connection.js';
import { readAgentFile } from './deploy.js';
import { loadHostsFile } from './hosts-file.js';
import { PlainExecutor } from './plain-executor.js';
import { RemoteHost } from './remote-host.js';
import { SessionPool } from './session-pool.js';
import { sftpMover } from './sftp-mover.js';
/**
 * Read the hosts file and bring every host up (in parallel). Throws, naming the host, when one fails.
 * `instanceId` names the hosts' job directories (./job-dir.ts).
 */
export async function startSshHosts(file, instanceId, events, log, agentFile = localAgentPath) {
    const specs = loadHostsFile(file);
    const agent = readAgentFile(agentFile);
    const results = await Promise.allSettled(specs.map((s) => startHost(s, agent, instanceId, events, log)));
    const hosts = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) {
        for (const h of hosts)
            h.close();
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
/** A plain-mode host: online until the executor finds it unreachable, then offline (no reconnection). */
class PlainHost {
    spec;
    cores;
    rootWd;
    pool;
    mode = 'plain';
    executor;
    state = 'online';
    sinceUs = Date.now() * 1000;
    message;
    onState = () => { };
    constructor(spec, cores, rootWd, pool, opts) {
        this.spec = spec;
        this.cores = cores;
        this.rootWd = rootWd;
        this.pool = pool;
        this.executor = new PlainExecutor(pool, opts.events, {
            host: spec.name,
            env: spec.env,
            rootWd,
            instanceId: opts.instanceId,
            tool: opts.tool,
            onLost: (reason) => {
                opts.log.error(reason);
                this.state = 'offline';
                this.sinceUs = Date.now() * 1000;
                this.message = reason;
                this.onState(this);
            },
        });
    }
    get name() {
        return this.spec.name;
    }
    close() {
        this.pool.close();
    }
}
async function startHost(spec, agent, instanceId, events, log) {
    const where = `host ${spec.name} (${spec.user}@${spec.host}:${spec.port})`;
    const t0 = performance.now();
    const { client, hostKeyAdded } = await connectHost(spec);
    if (hostKeyAdded)
        log.warn(`${where}: new host key accepted and added to ${spec.knownHosts}`);
    try {
        // fixed probe, one line each: the remote home (root of `~` and default workdir), the CPU count, the version
        // of the host's node (empty: none), how to start a process group without node (setsid, else perl)
        const probe = await execCollect(client, `printf '%s\\n' "$HOME" "$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null)" ` +
            `"$(${shellQuote(spec.node)} -e 'process.stdout.write(process.versions.node)' 2>/dev/null)" ` +
            `"$(if command -v setsid >/dev/null 2>&1; then echo setsid; elif command -v perl >/dev/null 2>&1; then echo perl; fi)"`);
        const [home = '', ncpu = '', nodeVersion = '', tool = ''] = probe.stdout.split('\n');
        if (probe.code !== 0 || !home.startsWith('/')) {
            throw new Error(`probe failed (exit ${probe.code}): ${(probe.stderr || probe.stdout).trim().slice(0, 300)}`);
        }
        let cores = spec.cores;
        if (cores === undefined) {
            cores = Number(ncpu.trim());
            if (!Number.isInteger(cores) || cores < 1)
                throw new Error(`cannot detect the number of cores (nproc said '${ncpu.trim()}'): set "cores"`);
        }
        const w = spec.workdir;
        const rootWd = w === undefined || w === '~' ? home : w.startsWith('~/') ? `${home.replace(/\/$/, '')}/${w.slice(2)}` : w;
        const pool = new SessionPool(spec, spec.maxSessions, (m) => log.warn(`${where}: ${m}`), client);
        const nodeOk = Number(/^(\d+)\./.exec(nodeVersion)?.[1] ?? 0) >= MIN_NODE_MAJOR;
        const mode = spec.mode === 'auto' ? (nodeOk ? 'agent' : 'plain') : spec.mode;
        if (mode === 'plain') {
            if (tool !== 'setsid' && tool !== 'perl')
                throw new Error('plain mode needs setsid (util-linux, busybox) or perl on the host to give each job its own process group');
            const why = spec.mode === 'plain' ? 'mode plain' : nodeVersion ? `node ${nodeVersion} is older than ${MIN_NODE_MAJOR}` : `no '${spec.node}' found`;
            log.info(`${where}: ${cores} cores, root ${rootWd}, plain mode (${why}; ${tool}), up in ${(performance.now() - t0).toFixed(0)} ms`);
            return new PlainHost(spec, cores, rootWd, pool, { instanceId, tool, events, log });
        }
        if (!nodeOk)
            throw new Error(`mode agent: '${spec.node}' on the host ${nodeVersion ? `is version ${nodeVersion}, older than ${MIN_NODE_MAJOR}` : 'is missing'}`);
        const host = new RemoteHost(spec, cores, rootWd, pool, agent, instanceId, log, events);
        const pid = await host.start(client);
        log.info(`${where}: ${cores} cores, root ${rootWd}, agent mode, ${host.agentPath} pid ${pid}, up in ${(performance.now() - t0).toFixed(0)} ms`);
        return host;
    }
    catch (e) {
        client.end();
        throw new Error(`${where}: ${e.message}`);
    }
}
//# sourceMappingURL=ssh-hosts.js.map