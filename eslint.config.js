// One linter config for TypeScript and Svelte (run by `npm run check` through `npm run lint`).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['**/dist/', 'dev-dist/', 'node_modules/', 'coverage/', '.bench/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Ambient module declarations for asset imports are referenced by path on purpose.
      '@typescript-eslint/triple-slash-reference': ['error', { path: 'always', types: 'prefer-import' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // Domain code takes time and randomness as arguments (STYLE.md habit 2).
    files: ['src/study/**', 'src/deck/**', 'src/sim/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Pass a seeded PRNG instead.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Take `now` as an argument.',
        },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take `now` as an argument.' },
      ],
    },
  },
  {
    // The simulation tells a frozen object by `isFrozen` (api/meta.ts), which holds only while
    // nothing makes an object non-extensible without freezing it.
    files: ['src/sim/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Object', property: 'seal', message: 'Freeze instead: isFrozen (api/meta.ts) relies on it.' },
        {
          object: 'Object',
          property: 'preventExtensions',
          message: 'Freeze instead: isFrozen (api/meta.ts) relies on it.',
        },
        {
          object: 'Reflect',
          property: 'preventExtensions',
          message: 'Freeze instead: isFrozen (api/meta.ts) relies on it.',
        },
        { object: 'Object', property: 'isFrozen', message: 'Use isFrozen from api/meta.ts.' },
      ],
    },
  },
);
