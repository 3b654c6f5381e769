import type { MetricEntry } from '@teleport-otel/catalog';
import { addToCounter, compileBucketIndex, HistogramCell, recordInto, ScalarCell, SummaryCell, type BucketFinder } from './cells';
import type { Family } from './family';
import type { Problems } from './problems';
import type { BoundCounter, BoundHistogram, BoundUpDownCounter, SummaryValue } from './types';
import { invalidValue } from './values';

/**
 * Binds an instance's prototype methods onto it, so a method handed around on its own
 * (`socket.on('close', sessions.dec)`, `items.forEach(requests.inc)`) still records, as the SDK
 * path's closures do, instead of throwing on an unbound `this`.
 */
function bindMethods(self: object): void {
  // Walks the whole prototype chain (a subclass such as ExemplarCounter first, so its overrides win).
  for (
    let proto = Object.getPrototypeOf(self) as Record<string, unknown>;
    proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      const method = proto[key];
      if (
        key !== 'constructor' &&
        // Stryker disable next-line ConditionalExpression: `true` is the same on these prototypes, which hold methods only (docs/testing.md)
        typeof method === 'function' &&
        !Object.prototype.hasOwnProperty.call(self, key)
      ) {
        Object.defineProperty(self, key, { value: method.bind(self), writable: true, configurable: true });
      }
    }
  }
}

/*
 * Instruments over a Registry's cells. Every hot method is one inline validity test, one
 * compiled lookup and one field update; anything unusual falls to Problems (counted, logged once).
 * A valid counter delta is `typeof v === 'number' && v >= 0 && v < Infinity` (NaN fails `>=`).
 */

export class FastCounter {
  constructor(readonly entry: MetricEntry, protected readonly f: Family<ScalarCell>, protected readonly p: Problems) {
    bindMethods(this);
  }
  add(v: number, labels?: unknown): void {
    if (typeof v === 'number' && v >= 0 && v < Infinity) addToCounter(this.f.index.get(labels), v);
    else this.p.dropped(this.entry.name, invalidValue(v, false)!, v);
  }
  inc(labels?: unknown): void {
    this.f.index.get(labels).whole++;
  }
  bind(labels?: unknown): BoundCounter {
    return boundFastCounter(this.f.index.get(labels), this.entry.name, this.p);
  }
  remove(labels?: unknown): void {
    this.f.index.remove(labels);
  }
}

/**
 * Bound handles are closures, not classes: a detached `add` still works, and a closure call costs
 * nothing extra where a bound method's trampoline roughly doubled the ~5 ns of a bound add.
 */
export function boundFastCounter(cell: ScalarCell, name: string, p: Problems): BoundCounter {
  return {
    add(v: number): void {
      if (typeof v === 'number' && v >= 0 && v < Infinity) addToCounter(cell, v);
      else p.dropped(name, invalidValue(v, false)!, v);
    },
    inc(): void {
      cell.whole++;
    },
  };
}

/** Counts a value an up-down counter or gauge cannot take: not a number, NaN or infinite (either sign is valid). */
function droppedNotFinite(p: Problems, name: string, v: unknown): void {
  // Stryker disable next-line BooleanLiteral: invalidValue answers a non-finite or non-number before it reads allowNegative (docs/testing.md)
  p.dropped(name, invalidValue(v, true)!, v);
}

export class FastUpDownCounter {
  constructor(readonly entry: MetricEntry, private readonly f: Family<ScalarCell>, private readonly p: Problems) {
    bindMethods(this);
  }
  add(v: number, labels?: unknown): void {
    if (typeof v === 'number' && v - v === 0) this.f.index.get(labels).v += v;
    else droppedNotFinite(this.p, this.entry.name, v);
  }
  inc(labels?: unknown): void {
    this.f.index.get(labels).v++;
  }
  dec(labels?: unknown): void {
    this.f.index.get(labels).v--;
  }
  bind(labels?: unknown): BoundUpDownCounter {
    return boundFastUpDownCounter(this.f.index.get(labels), this.entry.name, this.p);
  }
  remove(labels?: unknown): void {
    this.f.index.remove(labels);
  }
}

export function boundFastUpDownCounter(cell: ScalarCell, name: string, p: Problems): BoundUpDownCounter {
  return {
    add(v: number): void {
      if (typeof v === 'number' && v - v === 0) cell.v += v;
      else droppedNotFinite(p, name, v);
    },
    inc(): void {
      cell.v++;
    },
    dec(): void {
      cell.v--;
    },
  };
}

export class FastGauge {
  constructor(readonly entry: MetricEntry, private readonly f: Family<ScalarCell>, private readonly p: Problems) {
    bindMethods(this);
  }
  set(v: number, labels?: unknown): void {
    if (typeof v === 'number' && v - v === 0) this.f.index.get(labels).v = v;
    else droppedNotFinite(this.p, this.entry.name, v);
  }
  bind(labels?: unknown): { set(v: number): void } {
    const cell = this.f.index.get(labels);
    const { name } = this.entry;
    const p = this.p;
    return {
      set(v: number): void {
        if (typeof v === 'number' && v - v === 0) cell.v = v;
        else droppedNotFinite(p, name, v);
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
  protected readonly bucket: BucketFinder;
  constructor(readonly entry: MetricEntry, protected readonly f: Family<HistogramCell>, protected readonly p: Problems) {
    this.bucket = compileBucketIndex(f.bounds);
    bindMethods(this);
  }
  record(v: number, labels?: unknown): void {
    if (typeof v === 'number' && v >= 0 && v < Infinity) recordInto(this.f.index.get(labels), this.bucket, v);
    else this.p.dropped(this.entry.name, invalidValue(v, false)!, v);
  }
  bind(labels?: unknown): BoundHistogram {
    return boundFastHistogram(this.f.index.get(labels), this.bucket, this.entry.name, this.p);
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

export function boundFastHistogram(cell: HistogramCell, bucket: BucketFinder, name: string, p: Problems): BoundHistogram {
  return {
    record(v: number): void {
      if (typeof v === 'number' && v >= 0 && v < Infinity) recordInto(cell, bucket, v);
      else p.dropped(name, invalidValue(v, false)!, v);
    },
  };
}

/** Observed metrics: callbacks refill the family's series before each collection. */
export class FastObserved {
  constructor(readonly entry: MetricEntry, private readonly f: Family, private readonly p: Problems) {
    bindMethods(this);
  }
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
