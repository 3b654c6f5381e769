'use strict';
/*
 * An independent benchmark through the public API only: what an application sees, with nothing
 * from bench/impls.js or any package's internals (no dist/ paths, no Registry, no renderer).
 * teleport-otel is started with `startDiag` from @teleport-otel/diag and recorded through a
 * component package's `create*Metrics`; names, labels and buckets for prom-client come from the
 * public catalog; every scrape is a real HTTP GET on 127.0.0.1.
 *
 *   npm run bench:public              both checks, a table and PASS/FAIL lines
 *   node bench/public-api.js --json   the same, then one JSON line on stdout (bench/run.js reads it)
 *
 * (a) Histogram heap per series against prom-client, before the first scrape and after one: one
 *     fresh `node --expose-gc` process per library and reading; bytes are the JS heap plus
 *     ArrayBuffer backing stores (process.memoryUsage), the heap alone shown beside them.
 * (b) The longest event-loop block during a scrape of 100k counter series over HTTP, cold (the
 *     first scrape), warm, and right after one new series was added (the worst of three each).
 *     The scraper is a process of its own (scrape-process.js), as Prometheus is: read in this
 *     process, its ~10 MB of response Buffers per scrape would drive the server's own GC.
 */
const { fork, spawn } = require('node:child_process');
const http = require('node:http');
// Only a timing helper from bench/: nothing that builds or records metrics.
const { longestStretch } = require('./event-loop');

const HEAP_SERIES = 10_000;
const BLOCK_SERIES = 100_000;
const HEAP_MAX_RATIO = 0.8;
const BLOCK_MAX_MS = 10;

/** `${prefix}-${i}` as a flat string (a template literal makes a cons string the library would flatten on our bill). */
const flat = (prefix, i) => [prefix, i].join('-');

/** GET url; resolves with the body's byte count once the last byte arrived. */
function get(url, agent) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let bytes = 0;
        res.on('data', (d) => (bytes += d.length));
        res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`${url}: HTTP ${res.statusCode}`))));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function settle() {
  for (let i = 0; i < 4; i++) {
    global.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heap: heapUsed, total: heapUsed + arrayBuffers };
}

/** A library serving a histogram family over HTTP: record(v, i) records into series i. */
async function histogramTarget(impl) {
  const { backend } = require('@teleport-otel/catalog');
  const entry = backend.readSeconds;
  const label = entry.labels[0];
  if (impl === 'teleport-otel') {
    const { startDiag } = require('@teleport-otel/diag');
    const { createBackendMetrics } = require('@teleport-otel/backends');
    const diag = await startDiag({ addr: '127.0.0.1:0', maxSeries: HEAP_SERIES * 2 });
    const m = createBackendMetrics({ meterProvider: diag.meterProvider });
    return {
      label,
      record: (v, labels) => m.readSeconds.record(v, labels),
      url: `${diag.url}/metrics`,
      close: () => diag.close(),
    };
  }
  const promClient = require('prom-client');
  const registry = new promClient.Registry();
  const h = new promClient.Histogram({
    name: entry.name,
    help: entry.help,
    labelNames: [...entry.labels],
    buckets: [...entry.buckets],
    registers: [registry],
  });
  const server = http.createServer(async (_req, res) => {
    res.setHeader('Content-Type', registry.contentType);
    res.end(await registry.metrics());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    label,
    record: (v, labels) => h.observe(labels, v),
    url: `http://127.0.0.1:${server.address().port}/metrics`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Four observations per series, over several buckets. */
function recordSeries(t, from, to) {
  for (let i = from; i < to; i++) {
    for (let k = 0; k < 4; k++) t.record(0.0005 * 2 ** ((i + 5 * k) % 18), { [t.label]: flat('component', i) });
  }
}

/** In a fresh --expose-gc process: bytes per histogram series before and after a scrape. */
async function heapChild(impl) {
  const t = await histogramTarget(impl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  recordSeries(t, 0, 4); // one-time costs: code, caches, the first series
  await get(t.url, agent);
  const start = await settle();
  recordSeries(t, 4, 4 + HEAP_SERIES);
  const recorded = await settle();
  await get(t.url, agent);
  const scraped = await settle();
  const per = (a, key) => (a[key] - start[key]) / HEAP_SERIES;
  const out = {
    impl,
    before: per(recorded, 'total'),
    after: per(scraped, 'total'),
    beforeHeap: per(recorded, 'heap'),
    afterHeap: per(scraped, 'heap'),
  };
  agent.destroy();
  await t.close();
  return out;
}

function runChild(impl) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', __filename, '--heap-child', impl], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`heap child ${impl} exited ${code}`))
    );
  });
}

/** A scraper process: scrape(url) resolves with the body's byte count once all of it arrived. */
function scraperProcess() {
  const child = fork(require.resolve('./scrape-process'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let pending;
  child.on('message', (m) => pending?.(m));
  const scrape = (url) =>
    new Promise((resolve, reject) => {
      pending = (m) => (m.error ? reject(new Error(m.error)) : resolve(m.bytes));
      child.send({ url });
    });
  return { scrape, close: () => child.disconnect() };
}

/** (b): a 100k-series diag scraped over HTTP: cold, warm, and right after a new series. */
async function blockCase() {
  const { startDiag } = require('@teleport-otel/diag');
  const { createS3Metrics } = require('@teleport-otel/backends');
  const { s3 } = require('@teleport-otel/catalog');
  const [opLabel, resultLabel] = s3.requests.labels;
  const results = s3.requests.values[resultLabel];
  const diag = await startDiag({ addr: '127.0.0.1:0', maxSeries: BLOCK_SERIES * 2 });
  const scraper = scraperProcess();
  try {
    const m = createS3Metrics({ meterProvider: diag.meterProvider });
    const labels = (i) => ({ [opLabel]: flat('op', Math.floor(i / results.length)), [resultLabel]: results[i % results.length] });
    for (let i = 0; i < BLOCK_SERIES; i++) m.requests.add(1 + (i % 5), labels(i));
    const url = `${diag.url}/metrics`;
    const scrape = () => scraper.scrape(url);
    const cold = await longestStretch(scrape);
    let warm = 0;
    for (let i = 0; i < 3; i++) warm = Math.max(warm, await longestStretch(scrape));
    let afterNewSeries = 0;
    for (let i = 0; i < 3; i++) {
      m.requests.add(1, labels(BLOCK_SERIES + i));
      afterNewSeries = Math.max(afterNewSeries, await longestStretch(scrape));
    }
    return { cold, warm, afterNewSeries };
  } finally {
    scraper.close();
    await diag.close();
  }
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--heap-child') {
    process.stdout.write(`${JSON.stringify(await heapChild(args[1]))}\n`);
    return;
  }
  const log = (s) => process.stderr.write(`${s}\n`);
  const mine = await runChild('teleport-otel');
  const prom = await runChild('prom-client');
  log('public API: histogram heap done');
  const block = await blockCase();
  log('public API: 100k-series scrape block done');

  const checks = [
    ['before', 'before a scrape'],
    ['after', 'after a scrape'],
  ].map(([key, when]) => ({
    target: `public API: histogram heap per series <= ${HEAP_MAX_RATIO}x prom-client (${when})`,
    measured: `${(mine[key] / prom[key]).toFixed(2)}x (${mine[key].toFixed(0)} B vs ${prom[key].toFixed(0)} B; heap alone ${mine[
      `${key}Heap`
    ].toFixed(0)} B vs ${prom[`${key}Heap`].toFixed(0)} B)`,
    pass: mine[key] <= HEAP_MAX_RATIO * prom[key],
  }));
  checks.push({
    target: `public API: longest block, 100k-series HTTP scrape after a new series <= ${BLOCK_MAX_MS} ms`,
    measured: `${block.afterNewSeries.toFixed(1)} ms (cold ${block.cold.toFixed(1)}, warm ${block.warm.toFixed(1)})`,
    pass: block.afterNewSeries <= BLOCK_MAX_MS,
  });
  const width = Math.max(...checks.map((c) => c.target.length));
  for (const c of checks) console.log(`${c.pass ? 'PASS' : 'FAIL'}  ${c.target.padEnd(width)} ${c.measured}`);
  if (args.includes('--json'))
    console.log(JSON.stringify({ heap: { 'teleport-otel': mine, 'prom-client': prom }, block, checks }));
  process.exitCode = checks.every((c) => c.pass) ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
