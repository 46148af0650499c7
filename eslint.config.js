import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Which libraries each library may import (by its @relay/<name> index only): the bounded
 * contexts' dependency graph, enforced. A library's tables are its own; test/architecture.spec.ts
 * checks that side.
 */
const LIBRARY_DEPENDENCIES = {
  platform: [],
  audit: ['platform'],
  directory: ['audit', 'platform'],
  identity: ['audit', 'directory', 'platform'],
  cases: ['audit', 'directory', 'identity', 'platform'],
  channels: ['audit', 'cases', 'directory', 'identity', 'platform'],
  handoffs: ['audit', 'cases', 'channels', 'directory', 'identity', 'platform'],
  casework: ['audit', 'cases', 'channels', 'identity', 'platform'],
  documents: ['audit', 'cases', 'directory', 'platform'],
  knowledge: ['audit', 'cases', 'channels', 'directory', 'identity', 'platform'],
  realtime: ['channels', 'identity', 'platform'],
};

const libraryBoundaries = Object.entries(LIBRARY_DEPENDENCIES).map(([library, allowed]) => ({
  files: [`libs/${library}/src/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['../../*'], message: 'Reach another library through its @relay/<name> index.' },
          { group: ['@relay/*/**'], message: 'Import @relay/<name>, not its files.' },
          {
            regex: `^@relay/(?!(${allowed.join('|') || '$^'})$)`,
            message: `${library} may import only ${allowed.join(', ') || 'no other library'} (LIBRARY_DEPENDENCIES in eslint.config.js).`,
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.relay-data/**',
      '.relay-test-data/**',
      'bench/.work/**',
      'test/console/screens/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', globalThis: 'readonly' } },
  },
  ...libraryBoundaries,
);
