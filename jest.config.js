/** Unit tests (pure libs, *.spec.ts), integration (test/integration, real Postgres/Redis and peers)
 *  and end-to-end (test/e2e, api + worker as separate processes). */
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
  moduleNameMapper: { '^@loa/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
  testTimeout: 60000,
};
