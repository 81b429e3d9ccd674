import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Engine tests advance a virtual clock; a slow test means a runaway simulation, not a slow disk.
    testTimeout: 60_000,
  },
});
