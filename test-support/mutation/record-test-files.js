'use strict';
/*
 * setupFilesAfterEnv of jest.mutate.config.ts: outside mutant runs (Stryker sets
 * __STRYKER_ACTIVE_MUTANT__ for those), records the file's test names and every mutant it reached
 * (Stryker's coverage counters, read only; they grow over the whole run, so the file's share is
 * what grew between its start and its end) and how long the file took, for runner.js.
 */
const { addTestFile } = require('./test-files');

/** Hits per mutant id so far: Stryker's static counters plus every test's. */
function hits() {
  const coverage = globalThis.__stryker__?.mutantCoverage;
  const total = new Map();
  const add = (counts) => {
    for (const id in counts) total.set(id, (total.get(id) ?? 0) + counts[id]);
  };
  if (coverage) {
    add(coverage.static);
    for (const test in coverage.perTest) add(coverage.perTest[test]);
  }
  return total;
}

if (process.env.__STRYKER_ACTIVE_MUTANT__ === undefined) {
  const names = new Set();
  const started = Date.now();
  const before = hits();
  beforeEach(() => {
    const { currentTestName } = expect.getState();
    if (currentTestName) names.add(currentTestName);
  });
  afterAll(() => {
    const reached = [...hits()].filter(([id, n]) => n > (before.get(id) ?? 0)).map(([id]) => id);
    addTestFile(expect.getState().testPath, names, reached, Date.now() - started);
  });
}
