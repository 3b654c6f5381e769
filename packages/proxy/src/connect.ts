import type { ProxyMetrics } from './metrics';

/**
 * Wraps a dial-to-node function so each call counts one attempt in
 * teleport_connect_to_node_attempts_total and, when it throws or rejects, one failure in
 * failed_connect_to_node_attempts_total, so failed / attempts is the documented failure rate.
 *
 * Newer Teleport (Router.DialHost) counts both this way; the doc-era Teleport registered the
 * attempts counter but never incremented it, so its ratio was meaningless there.
 */
export function trackConnectToNode<A extends unknown[], R>(metrics: ProxyMetrics, dial: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    metrics.connectToNodeAttemptsTotal.inc();
    let out: R;
    try {
      out = dial(...args);
    } catch (err) {
      metrics.failedConnectToNodeAttemptsTotal.inc();
      throw err;
    }
    if (out instanceof Promise) {
      return out.catch((err: unknown) => {
        metrics.failedConnectToNodeAttemptsTotal.inc();
        throw err;
      }) as R;
    }
    return out;
  };
}

/**
 * Counts one SSH session proxied through this Proxy in proxy_ssh_sessions_total (a gauge despite
 * its name) until the returned function is called. Teleport increments after the dial to the
 * target succeeded and decrements when the proxied connection closes. Calling it twice is harmless.
 */
export function startSshSession(metrics: ProxyMetrics): () => void {
  metrics.sshSessionsTotal.inc();
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    metrics.sshSessionsTotal.dec();
  };
}
