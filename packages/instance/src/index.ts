import { instance, type ConstLabelsOf } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/**
 * Every-instance metrics: `certificate_mismatch_total`, `reversetunnel_connected_proxies`, `rx`,
 * `tx`, `server_interactive_sessions_total` and `teleport_build_info`.
 */
export type InstanceMetrics = Instruments<typeof instance>;

export interface InstanceOptions extends Omit<InstrumentOptions, 'constLabels'> {
  /**
   * teleport_build_info labels: `version` (your service's version) and `gitref` (its
   * `git describe --long --tags`) default to ''; `goversion` holds the RUNTIME version and
   * defaults to the Node.js version, `process.version` (e.g. 'v20.20.0'), where Teleport puts
   * Go's runtime.Version().
   */
  constLabels?: ConstLabelsOf<typeof instance.buildInfo>;
}

/**
 * Creates the instance instruments on the given MeterProvider (default: the global one) and sets
 * teleport_build_info to 1.
 *
 * ```ts
 * const m = createInstanceMetrics({ meterProvider, constLabels: { version: pkg.version } });
 * server.on('connection', (socket) => countBytes(m, socket));   // rx / tx when it closes
 * const end = interactiveSession(m);                             // server_interactive_sessions_total
 * ```
 */
export function createInstanceMetrics(options: InstanceOptions = {}): InstanceMetrics {
  const { constLabels, ...rest } = options;
  const consts: Record<string, string> = { goversion: process.version };
  for (const [k, v] of Object.entries(constLabels ?? {})) if (typeof v === 'string') consts[k] = v;
  const metrics = createInstruments(instance, { ...rest, constLabels: consts });
  setBuildInfo(metrics);
  return metrics;
}

/**
 * Sets teleport_build_info to 1, its only value (Teleport's GaugeFunc always returns 1; the
 * information is in the labels). createInstanceMetrics already does it.
 */
export function setBuildInfo(metrics: InstanceMetrics): void {
  metrics.buildInfo.set(1);
}

/**
 * Counts one interactive session in server_interactive_sessions_total until the returned function
 * is called (Teleport: Inc when the session starts, Dec when it ends). Ending twice is harmless.
 */
export function interactiveSession(metrics: InstanceMetrics): () => void {
  metrics.serverInteractiveSessionsTotal.inc();
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    metrics.serverInteractiveSessionsTotal.dec();
  };
}

export { countBytes, type ByteCount, type ByteCounters } from './bytes';
export { instance as instanceCatalog };
export { createInstanceServicesMetrics, serviceRunning, type InstanceServicesMetrics } from './services';
