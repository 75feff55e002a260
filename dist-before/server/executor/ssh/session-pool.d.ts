/**
 * SSH connections to one host, for work that needs a channel each (plain mode's jobs, SFTP staging). sshd allows
 * MaxSessions channels per connection (10 by default): channels are handed out up to a per-connection limit and
 * more connections are opened when all are full, instead of failing. The limit starts at the hosts file's
 * `maxSessions`; when sshd refuses a channel below it, the limit drops to what that connection holds (for every
 * connection of the host) and the request moves on.
 */
import type { Client, ClientChannel, SFTPWrapper } from 'ssh2';
import type { SshHostSpec } from './hosts-file.js';
/** thrown by exec/sftp when `cancelled()` said so while waiting for a free channel */
export declare class Cancelled extends Error {
}
export declare class SessionPool {
    private readonly spec;
    /** channels per connection; lowered when sshd refuses one */
    private limit;
    /** a connection dropped (the channels on it close and say so themselves) */
    private readonly onConnLost;
    private readonly conns;
    private readonly waiters;
    private opening;
    /** no more connections now: the last attempt failed while others were up */
    private maxConns;
    private closed;
    private lastError?;
    /** the most channels one connection ever held at once: sshd's MaxSessions is at least that */
    private maxSeen;
    /** failed connection attempts while no connection was up */
    private failures;
    constructor(spec: SshHostSpec, 
    /** channels per connection; lowered when sshd refuses one */
    limit: number, 
    /** a connection dropped (the channels on it close and say so themselves) */
    onConnLost: (message: string) => void, first?: Client, maxConns?: number);
    /** connections currently up */
    get connections(): number;
    get sessionLimit(): number;
    /** An exec channel running `command`; its slot is freed when it closes. */
    exec(command: string, cancelled?: () => boolean): Promise<ClientChannel>;
    /** An SFTP session (one channel); call `done` when finished with it. */
    sftp(cancelled?: () => boolean): Promise<{
        sftp: SFTPWrapper;
        done: () => void;
    }>;
    /** Whether the host still answers: runs `true` on a channel (opening a connection if none is up). */
    alive(): Promise<{
        ok: true;
    } | {
        ok: false;
        error: Error;
    }>;
    close(): void;
    /**
     * The channel was refused (slot released). With as many channels open as ever succeeded on one connection, that
     * is sshd's MaxSessions: the limit becomes that. With fewer, sshd still counts sessions that just closed on our
     * side: wait a moment and try again, up to REFUSED_RETRIES times. Anything else: not a refusal (false).
     */
    private refused;
    /** a channel opened with `c.used` channels on its connection */
    private opened;
    private add;
    private release;
    private wake;
    /** A connection with a free channel (its count taken), opening one when all are full. */
    private acquire;
    private open;
}
