import type { Client, SFTPWrapper } from 'ssh2';
export interface AgentFile {
    content: Buffer;
    /** first 16 hex digits of its sha256 */
    hash: string;
}
export declare function readAgentFile(file: string): AgentFile;
export declare const call: <T>(fn: (cb: (err: Error | null | undefined, v: T) => void) => void) => Promise<T>;
/** `mkdir -p` over SFTP; new directories get `mode` (the agent cache: 700) */
export declare function mkdirs(sftp: SFTPWrapper, dir: string, mode?: number): Promise<void>;
/**
 * Make sure `<cacheRoot>/.pilotmq/agent-<hash>.mjs` exists on the host; returns its path and whether it was
 * copied now. Written to a temporary name and renamed, so a concurrent manager never runs a half-written file.
 */
export declare function deployAgent(client: Client, cacheRoot: string, agent: AgentFile): Promise<{
    path: string;
    copied: boolean;
}>;
