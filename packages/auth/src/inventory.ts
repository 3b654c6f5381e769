import type { AuthMetrics } from './metrics';

/**
 * Replaces teleport_registered_servers with one series per version, as Teleport's
 * updateVersionMetrics does every 15 s (Reset, then Set per version). Teleport counts the
 * connected instances by their reported version and adds 1 for the Auth server itself; pass the
 * counts already including it. Versions are written as given (Teleport's have no leading 'v').
 * Over a plain OpenTelemetry meter, where series cannot be deleted, versions that disappeared
 * read 0 (see Gauge.reset).
 */
export function setRegisteredServers(metrics: AuthMetrics, counts: Readonly<Record<string, number>>): void {
  const g = metrics.registeredServers;
  g.reset();
  for (const [version, n] of Object.entries(counts)) g.set(n, { version });
}

/** One SendKeepAlives stream, from the Auth Service's side. */
export interface KeepAliveStream {
  /** A keepalive arrived. The first one counts the connection and the resource (type '' means 'node', as Teleport maps unknown types). */
  keepAlive(type: string): void;
  /** The stream ended: the resource it counted is no longer connected. Safe to call twice. */
  end(): void;
}

/**
 * Tracks a keepalive stream as Teleport's SendKeepAlives handler does: on its first keepalive,
 * `auth.heartbeatConnectionsReceivedTotal` +1 and `auth.connectedResources{type}` +1; when the
 * stream ends, `auth.connectedResources{type}` -1.
 */
export function trackKeepAliveStream(metrics: AuthMetrics): KeepAliveStream {
  let type: string | undefined;
  let ended = false;
  return {
    keepAlive(t) {
      if (type !== undefined || ended) return;
      type = t === '' ? 'node' : t;
      metrics.heartbeatConnectionsReceivedTotal.inc();
      metrics.connectedResources.inc({ type });
    },
    end() {
      if (ended) return;
      ended = true;
      if (type !== undefined) metrics.connectedResources.dec({ type });
    },
  };
}
