import { constants, PerformanceObserver, performance, type PerformanceEntry } from 'node:perf_hooks';

/** V8 collection kinds, named as semconv's v8js.gc.type values. */
export type GcKind = 'major' | 'minor' | 'incremental' | 'weakcb';

const KINDS = new Map<number, GcKind>([
  [constants.NODE_PERFORMANCE_GC_MAJOR, 'major'],
  [constants.NODE_PERFORMANCE_GC_MINOR, 'minor'],
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental'],
  [constants.NODE_PERFORMANCE_GC_WEAKCB, 'weakcb'],
]);

/** How many recent pauses the quantiles cover: Go's runtime keeps the 256 most recent. */
export const RECENT_PAUSES = 256;

/**
 * Recent GC pauses, for the catalog's go.gcDurationSeconds: quantiles over a window of the most recent
 * pauses, sum and count over all of them (as debug.ReadGCStats gives PauseQuantiles over recent
 * pauses and PauseTotal/NumGC over the process' life).
 */
export class PauseWindow {
  private readonly recent = new Float64Array(RECENT_PAUSES);
  private filled = 0;
  private next = 0;
  count = 0;
  sum = 0;

  add(seconds: number): void {
    this.recent[this.next] = seconds;
    this.next = (this.next + 1) % RECENT_PAUSES;
    if (this.filled < RECENT_PAUSES) this.filled++;
    this.count++;
    this.sum += seconds;
  }

  /**
   * The pause at each quantile of the window: index floor(n * q) of the sorted pauses, the
   * largest for q = 1 (Go's rule for evenly spaced quantiles). All zero before the first pause.
   */
  quantiles(qs: readonly number[]): number[] {
    const n = this.filled;
    if (n === 0) return qs.map(() => 0);
    const sorted = this.recent.slice(0, n).sort();
    return qs.map((q) => sorted[q >= 1 ? n - 1 : Math.min(n - 1, Math.floor(n * q))]!);
  }
}

/**
 * Watches V8 collections through a perf_hooks 'gc' observer. Entries are delivered
 * asynchronously after each collection, off every recording path.
 */
export class GcWatcher {
  readonly pauses = new PauseWindow();
  /** End of the latest collection, milliseconds since the epoch (0: none seen yet). */
  lastEndMs = 0;
  private readonly observer: PerformanceObserver;
  private readonly listeners: ((seconds: number, kind: GcKind | undefined) => void)[] = [];

  constructor() {
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) this.onEntry(entry);
    });
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Calls `listener` with each collection's duration in seconds and its kind. */
  onGc(listener: (seconds: number, kind: GcKind | undefined) => void): void {
    this.listeners.push(listener);
  }

  stop(): void {
    this.observer.disconnect();
  }

  private onEntry(entry: PerformanceEntry): void {
    const seconds = entry.duration / 1000;
    const detail = (entry as PerformanceEntry & { readonly detail?: { readonly kind?: number } }).detail;
    const kind = detail?.kind === undefined ? undefined : KINDS.get(detail.kind);
    this.pauses.add(seconds);
    this.lastEndMs = performance.timeOrigin + entry.startTime + entry.duration;
    for (const l of this.listeners) l(seconds, kind);
  }
}
