// @ts-check
/**
 * Mutation testing (`npm run mutate`, docs/testing.md): StrykerJS over the modules that decide
 * correctness, with the fast unit tests of jest.mutate.config.ts. perTest coverage runs only the
 * tests that reach a mutant; the incremental file lets a rerun reuse every result whose code and
 * tests did not change. `--mutate <file>` narrows a run to one module.
 */

/** The mutated modules: exposition, series index, cells, fast instruments, readiness, diag server, OTLP env, check. */
export const MUTATED_MODULES = [
  'packages/diag/src/exposition/format.ts',
  'packages/diag/src/exposition/render-registry.ts',
  'packages/diag/src/exposition/parse.ts',
  'packages/core/src/series.ts',
  'packages/core/src/lookup.ts',
  'packages/core/src/labels.ts',
  'packages/core/src/cells.ts',
  'packages/core/src/fast.ts',
  'packages/diag/src/readiness.ts',
  'packages/diag/src/server/negotiate.ts',
  'packages/diag/src/server/metrics-route.ts',
  'packages/diag/src/server/connection-slots.ts',
  'packages/diag/src/server/one-at-a-time.ts',
  'packages/diag/src/server/respond.ts',
  'packages/diag/src/otlp/env.ts',
  'packages/cli/src/check/check.ts',
  'packages/cli/src/check/series.ts',
];

/** Below this score (percent, per run) `stryker run` exits non-zero. */
export const BREAK_THRESHOLD = 85;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  packageManager: 'npm',
  mutate: MUTATED_MODULES,
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'jest.mutate.config.ts', enableFindRelatedTests: false },
  coverageAnalysis: 'perTest',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutate.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // The machine (and CI) has two cores shared with other work.
  concurrency: 2,
  timeoutMS: 10000,
  // Constants evaluated at module load (tables such as READYZ) would each rerun every test: see docs/testing.md.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  thresholds: { high: 90, low: BREAK_THRESHOLD, break: BREAK_THRESHOLD },
  tempDirName: '.stryker-tmp',
  // The sandbox needs sources and tests only: no build output, benches or reports.
  ignorePatterns: ['dist', 'reports', 'bench', 'docs', '.turbo', '**/*.tsbuildinfo', 'test/consumer'],
  cleanTempDir: true,
};

export default config;
