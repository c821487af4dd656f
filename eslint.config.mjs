// ESLint flat config: TypeScript + Vue, with purity fences around the engine and the contract.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['app/dist/**', 'app/node_modules/**', 'node_modules/**', 'release/**', 'demo/**', 'docs/**', 'tests/.tmp/**', 'coverage/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-restricted-syntax': 'off',
      'vue/multi-word-component-names': 'error',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Only the thin adapter may import electron (importing it elsewhere downloads the runtime).
    files: ['main/**/*.ts', 'renderer/**/*.{ts,vue}', 'tests/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    ignores: ['main/electron/**', 'main/index.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only main/electron/ and main/index.ts may import electron.' }] }] },
  },
  {
    // The engine is pure: no I/O, no database, no clock, no unseeded randomness.
    files: ['main/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'zod'],
          patterns: [{ group: ['node:*'], message: 'The engine is pure: no Node built-ins.' }, { group: ['**/db/**', '**/services/**', '**/electron/**'], message: 'The engine does not reach the database or services.' }],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use a seeded generator passed in the options.' },
        { object: 'Date', property: 'now', message: 'The engine has no clock.' },
      ],
      'no-restricted-globals': ['error', { name: 'Date', message: 'The engine has no clock.' }, { name: 'process', message: 'The engine is pure.' }],
    },
  },
  {
    // The contract is shared with the renderer: only zod and the domain.
    files: ['main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3', 'fs', 'path', 'os'],
          patterns: [{ group: ['node:*'], message: 'Shared with the renderer: no Node built-ins.' }, { group: ['**/db/**', '**/services/**', '**/electron/**', '**/engine/**'], message: 'Shared with the renderer.' }],
        },
      ],
    },
  },
  {
    // The domain is shared with the renderer too, and types flow one way: the contract imports the
    // domain (its record types come from the field catalogue), never the other way round.
    files: ['main/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3', 'fs', 'path', 'os', 'zod'],
          patterns: [
            { group: ['node:*'], message: 'Shared with the renderer: no Node built-ins.' },
            { group: ['**/db/**', '**/services/**', '**/electron/**', '**/engine/**'], message: 'Shared with the renderer.' },
            { group: ['**/contract/**', '@contract/*'], message: 'Types flow one way: the contract imports the domain, not the reverse (record types are in main/domain/record.ts).' },
          ],
        },
      ],
    },
  },
)
