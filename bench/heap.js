'use strict';
/*
 * Retained heap per series. Run in a fresh process per measurement (`node --expose-gc
 * bench/heap.js IMPL N [counter|histogram]`) so nothing else the benchmark allocated is on the heap; prints one JSON
 * line. See heap-metric.js for what is counted.
 */
const { heapMetric, histogramHeapMetric } = require('./heap-metric');

async function main() {
  const [impl, nText, kind = 'counter'] = process.argv.slice(2);
  const n = Number(nText);
  if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
  const result = kind === 'histogram' ? await histogramHeapMetric(impl, n, global.gc) : await heapMetric(impl, n, global.gc);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
