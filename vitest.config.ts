import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql 16 ships CJS and ESM builds; dependencies (Pothos, yoga) load the CJS one
  // through Node, so test files must too, or instanceof checks fail across the two.
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    // One DynamoDB Local, in memory, for the whole run; each test file makes its own table.
    globalSetup: ['./test/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: DynamoDB Local (Java) and the test workers share them.
    maxWorkers: 2,
  },
});
