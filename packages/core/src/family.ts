import type { MetricEntry } from '@teleport-otel/catalog';
import type { SharedLabels } from './cell-labels';
import { HistogramCell, ScalarCell, SummaryCell } from './cells';
import { HistogramStore } from './histogram-store';
import { NativeHistogramCell, type NativeHistogramConfig } from './native-histogram';
import type { Problems } from './problems';
import { SeriesIndex, type SeriesHooks } from './series';

export type AnyCell = ScalarCell | HistogramCell | SummaryCell;
export type CollectCallback = () => void;

/**
 * One registered metric in a Registry: its catalog entry, const label values, series and, for
 * observed metrics, the callbacks that refresh it before each collection.
 */
export class Family<C extends AnyCell = AnyCell> {
  readonly index: SeriesIndex<C>;
  /** Const label pairs, e.g. [['server', 'teleport-auth']]. */
  readonly constLabels: readonly (readonly [string, string])[];
  readonly bounds: readonly number[];
  readonly quantiles: readonly number[];
  readonly callbacks: CollectCallback[] = [];
  /** Milliseconds since the epoch when the family was registered (cumulative start time). */
  readonly startTime = Date.now();

  /**
   * @param native set when this histogram family also keeps native (sparse exponential) buckets.
   * @param histogramMinMax whether observations update each series' min and max (RegistryOptions).
   */
  constructor(
    readonly entry: MetricEntry,
    constValues: Readonly<Record<string, string>>,
    maxSeries: number,
    problems: Problems,
    readonly native?: NativeHistogramConfig,
    histogramMinMax = true
  ) {
    this.bounds = entry.buckets ?? [];
    this.quantiles = entry.quantiles ?? [];
    this.constLabels = Object.entries(entry.constLabels ?? {}).map(([k, d]) => [k, constValues[k] ?? d] as const);
    const store = entry.instrument === 'histogram' ? new HistogramStore(this.bounds.length + 1, histogramMinMax) : undefined;
    const make = makeCell(entry, store, this.quantiles.length, native) as (v: readonly string[] | null, s?: SharedLabels) => C;
    // Closed value sets are enforced, and nest first: see SeriesIndex (memory per series).
    this.index = new SeriesIndex<C>(
      entry.name,
      entry.labels,
      entry.maxSeries ?? maxSeries,
      make,
      problems,
      entry.values,
      store ? histogramHooks(store) : {}
    );
  }
}

function makeCell(
  entry: MetricEntry,
  store: HistogramStore | undefined,
  quantiles: number,
  native: NativeHistogramConfig | undefined
): (values: readonly string[] | null, shared?: SharedLabels) => AnyCell {
  // One store per histogram family: its series' numbers share a few large buffers (histogram-store.ts).
  if (store && native) return (v, s) => new NativeHistogramCell(v, store, native, s);
  if (store) return (v, s) => new HistogramCell(v, store, s);
  if (entry.instrument === 'summary') return (v, s) => new SummaryCell(v, quantiles, s);
  return (v, s) => new ScalarCell(v, s);
}

/** A removed histogram series gives its record back once its cell has moved to a private copy. */
function histogramHooks<C>(store: HistogramStore): SeriesHooks<C> {
  return {
    removed(cell) {
      const old = (cell as unknown as HistogramCell).detach();
      store.release(old.chunk, old.at);
    },
    cleared: () => store.reset(),
  };
}
