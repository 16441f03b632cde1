import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// A context reaches another only through its contracts/ (events, types, the API it offers) or its
// application/ (the use cases it offers); never its domain, infrastructure or presentation.
const otherContextInternals = {
  group: [
    ...['../../', '../../../', '../../../../'].flatMap((up) => ['domain', 'infrastructure', 'presentation'].map((layer) => `${up}*/${layer}/**`)),
    '!../../shared/**',
    '!../../../shared/**',
    '!../../../../shared/**',
  ],
  message: "Import another context only through its contracts/ (or its application/ API), never its domain, infrastructure or presentation.",
};

// The import graph between contexts, one way and without cycles (checked with `npx madge --circular`).
// 'api': the other context's contracts/ and application/ (and its module, to wire it);
// 'contracts': only its contracts/ (and its module). A context not listed may not be imported at all:
// orders never reach booking or checkout (booking follows orders through their events), and
// nothing depends on checkout, the one orchestration above cart, order and booking.
const DEPENDS_ON = {
  identity: {},
  catalog: {},
  cart: { catalog: 'api', identity: 'api' },
  order: { catalog: 'api', cart: 'api', payment: 'contracts' },
  payment: { order: 'api' },
  booking: { catalog: 'api', identity: 'api', order: 'contracts' },
  checkout: { cart: 'api', catalog: 'api', order: 'api', booking: 'contracts' },
  // Emails: learns from every context's events, reads what they say through the contexts' APIs.
  notification: { identity: 'api', order: 'api', booking: 'api', payment: 'contracts' },
};
// Checkout serves POST orders and POST bookings with those contexts' own request/response DTOs.
const PRESENTATION_DTOS_FOR = { checkout: ['order', 'booking'] };

/** no-restricted-imports patterns that hold `context` to its row of DEPENDS_ON. */
function contextBoundaries(context) {
  const deps = DEPENDS_ON[context];
  return Object.keys(DEPENDS_ON)
    .filter((other) => other !== context)
    .map((other) => {
      const to = `^(\\.\\./)+${other}/`;
      const dtos = PRESENTATION_DTOS_FOR[context]?.includes(other);
      if (!deps[other]) return { regex: to, message: `${context} must not import ${other} at all (the context graph is DEPENDS_ON in eslint.config.mjs).` };
      if (deps[other] === 'contracts') {
        const allowed = ['contracts/', `${other}\\.module$`, ...(dtos ? ['presentation/dto/'] : [])];
        return { regex: `${to}(?!${allowed.join('|')})`, message: `${context} reaches ${other} only through ${other}/contracts/ (the context graph is DEPENDS_ON in eslint.config.mjs).` };
      }
      return { regex: `${to}(domain|infrastructure|presentation/${dtos ? '(?!dto/)' : ''})`, message: otherContextInternals.message };
    });
}

const plainDomain = {
  group: ['@nestjs/*', 'typeorm', 'class-validator', 'class-transformer', '**/infrastructure/**', '**/presentation/**'],
  message: 'The domain is plain TypeScript.',
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
    // A context added later starts with the general rule; give it a row in DEPENDS_ON.
    files: ['src/modules/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [otherContextInternals] }] },
  },
  {
    files: ['src/modules/*/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [plainDomain, otherContextInternals] }] },
  },
  ...Object.keys(DEPENDS_ON).flatMap((context) => [
    {
      files: [`src/modules/${context}/**/*.ts`],
      rules: { 'no-restricted-imports': ['error', { patterns: contextBoundaries(context) }] },
    },
    {
      files: [`src/modules/${context}/domain/**/*.ts`],
      rules: { 'no-restricted-imports': ['error', { patterns: [plainDomain, ...contextBoundaries(context)] }] },
    },
  ]),
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
