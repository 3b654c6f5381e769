'use strict';
/*
 * The Registry encoded through protobufjs from Prometheus's own metrics.proto: message objects
 * built with every field client_golang sets, then MetricFamily.encodeDelimited. Written from the
 * public Registry API (its own sort, its own label merge), not from the renderer it checks.
 */
const fs = require('node:fs');
const protobuf = require('protobufjs');

/**
 * Prometheus's client_model v0.3.0 schema (the one client_golang 1.14 uses), read where Debian's
 * golang-github-prometheus-client-model-dev installs it (CI installs it with client_golang), so
 * the schema comes from its maintained source rather than a copy kept in this repo.
 */
const SCHEMA = '/usr/share/gocode/src/github.com/prometheus/client_model/io/prometheus/client/metrics.proto';

/** The schema's path, or undefined when the Debian package is not installed. */
function schemaPath() {
  return fs.existsSync(SCHEMA) ? SCHEMA : undefined;
}

let types;
function load() {
  if (!types) {
    const schema = schemaPath();
    if (!schema) {
      throw new Error(
        `Prometheus's metrics.proto not found at ${SCHEMA} (apt-get install golang-github-prometheus-client-model-dev)`
      );
    }
    const root = protobuf.loadSync(schema);
    types = { MetricFamily: root.lookupType('io.prometheus.client.MetricFamily'), root };
  }
  return types;
}

const TYPE = { counter: 0, gauge: 1, summary: 2, histogram: 4 };

/** Label pairs of a cell, const labels merged, sorted by name, as client_golang does. */
function labelsOf(f, cell) {
  if (cell.values === null) return [{ name: 'otel_metric_overflow', value: 'true' }];
  const pairs = f.entry.labels.map((name, i) => ({ name, value: cell.values[i] }));
  for (const [name, value] of f.constLabels) pairs.push({ name, value });
  return pairs.sort((a, b) => (a.name < b.name ? -1 : 1));
}

function metricOf(f, cell) {
  const m = { label: labelsOf(f, cell) };
  switch (f.entry.type) {
    case 'counter':
      m.counter = { value: cell.value };
      break;
    case 'gauge':
      m.gauge = { value: cell.value };
      break;
    case 'summary':
      m.summary = {
        sampleCount: cell.count,
        sampleSum: cell.sum,
        quantile: f.quantiles.map((q, i) => ({ quantile: q, value: cell.quantileValues[i] })),
      };
      break;
    case 'histogram': {
      let cumulative = 0;
      const h = {
        sampleCount: cell.count,
        sampleSum: cell.sum,
        bucket: f.bounds.map((upperBound, i) => ({ cumulativeCount: (cumulative += cell.counts[i]), upperBound })),
      };
      if (cell.native) {
        const { spans, deltas } = cell.native.buckets();
        h.schema = cell.native.schema;
        h.zeroThreshold = cell.native.zeroThreshold;
        h.zeroCount = cell.native.zeroCount;
        if (spans.length > 0) {
          h.positiveSpan = spans.map(([offset, length]) => ({ offset, length }));
          h.positiveDelta = deltas;
        }
      }
      m.histogram = h;
      break;
    }
  }
  return m;
}

function compareCells(a, b) {
  if (a.key === null) return b.key === null ? 0 : 1;
  if (b.key === null) return -1;
  // client_golang compares label values as UTF-8 bytes.
  for (let i = 0; i < a.key.length; i++) {
    if (a.key[i] !== b.key[i]) return Buffer.compare(Buffer.from(a.key[i]), Buffer.from(b.key[i]));
  }
  return 0;
}

/** Delimited MetricFamily messages for every family with series, in name order. */
function encodeRegistry(registry) {
  const { MetricFamily } = load();
  const writer = protobuf.Writer.create();
  for (const f of registry.collect()) {
    const cells = f.index.cells();
    if (cells.length === 0) continue;
    const order = [...f.entry.labels.keys()].sort((i, j) => (f.entry.labels[i] < f.entry.labels[j] ? -1 : 1));
    const sorted = cells
      .map((cell) => ({ cell, key: cell.values === null ? null : order.map((i) => cell.values[i]) }))
      .sort(compareCells);
    const family = {
      name: f.entry.name,
      help: f.entry.help,
      type: TYPE[f.entry.type],
      metric: sorted.map((c) => metricOf(f, c.cell)),
    };
    MetricFamily.encodeDelimited(family, writer);
  }
  return Buffer.from(writer.finish());
}

module.exports = { encodeRegistry, load, schemaPath, SCHEMA };
