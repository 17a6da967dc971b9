/**
 * Unit tests (pure libs, *.spec.ts), integration (test/integration, real Postgres/Redis and peers) and end-to-end
 * (test/e2e, api + worker as separate processes).
 *
 * Nest 12 ships as ES modules. Node 20 runs them from our CommonJS build (require(esm)), but Jest's module
 * runtime cannot, so Jest rewrites those packages to CommonJS with Babel (import.meta.url included). pdfjs-dist
 * (the PDF reader of directive intake) ships ES modules only too.
 */
const ESM_PACKAGES = ['@nestjs', 'pdfjs-dist'];

module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.ts$': 'ts-jest',
    '^.+\\.m?js$': '<rootDir>/test/support/esm-to-cjs.transformer.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper: {
    // The pure SMS text rules alone (pure code must not load the lib's Nest services through its barrel).
    '^@loa/sms-text$': '<rootDir>/libs/sms/src/text',
    // A lib's fakes for other libs' unit specs (never imported by production code).
    '^@loa/([^/]+)/testing$': '<rootDir>/libs/$1/src/testing',
    '^@loa/(.*)$': '<rootDir>/libs/$1/src',
  },
  testEnvironment: 'node',
  testTimeout: 60000,
  // `npm test` runs one file at a time (--maxWorkers=1: the suites start servers and time real peers on two
  // cores) in a worker process that is replaced once a file leaves it with more than this in use. Run in band, the
  // one process kept every file's leftovers (over 1 GB by the end), and each forced GC of the memory-flatness tests
  // then took long enough to slow the import they measure fourfold.
  workerIdleMemoryLimit: '512MB',
};
