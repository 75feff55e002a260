/**
 * Test helper: run `pilotmq serve` as a child process in a fresh working directory and find its address in
 * `<wd>/.qcgpjm-service-*\/address` (protocol.md §1).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
export const CLI = fileURLToPath(new URL('../../client/cli/main.js', import.meta.url));
export async function serveManager(extraArgs = []) {
    const wd = mkdtempSync(path.join(tmpdir(), 'pilotmq-served-'));
    const args = [CLI, 'serve', '--nodes', '2', '--wd', wd, '--net-port-min', '20000', '--net-port-max', '40000', ...extraArgs];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let gotLine;
    const firstLine = new Promise((resolve) => (gotLine = resolve));
    child.stdout.on('data', (d) => {
        out += d.toString();
        if (out.includes('\n'))
            gotLine(out.slice(0, out.indexOf('\n')));
    });
    child.stderr.on('data', (d) => (err += d.toString()));
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    let done = false;
    void exited.then(() => (done = true));
    const stop = async () => {
        if (!done) {
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
            await exited;
            clearTimeout(timer);
        }
        rmSync(wd, { recursive: true, force: true });
    };
    // the address file appears once both sockets are bound; give up if the child dies or after a generous limit
    const limit = Date.now() + 60_000;
    for (;;) {
        const address = readAddress(wd);
        if (address)
            return { address, wd, child, firstLine, exited, stop };
        if (done || Date.now() > limit) {
            await stop();
            throw new Error(`pilotmq serve did not start (exit ${child.exitCode}): ${err}`);
        }
        await new Promise((r) => setTimeout(r, 50));
    }
}
function readAddress(wd) {
    for (const entry of readdirSync(wd)) {
        const file = path.join(wd, entry, 'address');
        if (entry.startsWith('.qcgpjm-service-') && existsSync(file)) {
            const text = readFileSync(file, 'utf8');
            if (/^tcp:\/\/.+:\d+$/.test(text))
                return text;
        }
    }
    return null;
}
//# sourceMappingURL=serve-helper.js.map