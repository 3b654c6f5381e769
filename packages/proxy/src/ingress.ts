import { ingress, type LabelsOf } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';
import { isIPv6 } from 'node:net';
import type { TLSSocket } from 'node:tls';

/** Connections accepted by each Proxy listener: `teleport_accepted_connections_total` and friends. */
export type IngressMetrics = Instruments<typeof ingress>;
/** How a connection reached its listener: 'direct', through the ALPN listener ('alpn'), or 'unknown'. */
export type IngressPath = LabelsOf<typeof ingress.activeConnections>['ingress_path'];

export function createIngressMetrics(options?: InstrumentOptions): IngressMetrics {
  return createInstruments(ingress, options);
}

/** A socket's local end, as Node reports it. */
export interface LocalEnd {
  readonly localAddress?: string;
  readonly localPort?: number;
}

/** host:port as Go's net.Addr.String() writes it: IPv6 in brackets, IPv4-mapped IPv6 as plain IPv4. */
function goAddrString(address: string, port: number): string {
  const host = address.startsWith('::ffff:') && !address.slice(7).includes(':') ? address.slice(7) : address;
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

/** host and port of "host:port" / "[v6]:port", or undefined (Go's net.SplitHostPort failing). */
function splitHostPort(addr: string): { host: string; port: string } | undefined {
  const m = /^\[([^\]]*)\]:(\d*)$/.exec(addr) ?? /^([^:[\]]*):(\d*)$/.exec(addr);
  return m ? { host: m[1]!, port: m[2]! } : undefined;
}

const UNSPECIFIED = new Set(['0.0.0.0', '::', '0:0:0:0:0:0:0:0']);

/**
 * Decides a connection's ingress_path as Teleport's ingress Reporter does: no ALPN listener
 * address -> 'direct'; ALPN listener bound to an unspecified IP (0.0.0.0, ::) -> 'alpn' when the
 * local port matches, else 'direct' ('unknown' when the local end cannot be read); otherwise
 * 'alpn' when the local address equals the ALPN listener's address exactly, else 'direct'.
 */
export function ingressPathFor(alpnAddr: string, local: LocalEnd): IngressPath {
  if (alpnAddr === '') return 'direct';
  const alpn = splitHostPort(alpnAddr);
  if (local.localAddress === undefined || local.localPort === undefined)
    return alpn && UNSPECIFIED.has(alpn.host) ? 'unknown' : 'direct';
  if (alpn && UNSPECIFIED.has(alpn.host)) return String(local.localPort) === alpn.port ? 'alpn' : 'direct';
  return goAddrString(local.localAddress, local.localPort) === alpnAddr ? 'alpn' : 'direct';
}

/** One tracked connection: call `closed()` once when it ends (later calls do nothing). */
export interface TrackedConnection {
  readonly path: IngressPath;
  closed(): void;
}

/** Teleport's ingress Reporter for one Proxy (lib/srv/ingress). */
export interface IngressReporter {
  /** accepted_connections_total +1 and active_connections +1 until `closed()`. */
  connectionAccepted(service: string, local: LocalEnd): TrackedConnection;
  /** authenticated_accepted_connections_total +1 and authenticated_active_connections +1 until `closed()`. */
  connectionAuthenticated(service: string, local: LocalEnd): TrackedConnection;
  /**
   * Tracks every TLS connection of `server` as Teleport's HTTPConnStateReporter does for its TLS
   * listeners: each connection is accepted; one that presented a client certificate is also
   * authenticated; both end when the socket closes. (Teleport counts an HTTP connection at its
   * first request; a TLS server here counts it once the handshake is done.)
   */
  trackTlsServer(
    server: { on(event: 'secureConnection', listener: (socket: TLSSocket) => void): unknown },
    service: string
  ): void;
}

/** An ingress Reporter; `alpnAddr` is the ALPN (multiplexed) listener's "host:port", '' when ALPN routing is off. */
export function ingressReporter(m: IngressMetrics, alpnAddr = ''): IngressReporter {
  const track = (
    total: { inc(l: LabelsOf<typeof ingress.acceptedConnections>): void },
    active: {
      inc(l: LabelsOf<typeof ingress.activeConnections>): void;
      dec(l: LabelsOf<typeof ingress.activeConnections>): void;
    },
    service: string,
    local: LocalEnd
  ): TrackedConnection => {
    const labels = { ingress_path: ingressPathFor(alpnAddr, local), ingress_service: service };
    total.inc(labels);
    active.inc(labels);
    let open = true;
    return {
      path: labels.ingress_path,
      closed() {
        if (!open) return;
        open = false;
        active.dec(labels);
      },
    };
  };
  const reporter: IngressReporter = {
    connectionAccepted: (service, local) => track(m.acceptedConnections, m.activeConnections, service, local),
    connectionAuthenticated: (service, local) =>
      track(m.authenticatedAcceptedConnections, m.authenticatedActiveConnections, service, local),
    trackTlsServer(server, service) {
      server.on('secureConnection', (socket) => {
        const accepted = reporter.connectionAccepted(service, socket);
        const cert = socket.getPeerCertificate();
        const authenticated =
          cert && Object.keys(cert).length > 0 ? reporter.connectionAuthenticated(service, socket) : undefined;
        socket.once('close', () => {
          authenticated?.closed();
          accepted.closed();
        });
      });
    },
  };
  return reporter;
}
