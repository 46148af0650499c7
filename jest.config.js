/**
 * Two tiers. `unit`: pure logic, no server and no database (`*.spec.ts`). `e2e`: the built
 * server as a child process on its own PostgreSQL database (`*.e2e-spec.ts`); its global
 * set-up (PostgreSQL, the migrated template) runs only when an e2e file is selected. The unit
 * tier runs first, so a broken rule fails in seconds rather than after the e2e tier.
 *
 * Jest runs the TypeScript sources through @swc/jest as native ES modules (NestJS 12 is
 * ESM-only), so `npm test` sets NODE_OPTIONS=--experimental-vm-modules.
 * @type {import('jest').Config}
 */
export const shared = {
  rootDir: import.meta.dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/libs'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: {
    '^@relay/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

export default {
  testSequencer: '<rootDir>/test/support/unit-tests-first.mjs',
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
};
