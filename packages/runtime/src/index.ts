import { getHeapStatistics } from 'node:v8';
import { metrics } from '@opentelemetry/api';
import { go, nodejs, process as processCatalog } from '@teleport-otel/catalog';
import { registryOf, type InstrumentOptions } from '@teleport-otel/core';
import { GcWatcher } from './gc';
import { registerGoAliases } from './goAliases';
import { registerNodejsMetrics } from './nodejs';
import { ProcFs } from './procfs';
import { registerProcessMetrics } from './process';
import type { Omitted } from './select';
import { PerCollection } from './snapshot';

export interface RuntimeMetricsOptions extends InstrumentOptions {
  /** The process_* rows (client_golang's process collector). Default true. */
  process?: boolean;
  /** The v8js_* / nodejs_* rows (OpenTelemetry semantic conventions). Default true. */
  nodejs?: boolean;
  /**
   * The go_* rows that have an honest Node.js analog, under Teleport's documented names, for
   * dashboards and alerts written against a Go Teleport. Default false; the demo turns it on.
   */
  goAliases?: boolean;
  /** Sampling resolution of the event-loop delay monitor, in milliseconds. Default 10. */
  eventLoopDelayResolutionMs?: number;
  /** Where procfs is mounted. Default '/proc'. */
  procfsRoot?: string;
}

export interface RuntimeMetrics {
  /** Every name registered by this call. */
  readonly exposed: readonly string[];
  /** Catalog rows of the chosen groups that are not registered, with the reason. */
  readonly omitted: readonly Omitted[];
  /**
   * Stops the background watchers (the perf_hooks GC observer and the event-loop delay
   * monitor). Values read at collection time (memory, /proc) keep being reported.
   */
  stop(): void;
}

/**
 * Registers the runtime metrics on the given MeterProvider (default: the global one). All values
 * are read when a collection runs (scrape or export); nothing here sits on a recording path.
 *
 * ```ts
 * const runtime = createRuntimeMetrics({ meterProvider, goAliases: true });
 * // the catalog's process, nodejs and (with goAliases) go groups
 * runtime.stop();
 * ```
 */
export function createRuntimeMetrics(options: RuntimeMetricsOptions = {}): RuntimeMetrics {
  const { process: withProcess = true, nodejs: withNodejs = true, goAliases = false, procfsRoot, ...rest } = options;
  const procfs = new ProcFs(procfsRoot);
  const hasProc = procfs.available();
  const heap = new PerCollection(() => getHeapStatistics());
  const gc = withNodejs || goAliases ? new GcWatcher() : undefined;
  const stops: (() => void)[] = [];
  if (gc) stops.push(() => gc.stop());
  const omitted: Omitted[] = [];
  const groups = [];

  if (withProcess) {
    omitted.push(...registerProcessMetrics(procfs, rest));
    groups.push(processCatalog);
  }
  if (withNodejs) {
    stops.push(registerNodejsMetrics({ heap, gc: gc! }, rest));
    groups.push(nodejs);
  }
  if (goAliases) {
    const fastPath = registryOf(rest.meterProvider ?? metrics.getMeterProvider()) !== undefined;
    omitted.push(...registerGoAliases({ heap, gc: gc!, procfs: hasProc ? procfs : null, fastPath }, rest));
    groups.push(go);
  }

  const left = new Set(omitted.map((o) => o.name));
  const exposed = groups.flatMap((g) => Object.values(g).map((e) => e.name)).filter((n) => !left.has(n));
  let stopped = false;
  return {
    exposed,
    omitted,
    stop() {
      if (stopped) return;
      stopped = true;
      for (const s of stops) s();
    },
  };
}

export { go as goCatalog, nodejs as nodejsCatalog, processCatalog };
export { GcWatcher, PauseWindow, RECENT_PAUSES, type GcKind } from './gc';
export type { GoAliasKey } from './goAliases';
export type { Omitted } from './select';
