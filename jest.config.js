/** Two projects: `unit` (pure code, *.spec.ts beside it) and `e2e` (real services, test/*.e2e-spec.ts). */
const moduleNameMapper = {
  '^@jobportal/(config|contracts|postings|search)$': '<rootDir>/libs/$1/src/index.ts',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
};
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
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/{apps/backend,workers,libs/*}/test/**/*.e2e-spec.ts'],
      moduleNameMapper,
      transform,
    },
  ],
};
