import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { audit, backend, go, grpcServer } from '@teleport-otel/catalog';
import { createInstruments } from '@teleport-otel/core';
import { AggregationTemporality, DataPointType, MetricReader, type ExponentialHistogram } from '@opentelemetry/sdk-metrics';
import { createDiagMeterProvider, type DiagMeterProvider, type RegistryProducer } from '@teleport-otel/diag';
import { buildGoFixture, requireGo } from '../../../test-support/go';

/*
 * The protobuf exposition read back by client_golang 1.14's own decoder (expfmt, Debian's
 * golang-github-prometheus-client-golang-dev) and written out by its own text encoder: the result
 * must be our text exposition, byte for byte. Native buckets are compared with what a real
 * client_golang histogram keeps for the same observations.
 */

const { go: goBinary, skip } = requireGo();
const FIXTURE = join(__dirname, '../../../test-support/go/client-golang-protobuf');
const d = skip ? describe.skip : describe;

function oracle(mode: 'text' | 'native' | 'observe', input: Buffer | string): string {
  const bin = buildGoFixture(FIXTURE, goBinary);
  const r = spawnSync(bin, [mode], { input, timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`oracle ${mode} exited ${String(r.status)}: ${r.stderr.toString()}`);
  return r.stdout.toString('utf8');
}

/** Every kind of family the text renderer writes, with awkward values and labels. */
function populate(diag: DiagMeterProvider): void {
  const meterProvider = diag.meterProvider;
  const a = createInstruments(audit, { meterProvider });
  const b = createInstruments(backend, { meterProvider });
  const g = createInstruments(grpcServer, { meterProvider, constLabels: { server: 'teleport-auth' } });
  const rt = createInstruments(go, { meterProvider });
  a.emitEvents.inc();
  a.emitEvents.add(2 ** 40);
  for (const [i, component] of ['cache', 'backend', 'we"ird\\ \n ünïcödé'].entries()) {
    b.readRequestsTotal.add(i + 0.5, { component });
    for (let k = 0; k < 50 * (i + 1); k++) b.readSeconds.record(k * 0.0007 + i * 0.3, { component });
  }
  b.readSeconds.record(1e-9, { component: 'tiny' });
  b.readSeconds.record(0, { component: 'zero' });
  rt.goroutines.addCallback((observe) => observe(1.5e21));
  rt.gcDurationSeconds.addCallback((observe) =>
    observe({ quantiles: [1e-5, 0.0002, 0.003, 0.04, 1.5e6], sum: 7.25, count: 300 })
  );
  g.handledTotal.inc({ grpc_code: 'OK', grpc_method: 'Ping', grpc_service: 'proto.AuthService', grpc_type: 'unary' });
  // The SDK path, merged in by name.
  const meter = meterProvider.getMeter('app');
  meter.createCounter('app_jobs', { description: 'Jobs done' }).add(3, { queue: 'b', zone: 'z"1' });
  meter.createUpDownCounter('app_in_flight').add(-2);
  meter.createHistogram('app_latency', { advice: { explicitBucketBoundaries: [0.1, 1] } }).record(0.5, { route: '/x' });
}

d('protobuf exposition, read back by client_golang', () => {
  jest.setTimeout(300_000);

  it("client_golang's decoder turns our protobuf back into our text, byte for byte", async () => {
    const diag = createDiagMeterProvider({ maxSeries: 3 });
    try {
      populate(diag);
      const text = await diag.render();
      const proto = await diag.pullReader!.renderProtobuf();
      expect(text).toMatch(/otel_metric_overflow="true"/); // maxSeries 3 put a series in the overflow cell
      for (const family of ['app_latency_bucket', 'app_jobs{', 'go_gc_duration_seconds{quantile', 'server="teleport-auth"'])
        expect(text).toContain(family);
      expect(oracle('text', proto)).toBe(text);
    } finally {
      await diag.shutdown();
    }
  });

  it('native histograms on: the text is unchanged and the classic buckets still read back', async () => {
    const plain = createDiagMeterProvider();
    const native = createDiagMeterProvider({ nativeHistograms: true });
    try {
      populate(plain);
      populate(native);
      const text = await native.render();
      expect(text).toBe(await plain.render());
      expect(oracle('text', await native.pullReader!.renderProtobuf())).toBe(text);
    } finally {
      await plain.shutdown();
      await native.shutdown();
    }
  });

  it('native buckets are what a client_golang histogram keeps for the same observations', async () => {
    // Spread over many powers of two, so a 40-bucket limit forces resolution to be halved.
    const values = Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? 0 : 1e-6 * 1.07 ** i));
    values.push(0.5, 1, 2, 2 ** -20, 0.5452538663326288, 0.5946035575013605); // on bucket edges
    for (const [factor, maxBuckets] of [
      [1.1, 160],
      [1.1, 40],
      [2, 160],
      [1.01, 20],
    ] as const) {
      const diag = createDiagMeterProvider({
        nativeHistograms: [backend.readSeconds.name],
        nativeHistogramOptions: { bucketFactor: factor, maxBuckets },
      });
      try {
        const b = createInstruments(backend, { meterProvider: diag.meterProvider });
        const bound = b.readSeconds.bind({ component: 'bound' });
        for (const v of values) {
          b.readSeconds.record(v, { component: 'cache' });
          bound.record(v);
        }
        b.writeSeconds.record(0.1, { component: 'cache' }); // not listed: no native buckets
        const ours = oracle('native', await diag.pullReader!.renderProtobuf())
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { name: string; native: Record<string, unknown> });
        const theirs = JSON.parse(oracle('observe', JSON.stringify({ factor, maxBuckets, values }))) as Record<string, unknown>;
        expect(ours.map((o) => o.name)).toEqual([backend.readSeconds.name, backend.readSeconds.name]);
        for (const o of ours) expect({ ...o.native, labels: undefined }).toEqual({ ...theirs, labels: undefined });
        if (maxBuckets === 40) expect(theirs.schema).toBeLessThan(3);
      } finally {
        await diag.shutdown();
      }
    }
  });

  it("OTLP carries the native buckets as an exponential histogram with client_golang's buckets", async () => {
    class PushReader extends MetricReader {
      protected override async onShutdown(): Promise<void> {}
      protected override async onForceFlush(): Promise<void> {}
    }
    let reader: PushReader | undefined;
    const diag = createDiagMeterProvider({
      noPull: true,
      nativeHistograms: [backend.readSeconds.name],
      readers: [
        (producer: RegistryProducer) =>
          (reader = new PushReader({
            metricProducers: [producer],
            aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE,
          })),
      ],
    });
    try {
      const values = Array.from({ length: 300 }, (_, i) => (i % 9 === 0 ? 0 : 2e-5 * 1.05 ** i));
      const b = createInstruments(backend, { meterProvider: diag.meterProvider });
      for (const v of values) b.readSeconds.record(v, { component: 'cache' });
      const { resourceMetrics } = await reader!.collect();
      const metric = resourceMetrics.scopeMetrics
        .flatMap((s) => s.metrics)
        .find((m) => m.descriptor.name === backend.readSeconds.name)!;
      expect(metric.dataPointType).toBe(DataPointType.EXPONENTIAL_HISTOGRAM);
      const point = metric.dataPoints[0]!.value as ExponentialHistogram;
      const go = JSON.parse(oracle('observe', JSON.stringify({ factor: 1.1, maxBuckets: 160, values }))) as {
        count: number;
        schema: number;
        zeroCount: number;
        spans: [number, number][];
        deltas: number[];
      };
      // client_golang's spans and deltas as Prometheus bucket key -> count; OpenTelemetry index = key - 1.
      const expected = new Map<number, number>();
      let k = 0;
      let count = 0;
      let d = 0;
      go.spans.forEach(([offset, length], i) => {
        k = i === 0 ? offset : k + offset;
        for (let j = 0; j < length; j++, k++) expected.set(k - 1, (count += go.deltas[d++]!));
      });
      const ours = new Map(point.positive.bucketCounts.map((n, i) => [point.positive.offset + i, n] as const));
      for (const [i, n] of ours) if (n === 0) ours.delete(i);
      for (const [i, n] of expected) if (n === 0) expected.delete(i);
      expect(ours.size).toBeGreaterThan(20);
      expect({ scale: point.scale, zeroCount: point.zeroCount, count: point.count, buckets: [...ours] }).toEqual({
        scale: go.schema,
        zeroCount: go.zeroCount,
        count: go.count,
        buckets: [...expected],
      });
    } finally {
      await diag.shutdown();
    }
  });
});
