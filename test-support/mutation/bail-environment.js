'use strict';
/*
 * testEnvironment of jest.mutate.config.ts: Jest's node environment that, in a mutant run
 * (Stryker sets __STRYKER_ACTIVE_MUTANT__), skips the rest of a test file once one of its tests
 * has failed. The mutant is killed by then; without this, a mutant that makes every request of a
 * file hang would cost every test's timeout in turn (Stryker's jest runner cannot bail, and
 * Jest's `bail` only stops between files). Stryker's own environment wraps this one, so its
 * per-test coverage is unchanged; outside mutant runs (npm test, the dry run) nothing changes.
 */
const { TestEnvironment } = require('jest-environment-node');

class BailingNodeEnvironment extends TestEnvironment {
  failed = false;

  async handleTestEvent(event) {
    if (process.env.__STRYKER_ACTIVE_MUTANT__ === undefined) return;
    if (event.name === 'test_done' && event.test.errors.length > 0) this.failed = true;
    else if (event.name === 'test_start' && this.failed) event.test.mode = 'skip';
  }
}

module.exports = BailingNodeEnvironment;
