import { kube } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/** Teleport's Kubernetes access metrics: `teleport_kubernetes_client_*` and `teleport_kubernetes_server_*`. */
export type KubeMetrics = Instruments<typeof kube>;

/**
 * Creates the Kubernetes access instruments on the given MeterProvider (default: the global one).
 *
 * ```ts
 * const m = createKubeMetrics({ meterProvider });
 * server.on('request', kubeServerTracker(m, 'proxy:kube'));
 * ```
 */
export function createKubeMetrics(options?: InstrumentOptions): KubeMetrics {
  return createInstruments(kube, options);
}
