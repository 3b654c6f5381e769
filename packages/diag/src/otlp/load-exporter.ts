import type { OtlpProtocol } from './exporter';

// Kept apart from exporter.ts so that no published .d.ts reachable from the package's entry point
// names the optional exporter packages' types: an app without them must still type-check.

/** The optional peer package that carries each transport's official exporter. */
export const OTLP_EXPORTER_PACKAGES = {
  'http/protobuf': '@opentelemetry/exporter-metrics-otlp-proto',
  'http/json': '@opentelemetry/exporter-metrics-otlp-http',
  grpc: '@opentelemetry/exporter-metrics-otlp-grpc',
} as const satisfies Record<OtlpProtocol, string>;

type ExporterModules = {
  'http/protobuf': typeof import('@opentelemetry/exporter-metrics-otlp-proto');
  'http/json': typeof import('@opentelemetry/exporter-metrics-otlp-http');
  grpc: typeof import('@opentelemetry/exporter-metrics-otlp-grpc');
};

/**
 * Loads a transport's exporter package, which is an optional peer dependency: only an app that
 * pushes OTLP installs it (matching its own sdk-metrics line), and a pull-only service never loads
 * the HTTP or gRPC client code. Called when the reader is configured, so a missing package is a
 * one-line error at start, never a failure at the first export.
 */
export function loadOtlpExporter<P extends OtlpProtocol>(protocol: P): ExporterModules[P] {
  const pkg = OTLP_EXPORTER_PACKAGES[protocol];
  try {
    return require(pkg) as ExporterModules[P];
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && (err as Error).message.includes(`'${pkg}'`);
    if (!missing) throw err;
    throw new Error(
      `teleport-otel: OTLP ${protocol} export needs the package ${pkg}; install it beside @opentelemetry/sdk-metrics (${pkg}@0.3xx for sdk-metrics 3.x, 0.2xx for 2.x)`
    );
  }
}
