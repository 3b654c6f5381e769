import { AggregationTemporality, InstrumentType, type MetricReader } from '@opentelemetry/sdk-metrics';
import { backend, catalog, promhttp, self } from '@teleport-otel/catalog';
import { createInstruments, Registry } from '@teleport-otel/core';
import {
  createDiagMeterProvider,
  otlpReader,
  parseExposition,
  RegistryProducer,
  type DiagMeterProvider,
  type OtlpProtocol,
} from '@teleport-otel/diag';
import {
  startGrpcReceiver,
  startHttpReceiver,
  type ReceivedExport,
  type ReceivedMetric,
  type Receiver,
} from '../../../test-support/otlp-receiver';
import { labelsFor, seriesKey, startWorkload, type RecordedSeries } from './otlp-workload';

// Exports only when the test asks (forceFlush), never on a timer.
const NEVER = 3_600_000;

/** The Prometheus samples an OTLP metric stands for, keyed `name{k="v",...}` with sorted labels. */
function samplesOf(m: ReceivedMetric): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of m.points) {
    const labels = Object.entries(p.attributes).map(([k, v]) => [k, String(v)] as [string, string]);
    if (m.kind !== 'histogram') {
      out.set(key(m.name, labels), p.value!);
      continue;
    }
    let cumulative = 0;
    p.bucketCounts!.forEach((n, i) => {
      cumulative += n;
      const le = i < p.bounds!.length ? p.bounds![i]! : Infinity;
      out.set(key(`${m.name}_bucket`, [...labels, ['le', String(le)]]), cumulative);
    });
    out.set(key(`${m.name}_sum`, labels), p.sum!);
    out.set(key(`${m.name}_count`, labels), p.count!);
  }
  return out;
}

function key(name: string, labels: [string, string][]): string {
  const norm = labels.map(([k, v]) => [k, k === 'le' ? String(Number(v === '+Inf' ? Infinity : v)) : v]);
  return `${name}{${norm
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',')}}`;
}

/** Per family name, its samples keyed as samplesOf keys them. */
function pulledFamilies(text: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const family of parseExposition(text).values()) {
    out.set(family.name, new Map(family.samples.map((s) => [key(s.name, Object.entries(s.labels)), s.value])));
  }
  return out;
}

/**
 * What an exporter must carry for one series, computed here from the measurements the workload
 * made (not from any registry): running sums, the last value set or observed, and per-bucket
 * counts (OTLP's bucket i holds bounds[i-1] < v <= bounds[i]; the last one everything above).
 */
function expectedPoint(series: RecordedSeries, bounds: readonly number[] | undefined): object {
  const values = (op: string) => series.ops.filter((o) => o.op === op).map((o) => o.value);
  const records = values('record');
  if (records.length > 0) {
    const bucketCounts = new Array<number>(bounds!.length + 1).fill(0);
    for (const v of records) {
      const i = bounds!.findIndex((b) => v <= b);
      bucketCounts[i < 0 ? bounds!.length : i]!++;
    }
    return { count: records.length, sum: records.reduce((a, b) => a + b, 0), bucketCounts };
  }
  const last = (xs: number[]) => xs[xs.length - 1];
  return { value: last(values('observe')) ?? last(values('set')) ?? values('add').reduce((a, b) => a + b, 0) };
}

function byName(e: ReceivedExport): Map<string, ReceivedMetric> {
  return new Map(e.metrics.map((m) => [m.name, m]));
}

describe.each<[OtlpProtocol, () => Promise<Receiver>]>([
  ['http/protobuf', () => startHttpReceiver()],
  ['http/json', () => startHttpReceiver()],
  ['grpc', () => startGrpcReceiver()],
])('OTLP push over %s', (protocol, start) => {
  let receiver: Receiver;
  let diag: DiagMeterProvider;

  beforeEach(async () => {
    receiver = await start();
    diag = createDiagMeterProvider({
      readers: [otlpReader({ protocol, url: receiver.url, exportIntervalMillis: NEVER, exportTimeoutMillis: 5_000 })],
    });
  });
  afterEach(async () => {
    await diag.shutdown();
    await receiver.close();
  });

  it('delivers every catalog metric with its name, unit, description and buckets, equal to the pull exposition', async () => {
    const workload = startWorkload(diag.meterProvider);
    workload.step();
    // Recording has stopped: one push export and one pull render see the same moment.
    const arrived = receiver.next();
    await diag.meterProvider.forceFlush();
    const pushed = await arrived;
    const text = await diag.render();
    expect(pushed.transport).toBe(protocol);

    expect(workload.entries.map((e) => e.name).sort()).toEqual(catalog.map((e) => e.name).sort());
    const metrics = byName(pushed);
    const pulled = pulledFamilies(text);
    for (const entry of workload.entries) {
      // OpenTelemetry has no summary type: go_gc_duration_seconds is pull-only (see docs/otlp.md).
      if (entry.instrument === 'summary') {
        expect(metrics.has(entry.name)).toBe(false);
        continue;
      }
      const m = metrics.get(entry.name);
      expect({ name: m?.name, unit: m?.unit, description: m?.description }).toEqual({
        name: entry.name,
        unit: entry.unit,
        description: entry.help,
      });
      expect(m!.points.length).toBeGreaterThan(0);
      if (entry.instrument === 'histogram') {
        expect(m!.kind).toBe('histogram');
        for (const p of m!.points) expect(p.bounds).toEqual(entry.buckets);
      } else {
        expect(m!.kind).toBe(entry.instrument === 'gauge' ? 'gauge' : 'sum');
      }
      if (m!.kind === 'sum') expect(m!.monotonic).toBe(entry.instrument === 'counter');
      // Same values per series as the /metrics text at the same moment.
      const samples = samplesOf(m!);
      const family = pulled.get(entry.name) ?? new Map<string, number>();
      for (const [series, value] of samples) {
        expect([series, family.get(series)]).toEqual([series, value]);
      }
      expect([...family.keys()].filter((k) => !samples.has(k))).toEqual([]);
    }
    // One scope per owning package, as the SDK path would report them.
    for (const m of pushed.metrics) {
      const entry = workload.entries.find((e) => e.name === m.name);
      if (entry) expect(m.scope).toBe(`@teleport-otel/${entry.package}`);
    }
  });

  it('carries exactly what the workload recorded: sums, last values, histogram counts, sums and buckets', async () => {
    const workload = startWorkload(diag.meterProvider);
    workload.step();
    const arrived = receiver.next();
    await diag.meterProvider.forceFlush();
    const metrics = byName(await arrived);
    let compared = 0;
    const mismatches: object[] = [];
    for (const entry of workload.entries) {
      const recorded = workload.recorded.get(entry.name);
      if (entry.instrument === 'summary' || !recorded) continue;
      const m = metrics.get(entry.name)!;
      const got = m.points.map((p) => {
        const point = m.kind === 'histogram' ? { count: p.count, sum: p.sum, bucketCounts: p.bucketCounts } : { value: p.value };
        return [seriesKey(entry, p.attributes), point] as const;
      });
      const want = new Map([...recorded].map(([key, series]) => [key, expectedPoint(series, entry.buckets)]));
      // The one series set the workload did not make: as client_golang does, the diag starts
      // promhttp's scrape counter at 0 for code 200, 500 and 503 (the catalog note says so).
      if (entry.name === promhttp.requestsTotal.name)
        for (const code of promhttp.requestsTotal.examples.code) {
          const key = seriesKey(entry, { code });
          if (!want.has(key)) want.set(key, { value: 0 });
        }
      const sorted = (xs: Iterable<readonly [string, object]>) => [...xs].sort(([a], [b]) => (a < b ? -1 : 1));
      const [g, w] = [sorted(got), sorted(want)];
      if (JSON.stringify(g) !== JSON.stringify(w)) mismatches.push({ name: entry.name, got: g, want: w });
      compared++;
    }
    expect(mismatches).toEqual([]);
    // Every recorded or observed catalog entry but the summary was compared.
    expect(compared).toBe(workload.recorded.size);
    expect(compared).toBe(workload.entries.filter((e) => e.instrument !== 'summary').length);
  });
});

describe('OTLP push temporality', () => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startHttpReceiver();
  });
  afterEach(() => receiver.close());

  it('is cumulative by default: a second export carries the running total', async () => {
    const diag = createDiagMeterProvider({ readers: [otlpReader({ url: receiver.url, exportIntervalMillis: NEVER })] });
    const { requests } = createInstruments({ requests: backend.requests }, { meterProvider: diag.meterProvider });
    const labels = labelsFor(backend.requests) as Parameters<typeof requests.add>[1];
    requests.add(3, labels);
    await diag.meterProvider.forceFlush();
    requests.add(2, labels);
    await diag.meterProvider.forceFlush();
    await diag.shutdown();
    const values = receiver.exports.slice(0, 2).map((e) => byName(e).get(backend.requests.name)!);
    expect(values.map((m) => m.temporality)).toEqual([2, 2]);
    expect(values.map((m) => m.points[0]!.value)).toEqual([3, 5]);
  });

  it('is delta on request, for counters and histograms, with the exporter selecting delta too', async () => {
    const diag = createDiagMeterProvider({
      readers: [otlpReader({ url: receiver.url, exportIntervalMillis: NEVER, temporality: 'delta' })],
    });
    const { requests, readSeconds } = createInstruments(
      { requests: backend.requests, readSeconds: backend.readSeconds },
      { meterProvider: diag.meterProvider }
    );
    const labels = labelsFor(backend.requests) as Parameters<typeof requests.add>[1];
    const hLabels = labelsFor(backend.readSeconds) as Parameters<typeof readSeconds.record>[1];
    requests.add(3, labels);
    readSeconds.record(backend.readSeconds.buckets[0], hLabels);
    readSeconds.record(backend.readSeconds.buckets[0], hLabels);
    await diag.meterProvider.forceFlush();
    requests.add(2, labels);
    readSeconds.record(backend.readSeconds.buckets[0], hLabels);
    await diag.meterProvider.forceFlush();
    await diag.shutdown();
    const [first, second] = receiver.exports.map(byName);
    expect(first!.get(backend.requests.name)!.temporality).toBe(1);
    expect([first, second].map((m) => m!.get(backend.requests.name)!.points[0]!.value)).toEqual([3, 2]);
    expect([first, second].map((m) => m!.get(backend.readSeconds.name)!.points[0]!.count)).toEqual([2, 1]);
  });

  it('builds readers whose SDK temporality selector agrees with the producer', () => {
    const registry = new Registry();
    const producer = new RegistryProducer(registry);
    const select = (t: 'delta' | 'cumulative') => {
      const spec = otlpReader({ url: receiver.url, temporality: t }) as (p: RegistryProducer, r: Registry) => MetricReader;
      return spec(producer, registry).selectAggregationTemporality(InstrumentType.COUNTER);
    };
    expect(select('delta')).toBe(AggregationTemporality.DELTA);
    expect(select('cumulative')).toBe(AggregationTemporality.CUMULATIVE);
  });

  it('exports the export-failure self-metric at zero while the collector answers', async () => {
    const diag = createDiagMeterProvider({ readers: [otlpReader({ url: receiver.url, exportIntervalMillis: NEVER })] });
    await diag.meterProvider.forceFlush();
    await diag.shutdown();
    const m = byName(receiver.exports[0]!).get(self.exportFailures.name)!;
    expect(m.points).toEqual([{ attributes: { exporter: 'otlp' }, value: 0 }]);
  });
});
