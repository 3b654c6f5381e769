/**
 * The cells a Registry keeps per series (cells.ts), through plain calls (cells.test.ts reads them
 * through a real Registry): counter parts, histogram
 * records in a shared store (bucket counts past 2^32, reset, detach), the bucket search compiled per
 * bounds list. Every expected value is written out here; the bounds are small made-up lists, not
 * catalog metrics (nothing here names a metric).
 */
import {
  addToCounter,
  bucketIndex,
  compileBucketIndex,
  HistogramCell,
  recordInto,
  ScalarCell,
  searchable,
  SummaryCell,
} from '../src/cells';
import { HistogramStore } from '../src/histogram-store';

const U32 = 4294967296; // 2^32

/** A histogram cell over bounds [1, 2, 4] (4 buckets with +Inf) and its finder. */
function histogram(minMax = true) {
  const store = new HistogramStore(4, minMax);
  const cell = new HistogramCell(['v'], store);
  return { store, cell, find: compileBucketIndex([1, 2, 4]) };
}

describe('ScalarCell and addToCounter', () => {
  it('keeps whole deltas apart from fractional ones: inc, 0.1, 0.1 reads 1.2 exactly', () => {
    const c = new ScalarCell(['x']);
    expect(c.values).toEqual(['x']);
    addToCounter(c, 1);
    addToCounter(c, 0.1);
    addToCounter(c, 0.1);
    expect(c.whole).toBe(1);
    expect(c.v).toBeCloseTo(0.2, 15);
    expect(c.value).toBe(1.2);
  });

  it('reads whole + fractional parts, and a lone -0 as -0 (a gauge set to -0)', () => {
    const c = new ScalarCell(null);
    expect(c.values).toBeNull();
    expect(c.value).toBe(0);
    c.v = -0;
    expect(Object.is(c.value, -0)).toBe(true);
    addToCounter(c, 3);
    expect(c.whole).toBe(3);
    expect(c.v).toBe(-0);
    expect(Object.is(c.value, 3)).toBe(true);
    c.v = 0.5;
    expect(c.value).toBe(3.5);
    addToCounter(c, 2.25);
    expect(c.whole).toBe(3);
    expect(c.value).toBe(5.75);
  });
});

describe('bucketIndex and compileBucketIndex', () => {
  // v -> index of the first bound >= v (Prometheus `le`), for bounds [0.5, 1, 2.5, 5, 10, 25, 50]
  const bounds = [0.5, 1, 2.5, 5, 10, 25, 50];
  const cases: [number, number][] = [
    [0, 0],
    [0.4, 0],
    [0.5, 0],
    [0.50001, 1],
    [1, 1],
    [2, 2],
    [2.5, 2],
    [3, 3],
    [5, 3],
    [7, 4],
    [10, 4],
    [11, 5],
    [25, 5],
    [26, 6],
    [50, 6],
    [50.5, 7],
    [1e9, 7],
    [Infinity, 7],
  ];

  it.each(cases)('value %p falls in bucket %p (scan and compiled search agree)', (v, want) => {
    expect(bucketIndex(bounds, v)).toBe(want);
    expect(compileBucketIndex(bounds)(v)).toBe(want);
  });

  it('compiles each boundary of lists of 1 to 6 bounds', () => {
    for (let n = 1; n <= 6; n++) {
      const b = Array.from({ length: n }, (_, i) => (i + 1) * 10); // 10, 20, ...
      const find = compileBucketIndex(b);
      for (let i = 0; i < n; i++) {
        expect([n, b[i], find(b[i]!)]).toEqual([n, b[i], i]);
        expect([n, b[i]! + 1, find(b[i]! + 1)]).toEqual([n, b[i]! + 1, i + 1]);
      }
      expect(find(-1)).toBe(0);
    }
  });

  it('an empty list puts everything in the +Inf bucket', () => {
    expect(bucketIndex([], 3)).toBe(0);
    expect(compileBucketIndex([])(3)).toBe(0);
  });

  it('shares one finder per bounds list', () => {
    expect(compileBucketIndex([1, 2, 3])).toBe(compileBucketIndex([1, 2, 3]));
    expect(compileBucketIndex([1, 2, 3])).not.toBe(compileBucketIndex([1, 2, 4]));
  });

  it('compiles only lists of numbers, none NaN, strictly ascending', () => {
    expect(searchable([])).toBe(true);
    expect(searchable([1])).toBe(true);
    expect(searchable([0.5, 1, 2.5])).toBe(true);
    expect(searchable([-1, 0, 1])).toBe(true);
    expect(searchable([1, 1, 2])).toBe(false);
    expect(searchable([1, 3, 2])).toBe(false);
    expect(searchable([3, 2, 1])).toBe(false);
    expect(searchable([NaN])).toBe(false);
    expect(searchable([1, NaN])).toBe(false);
    expect(searchable(['1', '2'] as unknown as number[])).toBe(false);
  });

  it('keys the shared finders by every bound, not their digits run together', () => {
    const a = compileBucketIndex([7, 89]);
    const b = compileBucketIndex([78, 9]);
    expect(a(8)).toBe(1);
    expect(b(8)).toBe(0); // the scan: 8 > 78 is false
  });

  it('keeps the plain scan (first bound >= v) for an unsorted list, where a binary search would differ', () => {
    // scan over [5, 1, 3]: 2 > 5 no -> 0; 6 > 5, 6 > 1, 6 > 3 -> 3; a search would put 2 in bucket 2
    const find = compileBucketIndex([5, 1, 3]);
    expect(find(2)).toBe(0);
    expect(find(4)).toBe(0);
    expect(find(6)).toBe(3);
    // equal neighbours are not ascending either: [1, 1, 2] scans 1.5 to index 2
    expect(compileBucketIndex([1, 1, 2])(1.5)).toBe(2);
    expect(compileBucketIndex([2, 2, 1])(1.5)).toBe(0);
    // descending: the scan stops at once, a search would walk right
    expect(compileBucketIndex([3, 2, 1])(2.5)).toBe(0);
  });

  it('keeps the plain scan for non-numeric bounds (never spliced into code)', () => {
    const find = compileBucketIndex(['a', 'b'] as unknown as number[]);
    expect(find(5)).toBe(0);
  });
});

describe('HistogramCell', () => {
  it('records counts per bucket (not cumulative), sum, min and max', () => {
    const { cell, find } = histogram();
    expect(cell.values).toEqual(['v']);
    expect(cell.bucketCount).toBe(4);
    expect([cell.count, cell.sum, cell.min, cell.max]).toEqual([0, 0, Infinity, -Infinity]);
    for (const v of [0.5, 1, 3, 3, 9]) recordInto(cell, find, v);
    expect([...cell.counts]).toEqual([2, 0, 2, 1]);
    expect([cell.bucket(0), cell.bucket(1), cell.bucket(2), cell.bucket(3)]).toEqual([2, 0, 2, 1]);
    expect(cell.count).toBe(5);
    expect(cell.sum).toBe(16.5);
    expect(cell.min).toBe(0.5);
    expect(cell.max).toBe(9);
  });

  it('max of -0 then 0 is 0, as the SDK (Math.max); min of 0 then -0 is -0', () => {
    const { cell, find } = histogram();
    recordInto(cell, find, -0);
    recordInto(cell, find, 0);
    expect(Object.is(cell.max, 0)).toBe(true);
    expect(Object.is(cell.min, -0)).toBe(true);
  });

  it('without min/max (histogramMinMax: false) leaves them +Inf and -Inf', () => {
    const { cell, find } = histogram(false);
    recordInto(cell, find, 2);
    expect([cell.count, cell.sum, cell.min, cell.max]).toEqual([1, 2, Infinity, -Infinity]);
  });

  it('without min/max the record has no room for them: setting them does nothing, reset keeps them unset', () => {
    const { store, cell, find } = histogram(false);
    const next = new HistogramCell(['n'], store);
    cell.min = 1;
    cell.max = 2;
    cell.sum = 3;
    expect([cell.sum, cell.min, cell.max]).toEqual([3, Infinity, -Infinity]);
    recordInto(cell, find, 5);
    recordInto(next, find, 1);
    cell.reset();
    expect([...cell.counts, cell.sum, cell.min, cell.max]).toEqual([0, 0, 0, 0, 0, Infinity, -Infinity]);
    expect([...next.counts, next.sum]).toEqual([1, 0, 0, 0, 1]);
  });

  it('series of one store keep their own records', () => {
    const { store, cell: a, find } = histogram();
    const b = new HistogramCell(['w'], store);
    const c = new HistogramCell(['z'], store);
    recordInto(a, find, 1);
    recordInto(b, find, 5);
    recordInto(b, find, 5);
    recordInto(c, find, 0.1);
    expect([...a.counts, a.sum]).toEqual([1, 0, 0, 0, 1]);
    expect([...b.counts, b.sum]).toEqual([0, 0, 0, 2, 10]);
    expect([...c.counts, c.sum]).toEqual([1, 0, 0, 0, 0.1]);
  });

  it('setters write sum, min and max', () => {
    const { cell } = histogram();
    cell.sum = 7.5;
    cell.min = 1.5;
    cell.max = 4;
    expect([cell.sum, cell.min, cell.max]).toEqual([7.5, 1.5, 4]);
  });

  it('a bucket count carries past 2^32 - 1 into the wide counts, and keeps counting', () => {
    const { cell, find } = histogram();
    cell.setBucket(2, U32 - 1);
    expect(cell.bucket(2)).toBe(U32 - 1);
    recordInto(cell, find, 3);
    expect(cell.bucket(2)).toBe(U32);
    recordInto(cell, find, 3);
    expect(cell.bucket(2)).toBe(U32 + 1);
    expect(cell.bucket(1)).toBe(0);
    expect(cell.count).toBe(U32 + 1);
    expect([...cell.counts]).toEqual([0, 0, U32 + 1, 0]);
    // the other buckets of the widened cell still read their plain counts
    recordInto(cell, find, 1);
    expect([...cell.counts]).toEqual([1, 0, U32 + 1, 0]);
  });

  it('a first setBucket past 2^32 widens the cell', () => {
    const { cell } = histogram();
    cell.setBucket(2, 3 * U32 + 1);
    expect([...cell.counts]).toEqual([0, 0, 3 * U32 + 1, 0]);
  });

  it('setBucket keeps any whole count exact to 2^53, and lowers a wide count again', () => {
    const { cell } = histogram();
    cell.setBucket(0, 3);
    cell.setBucket(1, 5 * U32 + 7);
    cell.setBucket(3, 2 ** 53);
    expect([...cell.counts]).toEqual([3, 5 * U32 + 7, 0, 2 ** 53]);
    cell.setBucket(1, 9);
    cell.setBucket(3, U32);
    expect([...cell.counts]).toEqual([3, 9, 0, U32]);
    expect(cell.count).toBe(12 + U32);
    // a cell never widened stays plain: another cell of the store is unaffected by this one's wide counts
    const other = new HistogramCell(['o'], new HistogramStore(4));
    other.setBucket(1, 4);
    expect([...other.counts]).toEqual([0, 4, 0, 0]);
  });

  it('reset() empties the record and its wide counts, leaving other series alone', () => {
    const { store, cell, find } = histogram();
    const next = new HistogramCell(['n'], store);
    recordInto(next, find, 2);
    recordInto(cell, find, 3);
    cell.setBucket(0, 2 * U32);
    cell.reset();
    expect([...cell.counts]).toEqual([0, 0, 0, 0]);
    expect([cell.count, cell.sum, cell.min, cell.max]).toEqual([0, 0, Infinity, -Infinity]);
    recordInto(cell, find, 0.5);
    expect([...cell.counts]).toEqual([1, 0, 0, 0]);
    expect([...next.counts, next.sum, next.min, next.max]).toEqual([0, 1, 0, 0, 2, 2, 2]);
  });

  it('detach() moves the record to a private chunk: the old place no longer follows the cell', () => {
    const { store, cell, find } = histogram();
    const neighbour = new HistogramCell(['n'], store);
    recordInto(cell, find, 3);
    recordInto(cell, find, 0.5);
    recordInto(neighbour, find, 9);
    const old = cell.detach();
    expect(old.at).toBe(0);
    expect(cell.chunk).not.toBe(old.chunk);
    expect(cell.at).toBe(0);
    expect([...cell.counts, cell.sum, cell.min, cell.max]).toEqual([1, 0, 1, 0, 3.5, 0.5, 3]);
    recordInto(cell, find, 9);
    expect([...cell.counts, cell.sum, cell.min, cell.max]).toEqual([1, 0, 1, 1, 12.5, 0.5, 9]);
    // the old record (reused by the store for a new series) is untouched by the detached cell
    store.release(old.chunk, old.at);
    const reuser = new HistogramCell(['r'], store);
    expect(reuser.chunk).toBe(old.chunk);
    expect(reuser.at).toBe(old.at);
    expect([...reuser.counts, reuser.sum]).toEqual([0, 0, 0, 0, 0]);
    expect([...neighbour.counts, neighbour.sum]).toEqual([0, 0, 0, 1, 9]);
  });

  it('detach() keeps min/max off when the store keeps none', () => {
    const { cell, find } = histogram(false);
    cell.detach();
    recordInto(cell, find, 2);
    expect([cell.min, cell.max]).toEqual([Infinity, -Infinity]);
    expect(cell.bucketCount).toBe(4);
  });
});

describe('SummaryCell', () => {
  it('has one zeroed value per quantile', () => {
    const s = new SummaryCell(['q'], 3);
    expect([...s.quantileValues]).toEqual([0, 0, 0]);
    expect([s.sum, s.count, s.values]).toEqual([0, 0, ['q']]);
  });
});
