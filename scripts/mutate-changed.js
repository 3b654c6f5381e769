#!/usr/bin/env node
/*
 * CI's mutation leg (.ci/run): mutation-tests the lines of the mutated modules (stryker.config.mjs)
 * that the change touched, and writes the outcome as a jest-style JSON so .ci/run sums it with the
 * other legs. One "test" per mutated module: passed when its mutation score on the changed lines
 * reaches the break threshold. No listed module changed: one small fixed module (the readiness
 * state machine) is mutated, so the leg still proves the setup works.
 *
 *   node scripts/mutate-changed.js --out <file.json> [--base <rev>]
 *
 * Default base: the parent of the last commit that changed a listed module, so a run after
 * commits that only touch tests or docs still mutates the last code change (with HEAD~1 such a
 * run fell back to the smoke module, and a change scored 81 % when it landed then went unchecked).
 *
 * The changed lines are passed to Stryker as `file:start-end` ranges; past MAX_CHANGED_LINES the
 * rest is left to a local `npm run mutate` and listed, so the leg stays within its time bound.
 */
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const ROOT = join(__dirname, '..');
const SMOKE_MODULE = 'packages/diag/src/readiness.ts';
/** Changed lines mutated at most per run: ~10 mutants per 10 lines, a few seconds each on 2 cores. */
const MAX_CHANGED_LINES = Number(process.env.MUTATE_MAX_CHANGED_LINES ?? 150);

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** Changed line ranges per file between `base` and the work tree's HEAD, from `git diff -U0` hunk headers. */
function changedRanges(base, files) {
  const diff = execFileSync('git', ['diff', '-U0', '--no-color', base, 'HEAD', '--', ...files], { cwd: ROOT, encoding: 'utf8' });
  const ranges = [];
  let file;
  for (const line of diff.split('\n')) {
    const f = /^\+\+\+ b\/(.+)$/.exec(line);
    if (f) file = f[1];
    const h = /^@@ -\S+ \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (h && file) {
      const start = Number(h[1]);
      const count = h[2] === undefined ? 1 : Number(h[2]);
      if (count > 0) ranges.push({ file, start, end: start + count - 1 });
    }
  }
  return ranges;
}

/** The parent of the last commit that changed one of `files`; HEAD~1 if none can be found (a shallow clone). */
function lastChangeBase(files) {
  try {
    const sha = execFileSync('git', ['log', '-1', '--format=%H', 'HEAD', '--', ...files], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (sha !== '') return `${sha}~1`;
  } catch {
    // no history to search: fall through
  }
  return 'HEAD~1';
}

/** Within the budget: whole hunks in diff order, the last one cut to fit. */
function withinBudget(ranges) {
  const kept = [];
  const left = [];
  let budget = MAX_CHANGED_LINES;
  for (const r of ranges) {
    const lines = r.end - r.start + 1;
    if (budget <= 0) left.push(r);
    else if (lines <= budget) kept.push(r), (budget -= lines);
    else kept.push({ ...r, end: r.start + budget - 1 }), left.push({ ...r, start: r.start + budget }), (budget = 0);
  }
  return { kept, left };
}

/** Stryker's score per file: detected / (detected + undetected), as mutation-testing-metrics counts it. */
function scores(report) {
  const out = {};
  for (const [file, { mutants }] of Object.entries(report.files)) {
    let detected = 0;
    let undetected = 0;
    for (const m of mutants) {
      if (m.status === 'Killed' || m.status === 'Timeout') detected++;
      else if (m.status === 'Survived' || m.status === 'NoCoverage') undetected++;
    }
    out[file] = { detected, undetected, score: detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected) };
  }
  return out;
}

/**
 * One Stryker run over `mutate`: its exit status and its scores per file, or undefined when its
 * report has none (it crashed, or the ranges held no mutant at all: an empty report).
 */
function runStryker(mutate) {
  // A clean run: no incremental reuse, so the score is about this tree only.
  const reportFile = join(ROOT, 'reports/mutation/ci-mutation.json');
  rmSync(reportFile, { force: true });
  // Stryker's CLI takes no nested options: the CI run's own config, over the repo's.
  const configFile = join(ROOT, 'reports/mutation/stryker.ci.config.mjs');
  mkdirSync(dirname(configFile), { recursive: true });
  writeFileSync(
    configFile,
    `import config from ${JSON.stringify(join(ROOT, 'stryker.config.mjs'))};\n` +
      `export default { ...config, ...${JSON.stringify({
        mutate,
        incremental: false,
        reporters: ['clear-text', 'progress-append-only', 'json'],
        jsonReporter: { fileName: reportFile },
      })} };\n`
  );
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', configFile], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const perFile = existsSync(reportFile) ? scores(JSON.parse(readFileSync(reportFile, 'utf8'))) : {};
  return { status: r.status, perFile: Object.keys(perFile).length > 0 ? perFile : undefined };
}

async function main() {
  const out = arg('--out', join(ROOT, 'reports/mutation/ci-leg.json'));
  const { MUTATED_MODULES, BREAK_THRESHOLD } = await import(join(ROOT, 'stryker.config.mjs'));
  const base = arg('--base', process.env.MUTATE_BASE ?? lastChangeBase(MUTATED_MODULES));
  let ranges;
  try {
    ranges = changedRanges(base, MUTATED_MODULES);
  } catch (err) {
    console.error(`mutation leg: cannot diff against ${base} (${err.message.split('\n')[0]}); using the smoke module`);
    ranges = [];
  }
  const { kept, left } = withinBudget(ranges);
  const mutate = kept.length > 0 ? kept.map((r) => `${r.file}:${r.start}-${r.end}`) : [SMOKE_MODULE];
  console.log(
    `mutation leg: ${kept.length > 0 ? `lines changed since ${base}` : `no listed module changed since ${base}; smoke module`}:`
  );
  for (const m of mutate) console.log(`  ${m}`);
  for (const r of left)
    console.log(`  not mutated here (over ${MAX_CHANGED_LINES} lines; run npm run mutate): ${r.file}:${r.start}-${r.end}`);

  const started = Date.now();
  let r = runStryker(mutate);
  if (r.status === 0 && r.perFile === undefined && kept.length > 0) {
    // The changed lines held nothing to mutate (types, comments): the smoke module instead, so
    // the leg still proves the setup works rather than failing for want of a report.
    console.log(`mutation leg: no mutant on the changed lines; smoke module ${SMOKE_MODULE}`);
    r = runStryker([SMOKE_MODULE]);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const perFile = r.perFile ?? {};
  const assertionResults = Object.entries(perFile).map(([file, s]) => ({
    title: `${file}: mutation score ${s.score.toFixed(1)}% (${s.detected} detected, ${
      s.undetected
    } undetected) >= ${BREAK_THRESHOLD}%`,
    status: s.score >= BREAK_THRESHOLD ? 'passed' : 'failed',
  }));
  // No report (Stryker crashed or timed out): one failure, so the leg cannot pass silently.
  if (assertionResults.length === 0) assertionResults.push({ title: 'stryker produced no report', status: 'failed' });
  const passed = assertionResults.filter((a) => a.status === 'passed').length;
  const failed = assertionResults.length - passed;
  const success = failed === 0 && r.status === 0;
  writeFileSync(
    out,
    JSON.stringify({
      numPassedTests: passed,
      numFailedTests: failed,
      numPendingTests: 0,
      numTotalTests: assertionResults.length,
      numTotalTestSuites: 1,
      numFailedTestSuites: success ? 0 : 1,
      numRuntimeErrorTestSuites: 0,
      success,
      testResults: [{ name: 'mutation', assertionResults }],
    })
  );
  for (const a of assertionResults) console.log(`${a.status === 'passed' ? 'PASS' : 'FAIL'} ${a.title}`);
  console.log(`mutation leg: stryker exit code ${r.status}, ${seconds}s`);
  process.exit(success ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
