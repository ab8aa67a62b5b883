import path from 'node:path';
import { defineConfig } from 'vitest/config';

const shared = path.resolve(import.meta.dirname, 'shared/src/index.ts');

// Two projects: pure unit tests beside the code, and API tests over HTTP against a real
// database (SQLite, or PostgreSQL when KEEL_TEST_DIALECT=postgres).
export default defineConfig({
  resolve: { alias: { '@keel/shared': shared } },
  test: {
    projects: [
      {
        resolve: { alias: { '@keel/shared': shared } },
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'web/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias: { '@keel/shared': shared } },
        test: {
          name: 'api',
          include: ['server/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
    ],
  },
});
