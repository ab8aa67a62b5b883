#!/usr/bin/env -S node --max-semi-space-size=4
// --max-semi-space-size=4: a small young generation keeps idle memory under 150 MB at no cost in throughput (bench/RESULTS.md).
// The keel command: runs the compiled CLI (npm start and npm run build compile it first).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../server/dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('Keel is not built yet: run `npm run build` (npm start does it for you).\n');
  process.exit(2);
}
const { main } = await import(entry.href);
try {
  const code = await main(process.argv.slice(2));
  if (code >= 0) process.exit(code);
} catch (error) {
  process.stderr.write(`keel: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
