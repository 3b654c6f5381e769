'use strict';
/*
 * Rewrites the measured parts of docs/performance.md from ONE benchmark run's JSON, so no figure
 * on that page is ever typed by hand:
 *
 *   npm run bench:docs     (= npm run bench -- --scaling --json bench.json; node scripts/docs/performance-md.js bench.json)
 *
 * Each generated part sits between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` lines; the
 * prose around them is left alone. Every part must be present in the page and every figure in
 * the JSON (a run without --scaling is refused), so the page never mixes two runs.
 */
const fs = require('node:fs');
const path = require('node:path');

const PAGE = path.join(__dirname, '..', '..', 'docs', 'performance.md');
const IMPLS = ['teleport-otel', 'otel-sdk', 'otel-exporter', 'prom-client'];

function fmtTime(ns) {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${ns.toFixed(1)} ns`;
}

const fmtBytes = (b) => `${b.toFixed(0)} B`;
const ms = (v) => `${v.toFixed(2)} ms`;

function find(results, name, impl) {
  return results.find((r) => r.case === name && r.impl === impl);
}

function runLine(run) {
  const e = run.environment;
  return (
    `Node ${e.node}, ${e.cpus} vCPU (${e.cpu_model}), load average ${e.load_at_start.toFixed(1)} at the start, ` +
    `${e.date.slice(0, 10)}, \`npm run bench:docs\`: ${Math.round(e.seconds)} s in all. Ratios are measured in ` +
    'the same run, side by side; absolute times scale with the machine and its load, ratios much less.'
  );
}

/** Every case of the run, one row each, one column per implementation ('-' where it does not apply). */
function casesTable(run) {
  const cases = [...new Set(run.results.map((r) => r.case))];
  const impls = IMPLS.filter((i) => run.results.some((r) => r.impl === i));
  const lines = [`| case | ${impls.join(' | ')} |`, `|---|${impls.map(() => '---:').join('|')}|`];
  for (const c of cases) {
    const cells = impls.map((i) => {
      const r = find(run.results, c, i);
      if (!r) return '-';
      return r.bytes_per_series !== undefined ? fmtBytes(r.bytes_per_series) : fmtTime(r.ns_per_op);
    });
    lines.push(`| ${c} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function targetsTable(run) {
  const lines = ['| target | measured | |', '|---|---|---|'];
  for (const c of run.checks) lines.push(`| ${c.target.replace(/\|/g, '\\|')} | ${c.measured} | ${c.pass ? 'PASS' : 'FAIL'} |`);
  const met = run.checks.filter((c) => c.pass).length;
  lines.push('', `${met} of ${run.checks.length} targets met in this run.`);
  return lines.join('\n');
}

function blockingLine(run) {
  const b = run.blocking;
  return (
    `Longest event-loop block during a 100k-counter-series scrape in this run: cold ${ms(b.cold)}` +
    `${b.coldGc > 0 ? ` (of which ${ms(b.coldGc)} V8 GC: the scavenge promoting the series created just before)` : ''}, warm ` +
    `${ms(b.warm)}, after a new series ${ms(b.afterNewSeries)}.`
  );
}

function scalingTable(run) {
  if (!run.scaling) throw new Error('the JSON has no scaling rows: run the bench with --scaling (npm run bench:docs does)');
  const ns = [...new Set(run.scaling.map((r) => r.n))];
  const impls = IMPLS.filter((i) => run.scaling.some((r) => r.impl === i));
  const heapImpls = impls.filter((i) => run.scaling.some((r) => r.impl === i && r.bytes_per_series !== undefined));
  const head = [...impls.map((i) => `${i} render`), ...heapImpls.map((i) => `${i} heap/series`)];
  const lines = [`| series | ${head.join(' | ')} |`, `|---:|${head.map(() => '---:').join('|')}|`];
  for (const n of ns) {
    const row = (impl) => run.scaling.find((r) => r.n === n && r.impl === impl);
    lines.push(
      `| ${n.toLocaleString('en-US')} | ${[
        ...impls.map((i) => ms(row(i).render_ms)),
        ...heapImpls.map((i) => fmtBytes(row(i).bytes_per_series)),
      ].join(' | ')} |`
    );
  }
  const te = (n) => run.scaling.find((r) => r.n === n && r.impl === 'teleport-otel').render_ms;
  const big = ns[ns.length - 1];
  lines.push(
    '',
    `teleport-otel's render costs about ${((te(big) / big) * 1000).toFixed(2)} µs per counter series at ` +
      `${big.toLocaleString('en-US')} series. prom-client and the OpenTelemetry exporter render in one synchronous ` +
      `pass, so their whole render time at ${big.toLocaleString('en-US')} series ` +
      `(${ms(run.scaling.find((r) => r.n === big && r.impl === 'prom-client').render_ms)} and ` +
      `${ms(run.scaling.find((r) => r.n === big && r.impl === 'otel-exporter').render_ms)}) is one event-loop block.`
  );
  return lines.join('\n');
}

function aggregateLine(run) {
  const a = run.aggregate;
  return (
    `In this run: ${ms(a.aggregateMs)} per scrape for the primary with ${a.workers} workers of ` +
    `${a.perWorker.toLocaleString('en-US')} series against ${ms(a.singleMs)} for one process holding them all, ` +
    `**${(a.aggregateMs / a.singleMs).toFixed(2)}x** (target: at most 2x). Recording in a joined worker ` +
    `(counter add, 2 labels): ${a.recordWorkerNs.toFixed(1)} ns against ${a.recordSingleNs.toFixed(1)} ns in one process.`
  );
}

function protobufTable(run) {
  const lines = ['| case | format | render |', '|---|---|---:|'];
  for (const r of run.protobuf) lines.push(`| ${r.case} | ${r.format} | ${ms(r.ms)} |`);
  return lines.join('\n');
}

function publicApiTable(run) {
  const p = run.public_api;
  const lines = ['| measure | teleport-otel | prom-client |', '|---|---:|---:|'];
  for (const [key, label] of [
    ['before', 'histogram heap per series, before a scrape (heap + ArrayBuffers)'],
    ['beforeHeap', 'the same, JS heap alone'],
    ['after', 'histogram heap per series, after a scrape (heap + ArrayBuffers)'],
    ['afterHeap', 'the same, JS heap alone'],
  ])
    lines.push(`| ${label} | ${fmtBytes(p.heap['teleport-otel'][key])} | ${fmtBytes(p.heap['prom-client'][key])} |`);
  const b = p.block;
  lines.push(
    '',
    `Longest event-loop block, 100k counter series scraped over HTTP: cold ${ms(b.cold)}, warm ${ms(b.warm)}, ` +
      `after a new series ${ms(b.afterNewSeries)}.`
  );
  return lines.join('\n');
}

const PARTS = {
  run: runLine,
  cases: casesTable,
  targets: targetsTable,
  blocking: blockingLine,
  scaling: scalingTable,
  aggregate: aggregateLine,
  protobuf: protobufTable,
  'public-api': publicApiTable,
};

/** The page with every generated part rewritten from `run`. */
function renderPerformanceMd(page, run) {
  let out = page;
  for (const [name, make] of Object.entries(PARTS)) {
    const re = new RegExp(`(<!-- bench:${name} -->)[\\s\\S]*?(<!-- /bench:${name} -->)`);
    if (!re.test(out)) throw new Error(`docs/performance.md has no <!-- bench:${name} --> ... <!-- /bench:${name} --> part`);
    const body = make(run);
    out = out.replace(re, (_m, open, close) => `${open}\n${body}\n${close}`);
  }
  return out;
}

module.exports = { renderPerformanceMd };

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/docs/performance-md.js BENCH.json   (from npm run bench -- --scaling --json BENCH.json)');
    process.exit(2);
  }
  const run = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!run.environment || !Array.isArray(run.results)) {
    console.error(`teleport-otel: ${file} is not a bench JSON (npm run bench -- --json FILE)`);
    process.exit(2);
  }
  fs.writeFileSync(PAGE, renderPerformanceMd(fs.readFileSync(PAGE, 'utf8'), run));
  console.error(`rewrote docs/performance.md from ${file}`);
}
