/**
 * The fast-path instruments (fast.ts) over a real Registry: every valid value recorded exactly, every
 * invalid one dropped and counted under its reason (read back from the Registry's own
 * dropped-measurements family), bound and detached methods, startTimer, observed callbacks.
 * Entries come from the catalog by shape; expected values are written out here.
 */
import { catalog, self, type MetricEntry } from '@teleport-otel/catalog';
import { createInstruments, Registry, type HistogramCell, type ScalarCell, type SummaryCell } from '@teleport-otel/core';
import { FastCounter } from '../src/fast';
import { captureDiagWarnings } from '../../../test-support/diag-warnings';

const firstOf = (pred: (e: MetricEntry) => boolean): MetricEntry => {
  const e = catalog.find(pred);
  if (!e) throw new Error('catalog has no entry of the shape this test needs');
  return e;
};
const plain = (e: MetricEntry) => !e.observed && e.labels.length > 0 && !e.constLabels;
const counterEntry = firstOf((e) => e.instrument === 'counter' && plain(e));
const upDownEntry = firstOf((e) => e.instrument === 'updowncounter' && plain(e));
const gaugeEntry = firstOf((e) => e.instrument === 'gauge' && plain(e));
const histogramEntry = firstOf((e) => e.instrument === 'histogram' && plain(e));
const observedEntry = firstOf((e) => e.observed === true && e.instrument !== 'summary' && e.labels.length > 0 && !e.constLabels);
const summaryEntry = firstOf((e) => e.instrument === 'summary');

/** Labels for an entry: each label's first closed value or example, else `v` + suffix. */
function labelsFor(e: MetricEntry, suffix = ''): Record<string, string> {
  return Object.fromEntries(e.labels.map((n) => [n, e.values?.[n]?.[0] ?? `${e.examples?.[n]?.[0] ?? 'v'}${suffix}`]));
}

function setup() {
  const registry = new Registry();
  const inst = createInstruments(
    { c: counterEntry, u: upDownEntry, g: gaugeEntry, h: histogramEntry, o: observedEntry, s: summaryEntry },
    { registry }
  ) as unknown as Record<'c' | 'u' | 'g' | 'h' | 'o' | 's', Record<string, (...a: unknown[]) => unknown>>;
  /** Values of an entry's series, labels joined with `,` (the overflow series as `overflow`). */
  const values = (e: MetricEntry): Record<string, number> =>
    Object.fromEntries(
      (registry.family(e).index.cells() as ScalarCell[]).map((c) => [c.values?.join(',') ?? 'overflow', c.value])
    );
  /** Dropped measurements of one metric, by reason. */
  const dropped = (e: MetricEntry): Record<string, number> => {
    const f = registry.family(self.droppedMeasurements);
    const [metricAt, reasonAt] = ['metric', 'reason'].map((n) => self.droppedMeasurements.labels.indexOf(n as never));
    const out: Record<string, number> = {};
    for (const c of f.index.cells() as ScalarCell[]) if (c.values![metricAt!] === e.name) out[c.values![reasonAt!]!] = c.value;
    return out;
  };
  const histograms = () => registry.family(histogramEntry).index.cells() as HistogramCell[];
  return { registry, ...inst, values, dropped, histograms };
}

const key = (l: Record<string, string>, e: MetricEntry) => e.labels.map((n) => l[n]).join(',');

const warnings = captureDiagWarnings();

describe('fast counter', () => {
  const l = labelsFor(counterEntry);
  const k = key(l, counterEntry);

  it('adds 0, whole and fractional deltas; drops negative, NaN, infinite and non-numbers', () => {
    const t = setup();
    t.c.add!(0, l);
    expect(t.values(counterEntry)).toEqual({ [k]: 0 });
    t.c.add!(2, l);
    t.c.add!(0.25, l);
    t.c.inc!(l);
    for (const bad of [-1, -Infinity, NaN, Infinity, '3', null]) t.c.add!(bad, l);
    expect(t.values(counterEntry)).toEqual({ [k]: 3.25 });
    expect(t.dropped(counterEntry)).toEqual({ negative: 1, infinite: 2, nan: 1, not_a_number: 2 });
  });

  it('bound handles and detached methods record into the same series', () => {
    const t = setup();
    const bound = t.c.bind!(l) as { add(v: unknown): void; inc(): void };
    bound.add(1.5);
    bound.inc();
    const { add } = bound;
    add(2);
    bound.add(0); // a valid delta of nothing: neither recorded as a change nor dropped
    for (const bad of [-2, Infinity, NaN, 'x']) bound.add(bad);
    const { inc } = t.c;
    inc!(l);
    expect(t.values(counterEntry)).toEqual({ [k]: 5.5 });
    expect(t.dropped(counterEntry)).toEqual({ negative: 1, infinite: 1, nan: 1, not_a_number: 1 });
  });

  it('remove() deletes the series; instances keep their class constructor', () => {
    const t = setup();
    t.c.inc!(l);
    t.c.remove!(l);
    expect(t.values(counterEntry)).toEqual({});
    expect((t.c as object).constructor).toBe(FastCounter);
  });
});

describe('fast up-down counter', () => {
  const l = labelsFor(upDownEntry);
  const k = key(l, upDownEntry);

  it('adds any finite value, inc and dec; drops NaN, infinities and non-numbers', () => {
    const t = setup();
    t.u.add!(-2.5, l);
    t.u.inc!(l);
    t.u.inc!(l);
    t.u.dec!(l);
    t.u.add!(0, l);
    for (const bad of [NaN, Infinity, -Infinity, '1']) t.u.add!(bad, l);
    expect(t.values(upDownEntry)).toEqual({ [k]: -1.5 });
    expect(t.dropped(upDownEntry)).toEqual({ nan: 1, infinite: 2, not_a_number: 1 });
  });

  it('bound add, inc and dec; remove()', () => {
    const t = setup();
    const b = t.u.bind!(l) as { add(v: unknown): void; inc(): void; dec(): void };
    b.add(-4);
    b.inc();
    b.dec();
    b.dec();
    const { add } = b;
    add(10);
    // '3' - '3' and null - null are 0: only the typeof test keeps them out of the sum.
    for (const bad of [NaN, Infinity, 'x', '3', null]) b.add(bad);
    expect(t.values(upDownEntry)).toEqual({ [k]: 5 });
    expect(t.dropped(upDownEntry)).toEqual({ nan: 1, infinite: 1, not_a_number: 3 });
    t.u.remove!(l);
    expect(t.values(upDownEntry)).toEqual({});
  });
});

describe('fast instruments: detached and replaced methods', () => {
  it('up-down counter and gauge methods work detached from their instrument', () => {
    const t = setup();
    const l = labelsFor(upDownEntry);
    const { add, inc, dec } = t.u;
    add!(5, l);
    inc!(l);
    dec!(l);
    dec!(l);
    expect(t.values(upDownEntry)).toEqual({ [key(l, upDownEntry)]: 4 });
    const g = labelsFor(gaugeEntry);
    const { set } = t.g;
    set!(-7, g);
    expect(t.values(gaugeEntry)).toEqual({ [key(g, gaugeEntry)]: -7 });
  });

  it('methods are ordinary writable, deletable properties, as on the SDK path: a wrapper goes on and comes off', () => {
    const t = setup();
    const l = labelsFor(counterEntry);
    const original = t.c.inc!;
    let calls = 0;
    t.c.inc = (labels: unknown) => {
      calls++;
      return original(labels);
    };
    t.c.inc(l);
    expect(delete t.c.inc).toBe(true);
    t.c.inc!(l); // the class's own method again
    expect([calls, t.values(counterEntry)[key(l, counterEntry)]]).toEqual([1, 2]);
  });
});

describe('fast gauge', () => {
  const l = labelsFor(gaugeEntry);
  const l2 = labelsFor(gaugeEntry, '2');
  const k = key(l, gaugeEntry);

  it('sets any finite value (negative too), replacing the last; drops the rest', () => {
    const t = setup();
    t.g.set!(7, l);
    t.g.set!(-3.5, l);
    for (const bad of [NaN, Infinity, -Infinity, '2']) t.g.set!(bad, l);
    expect(t.values(gaugeEntry)).toEqual({ [k]: -3.5 });
    expect(t.dropped(gaugeEntry)).toEqual({ nan: 1, infinite: 2, not_a_number: 1 });
  });

  it('bound set, remove() and reset()', () => {
    const t = setup();
    const b = t.g.bind!(l) as { set(v: unknown): void };
    b.set(4);
    b.set(NaN);
    b.set('x');
    expect(t.values(gaugeEntry)).toEqual({ [k]: 4 });
    expect(t.dropped(gaugeEntry)).toEqual({ nan: 1, not_a_number: 1 });
    t.g.set!(1, l2);
    t.g.remove!(l);
    expect(Object.values(t.values(gaugeEntry))).toEqual([1]);
    t.g.set!(2, l);
    t.g.reset!();
    expect(t.values(gaugeEntry)).toEqual({});
  });
});

describe('fast histogram', () => {
  const l = labelsFor(histogramEntry);

  it('records 0 and positive values; drops negative, NaN, infinite and non-numbers', () => {
    const t = setup();
    t.h.record!(0, l);
    t.h.record!(2.5, l);
    for (const bad of [-0.1, NaN, Infinity, '1']) t.h.record!(bad, l);
    const [cell] = t.histograms();
    expect([cell!.count, cell!.sum]).toEqual([2, 2.5]);
    expect(cell!.bucket(0)).toBe(1); // 0 falls in the first bucket (every bound is positive)
    expect(t.dropped(histogramEntry)).toEqual({ negative: 1, nan: 1, infinite: 1, not_a_number: 1 });
  });

  it('bound and detached record', () => {
    const t = setup();
    const b = t.h.bind!(l) as { record(v: unknown): void };
    b.record(1);
    const { record } = b;
    record(2);
    for (const bad of [-1, NaN, Infinity, null]) b.record(bad);
    const { record: detached } = t.h;
    detached!(3, l);
    const [cell] = t.histograms();
    expect([cell!.count, cell!.sum]).toEqual([3, 6]);
    expect(t.dropped(histogramEntry)).toEqual({ negative: 1, nan: 1, infinite: 1, not_a_number: 1 });
  });

  it('startTimer() records and returns the elapsed seconds', async () => {
    const t = setup();
    const stop = t.h.startTimer!(l) as () => number;
    await new Promise((r) => setTimeout(r, 30));
    const seconds = stop();
    // generous bounds: at least the 30 ms waited (less 5 ms of timer slack), well under a minute
    expect(seconds).toBeGreaterThan(0.025);
    expect(seconds).toBeLessThan(60);
    const [cell] = t.histograms();
    expect([cell!.count, cell!.sum]).toEqual([1, seconds]);
  });
});

describe('fast observed metrics', () => {
  const l = labelsFor(observedEntry);
  const k = key(l, observedEntry);

  it('a callback sets each series at collection; bad values are dropped and counted', () => {
    const t = setup();
    (t.o.addCallback as (cb: (observe: (v: unknown, labels?: unknown) => void) => void) => void)((observe) => {
      observe(6, l);
      observe(-2, labelsFor(observedEntry, 'neg'));
      observe(NaN, l);
      observe(null, l);
      observe('5', l);
    });
    t.registry.collect();
    const got = t.values(observedEntry);
    expect(got[k]).toBe(6);
    expect(Object.values(got).sort()).toEqual([-2, 6]);
    expect(t.dropped(observedEntry)).toEqual({ nan: 1, not_a_number: 2 });
  });

  it('a summary callback fills quantiles, sum and count', () => {
    const t = setup();
    const quantiles = summaryEntry.quantiles!.map((_, i) => i + 0.5);
    (t.s.addCallback as (cb: (observe: (v: unknown, labels?: unknown) => void) => void) => void)((observe) =>
      observe({ quantiles, sum: 12.5, count: 4 }, labelsFor(summaryEntry))
    );
    t.registry.collect();
    const [cell] = t.registry.family(summaryEntry).index.cells() as SummaryCell[];
    expect([...cell!.quantileValues]).toEqual(quantiles);
    expect([cell!.sum, cell!.count]).toEqual([12.5, 4]);
  });

  it('a throwing callback is counted as callback_error and logged with its message, never thrown', () => {
    const t = setup();
    const addCallback = t.o.addCallback as (cb: () => void) => void;
    addCallback(() => {
      throw new Error('callback broke');
    });
    addCallback(() => {
      throw 'a string'; // eslint-disable-line @typescript-eslint/only-throw-error
    });
    expect(() => t.registry.collect()).not.toThrow();
    expect(t.dropped(observedEntry)).toEqual({ callback_error: 2 });
    expect(warnings().join('\n')).toContain('("callback broke")');
  });
});
