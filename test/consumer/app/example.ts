/**
 * What an app on its own OpenTelemetry stack writes (compiled and run by otel-consumer.test.ts in a
 * scratch app outside the repo, against the packed packages): its own OTLP exporter on its own
 * PeriodicExportingMetricReader handed to startDiag, and its own MeterProvider the packages record
 * on. Prints one JSON line for the test to check; the test's OTLP receiver sees the push.
 */
import type { MeterProvider as AppMeterProvider } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { createAuditMetrics } from '@teleport-otel/audit';
import { createAuthMetrics } from '@teleport-otel/auth';
import { createBackendMetrics } from '@teleport-otel/backends';
import { audit } from '@teleport-otel/catalog';
import { startDiag } from '@teleport-otel/diag';
import { createProxyMetrics } from '@teleport-otel/proxy';

const HOUR = 3_600_000; // export only when asked (forceFlush)

async function main(): Promise<void> {
  // 1. The diag endpoint, with the app's own OTLP exporter as a push reader.
  const push = new PeriodicExportingMetricReader({
    exporter: new OTLPMetricExporter({ url: process.env.OTLP_URL }),
    exportIntervalMillis: HOUR,
  });
  const diag = await startDiag({ addr: '127.0.0.1:0', readers: [push] });
  const shared: AppMeterProvider = diag.meterProvider; // the app's own API type
  const onDiag = createAuditMetrics({ meterProvider: shared });
  createAuthMetrics({ meterProvider: shared });
  createBackendMetrics({ meterProvider: shared });
  createProxyMetrics({ meterProvider: shared });
  onDiag.emitEvents.inc();
  onDiag.emitEvents.inc();
  const scrape = await (await fetch(`${diag.url}/metrics`)).text();
  await push.forceFlush();
  await diag.close();

  // 2. The app's own MeterProvider: the packages record on it through the plain SDK.
  const memory = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const own = new PeriodicExportingMetricReader({ exporter: memory, exportIntervalMillis: HOUR });
  const appProvider = new MeterProvider({ readers: [own] });
  createAuditMetrics({ meterProvider: appProvider }).emitEvents.inc();
  await own.forceFlush();
  const points = memory
    .getMetrics()
    .flatMap((rm) => rm.scopeMetrics.flatMap((s) => s.metrics))
    .filter((m) => m.descriptor.name === audit.emitEvents.name)
    .flatMap((m) => m.dataPoints.map((p) => p.value));
  await appProvider.shutdown();

  console.log(JSON.stringify({ node: process.version, scrape, ownProvider: points }));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
