// ESLint flat config: typescript-eslint's `recommended` (not the type-aware set, which would make `npm test`
// build a program per file set and take minutes) plus a few rules that catch real mistakes. Formatting is
// Prettier's (`.prettierrc.json`); nothing here is about layout.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The Node globals the three plain `.mjs` scripts use (TypeScript files are checked by tsc, not no-undef).
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'URL', 'Buffer', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'].map((name) => [name, 'readonly']),
);

export default defineConfig(
  { ignores: ['generated/', 'dist/', 'node_modules/', 'reports/', 'test-results/', 'playwright-report/', 'blob-report/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `any` only where JSON enters and no type can be written, each with a `-- reason`.
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Playwright's fixtures take `({}, testInfo)` when they use none.
      'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }],
      // The suite matches control characters on purpose (header values, JSON strings, query parameters).
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-throw-literal': 'error',
      'no-self-compare': 'error',
      'no-unmodified-loop-condition': 'error',
      'no-unreachable-loop': 'error',
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
);
