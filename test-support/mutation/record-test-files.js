'use strict';
/*
 * setupFilesAfterEnv of jest.mutate.config.ts: records the file of every test that runs, outside
 * mutant runs (Stryker sets __STRYKER_ACTIVE_MUTANT__ for those), for runner.js.
 */
const { addTestFiles } = require('./test-files');

if (process.env.__STRYKER_ACTIVE_MUTANT__ === undefined) {
  const seen = new Map();
  beforeEach(() => {
    const { currentTestName, testPath } = expect.getState();
    if (currentTestName && testPath) seen.set(currentTestName, testPath);
  });
  afterAll(() => addTestFiles(seen));
}
