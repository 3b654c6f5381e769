'use strict';
/*
 * Scrapes over HTTP (issue 16), through the real diag server (startDiag on 127.0.0.1, port 0) and
 * a keep-alive client in the same process, which reads the body and drops it (a gzip body is not
 * inflated: that is the scraper's cost, not the server's):
 *   - gzip against identity at 10k and 100k counter series: scrape time, and the longest
 *     event-loop block during a gzip scrape;
 *   - scrape latency of an idle process against one under a recording load (RECORDING_TURN_MS);
 *   - a 100-series registry against prom-client served as its documentation shows
 *     (`res.end(await register.metrics())` in a plain http server).
 * Rounds alternate the two sides of each comparison and keep medians: the machine is shared.
 */
const http = require('node:http');
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const promClient = require('prom-client');
const { startDiag } = require('@teleport-otel/diag');
const { createInstruments } = require('@teleport-otel/core');
const { entries, counterSeriesLabels } = require('./data');
const { longestStretch } = require('./render');

/**
 * The recording load: the application keeps the event loop in turns of this many ms, each a
 * tight loop of labelled counter adds, handing it back with setImmediate, so the loop is 100%
 * busy. A busy Node service's callbacks (request handlers, batch jobs) run from well under a
 * millisecond to a few. A request that arrives during a turn waits for its end whatever the
 * server does, so the ratio is at least 1 + turn / idle latency: with 10 ms turns and a 5 ms
 * scrape (10k series) no server could stay within 2x. Override with BENCH_RECORDING_TURN_MS.
 */
const RECORDING_TURN_MS = Number(process.env.BENCH_RECORDING_TURN_MS ?? 3);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The scraper: a worker thread (bench/scrape-client.js). */
class Scraper {
  constructor() {
    this.worker = new Worker(path.join(__dirname, 'scrape-client.js'));
    this.worker.unref();
  }

  /** Milliseconds of each of `count` sequential scrapes of `url`, after `warmup`. */
  times(url, gzip, count, warmup = 2) {
    return new Promise((resolve, reject) => {
      this.worker.once('message', (m) => (m.error ? reject(new Error(m.error)) : resolve(m.times)));
      this.worker.postMessage({ url, gzip, count, warmup });
    });
  }

  async median(url, gzip, count, warmup) {
    return median(await this.times(url, gzip, count, warmup));
  }

  close() {
    return this.worker.terminate();
  }
}

/** A diag server holding n counter series (s3 requests, from the catalog). */
async function diagServer(n) {
  const diag = await startDiag({ addr: '127.0.0.1:0', maxSeries: n + 1_000 });
  const { counter } = createInstruments({ counter: entries.counter2 }, { meterProvider: diag.meterProvider });
  const labels = counterSeriesLabels(n);
  for (let i = 0; i < n; i++) counter.add(1 + i, labels[i]);
  return { url: `${diag.url}/metrics`, counter, close: () => diag.close() };
}

/** prom-client's registry with the same n series, served as its README shows. */
async function promServer(n) {
  const registry = new promClient.Registry();
  const e = entries.counter2;
  const counter = new promClient.Counter({ name: e.name, help: e.help, labelNames: [...e.labels], registers: [registry] });
  const labels = counterSeriesLabels(n);
  for (let i = 0; i < n; i++) counter.inc(labels[i], 1 + i);
  const server = http.createServer(async (req, res) => {
    res.setHeader('Content-Type', registry.contentType);
    res.end(await registry.metrics());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/metrics`, close: () => new Promise((r) => server.close(r)) };
}

/** gzip against identity at n series: median scrape times and the longest block of a gzip scrape. */
async function gzipCase(n, rounds, count) {
  const s = await diagServer(n);
  const c = new Scraper();
  try {
    const plain = [];
    const gzip = [];
    const plainBlock = [];
    const gzipBlock = [];
    for (let r = 0; r < rounds; r++) {
      plain.push(await c.median(s.url, false, count));
      gzip.push(await c.median(s.url, true, count));
      plainBlock.push(await longestStretch(() => c.times(s.url, false, 1, 0)));
      gzipBlock.push(await longestStretch(() => c.times(s.url, true, 1, 0)));
    }
    return { n, plain: median(plain), gzip: median(gzip), plainBlock: median(plainBlock), gzipBlock: median(gzipBlock) };
  } finally {
    await c.close();
    await s.close();
  }
}

/**
 * Scrape latency of n series with the loop idle, and while the application records in
 * RECORDING_TURN_MS turns (the same process: the scrape shares its event loop).
 */
async function loadCase(n, rounds, count) {
  const s = await diagServer(n);
  const c = new Scraper();
  const labels = counterSeriesLabels(64);
  let recording = false;
  let adds = 0;
  const turn = () => {
    if (!recording) return;
    const end = performance.now() + RECORDING_TURN_MS;
    while (performance.now() < end) for (let i = 0; i < 256; i++) s.counter.add(1, labels[adds++ & 63]);
    setImmediate(turn);
  };
  try {
    const idle = [];
    const loaded = [];
    for (let r = 0; r < rounds; r++) {
      idle.push(await c.median(s.url, true, count));
      recording = true;
      setImmediate(turn);
      loaded.push(await c.median(s.url, true, count));
      recording = false;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { n, idle: median(idle), loaded: median(loaded) };
  } finally {
    recording = false;
    await c.close();
    await s.close();
  }
}

/** 100 series: teleport-otel's diag server against prom-client's, median per scrape (identity, as prom-client serves). */
async function smallCase(rounds, count) {
  const n = 100;
  const mine = await diagServer(n);
  const prom = await promServer(n);
  const c = new Scraper();
  try {
    const a = [];
    const b = [];
    for (let r = 0; r < rounds; r++) {
      a.push(await c.median(mine.url, false, count, 20));
      b.push(await c.median(prom.url, false, count, 20));
    }
    return { n, teleport: median(a), prom: median(b) };
  } finally {
    await c.close();
    await mine.close();
    await prom.close();
  }
}

async function scrapeHttpCases(quick) {
  const rounds = quick ? 2 : 5;
  const bigRounds = quick ? 1 : 3; // 100k series: ~50 ms a scrape on a quiet machine
  const gzip = [await gzipCase(10_000, rounds, quick ? 10 : 30), await gzipCase(100_000, bigRounds, quick ? 2 : 4)];
  const load = [await loadCase(10_000, rounds, quick ? 10 : 30), await loadCase(100_000, bigRounds, quick ? 2 : 4)];
  const small = await smallCase(rounds, quick ? 200 : 1_000);
  return { gzip, load, small };
}

function scrapeHttpTargets({ gzip, load, small }) {
  const out = [];
  for (const g of gzip) {
    const k = `${g.n / 1000}k`;
    const r = g.gzip / g.plain;
    out.push({
      target: `scrape over HTTP, ${k} series: gzip <= 1.3x identity`,
      measured: `${r.toFixed(2)}x (${g.gzip.toFixed(1)} vs ${g.plain.toFixed(1)} ms)`,
      pass: r <= 1.3,
    });
    out.push({
      target: `longest event-loop block, gzip scrape of ${k} series: <= 10 ms`,
      measured: `${g.gzipBlock.toFixed(1)} ms (identity ${g.plainBlock.toFixed(1)} ms)`,
      pass: g.gzipBlock <= 10,
    });
  }
  for (const l of load) {
    const r = l.loaded / l.idle;
    out.push({
      target: `gzip scrape, ${l.n / 1000}k series, under a recording load: <= 2x idle`,
      measured: `${r.toFixed(2)}x (${l.loaded.toFixed(1)} vs ${l.idle.toFixed(1)} ms)`,
      pass: r <= 2,
    });
  }
  const s = small.teleport / small.prom;
  out.push({
    target: `scrape over HTTP, 100 series: <= 1.0x prom-client`,
    measured: `${s.toFixed(2)}x (${(small.teleport * 1000).toFixed(0)} vs ${(small.prom * 1000).toFixed(0)} us)`,
    pass: s <= 1,
  });
  return out;
}

module.exports = { scrapeHttpCases, scrapeHttpTargets, RECORDING_TURN_MS };

if (require.main === module) {
  const quick = process.argv.includes('--quick');
  scrapeHttpCases(quick).then((r) => {
    for (const t of scrapeHttpTargets(r)) console.log(`${t.pass ? 'PASS' : 'FAIL'}  ${t.target.padEnd(62)} ${t.measured}`);
  });
}
