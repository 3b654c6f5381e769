import type { ProxyDbMetrics } from './metrics';

/** The database a Proxy connection targets; undefined while it is not known yet ('unknown' labels). */
export interface ProxyDbTarget {
  readonly protocol: string;
  readonly type: string;
}

/** The component label of the Proxy's database server (Teleport's proxyServerComponent; value not read from source). */
export const PROXY_DB_COMPONENT = 'db:proxy';

/** One client connection the Proxy forwards to a Database Service. */
export interface ProxyDbConnection {
  /** Times fetching the TLS configuration for the target (connection_tls_config_time_seconds). */
  tlsConfig<R>(fetch: () => R): R;
  /**
   * Dials the Database Service instances in turn until one answers: every dial counts one attempt
   * (and a failure when it throws or rejects), labeled with how many servers were available; at
   * the end it observes how many servers were tried (attempted_servers_total) and, on success, the
   * time since the connection started (connection_setup_time_seconds). The families and labels are
   * Teleport's; this loop is the shape their HELP texts describe (Teleport's dial loop itself was
   * not read).
   */
  dial<S, C>(servers: readonly S[], dialOne: (server: S) => C | Promise<C>): Promise<C>;
  /** Counts the connection as active until `end()` (active_connections_total). */
  open(): { end(): void };
}

export function proxyDbConnection(m: ProxyDbMetrics, target?: ProxyDbTarget, component = PROXY_DB_COMPONENT): ProxyDbConnection {
  const start = process.hrtime.bigint();
  const labels = { component, db_protocol: target?.protocol ?? 'unknown', db_type: target?.type ?? 'unknown' };
  return {
    tlsConfig(fetch) {
      const t = process.hrtime.bigint();
      const observe = (): void => m.connectionTlsConfigTime.record(Number(process.hrtime.bigint() - t) / 1e9, labels);
      const out = fetch();
      if (out instanceof Promise) return out.finally(observe) as typeof out;
      observe();
      return out;
    },
    async dial(servers, dialOne) {
      const withCount = { available_db_servers: String(servers.length), ...labels };
      let tried = 0;
      let last: unknown = new Error('teleport-otel: no Database Service instance to dial');
      for (const server of servers) {
        tried++;
        m.connectionDialAttempts.inc(withCount);
        try {
          const conn = await dialOne(server);
          m.attemptedServers.record(tried, withCount);
          m.connectionSetupTime.record(Number(process.hrtime.bigint() - start) / 1e9, withCount);
          return conn;
        } catch (err) {
          m.connectionDialFailures.inc(withCount);
          last = err;
        }
      }
      m.attemptedServers.record(tried, withCount);
      throw last;
    },
    open() {
      m.activeConnections.inc(labels);
      let open = true;
      return {
        end() {
          if (!open) return;
          open = false;
          m.activeConnections.dec(labels);
        },
      };
    },
  };
}
