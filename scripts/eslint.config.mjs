// The build scripts (plain Node ESM, run before anything is compiled): not part of the TypeScript
// project, so the type-checked rules of the root config do not apply here.
import js from '@eslint/js';

const nodeGlobals = Object.fromEntries(['process', 'console', 'URL'].map((name) => [name, 'readonly']));

export default [
  js.configs.recommended,
  {
    files: ['**/*.mjs'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: nodeGlobals },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_' }], eqeqeq: 'error', 'no-var': 'error', 'prefer-const': 'error' },
  },
];
