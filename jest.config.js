// One jest config for every test; test/unit needs nothing running, test/integration needs the services
// that scripts/test.sh (npm test) installs, starts and stops. See CONTRIBUTING.md.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts?(x)'],
  transform: {
    // UI component tests (test/ui/*.test.tsx, jsdom via a docblock): TSX with React's automatic runtime.
    '^.+\\.tsx$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } }],
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true } }, module: { type: 'commonjs' } }],
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.sluice/', '<rootDir>/.tools/', '<rootDir>/ui/dist/'],
  testTimeout: 30_000,
  maxWorkers: 2,
};
