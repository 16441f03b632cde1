import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// A context reaches another only through its contracts/ (events, types) or its application/
// (the use cases it offers); never its domain, infrastructure or presentation.
const otherContextInternals = {
  group: [
    ...['../../', '../../../', '../../../../'].flatMap((up) => ['domain', 'infrastructure', 'presentation'].map((layer) => `${up}*/${layer}/**`)),
    '!../../shared/**',
    '!../../../shared/**',
    '!../../../../shared/**',
  ],
  message: "Import another context only through its contracts/ (or its application/ API), never its domain, infrastructure or presentation.",
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'migrations/**', '*.js', '*.mjs', 'clients/typescript/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { parserOptions: { project: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/modules/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [otherContextInternals] }] },
  },
  {
    files: ['src/modules/*/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'typeorm', 'class-validator', 'class-transformer', '**/infrastructure/**', '**/presentation/**'], message: 'The domain is plain TypeScript.' },
            otherContextInternals,
          ],
        },
      ],
    },
  },
  {
    // What a frontend writes with the generated client: the types must carry it, never a cast.
    files: ['clients/typescript/**/*.ts', 'test/contract/journey.e2e-spec.ts'],
    rules: {
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
);
