import { recordInto, type BucketFinder } from './cells';
import { FastHistogram, boundFastHistogram } from './fast';
import { ExemplarHistogram } from './fast-exemplars';
import type { NativeHistogramCell } from './native-histogram';
import type { BoundHistogram } from './types';
import { invalidValue } from './values';

/**
 * A histogram whose family keeps native buckets too: its own class, so the plain FastHistogram's
 * record path stays exactly as it is when native histograms are off.
 */
export class FastNativeHistogram extends FastHistogram {
  override record(v: number, labels?: unknown): void {
    if (typeof v === 'number' && v >= 0 && v < Infinity)
      recordNative(this.f.index.get(labels) as NativeHistogramCell, this.bucket, v);
    else this.p.dropped(this.entry.name, invalidValue(v, false)!, v);
  }
  override bind(labels?: unknown): BoundHistogram {
    const cell = this.f.index.get(labels) as NativeHistogramCell;
    const bucket = this.bucket;
    const invalid = boundFastHistogram(cell, bucket, this.entry.name, this.p);
    return {
      record(v: number): void {
        if (typeof v === 'number' && v >= 0 && v < Infinity) recordNative(cell, bucket, v);
        else invalid.record(v);
      },
    };
  }
}

function recordNative(cell: NativeHistogramCell, bucket: BucketFinder, v: number): void {
  recordInto(cell, bucket, v);
  cell.native.observe(v);
}

const valid = (v: number): boolean => typeof v === 'number' && v >= 0 && v < Infinity;

/** Native buckets and exemplars both on (startDiag nativeHistograms with openMetrics): the exemplar record, then the native one. */
export class ExemplarNativeHistogram extends ExemplarHistogram {
  override record(v: number, labels?: unknown): void {
    super.record(v, labels);
    if (valid(v)) (this.f.index.get(labels) as NativeHistogramCell).native.observe(v);
  }
  override bind(labels?: unknown): BoundHistogram {
    const cell = this.f.index.get(labels) as NativeHistogramCell;
    const inner = super.bind(labels);
    return {
      record(v: number): void {
        inner.record(v);
        if (valid(v)) cell.native.observe(v);
      },
    };
  }
}
