import { createServer } from 'node:net';
import { getHeapSpaceStatistics } from 'node:v8';
import type { HistogramMetricData } from '@opentelemetry/sdk-metrics';
import { nodejs } from '@teleport-otel/catalog';
import { createRuntimeMetrics, type RuntimeMetrics } from '@teleport-otel/runtime';
import { collectMetrics, forceGc, sdkPipeline, sleep, spin, valueOf, valuesBy } from './helpers';

describe('v8js_* and nodejs_* (OpenTelemetry semantic conventions)', () => {
  let runtime: RuntimeMetrics;
  let pipeline: ReturnType<typeof sdkPipeline>;
  beforeEach(() => {
    pipeline = sdkPipeline();
    runtime = createRuntimeMetrics({ meterProvider: pipeline.meterProvider, process: false });
  });
  afterEach(async () => {
    runtime.stop();
    await pipeline.meterProvider.shutdown();
  });

  it('reports every V8 heap space, consistently within one collection', async () => {
    const got = await collectMetrics(pipeline.reader);
    const label = nodejs.heapUsed.labels[0];
    const names = getHeapSpaceStatistics()
      .map((s) => s.space_name)
      .sort();
    const used = valuesBy(got.get(nodejs.heapUsed.name), label);
    const size = valuesBy(got.get(nodejs.heapSpaceSize.name), label);
    const physical = valuesBy(got.get(nodejs.heapSpacePhysicalSize.name), label);
    const available = valuesBy(got.get(nodejs.heapSpaceAvailableSize.name), label);
    for (const m of [used, size, physical, available]) expect([...m.keys()].sort()).toEqual(names);
    for (const n of names) expect(used.get(n)!).toBeLessThanOrEqual(size.get(n)!);
    const old = getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')!;
    expect(Math.abs(size.get('old_space')! - old.space_size)).toBeLessThanOrEqual(0.25 * old.space_size);
  });

  it('records each collection in v8js_gc_duration by kind, with the catalog buckets', async () => {
    await forceGc(3);
    const m = (await collectMetrics(pipeline.reader)).get(nodejs.gcDuration.name) as HistogramMetricData;
    const label = nodejs.gcDuration.labels[0];
    const major = m.dataPoints.find((dp) => dp.attributes[label] === 'major');
    expect(major?.value.count).toBeGreaterThanOrEqual(3);
    for (const dp of m.dataPoints) {
      expect(nodejs.gcDuration.values.v8js_gc_type).toContain(dp.attributes[label]);
      expect(dp.value.buckets.boundaries).toEqual(nodejs.gcDuration.buckets);
    }
  });

  it('counts active resources by type', async () => {
    const label = nodejs.resourceActive.labels[0];
    const before = valuesBy((await collectMetrics(pipeline.reader)).get(nodejs.resourceActive.name), label);
    const timers = [setInterval(() => {}, 1000), setInterval(() => {}, 1000)];
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const during = valuesBy((await collectMetrics(pipeline.reader)).get(nodejs.resourceActive.name), label);
      expect(during.get('Timeout')! - (before.get('Timeout') ?? 0)).toBeGreaterThanOrEqual(2);
      expect(during.get('TCPServerWrap')).toBeGreaterThanOrEqual(1);
    } finally {
      timers.forEach(clearInterval);
      await new Promise((r) => server.close(r));
    }
  });

  it('measures event-loop delay per interval and utilization', async () => {
    await collectMetrics(pipeline.reader); // start a fresh interval
    await new Promise<void>((r) =>
      setTimeout(() => {
        spin(200); // block the loop
        r();
      }, 20)
    );
    await sleep(30);
    const blocked = await collectMetrics(pipeline.reader);
    expect(valueOf(blocked.get(nodejs.eventloopDelayMax.name))).toBeGreaterThanOrEqual(0.15);
    expect(valueOf(blocked.get(nodejs.eventloopDelayP99.name))).toBeLessThanOrEqual(
      valueOf(blocked.get(nodejs.eventloopDelayMax.name))
    );
    expect(valueOf(blocked.get(nodejs.eventloopDelayMin.name))).toBeLessThanOrEqual(
      valueOf(blocked.get(nodejs.eventloopDelayMean.name))
    );
    expect(valueOf(blocked.get(nodejs.eventloopUtilization.name))).toBeGreaterThan(0.5);
    const state = nodejs.eventloopTime.labels[0];
    const time = valuesBy(blocked.get(nodejs.eventloopTime.name), state);
    expect(time.get('active')!).toBeGreaterThan(0.2);
    expect(time.get('idle')!).toBeGreaterThan(0);

    await sleep(100); // a quiet interval: the histogram was reset after the last collection
    const quiet = await collectMetrics(pipeline.reader);
    // Below the blocked interval's max (not a fixed bound: on a loaded machine a quiet loop can
    // still wait well over 150 ms); without the reset it would hold the 200 ms spin again.
    expect(valueOf(quiet.get(nodejs.eventloopDelayMax.name))).toBeLessThan(valueOf(blocked.get(nodejs.eventloopDelayMax.name)));
    expect(valueOf(quiet.get(nodejs.eventloopUtilization.name))).toBeLessThan(0.5);
    expect(valuesBy(quiet.get(nodejs.eventloopTime.name), state).get('idle')!).toBeGreaterThan(time.get('idle')!);
  });

  it('reports external memory and the Node.js version', async () => {
    const before = valueOf((await collectMetrics(pipeline.reader)).get(nodejs.externalMemory.name));
    const big = Buffer.alloc(64 * 1024 * 1024, 1);
    const got = await collectMetrics(pipeline.reader);
    expect(valueOf(got.get(nodejs.externalMemory.name)) - before).toBeGreaterThanOrEqual(big.length * 0.9);
    const version = got.get(nodejs.versionInfo.name)!.dataPoints[0]!;
    expect(version.value).toBe(1);
    expect(version.attributes.version).toBe(process.version);
    const [major, minor, patch] = process.versions.node.split('.');
    expect(version.attributes).toEqual({ version: process.version, major, minor, patch });
    expect(Object.keys(version.attributes).sort()).toEqual(Object.keys(nodejs.versionInfo.constLabels).sort());
  });
});
