/**
 * Manager side of the agent pipe (protocol: ./messages.ts). Works on any pair of streams, so a local agent
 * (child process) and a remote one (SSH channel) are driven the same way.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
export class AgentConnection {
    /** resolves on the agent's `ready` report; rejects when the connection closes before it */
    ready;
    /** resolves when the connection is closed, expectedly or not (never rejects: see onClose for the error) */
    closed;
    input;
    output;
    onNoise;
    describeEnd;
    reportHandlers = [];
    closeHandlers = [];
    outBuf = [];
    flushScheduled = false;
    rest = '';
    isReady = false;
    closedFlag = false;
    closeError;
    /** shutdown() or end() was called: the stream ending is no error */
    expectEnd = false;
    inputError;
    resolveReady;
    rejectReady;
    resolveClosed;
    constructor(streams) {
        this.input = streams.input;
        this.output = streams.output;
        this.onNoise = streams.onNoise;
        this.describeEnd = streams.describeEnd;
        this.ready = new Promise((res, rej) => {
            this.resolveReady = res;
            this.rejectReady = rej;
        });
        this.ready.catch(() => { }); // surfaced through onClose as well; awaiting `ready` still rejects
        this.closed = new Promise((res) => (this.resolveClosed = res));
        this.output.setEncoding('utf8');
        this.output.on('data', (chunk) => this.onData(chunk));
        this.output.on('end', () => this.close());
        this.output.on('close', () => this.close());
        this.output.on('error', (err) => this.close(err));
        // EPIPE when the agent is gone. Its stdout ends as well, after the last reports: the connection closes
        // then, with this error unless the agent was told to stop. (A write error must never go unhandled.)
        this.input.on('error', (err) => (this.inputError ??= err));
    }
    get isClosed() {
        return this.closedFlag;
    }
    /** Queue a command; everything sent during one tick goes out in one write. Dropped once closed. */
    send(cmd) {
        if (this.closedFlag)
            return;
        if (cmd.t === 'shutdown')
            this.expectEnd = true;
        this.outBuf.push(JSON.stringify(cmd));
        if (!this.flushScheduled) {
            this.flushScheduled = true;
            process.nextTick(() => this.flush());
        }
    }
    onReport(handler) {
        this.reportHandlers.push(handler);
    }
    /** Called once when the connection closes; `err` is set when that was not asked for (agent died, stream error). */
    onClose(handler) {
        if (this.closedFlag)
            process.nextTick(() => handler(this.closeError));
        else
            this.closeHandlers.push(handler);
    }
    /** Ask the agent to terminate every task, report them and exit. */
    shutdown() {
        this.send({ t: 'shutdown' });
    }
    /** Close the agent's stdin: it terminates every task and exits, like on shutdown. */
    end() {
        this.expectEnd = true;
        this.flush();
        this.input.end();
    }
    /** Mark the connection closed now (e.g. the agent process could not be started). */
    destroy(err) {
        this.close(err ?? new Error('agent connection destroyed'));
        this.input.destroy();
        this.output.destroy();
    }
    flush() {
        this.flushScheduled = false;
        if (this.outBuf.length === 0 || this.closedFlag)
            return;
        const data = this.outBuf.join('\n') + '\n';
        this.outBuf = [];
        this.input.write(data);
    }
    onData(chunk) {
        const lines = (this.rest + chunk).split('\n');
        this.rest = lines.pop();
        for (const line of lines)
            this.onLine(line);
    }
    onLine(line) {
        let r;
        try {
            if (!line.startsWith('{'))
                throw new Error('not a report');
            r = JSON.parse(line);
        }
        catch {
            if (line.trim())
                this.onNoise?.(line);
            return;
        }
        if (r.t === 'ready' && !this.isReady) {
            this.isReady = true;
            this.resolveReady({ pid: r.pid });
        }
        for (const h of this.reportHandlers)
            h(r);
    }
    close(err) {
        if (this.closedFlag)
            return;
        this.closedFlag = true;
        if (!err && !this.expectEnd) {
            const more = [this.inputError?.message, this.describeEnd?.()].filter(Boolean).join(', ');
            err = new Error(`agent connection closed unexpectedly${more ? ` (${more})` : ''}`);
        }
        this.closeError = err;
        if (!this.isReady)
            this.rejectReady(err ?? new Error('agent connection closed before ready'));
        this.resolveClosed();
        for (const h of this.closeHandlers.splice(0))
            h(err);
    }
}
/** dist/server/agent/agent.js, next to this compiled file */
export const localAgentPath = fileURLToPath(new URL('./agent.js', import.meta.url));
/**
 * Start an agent as a child process of this one. It gets its own process group, so a terminal's Ctrl-C reaches
 * the manager only and the manager decides; if the manager dies the agent sees stdin EOF and kills every job.
 */
export function spawnLocalAgent(opts = {}) {
    const child = spawn(opts.nodePath ?? process.execPath, [opts.agentPath ?? localAgentPath], {
        stdio: ['pipe', 'pipe', 'inherit'],
        env: opts.env ?? process.env,
        detached: true,
    });
    let exitStatus;
    const connection = new AgentConnection({
        input: child.stdin,
        output: child.stdout,
        describeEnd: () => exitStatus,
    });
    child.on('error', (err) => connection.destroy(err)); // could not start node
    // the connection closes when stdout ends, which can come after 'exit': the last reports are still read
    child.on('exit', (code, signal) => (exitStatus = `agent exited with ${signal ?? `code ${code}`}`));
    return { connection, child };
}
//# sourceMappingURL=agent-connection.js.map