/**
 * Bad input never throws into the caller and never corrupts state, on both backends: each case
 * has one defined outcome (dropped or coerced), is counted in the dropped-measurements self-metric
 * and is logged once through OpenTelemetry's diag logger. Entries, names and label names all come
 * from the catalog; only label VALUES are written here.
 */
import { createHash } from 'node:crypto';
import { DataPointType, MeterProvider, type Histogram as HistogramPoint } from '@opentelemetry/sdk-metrics';
import { backend, catalog, self, type MetricEntry } from '@teleport-otel/catalog';
import {
  attachRegistry,
  createInstruments,
  MAX_LABEL_VALUE_LENGTH,
  Registry,
  type Counter,
  type Gauge,
  type Histogram,
  type HistogramCell,
  type Observed,
  type ScalarCell,
  type UpDownCounter,
} from '@teleport-otel/core';
import { TestReader } from '../../../test-support/sdk';
import { captureDiagWarnings } from '../../../test-support/diag-warnings';

/** One series as either backend reports it: label map and value (histograms: count and sum). */
interface Point {
  readonly labels: Record<string, string>;
  readonly value: number;
  readonly sum?: number;
}

interface Backend {
  readonly meterProvider: object;
  /** Collects (running observed callbacks) and returns each family's series by name. */
  collect(): Promise<Map<string, Point[]>>;
}

function fastBackend(registry = new Registry()): Backend {
  const meterProvider = attachRegistry(new MeterProvider(), registry);
  return {
    meterProvider,
    async collect() {
      const out = new Map<string, Point[]>();
      for (const f of registry.collect()) {
        const points: Point[] = [];
        for (const cell of f.index.cells()) {
          const labels: Record<string, string> = Object.fromEntries(f.constLabels);
          if (cell.values === null) labels['otel.metric.overflow'] = 'true'; // as the SDK path and OTLP carry it
          else f.entry.labels.forEach((n, i) => (labels[n] = cell.values![i]!));
          const h = cell as HistogramCell;
          points.push(
            f.entry.instrument === 'histogram'
              ? { labels, value: h.count, sum: h.sum }
              : { labels, value: (cell as ScalarCell).value }
          );
        }
        out.set(f.entry.name, points);
      }
      return out;
    },
  };
}

function sdkBackend(): Backend {
  const reader = new TestReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    meterProvider,
    async collect() {
      const { resourceMetrics, errors } = await reader.collect();
      expect(errors).toEqual([]);
      const out = new Map<string, Point[]>();
      for (const sm of resourceMetrics.scopeMetrics) {
        for (const m of sm.metrics) {
          const points = m.dataPoints.map((dp): Point => {
            const labels = Object.fromEntries(Object.entries(dp.attributes).map(([k, v]) => [k, String(v)]));
            if (m.dataPointType !== DataPointType.HISTOGRAM) return { labels, value: dp.value as number };
            const h = dp.value as HistogramPoint;
            return { labels, value: h.count, sum: h.sum };
          });
          out.set(m.descriptor.name, points);
        }
      }
      return out;
    },
  };
}

const BACKENDS: [string, () => Backend][] = [
  ['fast path', () => fastBackend()],
  ['SDK path', () => sdkBackend()],
];

// Entries taken from the catalog by shape, so the tests follow the catalog.
const counterEntry = backend.requests;
const [c0, c1, c2] = counterEntry.labels;
const firstOf = (pred: (e: MetricEntry) => boolean): MetricEntry => {
  const e = catalog.find(pred);
  if (!e) throw new Error('catalog has no entry of the shape this test needs');
  return e;
};
const gaugeEntry = firstOf((e) => e.instrument === 'gauge' && !e.observed && e.labels.length > 0 && !e.constLabels);
const histogramEntry = firstOf((e) => e.instrument === 'histogram' && !e.observed && e.labels.length > 0 && !e.constLabels);
const upDownEntry = firstOf((e) => e.instrument === 'updowncounter' && !e.observed && e.labels.length > 0 && !e.constLabels);
const unlabelledEntry = firstOf((e) => e.instrument === 'counter' && !e.observed && e.labels.length === 0 && !e.constLabels);
const observedEntry = firstOf((e) => e.observed === true && e.instrument !== 'summary' && e.labels.length > 0 && !e.constLabels);

/** Valid labels for any entry: each label's first closed value or example, else "v". */
function validLabels(e: MetricEntry): Record<string, string> {
  return Object.fromEntries(e.labels.map((n) => [n, e.values?.[n]?.[0] ?? e.examples?.[n]?.[0] ?? 'v']));
}
const good = validLabels(counterEntry);

const warnings = captureDiagWarnings();

// Test-only shorthand: bad input is exactly what the typed API rejects at compile time.
const call = (target: object, method: string, ...args: unknown[]): void =>
  (target as Record<string, (...a: unknown[]) => void>)[method]!(...args);

describe.each(BACKENDS)('bad input on the %s', (_, make) => {
  let b: Backend;
  let c: Counter;
  let g: Gauge;
  let h: Histogram;
  let u: UpDownCounter;
  beforeEach(() => {
    b = make();
    const inst = createInstruments(
      { c: counterEntry as MetricEntry, g: gaugeEntry, h: histogramEntry, u: upDownEntry },
      { meterProvider: b.meterProvider as never }
    );
    c = inst.c as unknown as Counter;
    g = inst.g as unknown as Gauge;
    h = inst.h as unknown as Histogram;
    u = inst.u as unknown as UpDownCounter;
  });

  async function points(e: MetricEntry): Promise<Point[]> {
    return (await b.collect()).get(e.name) ?? [];
  }
  async function dropped(metric: string, reason: string): Promise<number> {
    const all = await points(self.droppedMeasurements);
    return all.find((p) => p.labels.metric === metric && p.labels.reason === reason)?.value ?? 0;
  }
  async function droppedTotal(): Promise<number> {
    return (await points(self.droppedMeasurements)).reduce((s, p) => s + p.value, 0);
  }

  it.each([
    ['negative', -1],
    ['nan', NaN],
    ['infinite', Infinity],
    ['infinite', -Infinity],
    ['not_a_number', '5'],
    ['not_a_number', undefined],
    ['not_a_number', null],
    ['not_a_number', 5n],
    ['not_a_number', { valueOf: (): number => 5 }],
  ])('counter add: %s (%p) is dropped, counted, and the series keeps its value', async (reason, bad) => {
    c.add(2, good as never);
    expect(() => call(c, 'add', bad, good)).not.toThrow();
    expect(() => call(c.bind(good as never), 'add', bad)).not.toThrow();
    const [p] = await points(counterEntry);
    expect(p).toEqual({ labels: good, value: 2 });
    expect(await dropped(counterEntry.name, reason)).toBe(2);
  });

  it('gauges and up-down counters accept negative finite values and drop NaN and infinities', async () => {
    const gl = validLabels(gaugeEntry);
    const ul = validLabels(upDownEntry);
    g.set(-3.5, gl as never);
    call(g, 'set', NaN, gl);
    call(g, 'set', -Infinity, gl);
    call(g.bind(gl as never), 'set', '7');
    u.add(-2, ul as never);
    call(u, 'add', Infinity, ul);
    expect((await points(gaugeEntry))[0]).toEqual({ labels: gl, value: -3.5 });
    expect((await points(upDownEntry))[0]).toEqual({ labels: ul, value: -2 });
    expect(await dropped(gaugeEntry.name, 'nan')).toBe(1);
    expect(await dropped(gaugeEntry.name, 'infinite')).toBe(1);
    expect(await dropped(gaugeEntry.name, 'not_a_number')).toBe(1);
    expect(await dropped(upDownEntry.name, 'infinite')).toBe(1);
  });

  it('histograms drop negative, NaN and infinite observations without touching count or sum', async () => {
    const hl = validLabels(histogramEntry);
    h.record(0.25, hl as never);
    for (const bad of [-0.1, NaN, Infinity, 'x']) call(h, 'record', bad, hl);
    expect((await points(histogramEntry))[0]).toEqual({ labels: hl, value: 1, sum: 0.25 });
    expect(await droppedTotal()).toBe(4);
  });

  it('a missing label is recorded as "" and counted; an extra one is ignored and counted', async () => {
    c.inc({ [c0!]: good[c0!], [c1!]: good[c1!] } as never);
    c.inc({ ...good, extra: 'x' } as never);
    const ps = await points(counterEntry);
    expect(ps).toContainEqual({ labels: { ...good, [c2!]: '' }, value: 1 });
    expect(ps).toContainEqual({ labels: good, value: 1 });
    expect(await dropped(counterEntry.name, 'label_missing')).toBe(1);
    expect(await dropped(counterEntry.name, 'label_unknown')).toBe(1);
  });

  it('a misspelt label counts as one missing and one unknown label', async () => {
    c.inc({ [c0!]: 'a', [c1!]: 'b', [`${c2!}x`]: 'c' } as never);
    expect((await points(counterEntry))[0]!.labels).toEqual({ [c0!]: 'a', [c1!]: 'b', [c2!]: '' });
    expect(await dropped(counterEntry.name, 'label_missing')).toBe(1);
    expect(await dropped(counterEntry.name, 'label_unknown')).toBe(1);
  });

  it('no labels object at all on a labelled metric records every label as ""', async () => {
    call(c, 'inc', undefined);
    call(c, 'inc', null);
    call(c, 'inc', 'not an object');
    expect(await points(counterEntry)).toEqual([{ labels: { [c0!]: '', [c1!]: '', [c2!]: '' }, value: 3 }]);
    expect(await dropped(counterEntry.name, 'label_missing')).toBe(3); // once per call, not per label
  });

  it('several missing labels count once per call', async () => {
    c.inc({ [c0!]: 'a' } as never);
    c.inc({ [c0!]: 'a' } as never);
    expect(await points(counterEntry)).toEqual([{ labels: { [c0!]: 'a', [c1!]: '', [c2!]: '' }, value: 2 }]);
    expect(await dropped(counterEntry.name, 'label_missing')).toBe(2);
    expect(warnings().some((w) => w.includes(`${c1!}, ${c2!}`))).toBe(true);
  });

  it('a value outside a closed set is recorded as "" and counted every time, never opening a series', async () => {
    const closed = counterEntry.values![c2!]!;
    const outside = `${closed.join('')}-not-in-the-set`;
    c.inc({ ...good, [c2!]: outside } as never);
    c.add(2, { ...good, [c2!]: outside } as never);
    c.bind({ ...good, [c2!]: outside } as never).inc();
    const ps = await points(counterEntry);
    expect(ps).toEqual([{ labels: { ...good, [c2!]: '' }, value: 4 }]);
    expect(await dropped(counterEntry.name, 'label_value_unknown')).toBe(3);
    expect(warnings().some((w) => w.includes('label_value_unknown') && w.includes(outside))).toBe(true);
    // The closed values themselves, and "", are not counted.
    for (const v of [...closed, '']) c.inc({ ...good, [c2!]: v } as never);
    expect(await dropped(counterEntry.name, 'label_value_unknown')).toBe(3);
  });

  it('non-string label values: numbers, booleans and bigints become their text, others ""', async () => {
    c.inc({ [c0!]: 42, [c1!]: 7n, [c2!]: true } as never);
    c.inc({ [c0!]: {}, [c1!]: Symbol('s'), [c2!]: () => 1 } as never);
    const ps = await points(counterEntry);
    expect(ps).toContainEqual({ labels: { [c0!]: '42', [c1!]: '7', [c2!]: 'true' }, value: 1 });
    expect(ps).toContainEqual({ labels: { [c0!]: '', [c1!]: '', [c2!]: '' }, value: 1 });
    expect(await dropped(counterEntry.name, 'label_not_string')).toBe(6);
  });

  it('empty label values are valid, kept as "" and not counted', async () => {
    c.inc({ [c0!]: '', [c1!]: '', [c2!]: '' } as never);
    expect(await points(counterEntry)).toEqual([{ labels: { [c0!]: '', [c1!]: '', [c2!]: '' }, value: 1 }]);
    expect(await droppedTotal()).toBe(0);
  });

  it(`label values over ${MAX_LABEL_VALUE_LENGTH} UTF-16 units are shortened to a prefix plus a hash of the whole value, counted`, async () => {
    // Expected values built here from the rule: prefix + "...[sha256:" + 16 hex of SHA-256(UTF-8) + "]".
    const suffixLength = '...[sha256:]'.length + 16;
    const expected = (v: string, keep: number) =>
      `${v.slice(0, keep)}...[sha256:${createHash('sha256').update(v, 'utf8').digest('hex').slice(0, 16)}]`;
    const keep = MAX_LABEL_VALUE_LENGTH - suffixLength;
    const long = 'a'.repeat(MAX_LABEL_VALUE_LENGTH + 1000);
    const sameStart = `${long}b`; // shares the whole kept prefix: must stay a series of its own
    const emoji = `${'b'.repeat(keep - 1)}😀tail${'c'.repeat(MAX_LABEL_VALUE_LENGTH)}`; // the pair straddles the cut
    c.inc({ ...good, [c1!]: long } as never);
    c.inc({ ...good, [c1!]: long } as never); // same series
    c.inc({ ...good, [c1!]: sameStart } as never);
    c.inc({ ...good, [c1!]: emoji } as never);
    const ps = await points(counterEntry);
    expect(ps).toContainEqual({ labels: { ...good, [c1!]: expected(long, keep) }, value: 2 });
    expect(ps).toContainEqual({ labels: { ...good, [c1!]: expected(sameStart, keep) }, value: 1 });
    expect(ps).toContainEqual({ labels: { ...good, [c1!]: expected(emoji, keep - 1) }, value: 1 });
    expect(ps.map((p) => p.labels[c1!]!.length).every((n) => n <= MAX_LABEL_VALUE_LENGTH)).toBe(true);
    expect(await dropped(counterEntry.name, 'label_too_long')).toBe(4);
    expect(await dropped(counterEntry.name, 'label_malformed_unicode')).toBe(0);
  });

  it('quotes, backslashes, newlines, control and non-ASCII text are kept verbatim and not counted', async () => {
    const odd = ['say "hi"', 'C:\\path\\', 'two\nlines', 'tab\there\r', 'Grüße, 世界, 🚀', '\u0000nul'];
    for (const v of odd) c.inc({ ...good, [c1!]: v } as never);
    const got = (await points(counterEntry)).map((p) => p.labels[c1!]);
    expect(got.sort()).toEqual([...odd].sort());
    expect(await droppedTotal()).toBe(0);
  });

  it('a lone surrogate is replaced with U+FFFD and counted', async () => {
    c.inc({ ...good, [c1!]: 'x\uD800y' } as never);
    expect((await points(counterEntry))[0]!.labels[c1!]).toBe('x\uFFFDy');
    expect(await dropped(counterEntry.name, 'label_malformed_unicode')).toBe(1);
  });

  it('a labels object whose getter throws is recorded under "" labels and counted, never thrown', async () => {
    c.inc(good as never); // warm the hot path so the throwing read happens there first
    const throwing = {
      get [c0!]() {
        throw new Error('getter boom');
      },
      [c1!]: 'x',
      [c2!]: 'y',
    };
    expect(() => c.inc(throwing as never)).not.toThrow();
    expect(() => c.add(1, throwing as never)).not.toThrow();
    expect(() => c.bind(throwing as never).inc()).not.toThrow();
    expect(await points(counterEntry)).toContainEqual({ labels: { [c0!]: '', [c1!]: '', [c2!]: '' }, value: 3 });
    expect(await dropped(counterEntry.name, 'label_missing')).toBe(3);
  });

  it('a Proxy whose traps throw does not throw into the caller', async () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('get trap');
        },
        ownKeys() {
          throw new Error('ownKeys trap');
        },
        has() {
          throw new Error('has trap');
        },
      }
    );
    const keysOnly = new Proxy(
      { ...good },
      {
        ownKeys: () => {
          throw new Error('ownKeys trap');
        },
      }
    );
    expect(() => c.inc(hostile as never)).not.toThrow();
    expect(() => c.inc(keysOnly as never)).not.toThrow();
    expect(() => u.remove(hostile as never)).not.toThrow();
    const total = (await points(counterEntry)).reduce((s, p) => s + p.value, 0);
    expect(total).toBe(2);
    expect(warnings().some((w) => w.includes('threw when read'))).toBe(true);
  });

  it('labels given to an unlabelled metric are ignored and counted', async () => {
    const { x } = createInstruments({ x: unlabelledEntry }, { meterProvider: b.meterProvider as never });
    call(x as unknown as Counter, 'inc', { extra: 'y' });
    (x as unknown as Counter).inc(undefined as never);
    expect((await points(unlabelledEntry))[0]).toEqual({ labels: {}, value: 2 });
    expect(await dropped(unlabelledEntry.name, 'label_unknown')).toBe(1);
  });

  it('an observed callback that throws (even a non-Error) is counted, not fatal; bad observations are dropped', async () => {
    const { o } = createInstruments({ o: observedEntry }, { meterProvider: b.meterProvider as never });
    const ol = validLabels(observedEntry);
    (o as Observed).addCallback((observe) => {
      observe(5, ol as never);
      observe(NaN, ol as never);
      (observe as unknown as (...a: unknown[]) => void)('7', ol);
    });
    (o as Observed).addCallback(() => {
      throw Object.create(null); // cannot even be turned into a string
    });
    expect(await points(observedEntry)).toContainEqual({ labels: ol, value: 5 });
    expect(await dropped(observedEntry.name, 'callback_error')).toBe(2); // one per collection so far
    expect(await dropped(observedEntry.name, 'nan')).toBe(3);
    expect(await dropped(observedEntry.name, 'not_a_number')).toBe(4);
  });

  it('a problem in a hot loop is counted every time but logged once', async () => {
    for (let i = 0; i < 10_000; i++) c.add(NaN, good as never);
    for (let i = 0; i < 10_000; i++) c.add(-1, good as never);
    expect(await dropped(counterEntry.name, 'nan')).toBe(10_000);
    expect(await dropped(counterEntry.name, 'negative')).toBe(10_000);
    const about = warnings().filter((w) => w.includes(counterEntry.name));
    expect(about).toHaveLength(2);
    expect(about.some((w) => w.includes('nan') && w.includes(self.droppedMeasurements.name))).toBe(true);
  });
});

describe.each(BACKENDS)('lifetime cardinality limit on the %s', (_, make) => {
  const limit = counterEntry.maxSeries!;

  it(`folds label sets past the catalog's maxSeries (${limit}) into one overflow series, across collections`, async () => {
    const b = make();
    const { c } = createInstruments({ c: counterEntry }, { meterProvider: b.meterProvider as never });
    // Three rounds of new label sets with a collection between each: OpenTelemetry's own limit is
    // per collection; this one is for the metric's lifetime.
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < limit; i++) c.inc({ ...good, [c1!]: `/r${round}/${i}` } as never);
      await b.collect();
    }
    c.add(5, { ...good, [c1!]: '/r0/0' } as never); // an existing set still has its own series
    const all = await b.collect();
    const ps = all.get(counterEntry.name)!;
    const overflow = ps.filter((p) => p.labels['otel.metric.overflow'] === 'true');
    expect(ps).toHaveLength(limit + 1);
    expect(overflow).toEqual([{ labels: { 'otel.metric.overflow': 'true' }, value: 2 * limit }]);
    expect(ps.find((p) => p.labels[c1!] === '/r0/0')?.value).toBe(6);
    const counted = all.get(self.cardinalityOverflow.name)!.find((p) => p.labels.metric === counterEntry.name);
    expect(counted?.value).toBe(2 * limit);
  });
});

describe('Registry maxSeries option (fast path)', () => {
  it('applies to entries whose catalog row sets no limit, and rejects a non-positive value', async () => {
    const b = fastBackend(new Registry({ maxSeries: 10 }));
    const { g } = createInstruments({ g: gaugeEntry }, { meterProvider: b.meterProvider as never });
    const label = gaugeEntry.labels[0]!;
    for (let i = 0; i < 25; i++) call(g, 'set', i, { ...validLabels(gaugeEntry), [label]: `v${i}` });
    const ps = (await b.collect()).get(gaugeEntry.name)!;
    expect(ps).toHaveLength(11);
    expect(ps.at(-1)).toEqual({ labels: { 'otel.metric.overflow': 'true' }, value: 24 });
    expect(() => new Registry({ maxSeries: 0 })).toThrow(/maxSeries/);
    expect(() => new Registry({ maxSeries: 1.5 })).toThrow(/1\.5/);
  });
});
