/** Tests are tiered by file name: *.spec.ts (unit), *.int-spec.ts (integration), *.e2e-spec.ts (end-to-end over HTTP). */
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
}];
const moduleNameMapper = {
  '^@mandate/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@mandate/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testEnvironment: 'node',
  testEnvironmentOptions: { globalsCleanup: 'off' },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
module.exports = {
  // A liveness bound for every tier (a per-project testTimeout is not applied: only the global one is).
  testTimeout: 30_000,
  // The PostgreSQL the tests use: DATABASE_URL, else a throwaway cluster (test/postgres/).
  globalSetup: '<rootDir>/test/postgres/global-setup.js',
  globalTeardown: '<rootDir>/test/postgres/global-teardown.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'], testPathIgnorePatterns: ['\\.(int|e2e)-spec\\.ts$'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
