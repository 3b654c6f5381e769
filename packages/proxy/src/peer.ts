import { proxyPeer } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/** Proxy peering metrics (proxy_peer_client_* and proxy_peer_server_*), Teleport 12+ code only. */
export type ProxyPeerMetrics = Instruments<typeof proxyPeer>;

/**
 * Creates the proxy peering instruments. Under the `doc` profile (the page does not list them)
 * every instrument is a no-op; use `teleport-12` or `latest`.
 *
 * ```ts
 * const peer = createProxyPeerMetrics({ meterProvider });
 * peer.clientDialErrorTotal.inc({ error_type: 'TUNNEL_DIAL' });
 * const done = peer.clientRpcDurationSeconds.startTimer({ service: 'proto.ProxyService', handler: 'DialNode', code: 'OK' });
 * ```
 */
export function createProxyPeerMetrics(options?: InstrumentOptions): ProxyPeerMetrics {
  return createInstruments(proxyPeer, options);
}
