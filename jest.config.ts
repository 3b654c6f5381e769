import type { Config } from 'jest';

// Tests run against TypeScript sources (no build needed): every
// `@teleport-otel/<pkg>` import is mapped to packages/<pkg>/src.
// ts-jest uses tsconfig.test.json (isolatedModules => transpile-only, fast);
// type checking is done by `npm run build` / `npm run typecheck`.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/test'],
  testMatch: ['<rootDir>/packages/*/test/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  // test/consumer needs the npm registry and runs in its own CI legs (npm run test:consumer).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/packages/[^/]+/dist/', '<rootDir>/test/consumer/'],
  modulePathIgnorePatterns: ['<rootDir>/packages/[^/]+/dist/'],
  watchPathIgnorePatterns: ['<rootDir>/packages/[^/]+/dist/'],
  moduleFileExtensions: ['ts', 'js', 'json', 'node'],
  moduleNameMapper: {
    '^@teleport-otel/([^/]+)$': '<rootDir>/packages/$1/src',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
    // The OTLP HTTP exporters load node:http with a dynamic import(), which Jest's CommonJS
    // runtime rejects without --experimental-vm-modules. Transpiling just that package turns it
    // into require(), so tests run the exporters' real transport code unchanged.
    '/node_modules/@opentelemetry/otlp-exporter-base/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!@opentelemetry/otlp-exporter-base/)'],
  testTimeout: 30000,
};

export default config;
