import { metrics, type MeterProvider } from '@opentelemetry/api';
import { DEFAULT_PROFILE, entryIn, parseProfile, type MetricEntry, type MetricGroup, type Profile } from '@teleport-otel/catalog';
import { absentInstrument } from './absent';
import type { HistogramCell, ScalarCell } from './cells';
import type { Family } from './family';
import { FastCounter, FastGauge, FastHistogram, FastObserved, FastUpDownCounter } from './fast';
import { ExemplarCounter, ExemplarHistogram } from './fast-exemplars';
import { ExemplarNativeHistogram, FastNativeHistogram } from './fast-native';
import { warnIfNoProviderInWorker } from './no-provider';
import { warnIfGroupOutsideProfile } from './profile-warning';
import { registryOf, type Registry } from './registry';
import { SdkBackend, sdkInstrument } from './sdk';
import type { Instruments } from './types';

export interface InstrumentOptions {
  /**
   * Where to record. A provider made by `@teleport-otel/diag` (or marked with attachRegistry)
   * takes the fast path; any other provider gets plain OpenTelemetry instruments, with its Views
   * and readers. Default: the global provider, `metrics.getMeterProvider()`.
   */
  meterProvider?: MeterProvider;
  /**
   * Record straight into this Registry (the fast path), whatever `meterProvider` says: for code
   * that holds the Registry before any MeterProvider exists, such as diag's push readers.
   */
  registry?: Registry;
  /** Values for const labels such as grpc_server_*'s `server` or teleport_build_info's `version`. */
  constLabels?: Readonly<Record<string, string>>;
  /**
   * The catalog profile to follow (`doc`, `teleport-12`, `latest`). Default: the Registry's (the
   * one given to startDiag), else `doc`. Entries the profile does not hold become no-op instruments;
   * entries it restates (a released HELP text) are registered as the profile states them.
   */
  profile?: Profile;
}

const sdkBackends = new WeakMap<MeterProvider, SdkBackend>();

/** Creates the typed instruments of a catalog group. Names, units, help, labels and buckets all come from the entries. */
export function createInstruments<G extends MetricGroup>(group: G, options: InstrumentOptions = {}): Instruments<G> {
  const provider = options.meterProvider ?? metrics.getMeterProvider();
  const consts = options.constLabels ?? {};
  const registry = options.registry ?? registryOf(provider);
  const profile = options.profile === undefined ? registry?.profile ?? DEFAULT_PROFILE : parseProfile(options.profile);
  if (!registry && !options.meterProvider) warnIfNoProviderInWorker(provider, describeGroup(group));
  if (options.profile === undefined)
    warnIfGroupOutsideProfile(group, profile, registry ? 'diag' : 'default', describeGroup(group));
  const out: Record<string, object> = {};
  let backend: SdkBackend | undefined;
  for (const [key, catalogEntry] of Object.entries(group)) {
    const entry = entryIn(catalogEntry, profile);
    if (!entry) out[key] = absentInstrument(catalogEntry);
    else if (registry) out[key] = fastInstrument(registry, entry, consts);
    else {
      if (!backend && !(backend = sdkBackends.get(provider))) sdkBackends.set(provider, (backend = new SdkBackend(provider)));
      out[key] = sdkInstrument(entry, backend.family(entry, consts), backend.problems);
    }
  }
  return out as Instruments<G>;
}

function fastInstrument(registry: Registry, entry: MetricEntry, consts: Readonly<Record<string, string>>): object {
  const f = registry.family(entry, consts);
  const p = registry.problems;
  // Chosen once, here: a Registry without exemplars gets instruments with no exemplar code.
  const Counter = registry.exemplars ? ExemplarCounter : FastCounter;
  const Histogram = registry.exemplars ? ExemplarHistogram : FastHistogram;
  if (entry.observed) return new FastObserved(entry, f, p);
  switch (entry.instrument) {
    case 'counter':
      return new Counter(entry, f as Family<ScalarCell>, p);
    case 'updowncounter':
      return new FastUpDownCounter(entry, f as Family<ScalarCell>, p);
    case 'gauge':
      return new FastGauge(entry, f as Family<ScalarCell>, p);
    case 'histogram':
      if (f.native) {
        const Native = registry.exemplars ? ExemplarNativeHistogram : FastNativeHistogram;
        return new Native(entry, f as Family<HistogramCell>, p);
      }
      return new Histogram(entry, f as Family<HistogramCell>, p);
    default:
      return new FastObserved(entry, f, p);
  }
}

/** `@teleport-otel/audit instruments (teleport_audit_emit_events, ...)`, for messages. */
function describeGroup(group: MetricGroup): string {
  const entries = Object.values(group);
  const first = entries[0];
  if (!first) return 'instruments';
  return `@teleport-otel/${first.package} instruments (${first.name}${entries.length > 1 ? ', ...' : ''})`;
}
