/**
 * The packages inside a pipeline the user built: their own MeterProvider, readers and Views, no
 * diag server. Component packages get plain OpenTelemetry instruments there (the SDK path).
 */
import { metrics } from '@opentelemetry/api';
import {
  AggregationTemporality,
  AggregationType,
  createDenyListAttributesProcessor,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type HistogramMetricData,
  type MetricData,
  type ViewOptions,
} from '@opentelemetry/sdk-metrics';
import { createAuditMetrics } from '@teleport-otel/audit';
import { createBackendMetrics } from '@teleport-otel/backends';
import { audit, backend } from '@teleport-otel/catalog';
import { attachRegistry, Registry } from '@teleport-otel/core';
import { RegistryProducer } from '@teleport-otel/diag';
import { sampleLabels as labelsFor } from '../test-support/sdk';

function userPipeline(views: ViewOptions[] = []) {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader], views });
  const exported = async (): Promise<Map<string, MetricData>> => {
    await reader.forceFlush();
    const last = exporter.getMetrics().at(-1)!;
    return new Map(last.scopeMetrics.flatMap((s) => s.metrics).map((m) => [m.descriptor.name, m]));
  };
  return { meterProvider, exported, exporter, reader };
}

describe('a user-built MeterProvider', () => {
  it('applies the user’s Views to the packages’ instruments: new buckets, a dropped attribute', async () => {
    // Every other catalog bucket, and the requests counter without its `range` label.
    const coarser = backend.readSeconds.buckets.filter((_, i) => i % 2 === 0);
    const dropped = backend.requests.labels[backend.requests.labels.length - 1]!;
    const { meterProvider, exported } = userPipeline([
      {
        instrumentName: backend.readSeconds.name,
        aggregation: { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: [...coarser] } },
      },
      { instrumentName: backend.requests.name, attributesProcessors: [createDenyListAttributesProcessor([dropped])] },
    ]);
    const m = createBackendMetrics({ meterProvider });
    const rLabels = labelsFor(backend.readSeconds) as Parameters<typeof m.readSeconds.record>[1];
    m.readSeconds.record(backend.readSeconds.buckets[1]!, rLabels);
    // Two label sets that differ only in the dropped label merge into one series.
    expect(labelsFor(backend.requests, 1)[dropped]).not.toBe(labelsFor(backend.requests, 0)[dropped]);
    m.requests.inc(labelsFor(backend.requests, 0) as Parameters<typeof m.requests.inc>[0]);
    m.requests.inc({ ...labelsFor(backend.requests, 0), [dropped]: labelsFor(backend.requests, 1)[dropped]! } as Parameters<
      typeof m.requests.inc
    >[0]);

    const got = await exported();
    const hist = got.get(backend.readSeconds.name) as HistogramMetricData;
    expect(hist.dataPointType).toBe(DataPointType.HISTOGRAM);
    expect(hist.descriptor).toMatchObject({ unit: backend.readSeconds.unit, description: backend.readSeconds.help });
    expect(hist.dataPoints[0]!.value.buckets.boundaries).toEqual(coarser);
    expect(hist.dataPoints[0]!.value.count).toBe(1);

    const requests = got.get(backend.requests.name)!;
    expect(requests.dataPoints).toHaveLength(1);
    expect(Object.keys(requests.dataPoints[0]!.attributes).sort()).toEqual(
      backend.requests.labels.filter((l) => l !== dropped).sort()
    );
    expect(requests.dataPoints[0]!.value).toBe(2);
    await meterProvider.shutdown();
  });

  it('without Views, reports the catalog’s name, unit, description and buckets', async () => {
    const { meterProvider, exported } = userPipeline();
    const m = createBackendMetrics({ meterProvider });
    m.readSeconds.record(
      backend.readSeconds.buckets[0]!,
      labelsFor(backend.readSeconds) as Parameters<typeof m.readSeconds.record>[1]
    );
    const hist = (await exported()).get(backend.readSeconds.name) as HistogramMetricData;
    expect(hist.descriptor).toMatchObject({
      name: backend.readSeconds.name,
      unit: backend.readSeconds.unit,
      description: backend.readSeconds.help,
    });
    expect(hist.dataPoints[0]!.value.buckets.boundaries).toEqual(backend.readSeconds.buckets);
    await meterProvider.shutdown();
  });

  it('is used through the global provider when a package is given no options (NodeSDK installs one)', async () => {
    const { meterProvider, exported } = userPipeline();
    metrics.setGlobalMeterProvider(meterProvider);
    try {
      createAuditMetrics().emitEvents.inc();
      expect((await exported()).get(audit.emitEvents.name)?.dataPoints[0]?.value).toBe(1);
    } finally {
      metrics.disable();
      await meterProvider.shutdown();
    }
  });

  it('gets the fast path when the user attaches a Registry and reads it with a RegistryProducer', async () => {
    const registry = new Registry();
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({
      exporter,
      exportIntervalMillis: 3_600_000,
      metricProducers: [new RegistryProducer(registry)],
    });
    const meterProvider = attachRegistry(new MeterProvider({ readers: [reader] }), registry);
    const m = createAuditMetrics({ meterProvider });
    m.emitEvents.inc();
    m.emitEvents.inc();
    await reader.forceFlush();
    const all = exporter.getMetrics().at(-1)!.scopeMetrics;
    const emit = all.flatMap((s) => s.metrics).find((d) => d.descriptor.name === audit.emitEvents.name)!;
    expect(emit.descriptor).toMatchObject({ unit: audit.emitEvents.unit, description: audit.emitEvents.help });
    expect(emit.dataPoints[0]!.value).toBe(2);
    // Recorded in the Registry (fast path), not through an SDK instrument.
    expect(registry.collect().some((f) => f.entry.name === audit.emitEvents.name)).toBe(true);
    expect(all.find((s) => s.metrics.includes(emit))!.scope.name).toBe(`@teleport-otel/${audit.emitEvents.package}`);
    await meterProvider.shutdown();
  });
});
