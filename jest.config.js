/** Two projects: `unit` (pure code, *.spec.ts beside it) and `e2e` (real services, test/*.e2e-spec.ts). */
const moduleNameMapper = {
  '^@jobportal/(config|contracts|postings|search)$': '<rootDir>/libs/$1/src/index.ts',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
};
module.exports = {
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
      testTimeout: 180000,
    },
  ],
};
