import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser journeys start a real server and Chromium: few of them, slow, one at a time.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['default'],
  },
});
