import type { HistogramCell, ScalarCell, BucketFinder } from './cells';
import { addToCounter, recordInto } from './cells';
import { keepExemplar, sampledSpanContext } from './exemplars';
import { boundFastCounter, boundFastHistogram, FastCounter, FastHistogram } from './fast';
import type { BoundCounter, BoundHistogram } from './types';

/*
 * The fast path's counters and histograms for a Registry created with `exemplars: true`: each
 * measurement made while a sampled span is active also becomes its series' (or bucket's) latest
 * exemplar. createInstruments picks these classes only for such a Registry, so the default
 * instruments in fast.ts carry no exemplar test at all. Outside a span the extra cost is one
 * context lookup (sampledSpanContext).
 */

const valid = (v: number): boolean => typeof v === 'number' && v >= 0 && v < Infinity;

export class ExemplarCounter extends FastCounter {
  override add(v: number, labels?: unknown): void {
    if (!valid(v)) return super.add(v, labels); // counted as dropped there
    const cell = this.f.index.get(labels);
    addToCounter(cell, v);
    const sc = sampledSpanContext();
    if (sc !== undefined) keepExemplar(cell, 0, 1, v, sc);
  }
  override inc(labels?: unknown): void {
    const cell = this.f.index.get(labels);
    cell.whole++;
    const sc = sampledSpanContext();
    if (sc !== undefined) keepExemplar(cell, 0, 1, 1, sc);
  }
  override bind(labels?: unknown): BoundCounter {
    const cell = this.f.index.get(labels);
    return exemplarBoundCounter(cell, boundFastCounter(cell, this.entry.name, this.p));
  }
}

function exemplarBoundCounter(cell: ScalarCell, inner: BoundCounter): BoundCounter {
  return {
    add(v: number): void {
      inner.add(v);
      if (!valid(v)) return;
      const sc = sampledSpanContext();
      if (sc !== undefined) keepExemplar(cell, 0, 1, v, sc);
    },
    inc(): void {
      inner.inc();
      const sc = sampledSpanContext();
      if (sc !== undefined) keepExemplar(cell, 0, 1, 1, sc);
    },
  };
}

export class ExemplarHistogram extends FastHistogram {
  override record(v: number, labels?: unknown): void {
    if (!valid(v)) return super.record(v, labels); // counted as dropped there
    const cell = this.f.index.get(labels);
    recordInto(cell, this.bucket, v);
    const sc = sampledSpanContext();
    if (sc !== undefined) keepExemplar(cell, this.bucket(v), cell.bucketCount, v, sc);
  }
  override bind(labels?: unknown): BoundHistogram {
    const cell = this.f.index.get(labels);
    return exemplarBoundHistogram(cell, this.bucket, boundFastHistogram(cell, this.bucket, this.entry.name, this.p));
  }
}

function exemplarBoundHistogram(cell: HistogramCell, bucket: BucketFinder, inner: BoundHistogram): BoundHistogram {
  return {
    record(v: number): void {
      inner.record(v);
      if (!valid(v)) return;
      const sc = sampledSpanContext();
      if (sc !== undefined) keepExemplar(cell, bucket(v), cell.bucketCount, v, sc);
    },
  };
}
