/**
 * Manager side of the agent pipe (protocol: ./messages.ts). Works on any pair of streams, so a local agent
 * (child process) and a remote one (SSH channel) are driven the same way.
 */
import { type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { AgentCommand, AgentReport } from './messages.js';
export interface AgentStreams {
    /** the agent's stdin */
    input: Writable;
    /** the agent's stdout */
    output: Readable;
    /**
     * Lines on the agent's stdout that are not protocol reports (e.g. a remote login shell's banner before the
     * agent starts). Ignored by default.
     */
    onNoise?: (line: string) => void;
    /** extra words for the unexpected-close error, e.g. the agent's exit status when known */
    describeEnd?: () => string | undefined;
}
type ReportHandler = (r: AgentReport) => void;
type CloseHandler = (err?: Error) => void;
export declare class AgentConnection {
    /** resolves on the agent's `ready` report; rejects when the connection closes before it */
    readonly ready: Promise<{
        pid: number;
    }>;
    /** resolves when the connection is closed, expectedly or not (never rejects: see onClose for the error) */
    readonly closed: Promise<void>;
    private readonly input;
    private readonly output;
    private readonly onNoise?;
    private readonly describeEnd?;
    private readonly reportHandlers;
    private readonly closeHandlers;
    private outBuf;
    private flushScheduled;
    private rest;
    private isReady;
    private closedFlag;
    private closeError?;
    /** shutdown() or end() was called: the stream ending is no error */
    private expectEnd;
    private inputError?;
    private resolveReady;
    private rejectReady;
    private resolveClosed;
    constructor(streams: AgentStreams);
    get isClosed(): boolean;
    /** Queue a command; everything sent during one tick goes out in one write. Dropped once closed. */
    send(cmd: AgentCommand): void;
    onReport(handler: ReportHandler): void;
    /** Called once when the connection closes; `err` is set when that was not asked for (agent died, stream error). */
    onClose(handler: CloseHandler): void;
    /** Ask the agent to terminate every task, report them and exit. */
    shutdown(): void;
    /** Close the agent's stdin: it terminates every task and exits, like on shutdown. */
    end(): void;
    /** Mark the connection closed now (e.g. the agent process could not be started). */
    destroy(err?: Error): void;
    private flush;
    private onData;
    private onLine;
    private close;
}
/** dist/server/agent/agent.js, next to this compiled file */
export declare const localAgentPath: string;
export interface LocalAgentOptions {
    /** the agent's environment, the base of every job environment (default: this process's) */
    env?: NodeJS.ProcessEnv;
    /** node binary (default: the one running this process) */
    nodePath?: string;
    /** agent script (default: localAgentPath) */
    agentPath?: string;
}
/**
 * Start an agent as a child process of this one. It gets its own process group, so a terminal's Ctrl-C reaches
 * the manager only and the manager decides; if the manager dies the agent sees stdin EOF and kills every job.
 */
export declare function spawnLocalAgent(opts?: LocalAgentOptions): {
    connection: AgentConnection;
    child: ChildProcess;
};
export {};
