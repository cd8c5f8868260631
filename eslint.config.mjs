// typescript-eslint strict, type-checked; layering rules from style.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (patterns, message) => ({ 'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group, message })) }] });

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'test-artifacts/**', 'eslint.config.mjs', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-dynamic-delete': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Read time through the Clock (src/shared/clock.ts).' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Read time through the Clock (src/shared/clock.ts).' },
        { selector: "CallExpression[callee.object.name='DateTime'][callee.property.name='now']", message: 'Read time through the Clock (src/shared/clock.ts).' },
      ],
    },
  },
  { files: ['src/shared/clock.ts'], rules: { 'no-restricted-syntax': 'off' } },
  { files: ['src/domain/**/*.ts', 'src/planning/**/*.ts'], rules: layer([['bullmq', 'ioredis', 'express', 'axios', 'googleapis', 'node:*', '../store/*', '../scheduling/*', '../api/*', '../platforms/*', '!../platforms/capabilities']], 'domain and planning are pure: luxon and zod only (and the plain-data platform capabilities)') },
  { files: ['src/platforms/**/*.ts'], rules: layer([['bullmq', 'express', '../../api/*', '../../scheduling/*', '../../../workers/*']], 'platform adapters never speak BullMQ or Express') },
  { files: ['src/api/**/*.ts', 'src/store/**/*.ts'], rules: layer([['bullmq']], 'only workers/ and src/scheduling speak BullMQ') },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-syntax': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
    },
  },
);
