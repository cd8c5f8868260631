// The board's browser scripts (served as-is, no build step): plain JS with browser globals, not
// part of the TypeScript project, so the type-checked rules of the root config do not apply here.
import js from '@eslint/js';

const browserGlobals = Object.fromEntries(
  ['window', 'document', 'fetch', 'localStorage', 'navigator', 'location', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Intl', 'URLSearchParams', 'HTMLElement', 'HTMLInputElement', 'HTMLSelectElement', 'Event', 'Node', 'console'].map((name) => [name, 'readonly']),
);

export default [
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: browserGlobals },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_' }], eqeqeq: 'error', 'no-var': 'error', 'prefer-const': 'error' },
  },
];
