import type { MetricEntry } from '@teleport-otel/catalog';
import { HistogramCell, ScalarCell, SummaryCell } from './cells';
import { NativeHistogramCell, type NativeHistogramConfig } from './native-histogram';
import type { Problems } from './problems';
import { SeriesIndex } from './series';

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
   */
  constructor(
    readonly entry: MetricEntry,
    constValues: Readonly<Record<string, string>>,
    maxSeries: number,
    problems: Problems,
    readonly native?: NativeHistogramConfig
  ) {
    this.bounds = entry.buckets ?? [];
    this.quantiles = entry.quantiles ?? [];
    this.constLabels = Object.entries(entry.constLabels ?? {}).map(([k, d]) => [k, constValues[k] ?? d] as const);
    const make = makeCell(entry, this.bounds.length, this.quantiles.length, native) as (v: readonly string[] | null) => C;
    // Closed value sets are enforced, and nest first: see SeriesIndex (memory per series).
    this.index = new SeriesIndex<C>(entry.name, entry.labels, entry.maxSeries ?? maxSeries, make, problems, entry.values);
  }
}

function makeCell(
  entry: MetricEntry,
  buckets: number,
  quantiles: number,
  native: NativeHistogramConfig | undefined
): (values: readonly string[] | null) => AnyCell {
  if (entry.instrument === 'histogram' && native) return (v) => new NativeHistogramCell(v, buckets, native);
  if (entry.instrument === 'histogram') return (v) => new HistogramCell(v, buckets);
  if (entry.instrument === 'summary') return (v) => new SummaryCell(v, quantiles);
  return (v) => new ScalarCell(v);
}
