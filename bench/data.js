'use strict';
/*
 * What every implementation records: catalog entries (names, label names, buckets all come from
 * the catalog, never typed here) and pre-built label objects and values, shared by all three
 * implementations so each one does exactly the same work per call.
 */
const { backend, proxy, s3 } = require('@teleport-otel/catalog');

/** The catalog entries each case uses. */
const entries = {
  /** counter add no labels */
  counter0: proxy.failedLoginAttemptsTotal,
  /** counter add 2 labels; also the counter family of the render and heap cases */
  counter2: s3.requests,
  /** histogram record 1 label (TELEPORT_LATENCY_BUCKETS, 16 buckets); also the histogram render case */
  hist1: backend.readSeconds,
  /** gauge set (1 label) */
  gauge1: proxy.remoteClusters,
};

/** Operations per timed iteration: tinybench's own overhead (~30+ ns) is divided by this. */
const OPS = 1000;
/** Label objects and values are cycled with `i & MASK`, so no call repeats its neighbour's work. */
const MASK = 7;

function cycle(list, n) {
  return Array.from({ length: n }, (_, i) => list[i % list.length]);
}

/** Eight label objects per labelled metric, built from the entries' examples / closed value sets. */
function labelSets() {
  const c2 = entries.counter2;
  const [opLabel, resultLabel] = c2.labels;
  const ops = c2.examples[opLabel].slice(0, 4);
  const results = c2.values[resultLabel];
  const counter2 = [];
  for (const op of ops) for (const r of results) counter2.push({ [opLabel]: op, [resultLabel]: r });
  const h = entries.hist1;
  const hist1 = cycle(h.examples[h.labels[0]], MASK + 1).map((v) => ({ [h.labels[0]]: v }));
  const g = entries.gauge1;
  const clusters = [...g.examples[g.labels[0]], 'leaf-b.example.com', 'leaf-c.example.com', 'leaf-d.example.com'];
  const gauge1 = cycle(clusters, MASK + 1).map((v) => ({ [g.labels[0]]: v }));
  return { counter2: counter2.slice(0, MASK + 1), hist1, gauge1 };
}

/** 1024 values: small counter increments, and latencies spread over every bucket (0.5 ms to ~66 s). */
const VALUES = 1024;
const counterValues = Float64Array.from({ length: VALUES }, (_, i) => 1 + (i % 3));
const latencyValues = Float64Array.from({ length: VALUES }, (_, i) => 0.0005 * 2 ** (i % 18) * (1 + (i % 7) / 10));
const gaugeValues = Float64Array.from({ length: VALUES }, (_, i) => (i * 37) % 101);

/**
 * `${prefix}-${i}` as a flat string: a template literal makes a cons string, which the first
 * library to hash it would flatten, and that copy would be charged to it.
 */
function flat(prefix, i) {
  return [prefix, i].join('-');
}

/** Distinct label objects for the n-th counter series of the render and heap cases: operation x result. */
function counterSeriesLabels(n) {
  const c2 = entries.counter2;
  const [opLabel, resultLabel] = c2.labels;
  const ops = c2.examples[opLabel];
  const results = c2.values[resultLabel];
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const k = Math.floor(i / results.length);
    out[i] = { [opLabel]: flat(ops[k % ops.length], k), [resultLabel]: results[i % results.length] };
  }
  return out;
}

/** Distinct label objects for the n-th histogram series. */
function histogramSeriesLabels(n) {
  const h = entries.hist1;
  const name = h.labels[0];
  const examples = h.examples[name];
  return Array.from({ length: n }, (_, i) => ({ [name]: flat(examples[i % examples.length], i) }));
}

module.exports = {
  entries,
  OPS,
  MASK,
  VALUES,
  labelSets,
  counterValues,
  latencyValues,
  gaugeValues,
  counterSeriesLabels,
  histogramSeriesLabels,
};
