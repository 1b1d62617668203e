// ESLint 9 flat config; the choices are explained in docs/decisions/0014-lint-and-format.md.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Build output, installed packages, and the migrations drizzle-kit generates.
  { ignores: ['build/', 'public/build/', '.cache/', 'drizzle/', 'data/', 'tmp/', 'test-results/'] },

  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `const { line: _line, ...member } = m` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // The ideographic space (U+3000) separates items in Japanese text on purpose.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
    },
  },

  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks },
    settings: { react: { version: '18.3' } },
    rules: {
      ...react.configs.flat.recommended.rules,
      ...react.configs.flat['jsx-runtime'].rules,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // One link inside the app: ~/components/Link (Remix's, written without its hooks while the server renders).
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@remix-run/react', importNames: ['Link', 'NavLink'], message: "Use Link and NavLink from '~/components/Link' (decision 0027)." }] },
      ],
    },
  },
  // …which is the one place Remix's is imported (and its test, which compares the two).
  { files: ['app/components/Link.tsx', 'app/components/Link.test.tsx'], rules: { 'no-restricted-imports': 'off' } },
);
