// Benchmarks (`npm run bench`): printed tables of latencies and throughput, never pass/fail on time.
// HMS_BENCH_MILLION=1 adds the run at a million patients.
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@shared': resolve(import.meta.dirname, 'src-shared') };

export default defineConfig({
  resolve: { alias },
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    include: ['test/bench/**/*.bench.test.ts'],
    // Seeding a million patients and thousands of timed calls take minutes, not seconds.
    testTimeout: 1_800_000,
    hookTimeout: 1_800_000,
    // One benchmark at a time: two would measure each other.
    fileParallelism: false,
    // The tables go straight to the terminal, not into per-test log blocks.
    disableConsoleIntercept: true,
  },
});
