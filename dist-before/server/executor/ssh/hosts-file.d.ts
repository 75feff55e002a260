export interface SshHostSpec {
    /** node name in allocations, QCG_PM_NODELIST, resources */
    name: string;
    host: string;
    port: number;
    user: string;
    /** cores offered; absent: detected with `nproc` on the host */
    cores?: number;
    /** private key file (absolute, `~` expanded on this machine) */
    identityFile?: string;
    /** name of the environment variable (of the manager) holding the key's passphrase */
    passphraseEnv?: string;
    /** ssh-agent socket (from `"agent": true` → $SSH_AUTH_SOCK, or a path) */
    agent?: string;
    /** known_hosts file (absolute), default ~/.ssh/known_hosts */
    knownHosts: string;
    /** accept (and record in knownHosts) the key of a host that has no entry yet; a changed key is always refused */
    acceptNewHostKey: boolean;
    /** root of relative job wd and `${root_wd}` on the host, and of the agent cache; may start with `~/` (the remote home) */
    workdir?: string;
    /** added to every job's environment on this host (the job's own env wins) */
    env: Record<string, string>;
    /** node binary on the host (default `node`, looked up in the PATH of a non-login exec) */
    node: string;
    /** SSH keep-alive interval, seconds (0: off); default 15 */
    keepaliveS: number;
    /** seconds to wait for connection + authentication (default 20) */
    connectTimeoutS: number;
    /** how jobs run: through the node agent, one exec channel each (plain), or agent when a suitable node is there */
    mode: 'agent' | 'plain' | 'auto';
    /** channels per SSH connection (sshd's MaxSessions, default 10); fewer are used when sshd refuses one */
    maxSessions: number;
    /** re-establishing a dropped connection */
    reconnect: ReconnectPolicy;
}
/**
 * Reconnection of a dropped host (README "SSH hosts"): attempt n (0, 1, …) waits min(maxMs, initialMs·2ⁿ),
 * jittered to 50–100 % of that; a host not back `giveUpAfterMs` after the drop is offline (its running jobs
 * fail) and is then tried every maxMs (jittered) so it can rejoin.
 */
export interface ReconnectPolicy {
    initialMs: number;
    maxMs: number;
    giveUpAfterMs: number;
}
export declare const DEFAULT_RECONNECT: ReconnectPolicy;
/** `~` and `~/x` on this machine */
export declare function expandHome(p: string): string;
/** Read and check a hosts file. Throws an Error whose message names the file, host and field. */
export declare function loadHostsFile(file: string, env?: NodeJS.ProcessEnv): SshHostSpec[];
export declare function parseHosts(doc: unknown, file?: string, env?: NodeJS.ProcessEnv): SshHostSpec[];
