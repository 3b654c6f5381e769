import { ConsoleMetricExporter, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { self } from '@teleport-otel/catalog';
import { createInstruments, type Registry } from '@teleport-otel/core';
import { RegistryProducer, type Temporality } from '../producer';
import type { ReaderSpec } from '../provider';
import { checkOtlpTarget } from './check-target';
import { CountingExporter } from './counting-exporter';
import { createOtlpExporter, defaultOtlpUrl, temporalitySelector, type OtlpProtocol } from './exporter';
import { loadOtlpExporter } from './load-exporter';

/** OpenTelemetry's defaults (OTEL_METRIC_EXPORT_INTERVAL / OTEL_METRIC_EXPORT_TIMEOUT). */
export const DEFAULT_EXPORT_INTERVAL_MS = 60_000;
export const DEFAULT_EXPORT_TIMEOUT_MS = 30_000;

export interface PushReaderOptions {
  /** Cumulative (default) or delta: counters and histograms report the change since the last export. */
  temporality?: Temporality;
  /** Time between exports, ms. Default 60 000. */
  exportIntervalMillis?: number;
  /** Bound on one export, retries included, ms; clamped to the interval. Default 30 000. */
  exportTimeoutMillis?: number;
  /** Where failure lines go (at most one per interval). Default: the OpenTelemetry diag logger, warn. */
  log?: (message: string) => void;
}

export interface OtlpReaderOptions extends PushReaderOptions {
  /** Default http/protobuf. */
  protocol?: OtlpProtocol;
  /** Full URL. Default http://localhost:4318/v1/metrics (gRPC: http://localhost:4317). */
  url?: string;
  /** Sent with every export (gRPC: as metadata), e.g. an API key. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * A push reader for `createDiagMeterProvider({ readers: [otlpReader(...)] })`: the official OTLP
 * exporter on a PeriodicExportingMetricReader fed by the fast-path Registry, with failures counted
 * in teleport_otel_export_failures_total{exporter="otlp"} and logged once per interval.
 */
export function otlpReader(options: OtlpReaderOptions = {}): ReaderSpec {
  const protocol = options.protocol ?? 'http/protobuf';
  const url = options.url ?? defaultOtlpUrl(protocol);
  const temporality = options.temporality ?? 'cumulative';
  const { interval, timeout } = periods(options);
  loadOtlpExporter(protocol); // a missing exporter package fails here, at configuration
  checkOtlpTarget(protocol, url, options.headers ?? {}); // so does a URL or header every export would refuse
  return (producer, registry) => {
    const exporter = createOtlpExporter({ protocol, url, headers: options.headers ?? {}, temporality, timeoutMillis: timeout });
    return pushReader(
      producer,
      registry,
      exporter,
      'otlp',
      `OTLP ${protocol} export to ${redactUrl(url)}`,
      temporality,
      interval,
      timeout,
      options.log
    );
  };
}

/** A push reader printing every export to stdout (OTEL_METRICS_EXPORTER=console): for debugging only. */
export function consoleReader(options: PushReaderOptions = {}): ReaderSpec {
  const temporality = options.temporality ?? 'cumulative';
  const { interval, timeout } = periods(options);
  return (producer, registry) => {
    const exporter = new ConsoleMetricExporter({ temporalitySelector: temporalitySelector(temporality) });
    return pushReader(producer, registry, exporter, 'console', 'console export', temporality, interval, timeout, options.log);
  };
}

function pushReader(
  producer: RegistryProducer,
  registry: Registry,
  exporter: PushMetricExporter,
  name: string,
  describe: string,
  temporality: Temporality,
  interval: number,
  timeout: number,
  log: ((message: string) => void) | undefined
): PeriodicExportingMetricReader {
  const failures = failureCounter(registry, name);
  return new PeriodicExportingMetricReader({
    exporter: new CountingExporter(exporter, {
      countFailure: () => failures.inc(),
      describe,
      logEveryMillis: interval,
      log,
      // The official exporters' delta preference makes gauges delta too, and an SDK gauge left
      // alone for an interval would vanish from the export: ours keeps every level cumulative.
      temporalitySelector: temporalitySelector(temporality),
    }),
    exportIntervalMillis: interval,
    exportTimeoutMillis: timeout,
    // The fast path lives in the Registry, not in SDK instruments: the producer hands it to the reader.
    // (The producer's families: the Registry, or an aggregating primary's merged workers.)
    metricProducers: [producer.withTemporality(temporality)],
  });
}

/**
 * teleport_otel_export_failures_total{exporter}, bound at start so it reads 0 until something fails.
 * Readers are built before the MeterProvider exists, so it records straight into the Registry: the
 * series lands in the diag provider's own exposition and exports.
 */
function failureCounter(registry: Registry, exporter: string) {
  return createInstruments({ exportFailures: self.exportFailures }, { registry }).exportFailures.bind({ exporter });
}

function periods(options: PushReaderOptions): { interval: number; timeout: number } {
  const interval = positive(options.exportIntervalMillis ?? DEFAULT_EXPORT_INTERVAL_MS, 'exportIntervalMillis');
  const timeout = positive(options.exportTimeoutMillis ?? DEFAULT_EXPORT_TIMEOUT_MS, 'exportTimeoutMillis');
  return { interval, timeout: Math.min(timeout, interval) };
}

function positive(v: number, what: string): number {
  if (!Number.isFinite(v) || v <= 0)
    throw new Error(`teleport-otel: ${what} must be a positive number of milliseconds, got ${String(v)}`);
  return v;
}

/** The URL without credentials or query, safe for a log line. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
