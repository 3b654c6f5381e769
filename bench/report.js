'use strict';
/* The human table and the issue's targets, each a ratio or bound measured in the same run. */

const IMPLS = ['teleport-otel', 'otel-sdk', 'otel-exporter', 'prom-client'];

/** The histogram heap cases (bytes per series, heap plus ArrayBuffer backing stores). */
const HIST_HEAP_BEFORE = 'retained heap per histogram series, before a scrape';
const HIST_HEAP_AFTER = 'retained heap per histogram series, after a scrape';

function value(results, name, impl, field = 'ns_per_op') {
  const r = results.find((x) => x.case === name && x.impl === impl);
  return r ? r[field] : undefined;
}

function fmt(v, unit) {
  if (v === undefined) return '-';
  if (unit === 'B') return `${v.toFixed(0)} B`;
  if (v >= 1e6) return `${(v / 1e6).toFixed(2)} ms`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(1)} us`;
  return `${v.toFixed(1)} ns`;
}

/** One row per case: time per op (or per render), or bytes per series. */
function table(results) {
  const cases = [...new Set(results.map((r) => r.case))];
  const rows = [['case', ...IMPLS]];
  for (const c of cases) {
    const heap = c.startsWith('retained heap');
    rows.push([c, ...IMPLS.map((i) => fmt(value(results, c, i, heap ? 'bytes_per_series' : 'ns_per_op'), heap ? 'B' : 'ns'))]);
  }
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
  const lines = rows.map((r) => r.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]) : cell.padStart(widths[k]))).join('  '));
  return [...lines, '', ...LEGEND].join('\n');
}

const LEGEND = [
  'otel-sdk: @opentelemetry/sdk-metrics with a minimal text serializer (bench/otel-text.js): a lower bound for any exporter',
  'otel-exporter: the same SDK read by the real @opentelemetry/exporter-prometheus (PrometheusExporter, its own serializer and request handler)',
  'heap: bytes per series held, JS heap plus ArrayBuffer backing stores, one fresh process per library',
];

/** The targets of issue 6, each checked against numbers from this run. */
function targets(results, blocking) {
  const t = (name, impl) => value(results, name, impl);
  const out = [];
  const ratio = (label, name, max, base) => {
    const r = t(name, 'teleport-otel') / t(name, base);
    out.push({ target: `${label}: <= ${max}x ${base}`, measured: `${r.toFixed(3)}x`, pass: r <= max });
  };
  const faster = (label, name, min) => {
    const r = t(name, 'otel-sdk') / t(name, 'teleport-otel');
    out.push({ target: `${label}: >= ${min}x faster than otel-sdk`, measured: `${r.toFixed(1)}x`, pass: r >= min });
  };
  const bound = (label, name, maxNs) => {
    const v = t(name, 'teleport-otel');
    out.push({ target: `${label}: <= ${maxNs} ns/op`, measured: `${v.toFixed(1)} ns`, pass: v <= maxNs });
  };
  ratio('counter add 2 labels', 'counter add 2 labels', 0.5, 'prom-client');
  faster('counter add 2 labels', 'counter add 2 labels', 5);
  ratio('histogram record 1 label', 'histogram record 1 label', 0.5, 'prom-client');
  faster('histogram record 1 label', 'histogram record 1 label', 5);
  bound('bound counter add', 'bound counter add', 10);
  bound('bound histogram record', 'bound histogram record', 30);
  ratio('render 10k counter series', 'render 10k counter series', 0.5, 'prom-client');
  ratio('render 1k histogram series', 'render 1k histogram series', 0.5, 'prom-client');
  if (blocking) {
    for (const [label, ms, gc] of [
      ['first scrape', blocking.cold, blocking.coldGc],
      ['warm', blocking.warm],
      ['after a new series', blocking.afterNewSeries],
    ])
      out.push({
        target: `longest event-loop block, 100k-series scrape, ${label}: <= 10 ms`,
        measured: `${ms.toFixed(1)} ms${gc > 0 ? ` (${gc.toFixed(1)} ms of it V8 GC)` : ''}`,
        pass: ms <= 10,
      });
  }
  const heap = 'retained heap per counter series';
  const mine = value(results, heap, 'teleport-otel', 'bytes_per_series');
  const prom = value(results, heap, 'prom-client', 'bytes_per_series');
  out.push({ target: `${heap}: <= prom-client`, measured: `${mine.toFixed(0)} B vs ${prom.toFixed(0)} B`, pass: mine <= prom });
  for (const [when, name] of [
    ['before a scrape', HIST_HEAP_BEFORE],
    ['after a scrape', HIST_HEAP_AFTER],
  ]) {
    const h = value(results, name, 'teleport-otel', 'bytes_per_series');
    const p = value(results, name, 'prom-client', 'bytes_per_series');
    if (h === undefined || p === undefined) continue;
    out.push({
      target: `histogram heap per series <= 0.8x prom-client (${when})`,
      measured: `${(h / p).toFixed(2)}x (${h.toFixed(0)} B vs ${p.toFixed(0)} B)`,
      pass: h <= 0.8 * p,
    });
  }
  return out;
}

function targetLines(list) {
  const width = Math.max(...list.map((x) => x.target.length));
  return list.map((x) => `${x.pass ? 'PASS' : 'FAIL'}  ${x.target.padEnd(width)} ${x.measured}`).join('\n');
}

module.exports = { table, targets, targetLines, HIST_HEAP_BEFORE, HIST_HEAP_AFTER };
