/** One series of a counter, up-down counter or gauge. `values` is null for the overflow series. */
export class ScalarCell {
  v = 0;
  constructor(readonly values: readonly string[] | null) {}
}

/** One histogram series: per-bucket (not cumulative) counts, the last slot being +Inf. */
export class HistogramCell {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;
  min = Infinity;
  max = -Infinity;
  constructor(readonly values: readonly string[] | null, bucketCount: number) {
    this.counts = new Float64Array(bucketCount + 1);
  }
}

/** One summary series, filled by a callback (go_gc_duration_seconds). */
export class SummaryCell {
  readonly quantileValues: Float64Array;
  sum = 0;
  count = 0;
  constructor(readonly values: readonly string[] | null, quantileCount: number) {
    this.quantileValues = new Float64Array(quantileCount);
  }
}

/** Index of the bucket a value falls in: the first upper bound >= v (Prometheus `le`). */
export function bucketIndex(bounds: readonly number[], v: number): number {
  let i = 0;
  const n = bounds.length;
  while (i < n && v > bounds[i]!) i++;
  return i;
}

export function recordInto(cell: HistogramCell, bounds: readonly number[], v: number): void {
  cell.counts[bucketIndex(bounds, v)]!++;
  cell.sum += v;
  cell.count++;
  if (v < cell.min) cell.min = v;
  if (v > cell.max) cell.max = v;
}
