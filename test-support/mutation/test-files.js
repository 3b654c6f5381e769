'use strict';
/*
 * Which test file can reach which code, for `npm run mutate` (jest.mutate.config.ts). Stryker's
 * jest runner narrows a mutant's run by test name only (testNamePattern), and not at all for a
 * mutant also reached outside any test (module load, beforeAll: a server started for a file), so
 * Jest would load every test file, and with it the whole module graph, for every mutant. Stryker's
 * dry run records here each test's file and the mutants each file reached (record-test-files.js);
 * runner.js then skips the files that cannot reach the active mutant.
 */
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const MAP_FILE = join(__dirname, '..', '..', 'reports', 'mutation', 'test-files.json');

/**
 * `tests`: test full name -> file; `mutants`: file -> ids of the mutants it reached; `durations`:
 * file -> its run time in ms; as recorded by the last dry run (empty when none).
 */
function readTestFiles() {
  try {
    return { durations: {}, ...JSON.parse(readFileSync(MAP_FILE, 'utf8')) };
  } catch {
    return { tests: {}, mutants: {}, durations: {} };
  }
}

function addTestFile(file, testNames, mutantIds, ms) {
  const map = readTestFiles();
  for (const name of testNames) map.tests[name] = file;
  map.mutants[file] = mutantIds;
  map.durations[file] = ms;
  mkdirSync(join(MAP_FILE, '..'), { recursive: true });
  writeFileSync(MAP_FILE, JSON.stringify(map));
}

module.exports = { readTestFiles, addTestFile };
