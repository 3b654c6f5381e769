'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');
const { create, addCounterSeries, addHistogramSeries } = require('./impls');
const { counterSeriesLabels, histogramSeriesLabels, latencyValues } = require('./data');

/**
 * Settles the heap (several full collections, so weak references and finalizers are done) and
 * returns the bytes held: the JS heap plus ArrayBuffer backing stores, which V8 keeps outside it
 * (a typed array's numbers would otherwise not count at all).
 */
async function settle(gc) {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/**
 * Bytes per counter series retained by `impl` after creating n series and one render (a scraped
 * registry, with whatever a scrape caches, is the steady state).
 */
async function heapMetric(impl, n, gc) {
  const m = create(impl, n + 1000);
  // One-time costs (code, first series, caches of an empty registry) are not per-series.
  addCounterSeries(impl, m, counterSeriesLabels(4));
  await m.render();
  const before = await settle(gc);
  // Fresh label objects, dropped after the call, as a caller's object literals are: whatever a
  // library keeps of them (the object itself, the value strings, a key built from them) counts.
  addCounterSeries(impl, m, counterSeriesLabels(n + 4).slice(4));
  await m.render();
  const after = await settle(gc);
  if (!m) throw new Error('unreachable'); // m stays alive until after the second reading
  return { impl, n, bytes_per_series: (after - before) / n };
}

/**
 * Bytes per histogram series (a few observations each, over several buckets) retained by `impl`,
 * before the first scrape of them (`before_scrape`) and after one (`after_scrape`: whatever a
 * render caches per series counts too).
 */
async function histogramHeapMetric(impl, n, gc) {
  const m = create(impl, n + 1000);
  addHistogramSeries(impl, m, histogramSeriesLabels(4), latencyValues);
  await m.render();
  const start = await settle(gc);
  // Fresh label objects, dropped after the call, as in heapMetric.
  addHistogramSeries(impl, m, histogramSeriesLabels(n + 4).slice(4), latencyValues);
  const recorded = await settle(gc);
  await m.render();
  const scraped = await settle(gc);
  if (!m) throw new Error('unreachable'); // m stays alive until after the last reading
  return { impl, n, kind: 'histogram', before_scrape: (recorded - start) / n, after_scrape: (scraped - start) / n };
}

/** Runs heap.js in a fresh `node --expose-gc` process and returns its JSON line. */
function measureHeapInChild(impl, n, kind = 'counter') {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', path.join(__dirname, 'heap.js'), impl, String(n), kind], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`heap.js ${impl} ${n} exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}

module.exports = { heapMetric, histogramHeapMetric, measureHeapInChild };
