'use strict';
/*
 * Jest's own test runner, minus the test files that cannot kill the active mutant, judged by
 * what test-files.js recorded in Stryker's dry run: with a testNamePattern (the tests that covered
 * the mutant), the files holding one of them; without one (a mutant also reached at module load or
 * in a beforeAll), the files that reached it at all. A file missing from the record runs, and so
 * does everything outside Stryker or without a record: a mutant can only lose files that never
 * reached it.
 *
 * For a mutant, the files run one at a time, the quickest (in the dry run) first, and the run
 * stops at the first file with a failing test: the mutant is killed then, and Stryker's jest
 * runner cannot bail by itself (Jest has no programmatic bail). A mutant that survives still runs
 * every file that covered it.
 */
const JestRunner = require('jest-runner').default;
const { readTestFiles } = require('./test-files');

class CoveringFilesRunner extends JestRunner {
  async runTests(tests, watcher, options) {
    const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
    const { tests: files, mutants, durations } = readTestFiles();
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
      if (wanted.size === 0) wanted = undefined;
    }
    const cost = (t) => durations?.[t.path] ?? Number.MAX_SAFE_INTEGER;
    const run = tests
      .filter((t) => wanted === undefined || wanted.has(t.path) || !known.has(t.path))
      .sort((a, b) => cost(a) - cost(b));
    let killed = false;
    const off = this.on('test-file-success', ([, result]) => {
      if (result.numFailingTests > 0 || result.testExecError) killed = true;
    });
    try {
      for (const test of run) {
        if (killed || watcher.isInterrupted()) break;
        await super.runTests([test], watcher, options);
      }
    } finally {
      off();
    }
  }
}

module.exports = CoveringFilesRunner;
