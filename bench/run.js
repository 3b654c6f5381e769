'use strict';
/*
 * Side-by-side benchmark of teleport-otel's fast path, raw @opentelemetry/sdk-metrics and
 * prom-client 15, in one process (heap per series: one fresh process per library).
 *
 *   npm run bench                      build, run, print the table and the targets
 *   npm run bench -- --json FILE       also write everything measured as JSON ({ environment, results:
 *                                      [{ case, impl, ns_per_op, bytes_per_series? }], blocking, aggregate,
 *                                      protobuf, public_api, checks, scaling? }): docs/performance.md is
 *                                      generated from it (scripts/docs/performance-md.js)
 *   npm run bench -- --scaling         also render time and heap per series at 1k, 10k, 100k
 *   npm run bench -- --quick           shorter timings (a smoke run; numbers are noisier)
 *
 * Aggregation across worker threads (issue 13): bench/aggregate.js, also on its own
 * (`node bench/aggregate.js` after a build). The independent public-API benchmark runs last, in
 * its own process: bench/public-api.js, also on its own (`npm run bench:public`).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { create, IMPLS, RENDER_IMPLS } = require('./impls');
const { labelSets } = require('./data');
const { runRecording } = require('./recording');
const { renderCase, blockingCase } = require('./render');
const { protobufRendering, protobufLines, protobufTargets } = require('./protobuf');
const { measureHeapInChild } = require('./heap-metric');
const { serve } = require('./http-servers');
const { timeScrapes } = require('./http-scrape');
const { table, targets, targetLines, HIST_HEAP_BEFORE, HIST_HEAP_AFTER } = require('./report');
const { aggregateCase, aggregateTargets } = require('./aggregate');
const { scrapeHttpCases, scrapeHttpTargets } = require('./scrape-http');

function parseArgs(argv) {
  const args = { json: undefined, scaling: false, quick: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') args.json = argv[++i];
    else if (argv[i] === '--scaling') args.scaling = true;
    else if (argv[i] === '--quick') args.quick = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (args.json === '') throw new Error('--json needs a file name');
  return args;
}

const log = (s) => process.stderr.write(`${s}\n`);

/**
 * Recording: ROUNDS rounds of every (case, library) task, interleaved, keeping each task's
 * best round: on a shared 2-vCPU machine other processes only ever add time.
 */
async function recording(quick) {
  const rounds = quick ? 1 : 3;
  const best = new Map();
  for (let round = 0; round < rounds; round++) {
    const instances = Object.fromEntries(IMPLS.map((i) => [i, create(i)]));
    const rows = await runRecording(
      instances,
      labelSets(),
      quick ? { timeMs: 150, warmupMs: 50 } : { timeMs: 400, warmupMs: 100 }
    );
    for (const r of rows) {
      const key = `${r.case}|${r.impl}`;
      if (!best.has(key) || r.ns_per_op < best.get(key).ns_per_op)
        best.set(key, { case: r.case, impl: r.impl, ns_per_op: r.ns_per_op });
    }
    await Promise.all(Object.values(instances).map((m) => m.shutdown()));
    log(`recording round ${round + 1}/${rounds} done`);
  }
  return [...best.values()];
}

async function rendering(quick) {
  const opts = quick ? { timeMs: 300, minRuns: 3 } : { timeMs: 1500, minRuns: 5 };
  const out = [];
  for (const [name, kind, n] of [
    ['render 10k counter series', 'counter', 10_000],
    ['render 1k histogram series', 'histogram', 1_000],
  ]) {
    for (const impl of RENDER_IMPLS) {
      const r = await renderCase(impl, kind, n, opts);
      out.push({ case: name, impl, ns_per_op: r.ms * 1e6 });
    }
    log(`${name} done`);
  }
  return out;
}

/** The render cases end to end: a keep-alive client scraping each implementation's /metrics over HTTP (median ms). */
async function httpScrapes(quick) {
  const opts = quick ? { timeMs: 300, minRuns: 3 } : { timeMs: 1500, minRuns: 5 };
  const out = [];
  for (const [name, kind, n] of [
    ['scrape 10k counter series over HTTP', 'counter', 10_000],
    ['scrape 1k histogram series over HTTP', 'histogram', 1_000],
  ]) {
    for (const impl of RENDER_IMPLS) {
      const server = await serve(impl, kind, n);
      try {
        const r = await timeScrapes(server.url, opts);
        // The median: on a shared machine a descheduled scrape or a GC pause lands in the mean.
        out.push({ case: name, impl, ns_per_op: r.median * 1e6, mean_ms: r.ms });
      } finally {
        await server.close();
      }
    }
    log(`${name} done`);
  }
  return out;
}

async function heap(n) {
  const out = [];
  for (const impl of IMPLS) {
    const r = await measureHeapInChild(impl, n);
    out.push({ case: 'retained heap per counter series', impl, ns_per_op: 0, bytes_per_series: r.bytes_per_series });
  }
  log('heap per series done');
  return out;
}

/** Bytes per histogram series before the first scrape and after one, one fresh process per library. */
async function histogramHeap(n) {
  const out = [];
  for (const impl of IMPLS) {
    const r = await measureHeapInChild(impl, n, 'histogram');
    out.push({ case: HIST_HEAP_BEFORE, impl, ns_per_op: 0, bytes_per_series: r.before_scrape });
    out.push({ case: HIST_HEAP_AFTER, impl, ns_per_op: 0, bytes_per_series: r.after_scrape });
  }
  log('heap per histogram series done');
  return out;
}

/** Render time and heap per series as the registry grows (docs/performance.md). */
async function scaling() {
  const rows = [];
  for (const n of [1_000, 10_000, 100_000]) {
    for (const impl of RENDER_IMPLS) {
      const r = await renderCase(impl, 'counter', n, { timeMs: 1000, minRuns: 3 });
      // The exporter's heap is the SDK's (otel-sdk): only its render differs.
      const h = IMPLS.includes(impl) ? await measureHeapInChild(impl, n) : undefined;
      rows.push({ n, impl, render_ms: r.ms, bytes_per_series: h?.bytes_per_series });
    }
    log(`scaling ${n} done`);
  }
  return rows;
}

/** bench/public-api.js in a child process: its checks and numbers (its own lines go to stderr). */
function publicApi() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'public-api.js'), '--json'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && code !== 1) return reject(new Error(`public-api.js exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const environment = {
    node: process.version,
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model ?? 'unknown',
    load_at_start: os.loadavg()[0],
    date: new Date().toISOString(),
  };
  log(
    `node ${environment.node}, ${environment.cpus} vCPU (${environment.cpu_model}), load ${environment.load_at_start.toFixed(2)}`
  );
  const results = [
    ...(await recording(args.quick)),
    ...(await rendering(args.quick)),
    ...(await httpScrapes(args.quick)),
    ...(await heap(10_000)),
    ...(await histogramHeap(10_000)),
  ];
  const blocking = await blockingCase('teleport-otel', 100_000, args.quick ? 1 : 3);
  log('100k-series event-loop blocking done');
  const aggregate = await aggregateCase({ runs: args.quick ? 5 : 15 });
  log('aggregation (4 worker threads x 10k series) done');
  const protobuf = await protobufRendering(args.quick);
  log('protobuf render done');
  const independent = await publicApi();
  log('public API benchmark done');
  const scrapeHttp = await scrapeHttpCases(args.quick);
  log('scrapes over HTTP (gzip, recording load, 100 series) done');
  const checks = [
    ...targets(results, blocking),
    ...aggregateTargets(aggregate),
    ...protobufTargets(protobuf),
    ...independent.checks,
    ...scrapeHttpTargets(scrapeHttp),
  ];

  console.log(`\n${table(results)}\n`);
  console.log(`${protobufLines(protobuf)}\n`);
  console.log(targetLines(checks));
  const scalingRows = args.scaling ? await scaling() : undefined;
  if (scalingRows) {
    console.log('\nseries   impl           render      heap/series');
    for (const r of scalingRows)
      console.log(
        `${String(r.n).padEnd(8)} ${r.impl.padEnd(14)} ${r.render_ms.toFixed(2).padStart(8)} ms ${
          r.bytes_per_series === undefined ? '       -' : r.bytes_per_series.toFixed(0).padStart(8)
        } B`
      );
  }
  console.log(
    `\n${checks.filter((c) => c.pass).length}/${checks.length} targets met; ${((Date.now() - started) / 1000).toFixed(0)} s`
  );

  if (args.json) {
    const out = {
      environment: { ...environment, seconds: (Date.now() - started) / 1000 },
      results,
      blocking,
      aggregate,
      protobuf,
      public_api: independent,
      checks,
      ...(scalingRows ? { scaling: scalingRows } : {}),
    };
    fs.writeFileSync(args.json, `${JSON.stringify(out, null, 2)}\n`);
    log(`wrote ${args.json}`);
  }
  process.exitCode = checks.every((c) => c.pass) ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
