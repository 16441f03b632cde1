/** Unit tests (domain rules, no database) and e2e tests (the built app over HTTP on real PostgreSQL). */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.spec.json' }];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: __dirname,
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: __dirname,
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleFileExtensions: ['ts', 'js', 'json'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      slowTestThreshold: 30,
    },
  ],
  // A global option: inside a project entry Jest ignores it and falls back to 5 s, which a
  // beforeAll that starts an app can exceed on a busy two-core machine.
  testTimeout: 60000,
  maxWorkers: 2,
};
