// Test tiers: unit (pure), integration (real MariaDB through the handler pipeline), e2e (Chromium through the harness).
// Only the tiers that touch the database find or start MariaDB: `vitest run --project unit` needs none.
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@shared': resolve(import.meta.dirname, 'src-shared') };
const withDatabase = ['test/support/global-setup.ts'];

export default defineConfig({
  resolve: { alias },
  test: {
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], globalSetup: withDatabase } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: withDatabase, fileParallelism: false } },
    ],
  },
});
