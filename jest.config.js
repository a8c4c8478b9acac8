/** Two projects: `unit` (pure, fast) and `e2e` (runs dist/index.js against the lab). */
const common = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {'^(\\.{1,2}/.*)\\.js$': '$1'},
  transform: {'^.+\\.ts$': ['ts-jest', {useESM: true, tsconfig: 'tsconfig.json'}]}
};

/** @type {import('jest').Config} */
export default {
  clearMocks: true,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'],
      // @sigstore/sign's fetch stack requires ES-only modules, which Jest's loader cannot require (see the stub)
      moduleNameMapper: {
        ...common.moduleNameMapper,
        '^make-fetch-happen$': '<rootDir>/__tests__/stubs/make-fetch-happen.cjs'
      }
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/__tests__/e2e/setup.ts']
    }
  ]
};
