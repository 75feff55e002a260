#!/usr/bin/env node
// Compiles the agent's optional fast spawner (server/agent/launcher.c) next to the compiled agent.
// Without a C compiler the agent falls back to Node's spawn: this step then only warns.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const src = path.join(root, 'server', 'agent', 'launcher.c');
const out = path.join(root, 'dist', 'server', 'agent', 'pilotmq-launcher');
mkdirSync(path.dirname(out), { recursive: true });
for (const cc of [process.env.CC, 'cc', 'gcc', 'clang'].filter(Boolean)) {
  const r = spawnSync(cc, ['-O2', '-Wall', '-o', out, src], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status === 0) process.exit(0);
  if (r.error?.code !== 'ENOENT') {
    console.error(`build-launcher: ${cc} failed; the agent will spawn jobs with Node (slower)`);
    process.exit(0);
  }
}
console.error('build-launcher: no C compiler found; the agent will spawn jobs with Node (slower)');
