'use strict';
/*
 * Render cases: the full /metrics text for n counter series or n histogram series, per library,
 * and the longest synchronous stretch a 100k-series render holds the event loop.
 */
const { performance } = require('node:perf_hooks');
const { create, addCounterSeries, addHistogramSeries } = require('./impls');
const { counterSeriesLabels, histogramSeriesLabels, latencyValues } = require('./data');
const { longestStretch, longestStretchWithGc } = require('./event-loop');

/** A library instance holding n series of `kind` ('counter' | 'histogram'). */
function populated(impl, kind, n) {
  const m = create(impl, n + 1000);
  if (kind === 'counter') addCounterSeries(impl, m, counterSeriesLabels(n));
  else addHistogramSeries(impl, m, histogramSeriesLabels(n), latencyValues);
  return m;
}

/**
 * Mean milliseconds per full render, after `warmup` renders (the first builds any caches: a
 * scrape of a stable registry is the steady state), over at least `minRuns` runs and `timeMs`.
 */
async function timeRender(m, { warmup = 3, minRuns = 5, timeMs = 1500 } = {}) {
  let bytes = 0;
  for (let i = 0; i < warmup; i++) bytes = (await m.render()).length;
  let runs = 0;
  const start = performance.now();
  while (runs < minRuns || performance.now() - start < timeMs) {
    const text = await m.render();
    if (text.length !== bytes) throw new Error(`render length changed: ${text.length} vs ${bytes}`);
    runs++;
  }
  return { ms: (performance.now() - start) / runs, runs, bytes };
}

/** Render time for `kind` at n series for one library. */
async function renderCase(impl, kind, n, opts) {
  const m = populated(impl, kind, n);
  try {
    return await timeRender(m, opts);
  } finally {
    await m.shutdown();
  }
}

/**
 * Event-loop blocking of a scrape over n counter series, served as the /metrics handler does
 * (chunks written out and dropped; `render` where a library has no chunked form): `cold` is the
 * first scrape after the series were created (it lists and sorts them all), `warm` the worst of
 * the following ones, `afterNewSeries` the worst of scrapes that each follow one new series.
 * The label objects, the bench's own input, are all built before the registry is filled: built
 * just before a scrape, their 100k dead objects would make that scrape's GC pauses the bench's.
 * Each of `rounds` rounds uses a fresh registry; the median of the rounds is kept. Wall-clock:
 * on a loaded machine, time the process is descheduled counts.
 */
async function blockingCase(impl, n, rounds = 1) {
  const cases = { cold: [], coldGc: [], warm: [], afterNewSeries: [] };
  for (let r = 0; r < rounds; r++) {
    const labels = counterSeriesLabels(n + 3);
    const m = create(impl, n + 1000);
    addCounterSeries(impl, m, labels.slice(0, n));
    const scrape = m.scrape ?? m.render;
    try {
      const cold = await longestStretchWithGc(scrape);
      cases.cold.push(cold.max);
      cases.coldGc.push(cold.gc);
      let warm = 0;
      for (let i = 0; i < 3; i++) warm = Math.max(warm, await longestStretch(scrape));
      cases.warm.push(warm);
      let afterNewSeries = 0;
      for (let i = 0; i < 3; i++) {
        addCounterSeries(impl, m, [labels[n + i]]);
        afterNewSeries = Math.max(afterNewSeries, await longestStretch(scrape));
      }
      cases.afterNewSeries.push(afterNewSeries);
    } finally {
      await m.shutdown();
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
  const out = { cold: median(cases.cold), warm: median(cases.warm), afterNewSeries: median(cases.afterNewSeries) };
  // The GC inside the cold case's longest gap, for the round whose gap is the median.
  const coldGc = cases.coldGc[cases.cold.indexOf(out.cold)];
  return { ...out, coldGc, max: Math.max(out.cold, out.warm, out.afterNewSeries) };
}

module.exports = { populated, timeRender, longestStretch, renderCase, blockingCase };
