'use strict';
/*
 * Jest's module resolution, remembered for the life of a Stryker test runner process.
 *
 * Jest's default resolver clears its stat and realpath caches after every test file, so each of
 * a mutant's runs resolves its whole module graph again (the OpenTelemetry SDK, the packages):
 * ~40 % of a run's CPU for a quick file (negotiate.test.ts: 216 → 114 ms per run with this and
 * `watchman: false`). A Stryker runner resolves the same requests in the same sandbox thousands
 * of times, and nothing there adds, moves or deletes a file while it runs (mutants are switched by
 * an environment variable, not written), so one answer per request holds for the whole run.
 * Failures are not remembered: they throw again, as Jest expects.
 */
const resolved = new Map();

module.exports = (request, options) => {
  const key = [
    options.basedir,
    request,
    options.conditions,
    options.extensions,
    options.moduleDirectory,
    options.paths,
    options.rootDir,
  ].join('\0');
  let path = resolved.get(key);
  if (path === undefined) {
    path = options.defaultResolver(request, options);
    resolved.set(key, path);
  }
  return path;
};
