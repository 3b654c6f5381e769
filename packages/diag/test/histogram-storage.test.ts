/**
 * Histogram series keep their numbers in records shared by the family (core's histogram-store.ts:
 * chunks that grow 1, 2, 4 ... 512 records, Uint32 bucket counts with a carry past 2^32). Many
 * series across every chunk boundary, recorded labelled and bound, must read back exactly what a
 * plain model of the same observations says, through a real MetricReader and a real HTTP scrape;
 * removed and cleared series must never bleed into the series that reuse their place; and the
 * worker aggregation must still add histograms up.
 */
import { DataPointType, MeterProvider, type HistogramMetricData } from '@opentelemetry/sdk-metrics';
import { backend, type MetricEntry } from '@teleport-otel/catalog';
import { createInstruments, Registry, type HistogramCell } from '@teleport-otel/core';
import {
  createDiagMeterProvider,
  parseExposition,
  RegistryProducer,
  startDiag,
  type Diag,
  type ParsedFamily,
} from '@teleport-otel/diag';
import { RegistryDeltas } from '../src/aggregate/deltas';
import { MergedView, Source } from '../src/aggregate/merge';
import { renderRegistry } from '../src/exposition/render-registry';
import { TestReader } from '../../../test-support/sdk';

jest.setTimeout(60_000);

const entry = backend.readSeconds;
const bounds = entry.buckets!;
const label = entry.labels[0]!;
/** 1,2,4,...,512 records fill 1023; 1500 series need two chunks of 512 more. */
const SERIES = 1_500;

/** The model: what every series must show, computed from the observations alone. */
interface Expect {
  buckets: number[]; // per bucket, the last +Inf
  sum: number;
  min: number;
  max: number;
}

function empty(): Expect {
  return { buckets: new Array<number>(bounds.length + 1).fill(0), sum: 0, min: Infinity, max: -Infinity };
}

function observe(e: Expect, v: number): void {
  let i = 0;
  while (i < bounds.length && !(v <= bounds[i]!)) i++; // Prometheus `le`: the first bound >= v
  e.buckets[i]!++;
  e.sum += v;
  e.min = Math.min(e.min, v);
  e.max = Math.max(e.max, v);
}

/** Deterministic values over every bucket, exact bounds and past the last bound included. */
function valuesFor(series: number): number[] {
  const n = 1 + (series % 7);
  return Array.from({ length: n }, (_, k) => {
    const j = (series * 5 + k * 3) % (bounds.length + 3);
    if (j < bounds.length) return k % 2 === 0 ? bounds[j]! : bounds[j]! * 0.75;
    return bounds[bounds.length - 1]! * (j - bounds.length + 2);
  });
}

const name = (i: number) => `series-${i}`;

/** Records every series, half through bound handles, and returns the model. */
function recordAll(
  h: { record(v: number, l?: unknown): void; bind(l?: unknown): { record(v: number): void } },
  from = 0,
  model = new Map<string, Expect>()
) {
  for (let i = from; i < from + SERIES; i++) {
    const labels = { [label]: name(i) };
    const e = model.get(name(i)) ?? empty();
    const bound = i % 2 === 0 ? h.bind(labels) : undefined;
    for (const v of valuesFor(i)) {
      if (bound) bound.record(v);
      else h.record(v, labels);
      observe(e, v);
    }
    model.set(name(i), e);
  }
  return model;
}

function cumulative(buckets: number[]): number[] {
  let c = 0;
  return buckets.map((n) => (c += n));
}

/** Compares a scraped family with the model, series by series. */
function expectText(family: ParsedFamily | undefined, model: Map<string, Expect>): void {
  expect(family).toBeDefined();
  const got = new Map<string, { buckets: number[]; sum?: number; count?: number }>();
  for (const s of family!.samples) {
    const key = s.labels[label]!;
    const g = got.get(key) ?? { buckets: [] };
    got.set(key, g);
    if (s.name.endsWith('_bucket')) g.buckets.push(s.value);
    else if (s.name.endsWith('_sum')) g.sum = s.value;
    else if (s.name.endsWith('_count')) g.count = s.value;
  }
  for (const [key, e] of model) {
    const count = e.buckets.reduce((a, b) => a + b, 0);
    expect({ key, ...got.get(key) }).toEqual({ key, buckets: cumulative(e.buckets), sum: e.sum, count });
  }
}

async function scrapeText(diag: Diag): Promise<Map<string, ParsedFamily>> {
  const res = await fetch(`${diag.url}/metrics`);
  expect(res.status).toBe(200);
  return parseExposition(await res.text());
}

describe('a histogram family across chunk growth', () => {
  let diag: Diag;
  const reader = new TestReader();

  beforeAll(async () => {
    diag = await startDiag({ addr: '127.0.0.1:0', maxSeries: 10_000, readers: [reader] });
  });
  afterAll(async () => {
    await diag.close();
  });

  test(`${SERIES} series read back exactly: real HTTP scrape and a real MetricReader`, async () => {
    const h = createInstruments({ h: entry }, { meterProvider: diag.meterProvider }).h;
    const model = recordAll(h);
    expectText((await scrapeText(diag)).get(entry.name), model);

    const { resourceMetrics, errors } = await reader.collect();
    expect(errors).toEqual([]);
    const metric = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === entry.name);
    expect(metric?.dataPointType).toBe(DataPointType.HISTOGRAM);
    const points = (metric as HistogramMetricData).dataPoints;
    expect(points).toHaveLength(SERIES);
    for (const p of points) {
      const e = model.get(String(p.attributes[label]))!;
      expect({ key: p.attributes[label], ...p.value }).toEqual({
        key: p.attributes[label],
        buckets: { boundaries: [...bounds], counts: e.buckets },
        sum: e.sum,
        count: e.buckets.reduce((a, b) => a + b, 0),
        min: e.min,
        max: e.max,
      });
    }

    // More observations after a scrape land on the same series.
    const more = recordAll(h, 0, model);
    expectText((await scrapeText(diag)).get(entry.name), more);
  });
});

function cellsOf(registry: Registry, e: MetricEntry): HistogramCell[] {
  return registry.family(e).index.cells() as HistogramCell[];
}

test('a bucket count past 2^32 - 1 carries: exact in the text, the count and after more records', () => {
  const registry = new Registry();
  const h = createInstruments({ h: entry }, { registry }).h;
  const labels = { [label]: 'hot' };
  const v = bounds[3]!;
  h.record(v, labels);
  const [cell] = cellsOf(registry, entry);
  // 4 billion observations take too long to record: start just below the Uint32 limit.
  cell!.setBucket(3, 2 ** 32 - 2);
  h.record(v, labels);
  h.bind(labels).record(v); // wraps the Uint32 count to 0 and carries 2^32
  h.record(bounds[0]!, labels);
  const f = parseExposition([...renderRegistry(registry.collect())].join('')).get(entry.name)!;
  const buckets = f.samples.filter((s) => s.name === `${entry.name}_bucket`).map((s) => s.value);
  expect(buckets).toEqual(cumulative(bounds.map((_, i) => (i === 0 ? 1 : i === 3 ? 2 ** 32 : 0)).concat(0)));
  expect(f.samples.find((s) => s.name === `${entry.name}_count`)!.value).toBe(2 ** 32 + 1);
  expect(cell!.bucket(3)).toBe(2 ** 32);
});

test('a removed series keeps its numbers, and its record, reused by a new series, starts from zero', () => {
  const registry = new Registry();
  const h = createInstruments({ h: entry }, { registry }).h;
  const index = registry.family(entry).index;
  for (let i = 0; i < 10; i++) h.record(bounds[i]!, { [label]: name(i) });
  const kept = h.bind({ [label]: name(4) });
  const [removed] = cellsOf(registry, entry).filter((c) => c.values![0] === name(4));
  expect(index.remove({ [label]: name(4) })).toBe(true);
  h.record(bounds[1]!, { [label]: 'newcomer' }); // takes the freed record
  kept.record(bounds[2]!); // a handle to the removed series writes to its own copy
  const newcomer = cellsOf(registry, entry).find((c) => c.values![0] === 'newcomer')!;
  expect(newcomer.counts).toEqual(Float64Array.from(empty().buckets.map((_, i) => (i === 1 ? 1 : 0))));
  expect([newcomer.sum, newcomer.count, newcomer.min, newcomer.max]).toEqual([bounds[1], 1, bounds[1], bounds[1]]);
  expect([removed!.count, removed!.sum]).toEqual([2, bounds[4]! + bounds[2]!]);
  // The other series are untouched.
  for (const c of cellsOf(registry, entry).filter((x) => x !== newcomer)) {
    const i = Number(c.values![0]!.split('-')[1]);
    expect([c.count, c.sum, c.bucket(i)]).toEqual([1, bounds[i], 1]);
  }
});

test('after clear(), new series start from zero and a handle to an old one cannot reach them', () => {
  const registry = new Registry();
  const h = createInstruments({ h: entry }, { registry }).h;
  const old = h.bind({ [label]: 'a' });
  old.record(bounds[0]!);
  registry.family(entry).index.clear();
  h.record(bounds[5]!, { [label]: 'a' });
  old.record(bounds[0]!);
  const [cell] = cellsOf(registry, entry);
  expect([cell!.count, cell!.sum, cell!.bucket(5), cell!.bucket(0)]).toEqual([1, bounds[5], 1, 0]);
});

test('worker aggregation adds many histogram series up exactly', () => {
  const view = new MergedView(new Registry());
  const procs = [0, 1, 2].map((p) => {
    const registry = new Registry({ maxSeries: 10_000 });
    return { registry, source: new Source(`p${p}`, `p${p}`, p + 1), deltas: new RegistryDeltas(registry, p === 1) };
  });
  const models = procs.map((p, k) => recordAll(createInstruments({ h: entry }, { registry: p.registry }).h, k * 500));
  for (const p of procs) view.apply(p.source, p.deltas.next());
  const text = [...renderRegistry(view.merge(procs.map((p) => p.source)))].join('');
  const total = new Map<string, Expect>();
  for (const m of models)
    for (const [key, e] of m) {
      const t = total.get(key) ?? empty();
      e.buckets.forEach((n, i) => (t.buckets[i]! += n));
      t.sum += e.sum;
      total.set(key, t);
    }
  expect(total.size).toBe(SERIES + 1_000);
  expectText(parseExposition(text).get(entry.name), total);
});

describe('histogram min and max, kept only where an OpenTelemetry reader exports them', () => {
  async function point(histogramMinMax: boolean | undefined) {
    const diag = createDiagMeterProvider(histogramMinMax === undefined ? {} : { histogramMinMax });
    const reader = new TestReader({ metricProducers: [new RegistryProducer(diag.registry)] });
    const provider = new MeterProvider({ readers: [reader] });
    try {
      const h = createInstruments({ h: entry }, { meterProvider: diag.meterProvider }).h;
      for (const v of [bounds[2]!, bounds[0]!, bounds[5]!]) h.record(v, { [label]: 'a' });
      const { resourceMetrics } = await reader.collect();
      const m = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((x) => x.descriptor.name === entry.name);
      return (m as HistogramMetricData).dataPoints[0]!.value;
    } finally {
      await provider.shutdown();
      await diag.shutdown();
    }
  }

  test('a pull-only provider keeps none: the point has count and sum, no min or max', async () => {
    const v = await point(undefined);
    expect([v.count, v.sum, v.min, v.max]).toEqual([3, bounds[2]! + bounds[0]! + bounds[5]!, undefined, undefined]);
  });

  test('histogramMinMax: true keeps them', async () => {
    const v = await point(true);
    expect([v.count, v.min, v.max]).toEqual([3, bounds[0], bounds[5]]);
  });
});
