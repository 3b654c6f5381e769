/**
 * A reader the app built itself, from its own sdk-metrics, handed to diag as is: it must see the
 * packages' fast-path metrics as well as instruments made directly on the diag MeterProvider.
 */
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  PeriodicExportingMetricReader,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { createAuditMetrics } from '@teleport-otel/audit';
import { audit } from '@teleport-otel/catalog';
import { createDiagMeterProvider, startDiag } from '@teleport-otel/diag';

const NEVER = 3_600_000;

function appReader(temporality: AggregationTemporality) {
  const exporter = new InMemoryMetricExporter(temporality);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: NEVER });
  const exported = async (): Promise<Map<string, MetricData>> => {
    await reader.forceFlush();
    const last = exporter.getMetrics().at(-1)!;
    return new Map(last.scopeMetrics.flatMap((s) => s.metrics).map((m) => [m.descriptor.name, m]));
  };
  return { reader, exported };
}

describe("the app's own reader passed to diag", () => {
  it('exports the fast-path metrics and the SDK instruments made on the diag provider', async () => {
    const { reader, exported } = appReader(AggregationTemporality.CUMULATIVE);
    const diag = await startDiag({ addr: '127.0.0.1:0', readers: [reader] });
    try {
      const m = createAuditMetrics({ meterProvider: diag.meterProvider });
      m.emitEvents.inc();
      m.emitEvents.inc();
      diag.meterProvider.getMeter('app').createCounter('app_requests').add(3);
      const got = await exported();
      const emit = got.get(audit.emitEvents.name);
      expect(emit?.descriptor).toMatchObject({ unit: audit.emitEvents.unit, description: audit.emitEvents.help });
      expect(emit?.dataPoints.map((p) => p.value)).toEqual([2]);
      expect(got.get('app_requests')?.dataPoints.map((p) => p.value)).toEqual([3]);
      // The pull side is unaffected.
      const text = await (await fetch(`${diag.url}/metrics`)).text();
      expect(text).toContain(`${audit.emitEvents.name} 2\n`);
    } finally {
      await diag.close();
    }
  });

  it('reports the change since the last export when the reader asks for delta', async () => {
    const { reader, exported } = appReader(AggregationTemporality.DELTA);
    const diag = createDiagMeterProvider({ readers: [reader], noPull: true });
    try {
      const m = createAuditMetrics({ meterProvider: diag.meterProvider });
      m.emitEvents.inc();
      m.emitEvents.inc();
      expect((await exported()).get(audit.emitEvents.name)?.dataPoints.map((p) => p.value)).toEqual([2]);
      m.emitEvents.inc();
      const second = (await exported()).get(audit.emitEvents.name)!;
      expect(second.aggregationTemporality).toBe(AggregationTemporality.DELTA);
      expect(second.dataPoints.map((p) => p.value)).toEqual([1]);
    } finally {
      await diag.shutdown();
    }
  });

  it('is flushed and shut down with the diag provider', async () => {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const flushing = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: NEVER });
    const diag = createDiagMeterProvider({ readers: [flushing], noPull: true });
    createAuditMetrics({ meterProvider: diag.meterProvider }).emitEvents.inc();
    await diag.shutdown();
    // The final export on shutdown went through the app's reader, which is now shut down.
    const names = exporter.getMetrics().flatMap((rm) => rm.scopeMetrics.flatMap((s) => s.metrics.map((m) => m.descriptor.name)));
    expect(names).toContain(audit.emitEvents.name);
    await expect(flushing.collect()).rejects.toThrow(/shutdown/);
  });
});
