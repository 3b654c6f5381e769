'use strict';
/*
 * Jest's own test runner, minus the test files that cannot kill the active mutant, judged by
 * what test-files.js recorded in Stryker's dry run: with a testNamePattern (the tests that covered
 * the mutant), the files holding one of them; without one (a mutant also reached at module load or
 * in a beforeAll), the files that reached it at all. A file missing from the record runs, and so
 * does everything outside Stryker or without a record: a mutant can only lose files that never
 * reached it.
 */
const JestRunner = require('jest-runner').default;
const { readTestFiles } = require('./test-files');

class CoveringFilesRunner extends JestRunner {
  async runTests(tests, watcher, options) {
    const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
    const { tests: files, mutants } = readTestFiles();
    const known = new Set(Object.keys(mutants));
    if (mutant === undefined || known.size === 0) return super.runTests(tests, watcher, options);
    const pattern = this._globalConfig.testNamePattern;
    let wanted;
    if (pattern) {
      const re = new RegExp(pattern, 'i');
      wanted = new Set(
        Object.keys(files)
          .filter((n) => re.test(n))
          .map((n) => files[n])
      );
    } else {
      wanted = new Set([...known].filter((file) => mutants[file].includes(mutant)));
      if (wanted.size === 0) return super.runTests(tests, watcher, options);
    }
    return super.runTests(
      tests.filter((t) => wanted.has(t.path) || !known.has(t.path)),
      watcher,
      options
    );
  }
}

module.exports = CoveringFilesRunner;
