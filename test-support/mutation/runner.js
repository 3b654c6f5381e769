'use strict';
/*
 * Jest's own test runner, minus the test files that hold none of the tests Stryker asked for
 * (its testNamePattern), judged by the names test-files.js recorded in the dry run. A file not in
 * that record runs, and so does everything when there is no pattern: a mutant can only lose
 * tests that never cover it.
 */
const JestRunner = require('jest-runner').default;
const { readTestFiles } = require('./test-files');

class CoveringFilesRunner extends JestRunner {
  async runTests(tests, watcher, options) {
    const pattern = this._globalConfig.testNamePattern;
    const files = readTestFiles();
    const names = Object.keys(files);
    if (!pattern || names.length === 0) return super.runTests(tests, watcher, options);
    const re = new RegExp(pattern, 'i');
    const known = new Set(Object.values(files));
    const wanted = new Set(names.filter((n) => re.test(n)).map((n) => files[n]));
    return super.runTests(
      tests.filter((t) => wanted.has(t.path) || !known.has(t.path)),
      watcher,
      options
    );
  }
}

module.exports = CoveringFilesRunner;
