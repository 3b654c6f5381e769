import { join } from 'node:path';
import type { Config } from 'jest';
import base from './jest.config';

/**
 * The tests Stryker runs for `npm run mutate`: the fast unit tests that exercise the mutated
 * modules (see stryker.config.mjs) through their real parts. Left out on purpose: tests that start
 * Prometheus, promtool, openssl, Go oracles, worker threads or child processes (the instrumented
 * code only exists in Stryker's sandbox and its mutant switch in this process), packed tarballs,
 * and OTLP collectors with long waits. Every file here also runs in the normal `npm test`.
 */
export const MUTATION_TESTS = [
  'packages/core/test/series.test.ts',
  'packages/core/test/series-cap-heap.test.ts',
  'packages/core/test/instruments.test.ts',
  'packages/core/test/bad-input.test.ts',
  'packages/core/test/exemplars.test.ts',
  'packages/core/test/cells.test.ts',
  'packages/core/test/cells-unit.test.ts',
  'packages/core/test/labels.test.ts',
  'packages/core/test/fast.test.ts',
  'packages/diag/test/format.test.ts',
  'packages/diag/test/render-chunks.test.ts',
  'packages/diag/test/slab-fill.test.ts',
  'packages/diag/test/text-bytes.test.ts',
  'packages/diag/test/parse.test.ts',
  'packages/diag/test/render-registry.test.ts',
  'packages/diag/test/readiness.test.ts',
  'packages/diag/test/readiness-oracle.test.ts',
  'packages/diag/test/otlp-env.test.ts',
  'packages/diag/test/negotiate.test.ts',
  'packages/diag/test/negotiation.test.ts',
  'packages/diag/test/metrics-route.test.ts',
  'packages/diag/test/server.test.ts',
  'packages/diag/test/connection-slots.test.ts',
  'packages/diag/test/one-at-a-time.test.ts',
  'packages/diag/test/paced-write.test.ts',
  'packages/diag/test/standalone-handler.test.ts',
  'packages/diag/test/openmetrics.test.ts',
  'packages/diag/test/openmetrics-server.test.ts',
  'packages/diag/test/protobuf-wire.test.ts',
  'packages/diag/test/naming.test.ts',
  'packages/diag/test/equivalence.test.ts',
  'packages/diag/test/promhttp.test.ts',
  'packages/diag/test/app-reader.test.ts',
  'packages/diag/test/start-errors.test.ts',
  'packages/cli/test/check.test.ts',
  'packages/cli/test/check-series.test.ts',
  'packages/cli/test/check-result.test.ts',
  'packages/cli/test/check-endpoint.test.ts',
];

const config: Config = {
  ...base,
  testMatch: MUTATION_TESTS.map((t) => `<rootDir>/${t}`),
  // Per mutant, only the files holding the tests that covered it (see test-support/mutation/runner.js).
  runner: '<rootDir>/test-support/mutation/runner.js',
  // Each mutant is a new Jest run: without these every run resolves its module graph from scratch
  // (see cached-resolver.js) and spawns a child to look for watchman.
  resolver: '<rootDir>/test-support/mutation/cached-resolver.js',
  watchman: false,
  // A mutant that makes a scrape or a promise hang fails one test at this timeout, and
  // bail-environment.js then skips the rest of its file. Shorter than Stryker's own deadline for a
  // mutant (1.5 x its tests' dry-run time + 10 s, stryker.config.mjs), which also restarts the test
  // runner process: at Jest's default 30 s Stryker's always came first, and the first whole run's
  // 29 hangs each cost that plus a restart. The slowest test here takes ~2 s alone (the slow-client
  // tests are out of this set), ~4 s with four runners on two cores: 8 s leaves twice that.
  testTimeout: 8_000,
  // An absolute path: Stryker loads the environment itself (inside its own), without <rootDir>.
  testEnvironment: join(__dirname, 'test-support/mutation/bail-environment.js'),
  setupFilesAfterEnv: ['<rootDir>/test-support/mutation/fixed-seed.js', '<rootDir>/test-support/mutation/record-test-files.js'],
};

export default config;
