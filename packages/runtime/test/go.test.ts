import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { go } from '@teleport-otel/catalog';
import { createDiagMeterProvider, parseExposition, type ParsedFamily } from '@teleport-otel/diag';
import { createRuntimeMetrics } from '@teleport-otel/runtime';
import { collectMetrics, forceGc, sdkPipeline, sleep, valueOf } from './helpers';

function threadsNow(): number {
  return Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))![1]);
}

describe('go_* aliases', () => {
  it('are opt-in', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const runtime = createRuntimeMetrics({ meterProvider });
    try {
      const got = await collectMetrics(reader);
      for (const entry of Object.values(go)) expect(got.has(entry.name)).toBe(false);
      expect(runtime.exposed.some((n) => Object.values(go).some((e) => e.name === n))).toBe(false);
    } finally {
      runtime.stop();
      await meterProvider.shutdown();
    }
  });

  it('derive the memstats rows from one V8 heap reading per collection', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const runtime = createRuntimeMetrics({ meterProvider, goAliases: true, process: false, nodejs: false });
    try {
      const before = getHeapStatistics();
      const got = await collectMetrics(reader);
      const v = (name: string) => valueOf(got.get(name));
      const alloc = v(go.heapAllocBytes.name);
      expect(v(go.allocBytes.name)).toBe(alloc);
      expect(v(go.heapInuseBytes.name)).toBe(alloc);
      expect(v(go.heapSysBytes.name)).toBe(v(go.heapInuseBytes.name) + v(go.heapIdleBytes.name));
      expect(Math.abs(alloc - before.used_heap_size)).toBeLessThan(0.25 * before.used_heap_size);
      expect(Math.abs(v(go.heapSysBytes.name) - before.total_heap_size)).toBeLessThan(0.25 * before.total_heap_size);
      expect(v(go.otherSysBytes.name)).toBeGreaterThan(0);
    } finally {
      runtime.stop();
      await meterProvider.shutdown();
    }
  });

  it('go_threads follows the process thread count', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const runtime = createRuntimeMetrics({ meterProvider, goAliases: true, process: false, nodejs: false });
    let worker: Worker | undefined;
    try {
      const before = valueOf((await collectMetrics(reader)).get(go.threads.name));
      expect(Math.abs(before - threadsNow())).toBeLessThanOrEqual(1);
      worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
      await new Promise((r) => worker!.once('online', r));
      await sleep(20);
      const during = valueOf((await collectMetrics(reader)).get(go.threads.name));
      expect(during).toBeGreaterThanOrEqual(before + 1);
      expect(Math.abs(during - threadsNow())).toBeLessThanOrEqual(1);
    } finally {
      await worker?.terminate();
      runtime.stop();
      await meterProvider.shutdown();
    }
  });

  it('go_gc_duration_seconds and go_memstats_last_gc_time_seconds follow the collections (fast path)', async () => {
    const provider = createDiagMeterProvider();
    const runtime = createRuntimeMetrics({
      meterProvider: provider.meterProvider,
      goAliases: true,
      process: false,
      nodejs: false,
    });
    const summary = (f: ParsedFamily) => ({
      quantiles: f.samples.filter((s) => s.name === f.name).map((s) => s.value),
      sum: f.samples.find((s) => s.name === `${f.name}_sum`)!.value,
      count: f.samples.find((s) => s.name === `${f.name}_count`)!.value,
    });
    try {
      const first = summary(parseExposition(await provider.render()).get(go.gcDurationSeconds.name)!);
      const start = Date.now() / 1000;
      await forceGc(4);
      const families = parseExposition(await provider.render());
      const second = summary(families.get(go.gcDurationSeconds.name)!);
      expect(second.count - first.count).toBeGreaterThanOrEqual(4);
      expect(second.sum).toBeGreaterThan(first.sum);
      expect(second.quantiles).toHaveLength(go.gcDurationSeconds.quantiles.length);
      expect([...second.quantiles].sort((a, b) => a - b)).toEqual(second.quantiles);
      expect(second.quantiles[0]!).toBeGreaterThan(0);
      expect(second.quantiles[second.quantiles.length - 1]!).toBeLessThanOrEqual(second.sum);

      const lastGc = families.get(go.lastGcTimeSeconds.name)!.samples[0]!.value;
      expect(lastGc).toBeGreaterThanOrEqual(start - 0.01);
      expect(lastGc).toBeLessThanOrEqual(Date.now() / 1000);
    } finally {
      runtime.stop();
      await provider.shutdown();
    }
  });
});
