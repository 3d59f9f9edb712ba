import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql ships ESM (.mjs) and CJS builds; Vite would load both (Pothos and Yoga reach it
  // through different conditions), and graphql refuses to mix instances. Pin the CJS one.
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    // expect.poll waits for what a browser or a stream shows; 1 s (the default) is too short on
    // two busy cores.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
  },
});
