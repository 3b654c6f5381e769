import { diag as otelDiag, metrics, type MeterProvider as ApiMeterProvider } from '@opentelemetry/api';
import { MeterProvider, type IMetricReader, type ViewOptions } from '@opentelemetry/sdk-metrics';
import { instance, promhttp, self } from '@teleport-otel/catalog';
import { attachRegistry, createInstruments, Registry, type Instruments, type RegistryOptions } from '@teleport-otel/core';
import { Aggregator, type AggregateOptions } from './aggregate';
import { withRegistry } from './app-reader';
import type { FamilySource } from './family-source';
import type { ExpositionOptions } from './exposition/render-otel';
import { RegistryProducer } from './producer';
import { TeleportPullReader } from './pull-reader';
import { withInstanceId } from './instance-id';
import { PROCESS_STATES, Readiness } from './readiness';
import type { Resource } from './sdk-resources';

/**
 * A reader, or a factory given the Registry's (cumulative) producer so the reader also sees the
 * fast path, and the Registry itself (for a delta producer, or a reader's own self-metrics).
 * A reader given as is (the app's own PeriodicExportingMetricReader, say) is fed the fast path
 * too. Typed as sdk-metrics' IMetricReader interface, not the MetricReader class: the class's
 * private members would make a reader built from the app's own copy of the SDK fail to type-check.
 */
export type ReaderSpec = IMetricReader | ((producer: RegistryProducer, registry: Registry) => IMetricReader);

/**
 * The diag's MeterProvider as the OpenTelemetry API sees it, plus flush and shutdown: a structural
 * type, so it is assignable to the app's own `MeterProvider` from @opentelemetry/api.
 */
export interface DiagSdkMeterProvider extends ApiMeterProvider {
  forceFlush(options?: { timeoutMillis?: number }): Promise<void>;
  shutdown(options?: { timeoutMillis?: number }): Promise<void>;
}

export interface DiagProviderOptions extends RegistryOptions {
  /**
   * Serve OpenMetrics 1.0 to a scraper that asks for it (Prometheus does by default), with
   * exemplars: the trace of a recent counter increment or histogram observation made inside a
   * sampled span. Implies `exemplars: true` unless that is set to false. Default false: every
   * scraper gets the text format 0.0.4.
   */
  openMetrics?: boolean;
  /** Exposition naming; default Teleport-exact. */
  exposition?: ExpositionOptions;
  /** Further readers (OTLP push, a user's own). A factory receives a RegistryProducer to pass as `metricProducers`. */
  readers?: readonly ReaderSpec[];
  /** Skip the Prometheus pull reader (push-only pipelines). Default false. */
  noPull?: boolean;
  /** Default: the SDK's default resource. Any Resource from the app's @opentelemetry/resources. */
  resource?: Resource;
  views?: readonly ViewOptions[];
  /** teleport_build_info labels: the service's version and git ref (goversion is the Node.js version). */
  version?: string;
  gitref?: string;
  /** How long a recovering component must stay healthy before /readyz says ok (Teleport: 10 s). */
  recoveryMs?: number;
  /**
   * Serve the sum of this process and every cluster worker or worker thread that called
   * joinDiag() (see docs/aggregation.md). Only in the primary process or main thread.
   */
  aggregate?: boolean | AggregateOptions;
  /** Also install as the global MeterProvider, so packages created without options use it. */
  global?: boolean;
  /** shutdown() (and close()) gives up on a final push export after this many ms. Default 30 000. */
  shutdownTimeoutMillis?: number;
}

export interface DiagMeterProvider {
  /** A real sdk-metrics MeterProvider; packages given it record through the fast path. */
  readonly meterProvider: DiagSdkMeterProvider;
  readonly registry: Registry;
  /** What gets rendered and pushed: `registry`, or with `aggregate` the merged view of every joined worker. */
  readonly families: FamilySource;
  /** With `aggregate`: the joined workers' side. */
  readonly aggregator: Aggregator | undefined;
  readonly readiness: Readiness;
  /** Present unless `noPull`. */
  readonly pullReader: TeleportPullReader | undefined;
  /** The diag's own promhttp_* instruments, counted by the /metrics handler. */
  readonly promhttp: Instruments<typeof promhttp>;
  /** The /metrics text, as a scrape would see it. */
  render(): Promise<string>;
  /** Flushes push readers and shuts the provider down. */
  shutdown(): Promise<void>;
}

/** The shared MeterProvider: fast-path Registry, Teleport-exact pull reader, optional push readers. */
export function createDiagMeterProvider(options: DiagProviderOptions = {}): DiagMeterProvider {
  const registry = new Registry({
    ...options,
    exemplars: options.exemplars ?? options.openMetrics === true,
    // Only OpenTelemetry readers export histogram min and max; a pull-only provider skips them.
    histogramMinMax: options.histogramMinMax ?? (options.readers?.length ?? 0) > 0,
  });
  const aggregator = options.aggregate
    ? new Aggregator(registry, options.aggregate === true ? {} : options.aggregate)
    : undefined;
  const families: FamilySource = aggregator ?? registry;
  const pullReader = options.noPull ? undefined : new TeleportPullReader(families, options.exposition);
  const readers = (options.readers ?? []).map((spec) =>
    typeof spec === 'function' ? spec(new RegistryProducer(families), registry) : withRegistry(spec, families)
  );
  const meterProvider: DiagSdkMeterProvider = attachRegistry(
    new MeterProvider({
      resource: withInstanceId(options.resource),
      views: options.views ? [...options.views] : undefined,
      readers: pullReader ? [pullReader, ...readers] : readers,
    }),
    registry
  );
  if (options.global) metrics.setGlobalMeterProvider(meterProvider);

  const promhttpMetrics = createInstruments(promhttp, { meterProvider });
  // client_golang pre-initialises these codes so rate() works from the first scrape.
  for (const code of promhttp.requestsTotal.examples.code) promhttpMetrics.requestsTotal.bind({ code });

  const readiness = new Readiness(options.recoveryMs);
  const { processState } = createInstruments({ processState: self.processState }, { meterProvider });
  readiness.subscribe((state) => processState.set(PROCESS_STATES[state]));

  const build = createInstruments(
    { buildInfo: instance.buildInfo },
    {
      meterProvider,
      constLabels: { version: options.version ?? '', gitref: options.gitref ?? '', goversion: process.version },
    }
  );
  build.buildInfo.set(1);

  return {
    meterProvider,
    registry,
    families,
    aggregator,
    readiness,
    pullReader,
    promhttp: promhttpMetrics,
    render: () =>
      pullReader ? pullReader.render() : Promise.reject(new Error('teleport-otel: this provider has no pull reader')),
    shutdown: async () => {
      await boundedShutdown(meterProvider, options.shutdownTimeoutMillis ?? 30_000);
      aggregator?.close();
    },
  };
}

/**
 * Shuts the provider down, flushing push readers, within `timeoutMillis` even when a collector
 * is gone; a failed or timed-out final export is logged, never thrown at the caller.
 */
async function boundedShutdown(meterProvider: DiagSdkMeterProvider, timeoutMillis: number): Promise<void> {
  try {
    await meterProvider.shutdown({ timeoutMillis });
  } catch (err) {
    otelDiag.warn(
      `teleport-otel: final metrics export did not complete within ${timeoutMillis} ms: ${
        err instanceof Error ? err.message : String(err)
      }`
    );
  }
}
