export type HostKeyVerdict = {
    ok: true;
    added?: boolean;
} | {
    ok: false;
    reason: string;
};
/** the host field ssh(1) uses: `host`, or `[host]:port` when the port is not 22 */
export declare function knownHostsName(host: string, port: number): string;
/**
 * Check `key` (the server's public key blob, as in the file's base64 field) for host:port.
 * A matching name with the same key → ok; matching names with other keys only → refused (changed key);
 * no matching name → refused, or accepted and appended when acceptNew.
 */
export declare function checkHostKey(file: string, host: string, port: number, key: Buffer, acceptNew: boolean): HostKeyVerdict;
