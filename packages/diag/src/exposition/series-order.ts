import type { AnyCell, Family } from '@teleport-otel/core';
import { compareUtf8 } from './utf8-order';

/**
 * Units of work (comparisons, copies, cells listed) between two pause markers: ~0.1-0.3 ms, so
 * the pull reader, which checks the clock at each marker, never overruns its slice by much.
 */
const STEP = 2_048;
/** Runs this long are sorted by Array#sort in one go (~4.5k comparisons) before merging. */
const RUN = 512;

/** A family's series in exposition order, kept across renders. */
interface Order {
  readonly compare: (a: AnyCell, b: AnyCell) => number;
  /** Every series as of the last committed update; undefined until the first, and after a removal. */
  sorted: AnyCell[] | undefined;
  /** Series created since `sorted` was committed, not merged in yet. Replaced, never mutated. */
  pending: readonly AnyCell[];
}

const orders = new WeakMap<Family, Order>();

/**
 * The family's series sorted as client_golang sorts them (label values in UTF-8 byte order, in
 * label-name order; the overflow series last), yielding '' as pause markers during long work.
 *
 * Kept incrementally, so a render after new series costs O(new · log n) comparisons and one
 * O(n) copy instead of a sort of every series: the index hands over the series created since
 * the last render (SeriesIndex.takeAdded), which are sorted on their own and merged into the
 * previous order. Only the first render and one after a removal sort everything, in slices; the
 * first takes the list the index kept from the start (SeriesIndex.takeAll), one after a removal
 * lists the cells from the index's Maps. The result is a snapshot: a series created meanwhile
 * shows from the next render on.
 * Concurrent renders (another format, another naming) may each build their own result; one
 * commits only when nothing changed since it started, so none can lose a series.
 */
export function* sortedSeries(f: Family): Generator<string, readonly AnyCell[]> {
  let o = orders.get(f);
  if (!o) {
    o = { compare: cellOrder(f.entry.labels), sorted: undefined, pending: [] };
    orders.set(f, o);
  }
  // A family's first render takes the index's whole list while it still keeps one (takeAll).
  const all = o.sorted === undefined ? f.index.takeAll(orders) : null;
  const added = all === null ? f.index.takeAdded(orders) : [];
  if (added === null) {
    o.sorted = undefined;
    o.pending = [];
  } else if (added.length > 0) o.pending = o.pending.length === 0 ? added : o.pending.concat(added);
  const base = o.sorted;
  const pending = o.pending;
  if (base !== undefined && pending.length === 0) return base;
  let result: AnyCell[];
  if (base === undefined) {
    result = all ?? (yield* pausesOf(f.index.cellsInSteps(STEP)));
    yield* sortInSlices(result, o.compare);
  } else {
    const fresh = pending.slice();
    yield* sortInSlices(fresh, o.compare);
    result = yield* mergeInto(base, fresh, o.compare);
  }
  if (o.sorted === base && o.pending === pending) {
    o.sorted = result;
    o.pending = [];
  }
  return result;
}

/** Label values compared in label-name order (const labels, the same in every series, aside). */
function cellOrder(labels: readonly string[]): (a: AnyCell, b: AnyCell) => number {
  const order = labels.map((_, i) => i).sort((i, j) => (labels[i]! < labels[j]! ? -1 : 1));
  return (a, b) => {
    if (a.overflow) return b.overflow ? 0 : 1;
    if (b.overflow) return -1;
    // Indexed, not for-of: called from Array#sort, the iterator was allocated on every call.
    for (let k = 0; k < order.length; k++) {
      const x = a.label(order[k]!);
      const y = b.label(order[k]!);
      if (x !== y) return compareUtf8(x, y);
    }
    return 0;
  };
}

function* pausesOf<T>(g: Generator<void, T>): Generator<string, T> {
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
    yield '';
  }
}

/**
 * Sorts `a` in place: runs sorted by Array#sort, then merged pairwise, level by level (a
 * bottom-up merge sort), yielding '' every STEP comparisons. Stable, as Array#sort.
 */
function* sortInSlices<T>(a: T[], compare: (x: T, y: T) => number): Generator<string> {
  const n = a.length;
  if (n <= RUN) {
    a.sort(compare);
    return;
  }
  let work = 0;
  for (let lo = 0; lo < n; lo += RUN) {
    const sorted = a.slice(lo, lo + RUN).sort(compare);
    for (let i = 0; i < sorted.length; i++) a[lo + i] = sorted[i]!;
    work += sorted.length * 9; // ~log2(RUN) comparisons per element
    if (work >= STEP) {
      work = 0;
      yield '';
    }
  }
  let src = a;
  let dst = new Array<T>(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        dst[k++] = compare(src[j]!, src[i]!) < 0 ? src[j++]! : src[i++]!;
        if (++work >= STEP) {
          work = 0;
          yield '';
        }
      }
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    [src, dst] = [dst, src];
    yield '';
  }
  if (src !== a) for (let i = 0; i < n; i++) a[i] = src[i]!;
}

/**
 * `base` and `fresh` (each sorted) merged into a new array: each fresh entry's place found by
 * binary search, the base copied around them. An entry equal to a base entry replaces it: a
 * series listed by a full rebuild may come again in the next increment (SeriesIndex.takeAdded).
 */
function* mergeInto<T>(base: readonly T[], fresh: readonly T[], compare: (x: T, y: T) => number): Generator<string, T[]> {
  const out = new Array<T>(base.length + fresh.length);
  let i = 0;
  let k = 0;
  let work = 0;
  for (const x of fresh) {
    let lo = i;
    let hi = base.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(base[mid]!, x) < 0) lo = mid + 1;
      else hi = mid;
      work++;
    }
    while (i < lo) {
      out[k++] = base[i++]!;
      if (++work >= STEP) {
        work = 0;
        yield '';
      }
    }
    out[k++] = x;
    if (i < base.length && compare(base[i]!, x) === 0) i++;
  }
  while (i < base.length) {
    out[k++] = base[i++]!;
    if (++work >= STEP) {
      work = 0;
      yield '';
    }
  }
  out.length = k;
  return out;
}
