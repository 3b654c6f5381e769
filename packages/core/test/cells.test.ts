/**
 * What a series keeps, read back through a real Registry and its instruments: label values (its
 * own value alone, the values it shares with its neighbours in the index kept once, no array of
 * its own: 56-64 bytes per series), and a histogram record with min
 * and max only where the Registry keeps them (histogramMinMax), the sum and every bucket exact
 * either way, neighbouring records in a shared chunk never bleeding into each other.
 */
import * as catalog from '@teleport-otel/catalog';
import type { MetricEntry } from '@teleport-otel/catalog';
import {
  createInstruments,
  Registry,
  type Counter,
  type Histogram,
  type HistogramCell,
  type ScalarCell,
} from '@teleport-otel/core';

const entries = Object.values(catalog).flatMap((g) =>
  g !== null && typeof g === 'object' ? Object.values(g as Record<string, unknown>) : []
) as MetricEntry[];
/** Entries of every profile (the Registry's default profile records them). */
const isEntry = (e: unknown): e is MetricEntry =>
  typeof (e as MetricEntry | undefined)?.name === 'string' && !(e as MetricEntry).profiles;
/** A fast-path histogram of one label, and one of two or more (none typed here: found in the catalog). */
const oneLabel = entries.find((e) => isEntry(e) && e.instrument === 'histogram' && e.labels.length === 1 && !e.constLabels)!;
const manyLabels = entries.find((e) => isEntry(e) && e.instrument === 'histogram' && e.labels.length >= 2 && !e.constLabels)!;
const counterOneLabel = entries.find((e) => isEntry(e) && e.instrument === 'counter' && e.labels.length === 1 && !e.constLabels)!;

/** A label set for `entry`: each label a value of its closed set, or `${prefix}-${name}`. */
function labelsOf(entry: MetricEntry, prefix: string): Record<string, string> {
  const closed = (entry.values ?? {}) as Record<string, readonly string[] | undefined>;
  return Object.fromEntries(entry.labels.map((n) => [n, closed[n]?.[0] ?? `${prefix}-${n}`]));
}

/** The entries are found at run time, so their instruments' types are named here. */
const histogramOf = (registry: Registry, e: MetricEntry) => createInstruments({ h: e }, { registry }).h as unknown as Histogram;
const counterOf = (registry: Registry, e: MetricEntry) => createInstruments({ c: e }, { registry }).c as unknown as Counter;

/**
 * A counter of several labels whose closed-value label comes last in the catalog: the index nests
 * it first, so the label each series keeps itself (the last nested) is not the catalog's last.
 */
const nested = entries.find(
  (e) =>
    isEntry(e) &&
    e.instrument === 'counter' &&
    !e.constLabels &&
    e.labels.length >= 2 &&
    e.values !== undefined &&
    e.labels[e.labels.length - 1]! in e.values &&
    !(e.labels[0]! in e.values)
)!;

function cellsOf<C>(registry: Registry, entry: MetricEntry): C[] {
  return registry.family(entry).index.cells() as C[];
}

describe('label values of a series', () => {
  it('one label: the value alone (no array held), values() a fresh copy, label(0) the value', () => {
    const registry = new Registry();
    const h = histogramOf(registry, oneLabel);
    h.record(1, { [oneLabel.labels[0]!]: 'first' });
    const [cell] = cellsOf<HistogramCell>(registry, oneLabel);
    expect(cell!.label(0)).toBe('first');
    expect(cell!.values).toEqual(['first']);
    expect(cell!.overflow).toBe(false);
    // The memory saving is the point: nothing the cell holds is an array.
    expect(Object.values(cell!).some((v) => Array.isArray(v))).toBe(false);
    (cell!.values as string[])[0] = 'changed';
    expect(cell!.label(0)).toBe('first');
  });

  it('several labels: values and label(i) in catalog order', () => {
    const registry = new Registry();
    const h = histogramOf(registry, manyLabels);
    const labels = labelsOf(manyLabels, 'x');
    h.record(1, labels);
    const [cell] = cellsOf<HistogramCell>(registry, manyLabels);
    const expected = manyLabels.labels.map((n) => labels[n]!);
    expect(cell!.values).toEqual(expected);
    expect(manyLabels.labels.map((_, i) => cell!.label(i))).toEqual(expected);
    expect(cell!.overflow).toBe(false);
  });

  it('several labels nested out of catalog order: one shared record of the common values per innermost Map', () => {
    const registry = new Registry();
    const c = counterOf(registry, nested);
    const closed = nested.values as Record<string, readonly string[]>;
    const open = nested.labels.filter((n) => !(n in closed));
    const own = nested.labels.indexOf(open[open.length - 1]!);
    const sets: Record<string, string>[] = [];
    for (const k of [0, 1, 2])
      for (const name of nested.labels.filter((n) => n in closed))
        for (const v of closed[name]!.slice(0, 2)) {
          const labels = labelsOf(nested, 'x');
          for (const n of open) labels[n] = `${n}-${k}`;
          labels[name] = v;
          sets.push(labels);
        }
    sets.forEach((labels, i) => c.add(i + 1, labels));
    const cells = cellsOf<ScalarCell>(registry, nested);
    expect(cells).toHaveLength(sets.length);
    for (const [i, labels] of sets.entries()) {
      const cell = cells.find((x) => x.value === i + 1)!;
      const expected = nested.labels.map((n) => labels[n]!);
      expect(cell.values).toEqual(expected);
      expect(nested.labels.map((_, j) => cell.label(j))).toEqual(expected);
      expect(Object.values(cell).some((v) => Array.isArray(v))).toBe(false);
      expect(Object.values(cell)).toContain(labels[nested.labels[own]!]);
    }
    // Series that differ only in their own label share one record; the others do not.
    const sharedOf = (x: ScalarCell) => Object.values(x).find((v) => typeof v === 'object' && v !== null);
    const rest = (labels: Record<string, string>) =>
      nested.labels
        .filter((_, j) => j !== own)
        .map((n) => labels[n])
        .join('|');
    for (let i = 0; i < sets.length; i++)
      for (let j = 0; j < sets.length; j++) {
        const same = sharedOf(cells.find((x) => x.value === i + 1)!) === sharedOf(cells.find((x) => x.value === j + 1)!);
        expect(same).toBe(rest(sets[i]!) === rest(sets[j]!));
      }
  });

  it('a multi-label series created again after its innermost Map emptied reads its own values', () => {
    const registry = new Registry();
    const c = counterOf(registry, nested);
    const a = labelsOf(nested, 'a');
    const b = labelsOf(nested, 'b');
    c.add(1, a);
    expect(registry.family(nested).index.remove(a)).toBe(true);
    c.add(2, b);
    c.add(3, a);
    const cells = cellsOf<ScalarCell>(registry, nested);
    expect(cells.map((x) => [x.values, x.value])).toEqual(
      expect.arrayContaining([
        [nested.labels.map((n) => b[n]), 2],
        [nested.labels.map((n) => a[n]), 3],
      ])
    );
  });

  it('the overflow series: values null, overflow true, label(i) empty', () => {
    const registry = new Registry({ maxSeries: 1 });
    const c = counterOf(registry, counterOneLabel);
    const name = counterOneLabel.labels[0]!;
    c.add(1, { [name]: 'kept' });
    c.add(2, { [name]: 'over' });
    const cells = cellsOf<ScalarCell>(registry, counterOneLabel);
    expect(cells.map((x) => [x.values, x.overflow, x.label(0), x.value])).toEqual([
      [['kept'], false, 'kept', 1],
      [null, true, '', 2],
    ]);
  });
});

describe.each([
  ['with min and max (histogramMinMax: true)', true],
  ['without min and max (histogramMinMax: false)', false],
])('histogram records %s', (_, minMax) => {
  const bounds = oneLabel.buckets!;
  const name = oneLabel.labels[0]!;
  const slots = bounds.length + 1;

  function family() {
    const registry = new Registry({ histogramMinMax: minMax });
    const h = histogramOf(registry, oneLabel);
    return { registry, h };
  }

  it('take sum and counts (min and max only where kept) words per record', () => {
    const { registry, h } = family();
    h.record(bounds[0]!, { [name]: 'a' });
    const [cell] = cellsOf<HistogramCell>(registry, oneLabel);
    expect(cell!.chunk.words).toBe((minMax ? 3 : 1) + Math.ceil(slots / 2));
    expect(cell!.chunk.minMax).toBe(minMax);
  });

  it('keep every series of a shared chunk exact: buckets, sum, count, min and max', () => {
    const { registry, h } = family();
    // Series i gets bounds[i] and bounds[i + 1] * 0.5 (or past the last bound): its own buckets only.
    const values = (i: number) => [
      bounds[i % bounds.length]!,
      i + 1 < bounds.length ? bounds[i + 1]! * 0.5 : bounds[bounds.length - 1]! * 2,
    ];
    for (let i = 0; i < 7; i++) for (const v of values(i)) h.record(v, { [name]: `s${i}` });
    const cells = cellsOf<HistogramCell>(registry, oneLabel);
    expect(cells).toHaveLength(7);
    for (const cell of cells) {
      const i = Number(cell.label(0).slice(1));
      const vs = values(i);
      const want = new Float64Array(slots);
      for (const v of vs) want[bounds.findIndex((b) => v <= b) === -1 ? bounds.length : bounds.findIndex((b) => v <= b)]!++;
      expect(cell.counts).toEqual(want);
      expect([cell.count, cell.sum]).toEqual([2, vs[0]! + vs[1]!]);
      expect([cell.min, cell.max]).toEqual(minMax ? [Math.min(...vs), Math.max(...vs)] : [Infinity, -Infinity]);
    }
  });

  it('set min and max only where kept, and reset to no observations', () => {
    const { registry, h } = family();
    h.record(bounds[2]!, { [name]: 'a' });
    h.record(bounds[3]!, { [name]: 'b' });
    const [a, b] = cellsOf<HistogramCell>(registry, oneLabel);
    const before = [...a!.counts];
    a!.min = 0.25;
    a!.max = 7;
    expect([a!.min, a!.max]).toEqual(minMax ? [0.25, 7] : [Infinity, -Infinity]);
    // Without min and max the record has no room for them: setting them must not touch the counts.
    expect([...a!.counts]).toEqual(before);
    expect(a!.sum).toBe(bounds[2]);
    a!.reset();
    expect([a!.count, a!.sum, a!.min, a!.max]).toEqual([0, 0, Infinity, -Infinity]);
    expect([...a!.counts]).toEqual(new Array<number>(slots).fill(0));
    // Its neighbour in the chunk is untouched.
    expect([b!.count, b!.sum, b!.bucket(3)]).toEqual([1, bounds[3], 1]);
    expect([b!.min, b!.max]).toEqual(minMax ? [bounds[3], bounds[3]] : [Infinity, -Infinity]);
  });

  it('set a bucket count (as aggregation merges), past 2^32 too, touching no other bucket or series', () => {
    const { registry, h } = family();
    h.record(bounds[2]!, { [name]: 'a' });
    h.record(bounds[3]!, { [name]: 'b' });
    const [a, b] = cellsOf<HistogramCell>(registry, oneLabel);
    a!.setBucket(5, 7);
    a!.setBucket(1, 2 ** 32 + 3);
    const want = new Array<number>(slots).fill(0);
    want[1] = 2 ** 32 + 3;
    want[2] = 1;
    want[5] = 7;
    expect([...a!.counts]).toEqual(want);
    expect([a!.count, a!.sum]).toEqual([2 ** 32 + 11, bounds[2]]);
    expect([b!.count, b!.sum, b!.bucket(3)]).toEqual([1, bounds[3], 1]);
  });

  it('a removed series held by a handle keeps its numbers in its own copy', () => {
    const { registry, h } = family();
    h.record(bounds[1]!, { [name]: 'a' });
    const bound = h.bind({ [name]: 'a' });
    const [held] = cellsOf<HistogramCell>(registry, oneLabel);
    expect(registry.family(oneLabel).index.remove({ [name]: 'a' })).toBe(true);
    bound.record(bounds[4]!);
    h.record(bounds[0]!, { [name]: 'b' }); // reuses the freed record
    const [fresh] = cellsOf<HistogramCell>(registry, oneLabel);
    expect([held!.count, held!.sum, held!.bucket(1), held!.bucket(4)]).toEqual([2, bounds[1]! + bounds[4]!, 1, 1]);
    expect([held!.min, held!.max]).toEqual(minMax ? [bounds[1], bounds[4]] : [Infinity, -Infinity]);
    expect([fresh!.label(0), fresh!.count, fresh!.sum, fresh!.bucket(0)]).toEqual(['b', 1, bounds[0], 1]);
  });
});
