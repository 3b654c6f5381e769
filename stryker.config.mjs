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
  'packages/diag/src/server/paced-write.ts',
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
  // No TypeScript checker: it cost ~1.2 s of CPU per mutant, about as much as testing one (format.ts
  // and labels.ts: 317 s of CPU with it, 155 s without), to set aside the ~20 % of mutants that do
  // not type-check. Without it Jest (ts-jest only transpiles) runs those too: nearly all fail a
  // test, and one that survives is judged as any survivor (docs/testing.md).
  // Four test runners for two cores: many tests wait on sockets and timers.
  concurrency: 4,
  // Added to each mutant's time budget (1.5 x its covering tests' time + the dry run's overhead).
  // A mutant that makes a request hang fails its test at Jest's testTimeout (jest.mutate.config.ts)
  // and ends its file's run (bail-environment.js); a synchronous endless loop trips Stryker's hit
  // limit. This is only the last resort, generous so a loaded machine reports no false timeouts.
  timeoutMS: 10000,
  // The dry run (every test of jest.mutate.config.ts once, with coverage) takes ~1 min of CPU; the
  // default 5 min bound was exceeded on this machine under a load of 20 from other work.
  dryRunTimeoutMinutes: 15,
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
