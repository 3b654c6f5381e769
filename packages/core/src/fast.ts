import type { MetricEntry } from '@teleport-otel/catalog';
import { compileBucketIndex, HistogramCell, recordInto, ScalarCell, SummaryCell, type BucketFinder } from './cells';
import type { Family } from './family';
import type { Problems } from './problems';
import type { SummaryValue } from './types';
import { invalidValue } from './values';

/*
 * Instruments over a Registry's cells. Every hot method is one inline validity test, one
 * compiled lookup and one field update; anything unusual falls to Problems (counted, logged once).
 * A valid counter delta is `typeof v === 'number' && v >= 0 && v < Infinity` (NaN fails `>=`).
 */

export class FastCounter {
  constructor(readonly entry: MetricEntry, private readonly f: Family<ScalarCell>, private readonly p: Problems) {}
  add(v: number, labels?: unknown): void {
    if (typeof v === 'number' && v >= 0 && v < Infinity) this.f.index.get(labels).v += v;
    else this.p.dropped(this.entry.name, invalidValue(v, false)!, v);
  }
  inc(labels?: unknown): void {
    this.f.index.get(labels).v++;
  }
  bind(labels?: unknown): BoundFastCounter {
    return new BoundFastCounter(this.f.index.get(labels), this.entry.name, this.p);
  }
  remove(labels?: unknown): void {
    this.f.index.remove(labels);
  }
}

export class BoundFastCounter {
  constructor(private readonly cell: ScalarCell, private readonly name: string, private readonly p: Problems) {}
  add(v: number): void {
    if (typeof v === 'number' && v >= 0 && v < Infinity) this.cell.v += v;
    else this.p.dropped(this.name, invalidValue(v, false)!, v);
  }
  inc(): void {
    this.cell.v++;
  }
}

export class FastUpDownCounter {
  constructor(readonly entry: MetricEntry, private readonly f: Family<ScalarCell>, private readonly p: Problems) {}
  add(v: number, labels?: unknown): void {
    if (typeof v === 'number' && v - v === 0) this.f.index.get(labels).v += v;
    else this.p.dropped(this.entry.name, invalidValue(v, true)!, v);
  }
  inc(labels?: unknown): void {
    this.f.index.get(labels).v++;
  }
  dec(labels?: unknown): void {
    this.f.index.get(labels).v--;
  }
  bind(labels?: unknown): BoundFastUpDownCounter {
    return new BoundFastUpDownCounter(this.f.index.get(labels), this.entry.name, this.p);
  }
  remove(labels?: unknown): void {
    this.f.index.remove(labels);
  }
}

export class BoundFastUpDownCounter {
  constructor(private readonly cell: ScalarCell, private readonly name: string, private readonly p: Problems) {}
  add(v: number): void {
    if (typeof v === 'number' && v - v === 0) this.cell.v += v;
    else this.p.dropped(this.name, invalidValue(v, true)!, v);
  }
  inc(): void {
    this.cell.v++;
  }
  dec(): void {
    this.cell.v--;
  }
}

export class FastGauge {
  constructor(readonly entry: MetricEntry, private readonly f: Family<ScalarCell>, private readonly p: Problems) {}
  set(v: number, labels?: unknown): void {
    if (typeof v === 'number' && v - v === 0) this.f.index.get(labels).v = v;
    else this.p.dropped(this.entry.name, invalidValue(v, true)!, v);
  }
  bind(labels?: unknown): { set(v: number): void } {
    const cell = this.f.index.get(labels);
    const { name } = this.entry;
    const p = this.p;
    return {
      set(v: number): void {
        if (typeof v === 'number' && v - v === 0) cell.v = v;
        else p.dropped(name, invalidValue(v, true)!, v);
      },
    };
  }
  remove(labels?: unknown): void {
    this.f.index.remove(labels);
  }
  reset(): void {
    this.f.index.clear();
  }
}

export class FastHistogram {
  /** The family's bucket search, compiled once per bounds list (see compileBucketIndex). */
  private readonly bucket: BucketFinder;
  constructor(readonly entry: MetricEntry, private readonly f: Family<HistogramCell>, private readonly p: Problems) {
    this.bucket = compileBucketIndex(f.bounds);
  }
  record(v: number, labels?: unknown): void {
    if (typeof v === 'number' && v >= 0 && v < Infinity) recordInto(this.f.index.get(labels), this.bucket, v);
    else this.p.dropped(this.entry.name, invalidValue(v, false)!, v);
  }
  bind(labels?: unknown): BoundFastHistogram {
    return new BoundFastHistogram(this.f.index.get(labels), this.bucket, this.entry.name, this.p);
  }
  startTimer(labels?: unknown): () => number {
    const start = process.hrtime.bigint();
    return () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      this.record(seconds, labels);
      return seconds;
    };
  }
}

export class BoundFastHistogram {
  constructor(
    private readonly cell: HistogramCell,
    private readonly bucket: BucketFinder,
    private readonly name: string,
    private readonly p: Problems
  ) {}
  record(v: number): void {
    if (typeof v === 'number' && v >= 0 && v < Infinity) recordInto(this.cell, this.bucket, v);
    else this.p.dropped(this.name, invalidValue(v, false)!, v);
  }
}

/** Observed metrics: callbacks refill the family's series before each collection. */
export class FastObserved {
  constructor(readonly entry: MetricEntry, private readonly f: Family, private readonly p: Problems) {}
  addCallback(callback: (observe: (value: number | SummaryValue, labels?: unknown) => void) => void): void {
    const { index } = this.f;
    const name = this.entry.name;
    const p = this.p;
    const observe = (value: number | SummaryValue, labels?: unknown): void => {
      if (typeof value === 'object' && value !== null) {
        const cell = index.get(labels) as SummaryCell;
        value.quantiles.forEach((q, i) => (cell.quantileValues[i] = q));
        cell.sum = value.sum;
        cell.count = value.count;
        return;
      }
      const bad = invalidValue(value, true);
      if (bad) p.dropped(name, bad, value);
      else (index.get(labels) as ScalarCell).v = value;
    };
    this.f.callbacks.push(() => {
      try {
        callback(observe);
      } catch (err) {
        p.dropped(name, 'callback_error', err instanceof Error ? err.message : err);
      }
    });
  }
}
