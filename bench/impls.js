'use strict';
/*
 * The implementations, each built the way its own documentation says, from the same catalog
 * entries: teleport-otel's fast path (a diag provider), raw @opentelemetry/sdk-metrics (a
 * MeterProvider with a MetricReader, instruments created directly on a meter, rendered by the
 * minimal serializer in otel-text.js), the same SDK read by the real
 * @opentelemetry/exporter-prometheus (`otel-exporter`: render cases only, its recording is the
 * SDK's), prom-client 15 (its own Registry). Nothing here wraps the hot calls: the timed loops in recording.js call
 * each library's API directly.
 */
const { createDiagMeterProvider } = require('@teleport-otel/diag');
const { createInstruments } = require('@teleport-otel/core');
const { MeterProvider, MetricReader } = require('@opentelemetry/sdk-metrics');
const { PrometheusExporter, PrometheusSerializer } = require('@opentelemetry/exporter-prometheus');
const promClient = require('prom-client');
const { entries } = require('./data');
const { serializeResourceMetrics } = require('./otel-text');

/** Recording and heap cases. */
const IMPLS = ['teleport-otel', 'otel-sdk', 'prom-client'];
/** Render and scrape cases: the real OpenTelemetry Prometheus exporter too. */
const RENDER_IMPLS = ['teleport-otel', 'otel-sdk', 'otel-exporter', 'prom-client'];

/** The smallest real MetricReader: collect() on demand, as a pull exporter does. */
class BenchReader extends MetricReader {
  async onShutdown() {}
  async onForceFlush() {}
}

/**
 * teleport-otel fast path: a diag provider; `maxSeries` raised so the render cases are not capped.
 * `options` go to the provider too (exemplars.js turns exemplars on).
 */
function teleportOtel(maxSeries = 200_000, options = {}) {
  const diag = createDiagMeterProvider({ ...options, maxSeries });
  const inst = createInstruments(entries, { meterProvider: diag.meterProvider });
  return {
    counter0: inst.counter0,
    counter2: inst.counter2,
    hist1: inst.hist1,
    gauge1: inst.gauge1,
    render: () => diag.pullReader.render(),
    renderProtobuf: () => diag.pullReader.renderProtobuf(),
    registry: diag.registry,
    /**
     * A scrape as the /metrics handler serves it: the text's UTF-8 pieces, each dropped once
     * counted (the handler writes them out and gives their Buffers back for the next render).
     */
    scrape: async () => {
      let bytes = 0;
      for await (const chunk of diag.pullReader.formatChunks('text', { reusePieces: true })) bytes += chunk.length;
      return bytes;
    },
    shutdown: () => diag.shutdown(),
  };
}

/** Raw OpenTelemetry SDK: name, description, unit and explicit buckets taken from the entries. */
function otelSdk(maxSeries = 200_000) {
  const reader = new BenchReader({ cardinalitySelector: () => maxSeries });
  const provider = new MeterProvider({ readers: [reader] });
  return {
    ...sdkInstruments(provider),
    render: async () => {
      const { resourceMetrics } = await reader.collect();
      return serializeResourceMetrics(resourceMetrics);
    },
    shutdown: () => provider.shutdown(),
  };
}

/**
 * The SDK read by the real @opentelemetry/exporter-prometheus, as its README shows, with its own
 * HTTP server left unstarted (`handler` is its request handler, for a server on a free port). A
 * View lifts the SDK's default 2000-series cardinality limit, as the reader option does above.
 */
function otelExporter(maxSeries = 200_000) {
  const exporter = new PrometheusExporter({ preventServerStart: true });
  const provider = new MeterProvider({
    readers: [exporter],
    views: [{ instrumentName: '*', aggregationCardinalityLimit: maxSeries }],
  });
  const serializer = new PrometheusSerializer();
  return {
    ...sdkInstruments(provider),
    /** What the exporter's handler sends, without the socket: collect() and its serializer. */
    render: async () => {
      const { resourceMetrics } = await exporter.collect();
      return serializer.serialize(resourceMetrics);
    },
    handler: (req, res) => exporter.getMetricsRequestHandler(req, res),
    shutdown: () => provider.shutdown(),
  };
}

function sdkInstruments(provider) {
  const meter = provider.getMeter('bench');
  const opts = (e) => ({ description: e.help, unit: e.unit });
  return {
    counter0: meter.createCounter(entries.counter0.name, opts(entries.counter0)),
    counter2: meter.createCounter(entries.counter2.name, opts(entries.counter2)),
    hist1: meter.createHistogram(entries.hist1.name, {
      ...opts(entries.hist1),
      advice: { explicitBucketBoundaries: [...entries.hist1.buckets] },
    }),
    gauge1: meter.createGauge(entries.gauge1.name, opts(entries.gauge1)),
  };
}

/** prom-client 15 with its own Registry. */
function promClientImpl() {
  const registry = new promClient.Registry();
  const common = (e) => ({ name: e.name, help: e.help, labelNames: [...e.labels], registers: [registry] });
  return {
    counter0: new promClient.Counter(common(entries.counter0)),
    counter2: new promClient.Counter(common(entries.counter2)),
    hist1: new promClient.Histogram({ ...common(entries.hist1), buckets: [...entries.hist1.buckets] }),
    gauge1: new promClient.Gauge(common(entries.gauge1)),
    render: () => registry.metrics(),
    shutdown: async () => registry.clear(),
  };
}

function create(impl, maxSeries) {
  if (impl === 'teleport-otel') return teleportOtel(maxSeries);
  if (impl === 'otel-sdk') return otelSdk(maxSeries);
  if (impl === 'otel-exporter') return otelExporter(maxSeries);
  if (impl === 'prom-client') return promClientImpl();
  throw new Error(`unknown implementation ${impl}`);
}

/** Creates n counter series (one add each), in each library's own call shape. */
function addCounterSeries(impl, m, labels, value = 1) {
  if (impl === 'prom-client') for (let i = 0; i < labels.length; i++) m.counter2.inc(labels[i], value + i);
  else for (let i = 0; i < labels.length; i++) m.counter2.add(value + i, labels[i]);
}

/** Creates n histogram series (a few observations each, so several buckets are non-zero). */
function addHistogramSeries(impl, m, labels, latencies) {
  for (let i = 0; i < labels.length; i++) {
    for (let k = 0; k < 4; k++) {
      const v = latencies[(i * 4 + k) % latencies.length];
      if (impl === 'prom-client') m.hist1.observe(labels[i], v);
      else m.hist1.record(v, labels[i]);
    }
  }
}

module.exports = {
  teleportOtel,
  IMPLS,
  RENDER_IMPLS,
  create,
  addCounterSeries,
  addHistogramSeries,
};
