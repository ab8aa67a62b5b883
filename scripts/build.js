#!/usr/bin/env node
// Builds what is out of date: the contract and server with tsc (incremental), and the web
// app with Vite when its sources (or the contract) changed since the last build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const serverOnly = process.argv.includes('--server-only');
const force = process.argv.includes('--force');

function run(command, args, cwd = root) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newest(dir) {
  if (!fs.existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    latest = Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'shared', 'server']);

if (!serverOnly) {
  const built = path.join(root, 'web/dist/index.html');
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  const sourcesAt = Math.max(
    newest(path.join(root, 'web/src')),
    newest(path.join(root, 'shared/src')),
    fs.statSync(path.join(root, 'web/index.html')).mtimeMs,
    fs.statSync(path.join(root, 'web/vite.config.ts')).mtimeMs,
  );
  if (force || sourcesAt > builtAt)
    run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], path.join(root, 'web'));
}
