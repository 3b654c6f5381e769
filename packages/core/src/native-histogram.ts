import { NATIVE_HISTOGRAM_BOUNDS } from './native-histogram-bounds';
import { HistogramCell } from './cells';
import type { SharedLabels } from './cell-labels';
import type { HistogramStore } from './histogram-store';

/*
 * Sparse exponential ("native") histogram buckets, as client_golang 1.14 keeps them beside a
 * histogram's classic buckets: bucket key k at schema s counts observations in
 * (2^((k-1)/2^s), 2^(k/2^s)], a zero bucket takes |v| <= zeroThreshold, and past `maxBuckets`
 * populated buckets the schema is decremented (two buckets merged into one), as
 * NativeHistogramMaxBucketNumber does when neither a reset nor a wider zero bucket is configured.
 * Hand-written: no JavaScript library keeps Prometheus native histograms; OpenTelemetry's
 * exponential histogram uses other bucket edges (lower-inclusive) and its own rescaling rule.
 * Only non-negative values reach it (the record path drops negative ones), so there are no
 * negative buckets.
 */

export interface NativeHistogramOptions {
  /**
   * Largest growth factor allowed between two bucket bounds; picks the schema as client_golang's
   * NativeHistogramBucketFactor does. Default 1.1 (schema 3: 8 buckets per power of two).
   */
  bucketFactor?: number;
  /** Populated buckets per series before the resolution is halved (NativeHistogramMaxBucketNumber). Default 160. */
  maxBuckets?: number;
  /** Width of the zero bucket (NativeHistogramZeroThreshold). Default 2^-128, client_golang's. */
  zeroThreshold?: number;
}

export const DEFAULT_NATIVE_BUCKET_FACTOR = 1.1;
export const DEFAULT_NATIVE_MAX_BUCKETS = 160;
/** client_golang's DefNativeHistogramZeroThreshold (2^-128). */
export const DEFAULT_NATIVE_ZERO_THRESHOLD = 2.938735877055719e-39;
const MIN_SCHEMA = -4;

/** Validated settings shared by every series of one family. */
export interface NativeHistogramConfig {
  readonly schema: number;
  readonly maxBuckets: number;
  readonly zeroThreshold: number;
}

export function nativeHistogramConfig(options: NativeHistogramOptions = {}): NativeHistogramConfig {
  const factor = options.bucketFactor ?? DEFAULT_NATIVE_BUCKET_FACTOR;
  if (typeof factor !== 'number' || !(factor > 1) || factor === Infinity)
    throw new Error(`teleport-otel: nativeHistogramOptions.bucketFactor must be a number above 1, got ${String(factor)}`);
  const maxBuckets = options.maxBuckets ?? DEFAULT_NATIVE_MAX_BUCKETS;
  if (!Number.isInteger(maxBuckets) || maxBuckets < 1)
    throw new Error(`teleport-otel: nativeHistogramOptions.maxBuckets must be a positive integer, got ${String(maxBuckets)}`);
  const zeroThreshold = options.zeroThreshold ?? DEFAULT_NATIVE_ZERO_THRESHOLD;
  if (typeof zeroThreshold !== 'number' || !(zeroThreshold >= 0) || zeroThreshold === Infinity)
    throw new Error(
      `teleport-otel: nativeHistogramOptions.zeroThreshold must be a finite number >= 0, got ${String(zeroThreshold)}`
    );
  return { schema: pickSchema(factor), maxBuckets, zeroThreshold };
}

/** client_golang's pickSchema: the largest schema in -4..8 whose factor 2^(2^-schema) is <= bucketFactor. */
export function pickSchema(bucketFactor: number): number {
  const floor = Math.floor(Math.log2(Math.log2(bucketFactor)));
  if (floor <= -8) return 8;
  if (floor >= 4) return -4;
  return -floor;
}

/** Spans and deltas of the populated buckets, as client_golang's makeBuckets lays them out. */
export interface NativeBuckets {
  /** [offset, length] pairs: offset is the gap from the previous span's end (the first: its start key). */
  readonly spans: readonly (readonly [number, number])[];
  /** Each bucket's count minus the previous bucket's (the first: minus 0), gaps of <= 2 filled with empty buckets. */
  readonly deltas: readonly number[];
}

/** One series' sparse buckets: created only for families with native histograms on. */
export class NativeHistogram {
  schema: number;
  zeroCount = 0;
  /** Bucket key -> count. */
  readonly positive = new Map<number, number>();

  constructor(readonly config: NativeHistogramConfig) {
    this.schema = config.schema;
  }

  get zeroThreshold(): number {
    return this.config.zeroThreshold;
  }

  /** Adds one non-negative, finite observation (the caller validated it). */
  observe(v: number): void {
    if (!(v > this.config.zeroThreshold)) {
      this.zeroCount++;
      return;
    }
    const k = bucketKey(v, this.schema);
    const count = this.positive.get(k);
    if (count !== undefined) {
      this.positive.set(k, count + 1);
      return;
    }
    this.positive.set(k, 1);
    if (this.positive.size > this.config.maxBuckets) this.halveResolution();
  }

  /** doubleBucketWidth: one schema down, each pair of buckets merged (no-op at schema -4). */
  private halveResolution(): void {
    if (this.schema === MIN_SCHEMA) return;
    this.schema--;
    const old = [...this.positive];
    this.positive.clear();
    for (const [key, count] of old) {
      // Go's integer division truncates toward zero: key k at the finer schema lands in ceil(k/2).
      const merged = Math.trunc((key > 0 ? key + 1 : key) / 2);
      this.positive.set(merged, (this.positive.get(merged) ?? 0) + count);
    }
  }

  /** Sorted populated buckets as spans and deltas (client_golang's makeBuckets). */
  buckets(): NativeBuckets {
    const keys = [...this.positive.keys()].sort((a, b) => a - b);
    const spans: [number, number][] = [];
    const deltas: number[] = [];
    let previous = 0;
    let next = 0;
    keys.forEach((key, n) => {
      const gap = key - next;
      if (n === 0 || gap > 2) spans.push([gap, 0]);
      else {
        // Gaps of one or two buckets are cheaper as empty buckets than as a new span.
        for (let j = 0; j < gap; j++) {
          spans[spans.length - 1]![1]++;
          deltas.push(-previous);
          previous = 0;
        }
      }
      const count = this.positive.get(key)!;
      spans[spans.length - 1]![1]++;
      deltas.push(count - previous);
      previous = count;
      next = key + 1;
    });
    return { spans, deltas };
  }
}

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
/** Index of the high word of a float64 in `words` (1 on little-endian machines). */
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The bucket key of a positive, finite v at `schema`: client_golang's math.Frexp-based key. */
export function bucketKey(v: number, schema: number): number {
  // math.Frexp: v = frac * 2^exp with frac in [0.5, 1).
  scratch[0] = v;
  let exp = (words[HIGH]! >>> 20) & 0x7ff;
  let bias = 1022;
  if (exp === 0) {
    // Subnormal: scale into the normal range first.
    scratch[0] = v * 2 ** 64;
    exp = (words[HIGH]! >>> 20) & 0x7ff;
    bias += 64;
  }
  words[HIGH] = (words[HIGH]! & 0x800fffff) | (1022 << 20);
  const frac = scratch[0]!;
  const e = exp - bias;
  if (schema > 0) {
    const bounds = NATIVE_HISTOGRAM_BOUNDS[schema]!;
    // sort.SearchFloat64s: the first bound >= frac.
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (bounds[mid]! < frac) lo = mid + 1;
      else hi = mid;
    }
    return lo + (e - 1) * bounds.length;
  }
  let key = frac === 0.5 ? e - 1 : e;
  const div = 2 ** -schema;
  key = Math.trunc((key + div - 1) / div);
  return key;
}

/** A histogram series that also keeps native buckets (families with native histograms on). */
export class NativeHistogramCell extends HistogramCell {
  readonly native: NativeHistogram;
  constructor(values: readonly string[] | null, store: HistogramStore, config: NativeHistogramConfig, shared?: SharedLabels) {
    super(values, store, shared);
    this.native = new NativeHistogram(config);
  }
}

export function isNativeCell(cell: HistogramCell): cell is NativeHistogramCell {
  return cell instanceof NativeHistogramCell;
}
