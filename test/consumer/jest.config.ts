import type { Config } from 'jest';
import base from '../../jest.config';

// The consumer test alone (see otel-consumer.test.ts): `jest -c test/consumer/jest.config.ts`.
const config: Config = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/consumer'],
  testMatch: ['<rootDir>/test/consumer/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 120_000,
};

export default config;
