import { shared } from '../../jest.config.js';

/**
 * The deployment test only (npm run test:deploy): no test database of its own (it talks to
 * the compose topology), one file, long steps.
 * @type {import('jest').Config}
 */
export default {
  ...shared,
  roots: ['<rootDir>/test/deploy'],
  testMatch: ['**/*.deploy-spec.ts'],
  testTimeout: 180_000,
};
