// The real-Medusa suites (integration-tests/): Medusa's test runner needs Jest, with SWC for
// TypeScript (Medusa's documented setup). Workspace packages resolve to their TypeScript
// sources through the `@pickpost/source` condition, as in the vitest projects.
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/integration-tests/**/*.spec.ts'],
  transform: {
    // The admin widget's components (src/admin) are TSX with React's automatic runtime.
    '^.+\\.tsx$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2021',
        },
        module: { type: 'commonjs' },
      },
    ],
    '^.+\\.[jt]sx?$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2021' },
        module: { type: 'commonjs' },
      },
    ],
  },
  // ky is ESM only: global-setup.mjs compiles a CommonJS copy for Jest's module system.
  moduleNameMapper: { '^ky$': '<rootDir>/.cache/ky-cjs/index.js' },
  testEnvironmentOptions: {
    customExportConditions: ['@pickpost/source', 'node', 'require', 'default'],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'cjs', 'mjs', 'json'],
  setupFiles: ['<rootDir>/integration-tests/setup.cjs'],
  globalSetup: '<rootDir>/integration-tests/global-setup.mjs',
  globalTeardown: '<rootDir>/integration-tests/global-teardown.mjs',
};
