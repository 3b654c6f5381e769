import type { MetricEntry } from '@teleport-otel/catalog';
import { DEFAULT_PROFILE, parseProfile, self, type Profile } from '@teleport-otel/catalog';
import type { ScalarCell } from './cells';
import { Family } from './family';
import { nativeHistogramConfig, type NativeHistogramConfig, type NativeHistogramOptions } from './native-histogram';
import { nativeHistogramFamilies } from './native-histogram-options';
import { Problems, QUIET_PROBLEMS, type DropReason } from './problems';
import { DEFAULT_MAX_SERIES } from './series';

export interface RegistryOptions {
  /** Lifetime label-set limit for metrics whose catalog entry sets none. Default 2000. */
  maxSeries?: number;
  /** The catalog profile the packages recording here follow unless told otherwise. Default `doc`. */
  profile?: Profile;
  /**
   * Keep exemplars: a counter increment or histogram observation made while a sampled
   * OpenTelemetry span is active keeps that span's trace and span id with its series (the latest
   * per counter series and per histogram bucket), for OpenMetrics scrapes. Default false: the
   * instruments then carry no exemplar code at all.
   */
  exemplars?: boolean;
  /**
   * Native (sparse exponential) buckets beside the classic ones: `true` for every histogram, or
   * the catalog names of the histogram families that keep them. Served in the protobuf exposition
   * (and OTLP); the text exposition is unchanged. Default off.
   */
  nativeHistograms?: boolean | readonly string[];
  /** Resolution, bucket limit and zero bucket of native histograms (client_golang's defaults). */
  nativeHistogramOptions?: NativeHistogramOptions;
  /**
   * Keep each histogram series' lifetime minimum and maximum, which only OpenTelemetry readers
   * export (the Prometheus expositions have no such fields). Default true. diag turns it off when
   * its provider has no reader besides the pull reader: two compares fewer per observation, and a
   * reader reading such a Registry leaves min and max out rather than report wrong ones.
   */
  histogramMinMax?: boolean;
}

/**
 * The fast path's store: one Family per exposed name, get-or-create (registering a package twice
 * shares its series, as Teleport ignores AlreadyRegisteredError). Readers turn it into text
 * (diag's pull reader) or OpenTelemetry MetricData (diag's producer); nothing here knows which.
 */
export class Registry {
  private readonly byName = new Map<string, Family>();
  private sorted: Family[] | undefined;
  readonly problems: Problems;
  readonly maxSeries: number;
  /** The catalog profile instruments created on this Registry follow unless given their own. */
  readonly profile: Profile;
  readonly exemplars: boolean;
  readonly histogramMinMax: boolean;
  private readonly dropped: Family<ScalarCell>;
  private readonly overflowed: Family<ScalarCell>;
  /** Which histogram families keep native buckets, and with what settings. */
  private readonly native: { readonly families: true | ReadonlySet<string>; readonly config: NativeHistogramConfig } | undefined;

  constructor(options: RegistryOptions = {}) {
    this.maxSeries = positiveInt(options.maxSeries ?? DEFAULT_MAX_SERIES, 'maxSeries');
    this.profile = options.profile === undefined ? DEFAULT_PROFILE : parseProfile(options.profile);
    this.exemplars = options.exemplars === true;
    this.histogramMinMax = options.histogramMinMax !== false;
    const families = nativeHistogramFamilies(options.nativeHistograms);
    this.native = families ? { families, config: nativeHistogramConfig(options.nativeHistogramOptions) } : undefined;
    this.dropped = this.add(self.droppedMeasurements, {}, QUIET_PROBLEMS) as Family<ScalarCell>;
    this.overflowed = this.add(self.cardinalityOverflow, {}, QUIET_PROBLEMS) as Family<ScalarCell>;
    this.problems = new Problems({
      dropped: (metric: string, reason: DropReason) => void this.dropped.index.get({ metric, reason }).whole++,
      overflow: (metric: string) => void this.overflowed.index.get({ metric }).whole++,
    });
  }

  /** The family for an entry, created on first use. */
  family(entry: MetricEntry, constValues: Readonly<Record<string, string>> = {}): Family {
    return this.byName.get(entry.name) ?? this.add(entry, constValues, this.problems);
  }

  /** Runs observed callbacks, then returns every family sorted by name (as client_golang's Gather). */
  collect(): readonly Family[] {
    const families = (this.sorted ??= [...this.byName.values()].sort((a, b) => (a.entry.name < b.entry.name ? -1 : 1)));
    for (const f of families) {
      if (f.callbacks.length === 0) continue;
      f.index.clear();
      for (const cb of f.callbacks) cb();
    }
    return families;
  }

  private add(entry: MetricEntry, constValues: Readonly<Record<string, string>>, problems: Problems): Family {
    const native =
      this.native && entry.instrument === 'histogram' && (this.native.families === true || this.native.families.has(entry.name));
    const f = new Family(
      entry,
      constValues,
      this.maxSeries,
      problems,
      native ? this.native!.config : undefined,
      this.histogramMinMax
    );
    this.byName.set(entry.name, f);
    this.sorted = undefined;
    return f;
  }
}

function positiveInt(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 1) throw new Error(`teleport-otel: ${what} must be a positive integer, got ${String(v)}`);
  return v;
}

const REGISTRY = Symbol.for('teleport-otel.registry');

/** Marks a MeterProvider as backed by a Registry: packages given it record through the fast path. */
export function attachRegistry<T extends object>(meterProvider: T, registry: Registry): T {
  Object.defineProperty(meterProvider, REGISTRY, { value: registry, enumerable: false });
  return meterProvider;
}

/** The Registry behind a MeterProvider, if diag (or attachRegistry) made it. */
export function registryOf(meterProvider: unknown): Registry | undefined {
  if (meterProvider === null || typeof meterProvider !== 'object') return undefined;
  return (meterProvider as { [REGISTRY]?: Registry })[REGISTRY];
}
