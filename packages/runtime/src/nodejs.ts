import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics, type HeapInfo } from 'node:v8';
import { nodejs } from '@teleport-otel/catalog';
import type { InstrumentOptions } from '@teleport-otel/core';
import type { GcWatcher } from './gc';
import { createSome } from './select';
import { PerCollection } from './snapshot';

export interface NodejsSources {
  readonly heap: PerCollection<HeapInfo>;
  readonly gc: GcWatcher;
}

export interface NodejsOptions extends InstrumentOptions {
  /** Sampling resolution of perf_hooks.monitorEventLoopDelay, in milliseconds. Default 10. */
  eventLoopDelayResolutionMs?: number;
}

interface DelayReading {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly stddev: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

/** Node's version as nodejs_version_info's const labels (prom-client's label set). */
export function versionLabels(): Record<string, string> {
  const [major = '', minor = '', patch = ''] = process.versions.node.split('.');
  return { version: process.version, major, minor, patch };
}

/**
 * Registers the v8js_* / nodejs_* rows. Returns a function that stops the event-loop delay
 * monitor (the GC observer belongs to the caller).
 */
export function registerNodejsMetrics(sources: NodejsSources, options: NodejsOptions): () => void {
  const m = createSome(nodejs, () => true, { ...options, constLabels: versionLabels() });

  const spaces = new PerCollection(() => getHeapSpaceStatistics());
  m.heapSpaceSize?.addCallback((observe) => {
    for (const s of spaces.get('size')) observe(s.space_size, { v8js_heap_space_name: s.space_name });
  });
  m.heapUsed?.addCallback((observe) => {
    for (const s of spaces.get('used')) observe(s.space_used_size, { v8js_heap_space_name: s.space_name });
  });
  m.heapSpaceAvailableSize?.addCallback((observe) => {
    for (const s of spaces.get('available')) observe(s.space_available_size, { v8js_heap_space_name: s.space_name });
  });
  m.heapSpacePhysicalSize?.addCallback((observe) => {
    for (const s of spaces.get('physical')) observe(s.physical_space_size, { v8js_heap_space_name: s.space_name });
  });

  const gcDuration = m.gcDuration;
  if (gcDuration) {
    sources.gc.onGc((seconds, kind) => {
      if (kind !== undefined) gcDuration.record(seconds, { v8js_gc_type: kind });
    });
  }

  m.resourceActive?.addCallback((observe) => {
    const byType = new Map<string, number>();
    for (const type of process.getActiveResourcesInfo()) byType.set(type, (byType.get(type) ?? 0) + 1);
    for (const [type, n] of byType) observe(n, { v8js_resource_type: type });
  });

  // Utilization over the interval since the previous collection, as instrumentation-runtime-node.
  let lastElu = performance.eventLoopUtilization();
  m.eventloopUtilization?.addCallback((observe) => {
    const now = performance.eventLoopUtilization();
    observe(performance.eventLoopUtilization(now, lastElu).utilization);
    lastElu = now;
  });
  m.eventloopTime?.addCallback((observe) => {
    const { active, idle } = performance.eventLoopUtilization();
    observe(active / 1000, { nodejs_eventloop_state: 'active' });
    observe(idle / 1000, { nodejs_eventloop_state: 'idle' });
  });

  const delay = monitorEventLoopDelay({ resolution: options.eventLoopDelayResolutionMs ?? 10 });
  delay.enable();
  // One reading per collection, then reset: each value covers the time since the previous one.
  const delays = new PerCollection<DelayReading>(() => {
    const s = 1e-9; // the histogram is in nanoseconds
    // Empty interval: skip the reads (mean and stddev walk every HdrHistogram bucket, ~0.3 ms).
    if (delay.count === 0) return { count: 0, min: 0, max: 0, mean: 0, stddev: 0, p50: 0, p90: 0, p99: 0 };
    const r = {
      count: delay.count,
      min: delay.min * s,
      max: delay.max * s,
      mean: delay.mean * s,
      stddev: delay.stddev * s,
      p50: delay.percentile(50) * s,
      p90: delay.percentile(90) * s,
      p99: delay.percentile(99) * s,
    };
    delay.reset();
    return r;
  });
  const delayStat = (key: Exclude<keyof DelayReading, 'count'>) => (observe: (v: number) => void) => {
    const r = delays.get(key);
    if (r.count > 0) observe(r[key]); // no sample in the interval: nothing to report
  };
  m.eventloopDelayMin?.addCallback(delayStat('min'));
  m.eventloopDelayMax?.addCallback(delayStat('max'));
  m.eventloopDelayMean?.addCallback(delayStat('mean'));
  m.eventloopDelayStddev?.addCallback(delayStat('stddev'));
  m.eventloopDelayP50?.addCallback(delayStat('p50'));
  m.eventloopDelayP90?.addCallback(delayStat('p90'));
  m.eventloopDelayP99?.addCallback(delayStat('p99'));

  m.externalMemory?.addCallback((observe) => {
    const external = (sources.heap.get('external') as HeapInfo & { external_memory?: number }).external_memory;
    observe(external ?? process.memoryUsage().external);
  });
  m.versionInfo?.addCallback((observe) => observe(1));

  return () => delay.disable();
}
