/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Fixture projects hold their own test files, run by their own jest (test/jest/userSuites.test.ts).
  testPathIgnorePatterns: ['/node_modules/', '/fixtures/'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      },
    ],
  },
  testTimeout: 20000,
  // jest's summary, then one plain `tests: N passed, N failed, N skipped` line that any CI log reader knows.
  reporters: ['default', '<rootDir>/scripts/jestClosingLine.cjs'],
};
