import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/** Imports a layer may not make (docs/architecture.md: ui → state → storage | sync → domain). */
const layer = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const up = (...folders) =>
  folders.map((f) => ({
    group: [`**/${f}/*`, `../${f}/*`, `../../${f}/*`],
    message: `This layer may not import from ${f}/ (docs/architecture.md, Layout).`,
  }));

/** KringDb's tables and its transaction: touched only in storage/. */
const TABLES =
  '/^(updates|responses|settings|sessions|sessionDevices|collected|moderation|discussions|reactions|notes|surveys|drafts|transaction)$/';

export default ts.config(
  {
    ignores: [
      'dist/',
      '.scratch/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      '.svelte-kit/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommendedTypeChecked,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // IndexedDB code that forgets an await loses data silently.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  {
    files: ['eslint.config.js'],
    ...ts.configs.disableTypeChecked,
  },
  {
    files: ['src/domain/**'],
    rules: {
      ...layer(up('storage', 'sync', 'state', 'ui', 'server')),
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'indexedDB',
        'navigator',
        'localStorage',
        'fetch',
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: layer(up('domain', 'storage', 'sync', 'state', 'ui', 'server')),
  },
  { files: ['src/storage/**'], rules: layer(up('sync', 'state', 'ui', 'server')) },
  { files: ['src/sync/**'], rules: layer(up('storage', 'state', 'ui', 'server')) },
  {
    files: ['src/state/**'],
    rules: {
      ...layer(up('ui', 'server')),
      // Dexie's tables belong to the repositories in storage/ (docs/architecture.md, Storage).
      'no-restricted-syntax': [
        'error',
        {
          selector: `MemberExpression[object.property.name='db'][property.name=${TABLES}]`,
          message: 'State reads and writes tables through storage/ (a repository), not db.<table>.',
        },
        {
          selector: `MemberExpression[object.name='db'][property.name=${TABLES}]`,
          message: 'State reads and writes tables through storage/ (a repository), not db.<table>.',
        },
      ],
    },
  },
  {
    // A tablet's state never reaches into the laptop's rooms (the participant bundle stays slim).
    files: ['src/state/participant/**'],
    rules: layer([
      ...up('ui', 'server'),
      {
        group: ['../facilitator/*', '../study/*', '../hub/*'],
        message: 'Participant state may not import facilitator, study or hub state.',
      },
    ]),
  },
  {
    // Components reach the database through state (and the page's context), never directly.
    files: ['src/ui/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/storage/*'],
              allowTypeImports: true,
              message: 'ui/ may import only types from storage/: use state/ (or getApp()).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/participant/**'],
    rules: layer([
      ...up('server'),
      {
        group: ['chart.js', 'chart.js/*'],
        message: 'Chart.js never goes into the participant bundle.',
      },
    ]),
  },
  {
    files: ['tests/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
