'use strict';
/*
 * Each implementation serving n series on /metrics over real HTTP (127.0.0.1, a free port):
 * teleport-otel through its own diag server (startDiag), the real OpenTelemetry exporter through
 * its own request handler, prom-client as its README shows (`res.end(await register.metrics())`),
 * the SDK with the minimal serializer the same way. Populated as the render cases are.
 */
const http = require('node:http');
const { startDiag } = require('@teleport-otel/diag');
const { createInstruments } = require('@teleport-otel/core');
const { create, addCounterSeries, addHistogramSeries } = require('./impls');
const { entries, counterSeriesLabels, histogramSeriesLabels, latencyValues } = require('./data');

function populate(impl, m, kind, n) {
  if (kind === 'counter') addCounterSeries(impl, m, counterSeriesLabels(n));
  else addHistogramSeries(impl, m, histogramSeriesLabels(n), latencyValues);
}

async function listen(handler) {
  const server = http.createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/metrics` };
}

/** `impl` serving n series of `kind` ('counter' | 'histogram'): { url, close }. */
async function serve(impl, kind, n) {
  if (impl === 'teleport-otel') {
    const diag = await startDiag({ addr: '127.0.0.1:0', maxSeries: n + 1_000 });
    const m = createInstruments({ counter2: entries.counter2, hist1: entries.hist1 }, { meterProvider: diag.meterProvider });
    populate(impl, m, kind, n);
    return { url: `${diag.url}/metrics`, close: () => diag.close() };
  }
  const m = create(impl, n + 1_000);
  populate(impl, m, kind, n);
  const { server, url } = await listen(
    m.handler ??
      (async (_req, res) => {
        const text = await m.render();
        res.setHeader('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
        res.end(text);
      })
  );
  return {
    url,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await m.shutdown();
    },
  };
}

module.exports = { serve };
