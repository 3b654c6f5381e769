import { proxy } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/** The Proxy Service metrics: node dials, SSH sessions, logins, tunnels and cluster connections. */
export type ProxyMetrics = Instruments<typeof proxy>;

/**
 * Creates the Proxy Service instruments on the given MeterProvider (default: the global one).
 *
 * ```ts
 * const m = createProxyMetrics({ meterProvider });
 * m.failedLoginAttemptsTotal.inc();                        // failed_login_attempts_total
 * m.reverseTunnelsConnected.inc({ type: 'node' });         // teleport_reverse_tunnels_connected
 * m.remoteClusters.set(2, { cluster: 'leaf.example.com' }); // remote_clusters
 * ```
 */
export function createProxyMetrics(options?: InstrumentOptions): ProxyMetrics {
  return createInstruments(proxy, options);
}
