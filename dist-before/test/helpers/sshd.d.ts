export declare const TEST_USER = "pilotmqtest";
/** null when test sshds can run here; else the reason they cannot. Installs openssh-server once when root. */
export declare function sshUnavailableReason(): string | null;
/** skip option for node:test: skip with the reason, or throw under CI=true */
export declare function sshSkip(): string | false;
export declare function freePort(addr: string): Promise<number>;
export interface TestSshd {
    dir: string;
    addr: string;
    port: number;
    /** DIR/client_ed25519 */
    key: string;
    /** DIR/known_hosts, with this server's host key */
    knownHosts: string;
    pid: number;
    stop(): void;
    /** SIGKILL the listener and every per-connection sshd process under it (not the commands they run) */
    kill(): void;
    /** start it again after stop/kill: same address, port, host key and client key */
    restart(): void;
}
export interface SshdOptions {
    /** sshd's MaxSessions (channels per connection); default the script's 64 */
    maxSessions?: number;
    /** port (default: a free one) */
    port?: number;
    /** run it inside this network namespace (`ip netns exec`), for hosts made of namespaces */
    netns?: string;
}
/** A test sshd on addr; restart() starts it again on the same port with the same keys. */
export declare function startSshd(dir: string, addr: string, o?: SshdOptions): Promise<TestSshd>;
export declare function testUserIds(): {
    uid: number;
    gid: number;
};
