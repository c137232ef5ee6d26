import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// Which projects may import which, by nx tag.
const depConstraints = [
  { sourceTag: 'type:proto', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'scope:mri', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'scope:use-case-registry', onlyDependOnLibsWithTags: ['scope:mri'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:domain'] },
  { sourceTag: 'type:rpc', onlyDependOnLibsWithTags: ['type:proto'] },
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:proto', 'type:tooling', 'type:rpc'] },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:proto', 'type:domain', 'type:data-access', 'type:rpc', 'type:tooling'],
  },
];
// Tests may also use the test tooling (@mindex/testing: spawned services, a throwaway PKI, test databases).
const testDepConstraints = depConstraints.map((constraint) => ({
  ...constraint,
  onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:tooling'],
}));
const boundaries = (constraints) => [
  'error',
  { enforceBuildableLibDependency: false, allow: [], depConstraints: constraints },
];

export default [
  {
    ignores: [
      'libs/proto/src/gen',
      '**/dist',
      '**/out-tsc',
      '**/node_modules',
      '.data',
      '.tools',
      '.nx',
      'clients',
      'bench/results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { '@nx': nx },
    files: ['**/*.ts', '**/*.mts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(depConstraints),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(testDepConstraints) },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
      },
    },
  },
  prettier,
];
