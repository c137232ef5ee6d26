import { defineConfig } from 'vitest/config';

// Resolve workspace libs to their TypeScript sources (the "development" export condition).
const conditions = ['development', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{apps,libs}/*/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{apps,libs}/*/test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./libs/devtools/src/vitest-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/suite/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./libs/devtools/src/vitest-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'chaos',
          include: ['e2e/chaos/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./libs/devtools/src/vitest-global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
