import { Client, type ClientChannel } from 'ssh2';
import type { SshHostSpec } from './hosts-file.js';
/** Quote a word for a POSIX shell: the only place a string reaches a remote shell, always through here. */
export declare function shellQuote(s: string): string;
export interface SshConnectResult {
    client: Client;
    /** set when the host key was new and got recorded (acceptNewHostKey) */
    hostKeyAdded: boolean;
}
export declare function connectHost(spec: SshHostSpec, env?: NodeJS.ProcessEnv): Promise<SshConnectResult>;
export declare function openExec(client: Client, command: string): Promise<ClientChannel>;
/** Run a short command, collect its output. */
export declare function execCollect(client: Client, command: string): Promise<{
    code: number | null;
    stdout: string;
    stderr: string;
}>;
