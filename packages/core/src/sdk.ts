import {
  ValueType,
  type Attributes,
  type Meter,
  type MeterProvider,
  type MetricOptions,
  type ObservableResult,
} from '@opentelemetry/api';
import type { MetricEntry } from '@teleport-otel/catalog';
import { self } from '@teleport-otel/catalog';
import { Problems, QUIET_PROBLEMS } from './problems';
import { DEFAULT_MAX_SERIES, SeriesIndex } from './series';
import type { SummaryValue } from './types';
import { invalidValue } from './values';
import { VERSION } from './version';

/** A series of an SDK-backed metric: the frozen attributes handed to the SDK on every call. */
interface AttrCell {
  readonly attrs: Attributes;
}

interface SdkFamily {
  readonly index: SeriesIndex<AttrCell>;
  readonly instrument: unknown;
}

/**
 * The path for a MeterProvider that is not ours (the user's MeterProvider, NodeSDK, with Views and
 * any readers): real OpenTelemetry instruments created from the catalog, so the SDK's pipeline sees
 * exactly the catalog's names, units, descriptions and bucket advice. The same SeriesIndex sits in
 * front, so input checks and the lifetime label-set cap behave as on the fast path, and attribute
 * objects are built once per series rather than per call.
 */
export class SdkBackend {
  private readonly families = new Map<string, SdkFamily>();
  private readonly meters = new Map<string, Meter>();
  readonly problems: Problems;

  // One under the SDK's own per-collection limit (also 2000 by default, overflow series included):
  // our sets plus our overflow series then never trip the SDK's limit, which would fold a real
  // series and our overflow together under a different attribute.
  constructor(private readonly provider: MeterProvider, private readonly maxSeries = DEFAULT_MAX_SERIES - 1) {
    const dropped = this.family(self.droppedMeasurements, {}, QUIET_PROBLEMS);
    const overflow = this.family(self.cardinalityOverflow, {}, QUIET_PROBLEMS);
    type Add = { add(v: number, a: Attributes): void };
    this.problems = new Problems({
      dropped: (metric, reason) => (dropped.instrument as Add).add(1, dropped.index.get({ metric, reason }).attrs),
      overflow: (metric) => (overflow.instrument as Add).add(1, overflow.index.get({ metric }).attrs),
    });
  }

  family(entry: MetricEntry, constValues: Readonly<Record<string, string>>, problems = this.problems): SdkFamily {
    const known = this.families.get(entry.name);
    if (known) return known;
    const consts: Record<string, string> = {};
    for (const [k, d] of Object.entries(entry.constLabels ?? {})) consts[k] = constValues[k] ?? d;
    const names = entry.labels;
    const make = (values: readonly string[] | null): AttrCell => {
      // OpenTelemetry's overflow attribute, as the producer reports the fast path's overflow series.
      if (values === null) return { attrs: Object.freeze({ 'otel.metric.overflow': true }) };
      const attrs: Record<string, string> = { ...consts };
      names.forEach((n, i) => (attrs[n] = values[i]!));
      return { attrs: Object.freeze(attrs) };
    };
    const index = new SeriesIndex<AttrCell>(entry.name, names, entry.maxSeries ?? this.maxSeries, make, problems, entry.values);
    const f = { index, instrument: this.create(entry) };
    this.families.set(entry.name, f);
    return f;
  }

  private create(entry: MetricEntry): unknown {
    const meter = this.meter(entry.package);
    const opts: MetricOptions = { description: entry.help, unit: entry.unit, valueType: ValueType.DOUBLE };
    if (entry.observed) {
      if (entry.instrument === 'counter') return meter.createObservableCounter(entry.name, opts);
      if (entry.instrument === 'updowncounter') return meter.createObservableUpDownCounter(entry.name, opts);
      if (entry.instrument === 'summary') return undefined; // OpenTelemetry has no summary instrument.
      return meter.createObservableGauge(entry.name, opts);
    }
    switch (entry.instrument) {
      case 'counter':
        return meter.createCounter(entry.name, opts);
      case 'updowncounter':
        return meter.createUpDownCounter(entry.name, opts);
      case 'gauge':
        return meter.createGauge(entry.name, opts);
      case 'histogram':
        return meter.createHistogram(entry.name, { ...opts, advice: { explicitBucketBoundaries: [...(entry.buckets ?? [])] } });
      default:
        return undefined;
    }
  }

  private meter(pkg: string): Meter {
    let m = this.meters.get(pkg);
    if (!m) this.meters.set(pkg, (m = this.provider.getMeter(`@teleport-otel/${pkg}`, VERSION)));
    return m;
  }
}

type Recorder = { add?(v: number, a: Attributes): void; record?(v: number, a: Attributes): void };

/** Builds the typed instrument for an entry over an SDK family. */
export function sdkInstrument(entry: MetricEntry, f: SdkFamily, p: Problems): object {
  const { index } = f;
  const inst = f.instrument as Recorder;
  const name = entry.name;
  const negativeOk = entry.instrument === 'updowncounter' || entry.instrument === 'gauge';
  const write = (v: number, labels: unknown): void => {
    const bad = invalidValue(v, negativeOk);
    if (bad) return p.dropped(name, bad, v);
    const attrs = index.get(labels).attrs;
    if (inst.add) inst.add(v, attrs);
    else inst.record!(v, attrs);
  };
  const bindWrite = (labels: unknown) => {
    const attrs = index.get(labels).attrs;
    return (v: number): void => {
      const bad = invalidValue(v, negativeOk);
      if (bad) return p.dropped(name, bad, v);
      if (inst.add) inst.add(v, attrs);
      else inst.record!(v, attrs);
    };
  };
  // OpenTelemetry's sync instruments cannot delete a series: remove()/reset() are no-ops here, so
  // the lifetime label-set cap is what bounds them.
  const unsupported = (what: string) => () => p.unsupported(name, what);
  if (entry.observed) {
    return {
      entry,
      addCallback(callback: (observe: (value: number | SummaryValue, labels?: unknown) => void) => void): void {
        const observable = f.instrument as { addCallback?(cb: (r: ObservableResult) => void): void } | undefined;
        // OpenTelemetry has no summary instrument: its readings cannot be exported (counted once).
        if (!observable?.addCallback)
          return p.dropped(name, 'callback_error', 'a summary cannot be exported over a plain OpenTelemetry meter');
        observable.addCallback((result) => {
          try {
            callback((value, labels) => {
              const bad = invalidValue(value, true);
              if (bad) p.dropped(name, bad, value);
              else result.observe(value as number, index.get(labels).attrs);
            });
          } catch (err) {
            p.dropped(name, 'callback_error', err instanceof Error ? err.message : err);
          }
        });
      },
    };
  }
  switch (entry.instrument) {
    case 'counter':
      return {
        entry,
        add: write,
        inc: (labels?: unknown) => write(1, labels),
        bind: (labels?: unknown) => {
          const w = bindWrite(labels);
          return { add: w, inc: () => w(1) };
        },
        remove: unsupported('remove()'),
      };
    case 'updowncounter':
      return {
        entry,
        add: write,
        inc: (labels?: unknown) => write(1, labels),
        dec: (labels?: unknown) => write(-1, labels),
        bind: (labels?: unknown) => {
          const w = bindWrite(labels);
          return { add: w, inc: () => w(1), dec: () => w(-1) };
        },
        remove: unsupported('remove()'),
      };
    case 'gauge':
      return {
        entry,
        set: write,
        bind: (labels?: unknown) => ({ set: bindWrite(labels) }),
        remove: unsupported('remove()'),
        // A gauge series cannot be deleted here; the nearest is that every series it has shown
        // reads 0 from now on, so values that vanished (a version no server runs any more) do not
        // linger at their last reading.
        reset: () => {
          for (const cell of index.cells()) (inst as Required<Recorder>).record(0, cell.attrs);
        },
      };
    default:
      return {
        entry,
        record: write,
        bind: (labels?: unknown) => ({ record: bindWrite(labels) }),
        startTimer: (labels?: unknown) => {
          const start = process.hrtime.bigint();
          return () => {
            const seconds = Number(process.hrtime.bigint() - start) / 1e9;
            write(seconds, labels);
            return seconds;
          };
        },
      };
  }
}
