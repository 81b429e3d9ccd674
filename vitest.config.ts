import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // Engine tests advance a virtual clock; a slow test means a runaway simulation, not a slow disk.
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/browser/**'], setupFiles: ['tests/setup.ts'] },
      },
      {
        // The built site (dist/) served by the shipped nginx config, driven in headless Chromium.
        // `npm run test:browser` runs these alone; global setup builds dist/ when it is stale.
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/support/nginx.ts'],
          hookTimeout: 300_000,
          testTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
