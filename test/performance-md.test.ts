/**
 * docs/performance.md's measured parts come from one bench run's JSON (scripts/docs/performance-md.js):
 * every marked part of the real page is rewritten from the run, figures from the JSON appear in
 * it, the prose stays, and a run without scaling rows (or a page missing a part) is refused.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { renderPerformanceMd } = require('../scripts/docs/performance-md.js') as {
  renderPerformanceMd(page: string, run: unknown): string;
};

const page = fs.readFileSync(path.join(__dirname, '..', 'docs', 'performance.md'), 'utf8');
const IMPLS = ['teleport-otel', 'otel-sdk', 'otel-exporter', 'prom-client'];

/** A run shaped as bench/run.js --json writes it, with figures no real run would give. */
function fakeRun(withScaling = true) {
  const results = IMPLS.flatMap((impl, k) => [
    { case: 'render 10k counter series', impl, ns_per_op: (k + 1) * 1_234_567 },
    ...(impl === 'otel-exporter'
      ? []
      : [{ case: 'retained heap per counter series', impl, ns_per_op: 0, bytes_per_series: 111 + k }]),
  ]);
  return {
    environment: {
      node: 'v99.1.2',
      cpus: 7,
      cpu_model: 'Test CPU',
      load_at_start: 0.25,
      date: '2031-02-03T04:05:06Z',
      seconds: 321,
    },
    results,
    blocking: { cold: 7.77, warm: 6.66, afterNewSeries: 5.55, max: 7.77 },
    aggregate: { workers: 4, perWorker: 10_000, singleMs: 100, aggregateMs: 123, recordSingleNs: 31.5, recordWorkerNs: 32.5 },
    protobuf: [{ case: 'render 10k counter series', format: 'protobuf', ms: 4.56 }],
    public_api: {
      heap: {
        'teleport-otel': { before: 271, after: 291, beforeHeap: 181, afterHeap: 201 },
        'prom-client': { before: 401, after: 551, beforeHeap: 401, afterHeap: 551 },
      },
      block: { cold: 8.88, warm: 4.44, afterNewSeries: 9.19 },
    },
    checks: [
      { target: 'a target that held', measured: '0.42x', pass: true },
      { target: 'a target that did not', measured: '9.9x', pass: false },
    ],
    ...(withScaling
      ? {
          scaling: [1_000, 100_000].flatMap((n) =>
            IMPLS.map((impl, k) => ({
              n,
              impl,
              render_ms: n / 1000 + k,
              bytes_per_series: impl === 'otel-exporter' ? undefined : 200 + k,
            }))
          ),
        }
      : {}),
  };
}

test('every generated part of docs/performance.md is rewritten from the run', () => {
  const out = renderPerformanceMd(page, fakeRun());
  const parts = [...page.matchAll(/<!-- bench:([a-z-]+) -->/g)].map((m) => m[1]);
  expect(parts).toEqual(
    expect.arrayContaining(['run', 'cases', 'targets', 'blocking', 'scaling', 'aggregate', 'protobuf', 'public-api'])
  );
  for (const expected of [
    'Node v99.1.2, 7 vCPU (Test CPU), load average 0.3',
    '| render 10k counter series | 1.23 ms | 2.47 ms | 3.70 ms | 4.94 ms |',
    '| retained heap per counter series | 111 B | 112 B | - | 114 B |',
    '| a target that did not | 9.9x | FAIL |',
    '1 of 2 targets met',
    'after a new series 5.55 ms',
    '| 100,000 | 100.00 ms | 101.00 ms | 102.00 ms | 103.00 ms | 200 B | 201 B | 203 B |',
    '**1.23x**',
    '| render 10k counter series | protobuf | 4.56 ms |',
    '| histogram heap per series, before a scrape (heap + ArrayBuffers) | 271 B | 401 B |',
    'after a new series 9.19 ms',
  ])
    expect(out).toContain(expected);
  // The prose outside the parts is untouched, and a second rewrite changes nothing more.
  expect(out).toContain('## What makes it fast');
  expect(renderPerformanceMd(out, fakeRun())).toBe(out);
});

test('a run without scaling rows, or a page missing a part, is refused', () => {
  expect(() => renderPerformanceMd(page, fakeRun(false))).toThrow(/--scaling/);
  expect(() => renderPerformanceMd(page.replace('<!-- bench:protobuf -->', ''), fakeRun())).toThrow(/bench:protobuf/);
});
