// Lint rules: ESLint's and typescript-eslint's recommended sets, React hooks rules for the web app, and the
// boundaries of the architecture (docs/ARCHITECTURE.md): features talk to each other through services, the web
// app does not import the server, and no promise is left floating.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'data/**', '.tmp/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `import { type X }` alone still loads the module (a contract pulls zod into a page): write `import type`.
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    // Type-aware rules, for the files of the TypeScript project (tsconfig.json).
    files: ['src/**/*.{ts,tsx}', 'e2e/**/*.ts', 'bench/**/*.ts', '*.config.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise is awaited, or marked `void` where fire-and-forget is meant.
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    // A feature reaches another feature through its service, never its repository (a file of the same feature
    // imports its repository as './x.repository.ts').
    files: ['src/server/features/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+[a-z-]+/([^/]+/)*[^/]+\\.repository(\\.ts)?$',
              message: "Import the other feature's service, not its repository.",
            },
          ],
        },
      ],
    },
  },
  {
    // The web app talks to the server over HTTP only; shared shapes live in src/contracts and src/domain.
    files: ['src/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^(\\.\\./)+server(/|$)', message: 'The web app does not import src/server.' }],
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
