import { LabelledCell, type SharedLabels } from './cell-labels';
import { countsAt, HistogramChunk, type HistogramStore } from './histogram-store';

/**
 * One series of a counter, up-down counter or gauge. `values` is null for the overflow series.
 * Counters keep whole deltas apart from fractional ones, as client_golang does (a uint64 and a
 * float64, summed when read): `inc(); add(0.1); add(0.1)` then reads 1.2, as Teleport shows,
 * not the 1.2000000000000002 of one running float. Gauges and up-down counters use `v` alone.
 */
export class ScalarCell extends LabelledCell {
  /** Counters: the sum of whole deltas (exact up to 2^53). */
  whole = 0;
  /** Counters: the sum of fractional deltas; other kinds: the value. */
  v = 0;
  /** The series' value, as client_golang reads a counter: float part + whole part (a gauge's -0 stays -0). */
  get value(): number {
    return this.whole === 0 ? this.v : this.v + this.whole;
  }
}

/** A counter delta, already checked to be finite and >= 0: whole ones add exactly. */
export function addToCounter(cell: ScalarCell, v: number): void {
  if (Math.floor(v) === v) cell.whole += v;
  else cell.v += v;
}

/** 2^32: a Uint32 bucket count that reaches it carries into the cell's wide counts. */
const U32 = 2 ** 32;

/**
 * Bucket counts past 2^32 - 1, per cell, in units of 2^32 (one Float64Array of the bucket count
 * per cell that ever overflowed: almost always none). `anyWide` keeps the read path to one test.
 */
const wideCounts = new WeakMap<HistogramCell, Float64Array>();
let anyWide = false;

/**
 * One histogram series. Its numbers live in its family's HistogramStore (see histogram-store.ts):
 * `chunk` holds its record, `at` is the record's Float64 index there. Read them with
 * bucket(i) (per-bucket, not cumulative; the last slot is +Inf), sum, count, min and max.
 */
export class HistogramCell extends LabelledCell {
  /** The chunk of its family's store that holds this series' record. */
  chunk: HistogramChunk;
  /** The record's index in chunk.stats (sum, min, max); its counts start at countsAt(chunk, at) in chunk.counts. */
  at: number;
  constructor(values: readonly string[] | null, store: HistogramStore, shared?: SharedLabels) {
    super(values, shared);
    this.at = store.take();
    this.chunk = store.taken;
  }
  /** Buckets, the +Inf one included. */
  get bucketCount(): number {
    return this.chunk.slots;
  }
  /** Observations in bucket i (not cumulative). */
  bucket(i: number): number {
    const n = this.chunk.counts[countsAt(this.chunk, this.at) + i]!;
    // Stryker disable next-line ConditionalExpression: a shortcut only (no wide counts anywhere: the lookup below finds none either)
    if (!anyWide) return n;
    const wide = wideCounts.get(this);
    return wide === undefined ? n : n + wide[i]! * U32;
  }
  /** A copy of the per-bucket counts (not cumulative), the last one +Inf. */
  get counts(): Float64Array {
    const out = new Float64Array(this.chunk.slots);
    // Stryker disable next-line EqualityOperator: `<=` writes out[length], which a typed array ignores
    for (let i = 0; i < out.length; i++) out[i] = this.bucket(i);
    return out;
  }
  /** Sets bucket i's count (aggregation merges; any non-negative whole number, exact to 2^53). */
  setBucket(i: number, n: number): void {
    const low = n % U32;
    this.chunk.counts[countsAt(this.chunk, this.at) + i] = low;
    const high = (n - low) / U32;
    const wide = wideCounts.get(this);
    if (wide !== undefined) wide[i] = high;
    else {
      // (Inside the block: before `else`, the comment would belong to the line above and disable nothing.)
      // Stryker disable next-line ConditionalExpression: widening a cell for a zero high part costs memory only (reads the same)
      if (high !== 0) widen(this)[i] = high;
    }
  }
  get count(): number {
    let n = 0;
    for (let i = 0; i < this.chunk.slots; i++) n += this.bucket(i);
    return n;
  }
  get sum(): number {
    return this.chunk.stats[this.at]!;
  }
  set sum(v: number) {
    this.chunk.stats[this.at] = v;
  }
  /**
   * +Infinity while empty, or when the Registry keeps no min and max (histogramMinMax: false: the
   * record has no room for them, and setting them does nothing).
   */
  get min(): number {
    return this.chunk.minMax ? this.chunk.stats[this.at + 1]! : Infinity;
  }
  set min(v: number) {
    if (this.chunk.minMax) this.chunk.stats[this.at + 1] = v;
  }
  /** -Infinity while empty, or when the Registry keeps no min and max. */
  get max(): number {
    return this.chunk.minMax ? this.chunk.stats[this.at + 2]! : -Infinity;
  }
  set max(v: number) {
    if (this.chunk.minMax) this.chunk.stats[this.at + 2] = v;
  }
  /** Back to no observations. */
  reset(): void {
    // The whole record, counts included (they are its last words).
    const { stats: f, words, minMax } = this.chunk;
    f.fill(0, this.at, this.at + words);
    if (minMax) {
      f[this.at + 1] = Infinity;
      f[this.at + 2] = -Infinity;
    }
    wideCounts.delete(this);
  }
  /**
   * Moves this series' record to a private chunk, so its store can hand the old record to a new
   * series while anything still holding this cell (a bound handle, a render in progress) keeps
   * reading and writing its own numbers. Returns the old place.
   */
  detach(): { chunk: HistogramChunk; at: number } {
    const old = { chunk: this.chunk, at: this.at };
    const { words, slots, minMax } = this.chunk;
    const own = new HistogramChunk(1, words, slots, minMax);
    own.stats.set(this.chunk.stats.subarray(this.at, this.at + words));
    this.chunk = own;
    this.at = 0;
    return old;
  }
}

function widen(cell: HistogramCell): Float64Array {
  const wide = new Float64Array(cell.bucketCount);
  wideCounts.set(cell, wide);
  anyWide = true;
  return wide;
}

/** A bucket count wrapped past 2^32 - 1 to 0: the 2^32 goes to the cell's wide counts. */
function carry(cell: HistogramCell, i: number): void {
  (wideCounts.get(cell) ?? widen(cell))[i]!++;
}

/** One summary series, filled by a callback (go_gc_duration_seconds). */
export class SummaryCell extends LabelledCell {
  readonly quantileValues: Float64Array;
  sum = 0;
  count = 0;
  constructor(values: readonly string[] | null, quantileCount: number, shared?: SharedLabels) {
    super(values, shared);
    this.quantileValues = new Float64Array(quantileCount);
  }
}

/** Index of the bucket a value falls in: the first upper bound >= v (Prometheus `le`). */
export function bucketIndex(bounds: ArrayLike<number>, v: number): number {
  let i = 0;
  const n = bounds.length;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: past the end, v > undefined is false and stops the loop as well
  while (i < n && v > bounds[i]!) i++;
  return i;
}

/** bucketIndex for one fixed list of bounds. */
export type BucketFinder = (v: number) => number;

const finders = new Map<string, BucketFinder>();

/**
 * bucketIndex compiled for one bounds list: a balanced binary search over the bounds written as
 * literals, so a 16-bucket record costs five compares and no array loads (about 10 ns, against
 * 17 ns for the scan over a Float64Array and 65 ns over the catalog's frozen array, which V8
 * keeps boxed). Shared by every histogram with the same bounds, so their call sites stay
 * monomorphic. Bounds are catalog numbers, printed with String(), which round-trips exactly;
 * an unsorted or non-numeric list keeps the plain scan.
 */
export function compileBucketIndex(bounds: readonly number[]): BucketFinder {
  const key = bounds.join(',');
  let find = finders.get(key);
  if (find) return find;
  // Stryker disable next-line ConditionalExpression: `false` keeps the scan, which gives the same index (slower)
  if (searchable(bounds)) {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    find = new Function('v', searchCode(bounds, 0, bounds.length)) as BucketFinder;
  } else {
    const copy = Float64Array.from(bounds);
    find = (v) => bucketIndex(copy, v);
  }
  finders.set(key, find);
  return find;
}

/** Whether a bounds list can be compiled into a binary search: numbers only, none NaN, strictly ascending. */
export function searchable(bounds: readonly number[]): boolean {
  return bounds.every((b, i) => typeof b === 'number' && !Number.isNaN(b) && (i === 0 || b > bounds[i - 1]!));
}

/** `if (v > b[mid]) {upper half} else {lower half}` down to `return i;`. */
function searchCode(bounds: readonly number[], lo: number, hi: number): string {
  if (lo >= hi) return `return ${lo};`;
  const mid = (lo + hi) >>> 1;
  return `if (v > ${String(bounds[mid])}) {${searchCode(bounds, mid + 1, hi)}} else {${searchCode(bounds, lo, mid)}}`;
}

/** 2^32 - 1: the largest Uint32 count; one more wraps to 0 and carries. */
const MAX_U32 = 0xffffffff;

/**
 * One observation, already checked to be finite and >= 0. Every number is a typed-array element of
 * the family's store: no boxed doubles to update, and a bucket count costs 4 bytes.
 */
export function recordInto(cell: HistogramCell, bucket: BucketFinder, v: number): void {
  const k = cell.chunk;
  const at = cell.at;
  const b = bucket(v);
  const u = k.counts;
  const i = 2 * at + k.countsFrom + b; // countsAt(k, at) + b, written out for the hot path
  if (u[i]++ === MAX_U32) carry(cell, b);
  const f = k.stats;
  f[at]! += v;
  // Min and max cost two typed-array loads per observation: skipped where nobody exports them.
  if (k.minMax) {
    // Math.min/max as the OpenTelemetry SDK does: -0 then 0 gives max 0 (a plain > keeps -0).
    f[at + 1] = Math.min(f[at + 1]!, v);
    f[at + 2] = Math.max(f[at + 2]!, v);
  }
}
