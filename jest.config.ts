import type { Config } from 'jest';

// Tests run against TypeScript sources (no build needed): every
// `@teleport-otel/<pkg>` import is mapped to packages/<pkg>/src.
// ts-jest uses tsconfig.test.json (isolatedModules => transpile-only, fast);
// type checking is done by `npm run build` / `npm run typecheck`.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages'],
  testMatch: ['<rootDir>/packages/*/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/packages/[^/]+/dist/'],
  modulePathIgnorePatterns: ['<rootDir>/packages/[^/]+/dist/'],
  watchPathIgnorePatterns: ['<rootDir>/packages/[^/]+/dist/'],
  moduleFileExtensions: ['ts', 'js', 'json', 'node'],
  moduleNameMapper: {
    '^@teleport-otel/([^/]+)$': '<rootDir>/packages/$1/src',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  testTimeout: 30000,
};

export default config;
