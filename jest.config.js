/** Two projects: `unit` (pure code, *.spec.ts beside it) and `e2e` (real services, test/*.e2e-spec.ts). */
const moduleNameMapper = {
  '^@jobportal/(config|contracts|postings|search|occupations|notify)$': '<rootDir>/libs/$1/src/index.ts',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  // otplib's CommonJS build requires ESM-only @noble/hashes and @scure/base: compile those to CommonJS.
  '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true } }],
};
/** Everything in node_modules is left alone except the ESM packages above (and @otplib, whose nested copy they sit in). */
const transformIgnorePatterns = ['/node_modules/(?!(@noble|@scure|@otplib)/)'];
module.exports = {
  // Global (per-project values are ignored): e2e tests stop and start Elasticsearch, which takes ~20 s.
  testTimeout: 180000,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/{libs,apps/backend,workers}/**/src/**/*.spec.ts'],
      moduleNameMapper,
      transform,
      transformIgnorePatterns,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/{apps/backend,workers,libs/*}/test/**/*.e2e-spec.ts'],
      moduleNameMapper,
      transform,
      transformIgnorePatterns,
    },
    {
      // Issue 12: kills and restarts its own Redis, PostgreSQL and the test Elasticsearch (npm run test:faults).
      displayName: 'faults',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/faults/**/*.faults-spec.ts'],
      moduleNameMapper,
      transform,
      transformIgnorePatterns,
    },
  ],
};
