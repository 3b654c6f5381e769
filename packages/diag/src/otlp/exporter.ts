import { AggregationTemporality, InstrumentType, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { Temporality } from '../producer';
import { loadOtlpExporter, OTLP_EXPORTER_PACKAGES } from './load-exporter';

/** OTLP transports, spelled as OTEL_EXPORTER_OTLP_PROTOCOL spells them. */
export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json', 'grpc'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/** Where an OTLP exporter sends when nothing says otherwise (the Collector's default ports on loopback). */
export function defaultOtlpUrl(protocol: OtlpProtocol): string {
  return protocol === 'grpc' ? 'http://localhost:4317' : 'http://localhost:4318/v1/metrics';
}

export interface OtlpExporterOptions {
  protocol: OtlpProtocol;
  /** Full URL: for HTTP the metrics path included (…/v1/metrics), for gRPC scheme://host:port. */
  url: string;
  headers: Readonly<Record<string, string>>;
  temporality: Temporality;
  /** Bound on one export, retries included. */
  timeoutMillis: number;
}

/** The official OpenTelemetry OTLP metric exporter for a protocol. */
export function createOtlpExporter(options: OtlpExporterOptions): PushMetricExporter {
  // Same numeric values as AggregationTemporalityPreference (DELTA = 0, CUMULATIVE = 1); the
  // exporter's selector then agrees with the RegistryProducer's temporality.
  const temporalityPreference =
    options.temporality === 'delta' ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE;
  const common = { url: options.url, temporalityPreference, timeoutMillis: options.timeoutMillis };
  switch (options.protocol) {
    case 'http/protobuf':
      return new (loadOtlpExporter('http/protobuf').OTLPMetricExporter)({ ...common, headers: { ...options.headers } });
    case 'http/json':
      return new (loadOtlpExporter('http/json').OTLPMetricExporter)({ ...common, headers: { ...options.headers } });
    case 'grpc':
      return new (loadOtlpExporter('grpc').OTLPMetricExporter)({ ...common, metadata: grpcMetadata(options.headers) });
  }
}

/** Levels: a delta of one means nothing, so they stay cumulative under delta temporality. */
const LEVELS: ReadonlySet<InstrumentType> = new Set([
  InstrumentType.UP_DOWN_COUNTER,
  InstrumentType.OBSERVABLE_UP_DOWN_COUNTER,
  InstrumentType.GAUGE,
  InstrumentType.OBSERVABLE_GAUGE,
]);

/**
 * The SDK's cumulative/delta selector for the SDK's own instruments on every push reader. As the
 * RegistryProducer does: under delta, counters and histograms delta, up-down counters and gauges
 * cumulative (a delta gauge would drop out of an export when it was not set in that interval).
 */
export function temporalitySelector(temporality: Temporality): (type: InstrumentType) => AggregationTemporality {
  if (temporality === 'cumulative') return () => AggregationTemporality.CUMULATIVE;
  return (type) => (LEVELS.has(type) ? AggregationTemporality.CUMULATIVE : AggregationTemporality.DELTA);
}

type GrpcJs = typeof import('@grpc/grpc-js');

/**
 * Headers as gRPC metadata. Metadata must come from the very copy of @grpc/grpc-js the exporter
 * uses, so it is resolved from the exporter's own package rather than imported here.
 */
function grpcMetadata(headers: Readonly<Record<string, string>>): InstanceType<GrpcJs['Metadata']> {
  const base = require.resolve('@opentelemetry/otlp-grpc-exporter-base', {
    paths: [require.resolve(OTLP_EXPORTER_PACKAGES.grpc)],
  });
  const { Metadata } = require(require.resolve('@grpc/grpc-js', { paths: [base] })) as GrpcJs;
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(headers)) metadata.set(key, value);
  return metadata;
}
