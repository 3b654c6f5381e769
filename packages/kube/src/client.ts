import type { KubeMetrics } from './metrics';
import { promhttpCode, promhttpMethod } from './promhttp';

/**
 * One upstream request of a Kubernetes client transport, instrumented as Teleport's
 * instrumentedRoundtripper does with promhttp: each trace hook observes the seconds since the
 * request started (httptrace semantics), and `done` counts the request and its duration.
 */
export interface KubeClientRequest {
  /** A connection to the upstream server was obtained (client_got_conn_duration_seconds). */
  gotConn(): void;
  /** The TLS handshake started (client_tls_duration_seconds{event="tls_handshake_start"}). */
  tlsHandshakeStart(): void;
  /** The TLS handshake finished (client_tls_duration_seconds{event="tls_handshake_done"}). */
  tlsHandshakeDone(): void;
  /** The first response byte arrived (client_first_byte_response_duration_seconds). */
  firstResponseByte(): void;
  /**
   * The round trip ended with `status` (client_requests_total{code, method},
   * client_request_duration_seconds) or failed without a response (nothing counted, as promhttp
   * counts only answered round trips). Ends the in-flight count either way; later calls do nothing.
   */
  done(status?: number): void;
}

/** Starts one upstream request of `component`'s transport; in-flight +1 until `done`. */
export function startKubeClientRequest(m: KubeMetrics, component: string, method: string): KubeClientRequest {
  const start = process.hrtime.bigint();
  const since = (): number => Number(process.hrtime.bigint() - start) / 1e9;
  const labels = { component };
  m.clientInFlightRequests.inc(labels);
  let open = true;
  return {
    gotConn: () => m.clientGotConnDurationSeconds.record(since(), labels),
    tlsHandshakeStart: () => m.clientTlsDurationSeconds.record(since(), { component, event: 'tls_handshake_start' }),
    tlsHandshakeDone: () => m.clientTlsDurationSeconds.record(since(), { component, event: 'tls_handshake_done' }),
    firstResponseByte: () => m.clientFirstByteResponseDurationSeconds.record(since(), labels),
    done(status) {
      if (!open) return;
      open = false;
      m.clientInFlightRequests.dec(labels);
      if (status === undefined) return;
      m.clientRequestsTotal.inc({ component, code: promhttpCode(status), method: promhttpMethod(method) });
      m.clientRequestDurationSeconds.record(since(), labels);
    },
  };
}
