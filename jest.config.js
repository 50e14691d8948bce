/**
 * Three projects: `unit` (the source in-process, SDKs mocked: the fast loop, `npm run test:unit`),
 * `emulator` (the emulator checked against clients we did not write) and `e2e` (the bundled action against
 * the emulator; it builds dist/ first, so it never tests stale code).
 * @type {import('jest').Config}
 */
const base = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  setupFilesAfterEnv: ['aws-sdk-client-mock-jest']
}

export default {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'] },
    { ...base, displayName: 'emulator', testMatch: ['<rootDir>/__tests__/emulator/**/*.test.ts'] },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/__tests__/e2e/build-dist.ts'
    }
  ],
  collectCoverageFrom: ['src/**/*.ts'],
  // The end-to-end files wait on child processes and sockets, not on the CPU: five at once on 2 cores cut
  // `npm test` from about 6 minutes to under 2.5 (CONTRIBUTING has the measures).
  maxWorkers: 5,
  testTimeout: 30000
}
