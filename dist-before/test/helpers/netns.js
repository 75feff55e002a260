/**
 * Test "hosts" made of network namespaces (notes: test-infrastructure.md §3): a bridge in the root namespace,
 * one namespace per host joined to it by a veth pair, an address per host on a /24 of its own. Names and subnet
 * derive from this process's pid, so concurrent test runs do not collide. Root only; `netnsUnavailable()` says
 * why not. Everything is torn down by `down()`, also after a failed setup.
 */
import { execFileSync, spawnSync } from 'node:child_process';
const ip = (...args) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
let unavailable;
/** null when namespaces, veth pairs and bridges can be made here; else why not */
export function netnsUnavailable() {
    if (unavailable !== undefined)
        return unavailable;
    if (process.getuid?.() !== 0)
        return (unavailable = 'not root');
    const probe = `pmqprobe${process.pid % 100000}`;
    const r = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
    if (r.status !== 0)
        return (unavailable = `ip netns add failed: ${(r.stderr || r.error?.message || '').trim()}`);
    spawnSync('ip', ['netns', 'del', probe]);
    const b = spawnSync('ip', ['link', 'add', probe, 'type', 'bridge'], { encoding: 'utf8' });
    if (b.status !== 0)
        return (unavailable = `no bridge: ${(b.stderr || '').trim()}`);
    spawnSync('ip', ['link', 'del', probe]);
    return (unavailable = null);
}
export function netnsUp(count) {
    const id = process.pid % 1_000_000;
    const net = `10.${100 + (id % 150)}.${Math.floor(id / 150) % 250}`;
    const bridge = `pmqbr${id}`;
    const hosts = Array.from({ length: count }, (_, i) => ({ ns: `pmq${id}h${i + 1}`, addr: `${net}.${11 + i}`, veth: `pmqv${id}h${i + 1}` }));
    const lab = {
        bridge,
        gateway: `${net}.1`,
        hosts,
        setLink: (h, up) => ip('link', 'set', h.veth, up ? 'up' : 'down'),
        pids: (h) => {
            const r = spawnSync('ip', ['netns', 'pids', h.ns], { encoding: 'utf8' });
            return r.stdout.split('\n').filter(Boolean).map(Number);
        },
        down: () => {
            for (const h of hosts) {
                for (const pid of lab.pids(h)) {
                    try {
                        process.kill(pid, 'SIGKILL');
                    }
                    catch {
                        // gone
                    }
                }
                spawnSync('ip', ['netns', 'del', h.ns]); // takes its end of the veth pair, and so the pair, with it
                spawnSync('ip', ['link', 'del', h.veth]);
            }
            spawnSync('ip', ['link', 'del', bridge]);
        },
    };
    try {
        lab.down(); // leftovers of a killed run with the same pid
        ip('link', 'add', bridge, 'type', 'bridge');
        ip('addr', 'add', `${net}.1/24`, 'dev', bridge);
        ip('link', 'set', bridge, 'up');
        for (const h of hosts) {
            ip('netns', 'add', h.ns);
            ip('link', 'add', h.veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', h.ns);
            ip('link', 'set', h.veth, 'master', bridge, 'up');
            ip('-n', h.ns, 'addr', 'add', `${h.addr}/24`, 'dev', 'eth0');
            ip('-n', h.ns, 'link', 'set', 'lo', 'up');
            ip('-n', h.ns, 'link', 'set', 'eth0', 'up');
        }
    }
    catch (e) {
        lab.down();
        throw e;
    }
    return lab;
}
//# sourceMappingURL=netns.js.map