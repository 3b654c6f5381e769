'use strict';
/*
 * Which test file holds which test, for `npm run mutate` (jest.mutate.config.ts). Stryker's jest
 * runner narrows a mutant's run to the tests that covered it by name (testNamePattern) only, so
 * Jest would still load every test file, and with it the whole module graph, for every mutant:
 * about 20 files for one or two tests. Stryker's dry run records each test's file here (see
 * record-test-files.js); the runner (runner.js) then skips the files with no covering test.
 */
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const MAP_FILE = join(__dirname, '..', '..', 'reports', 'mutation', 'test-files.json');

/** test full name -> test file path, as recorded by the last complete run (empty when none). */
function readTestFiles() {
  try {
    return JSON.parse(readFileSync(MAP_FILE, 'utf8'));
  } catch {
    return {};
  }
}

function addTestFiles(entries) {
  const map = readTestFiles();
  for (const [name, file] of entries) map[name] = file;
  mkdirSync(join(MAP_FILE, '..'), { recursive: true });
  writeFileSync(MAP_FILE, JSON.stringify(map));
}

module.exports = { readTestFiles, addTestFiles };
