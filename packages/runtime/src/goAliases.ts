import type { HeapInfo } from 'node:v8';
import { go, GO_GC_QUANTILES, type MetricEntry } from '@teleport-otel/catalog';
import type { InstrumentOptions, Observed } from '@teleport-otel/core';
import type { GcWatcher } from './gc';
import type { ProcFs } from './procfs';
import { createSome, warnOnce, type Omitted } from './select';
import type { PerCollection } from './snapshot';

type Go = typeof go;
/** The go_* rows the catalog gives a Node.js analog (every row without `noAnalog: true`). */
export type GoAliasKey = { [K in keyof Go]: Go[K] extends { readonly noAnalog: true } ? never : K }[keyof Go];

export interface GoAliasSources {
  readonly heap: PerCollection<HeapInfo>;
  readonly gc: GcWatcher;
  /** null where /proc is absent. */
  readonly procfs: ProcFs | null;
  /** Whether the provider has a teleport-otel Registry (summaries exist only there). */
  readonly fastPath: boolean;
}

type Reader<K extends GoAliasKey> = (
  observe: Parameters<Parameters<Observed<Go[K]>['addCallback']>[0]>[0],
  s: GoAliasSources
) => void;

/**
 * How each aliased row is read. The mapped type makes this table exactly the catalog's analog
 * rows: marking a row noAnalog (or clearing it) without changing this table fails to compile.
 */
const READERS: { readonly [K in GoAliasKey]: Reader<K> } = {
  gcDurationSeconds: (observe, s) => {
    const p = s.gc.pauses;
    observe({ quantiles: p.quantiles(go.gcDurationSeconds.quantiles ?? GO_GC_QUANTILES), sum: p.sum, count: p.count });
  },
  info: (observe) => observe(1),
  allocBytes: (observe, s) => observe(s.heap.get('alloc').used_heap_size),
  heapAllocBytes: (observe, s) => observe(s.heap.get('heapAlloc').used_heap_size),
  heapInuseBytes: (observe, s) => observe(s.heap.get('heapInuse').used_heap_size),
  heapSysBytes: (observe, s) => observe(s.heap.get('heapSys').total_heap_size),
  heapIdleBytes: (observe, s) => {
    const h = s.heap.get('heapIdle');
    observe(Math.max(0, h.total_heap_size - h.used_heap_size));
  },
  otherSysBytes: (observe, s) => observe(s.heap.get('otherSys').malloced_memory),
  lastGcTimeSeconds: (observe, s) => observe(s.gc.lastEndMs / 1000),
  threads: (observe, s) => observe(s.procfs!.threads()),
};

/** Why an analog row cannot be exposed in this process, or undefined when it can. */
function unavailable(key: GoAliasKey, s: GoAliasSources): string | undefined {
  if (key === 'threads' && s.procfs === null) return '/proc/self/status is not readable here';
  if (key === 'gcDurationSeconds' && !s.fastPath) {
    return 'OpenTelemetry has no summary instrument: exposed only over a teleport-otel registry (diag); v8js_gc_duration carries GC pauses on any provider';
  }
  return undefined;
}

/** Registers the go_* aliases that have an honest Node.js analog; returns the rows left out. */
export function registerGoAliases(sources: GoAliasSources, options: InstrumentOptions): Omitted[] {
  const omitted: Omitted[] = [];
  const missing: Omitted[] = [];
  const exposed = new Set<string>();
  for (const [key, entry] of Object.entries(go) as [keyof Go, Go[keyof Go]][]) {
    const e: MetricEntry = entry;
    if (e.noAnalog) {
      omitted.push({ name: e.name, reason: e.nodeAnalog ?? 'no Node.js analog' });
      continue;
    }
    const why = unavailable(key as GoAliasKey, sources);
    if (why === undefined) exposed.add(key);
    else missing.push({ name: e.name, reason: why });
  }
  omitted.push(...missing);
  if (missing.length > 0)
    warnOnce(`@teleport-otel/runtime: not exposing ${missing.map((o) => `${o.name} (${o.reason})`).join('; ')}`);

  const m = createSome(go, (key) => exposed.has(key), { ...options, constLabels: { version: process.version } });
  for (const key of Object.keys(READERS) as GoAliasKey[]) {
    const inst = m[key] as Observed | undefined;
    const read = READERS[key] as Reader<GoAliasKey>;
    inst?.addCallback((observe) => read(observe as never, sources));
  }
  return omitted;
}
