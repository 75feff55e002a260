export interface NetnsHost {
    /** namespace name */
    ns: string;
    /** the host's address (eth0 in the namespace) */
    addr: string;
    /** root-side end of its veth pair: `ip link set <veth> down` cuts the host off */
    veth: string;
}
export interface NetnsLab {
    bridge: string;
    /** the bridge's address in the root namespace (the manager's side) */
    gateway: string;
    hosts: NetnsHost[];
    /** cut a host off (its link down) or join it again */
    setLink(h: NetnsHost, up: boolean): void;
    /** pids of the processes in a host's namespace */
    pids(h: NetnsHost): number[];
    /** kill everything in the namespaces, delete them and the bridge */
    down(): void;
}
/** null when namespaces, veth pairs and bridges can be made here; else why not */
export declare function netnsUnavailable(): string | null;
export declare function netnsUp(count: number): NetnsLab;
