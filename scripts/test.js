#!/usr/bin/env node
// The one test command (npm test; .ci/run calls it): lint, type check, unit tests, API
// tests on SQLite, the same API tests on PostgreSQL when KEEL_TEST_DATABASE_URL is set,
// then a production build and the browser journeys.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const reports = path.join(root, 'test-output/reports');
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });
// Each vitest run also writes a JSON report, so the closing line can count every test.
const vitest = (name, args) => [
  ...args,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${path.join(reports, `${name}.json`)}`,
];
const steps = [
  ['lint', bin('biome'), ['check', '.']],
  ['type check', 'npm', ['run', '--silent', 'typecheck']],
  ['unit tests', bin('vitest'), vitest('unit', ['run', '--project', 'unit'])],
  ['API tests on SQLite', bin('vitest'), vitest('api-sqlite', ['run', '--project', 'api']), { KEEL_TEST_DIALECT: 'sqlite' }],
];
if (process.env.KEEL_TEST_DATABASE_URL) {
  steps.push([
    'API tests on PostgreSQL',
    bin('vitest'),
    vitest('api-postgres', ['run', '--project', 'api']),
    { KEEL_TEST_DIALECT: 'postgres' },
  ]);
} else {
  process.stdout.write('KEEL_TEST_DATABASE_URL is not set: the PostgreSQL run of the API tests is skipped.\n');
}
steps.push(['build', process.execPath, [path.join(root, 'scripts/build.js')]]);
steps.push(['browser journeys', bin('vitest'), vitest('e2e', ['run', '--config', 'e2e/vitest.config.ts'])]);

for (const [name, command, args, env] of steps) {
  process.stdout.write(`\n▶ ${name}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    process.stdout.write(`\n✗ ${name} failed\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of fs.readdirSync(reports)) {
  const report = JSON.parse(fs.readFileSync(path.join(reports, file), 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
