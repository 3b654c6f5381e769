import { node } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/** The SSH Service (Node) metrics: the catalog's `node` group (`node.maxConcurrentSessionsHitTotal`). */
export type NodeMetrics = Instruments<typeof node>;

/**
 * Creates the Node instruments on the given MeterProvider (default: the global one).
 *
 * ```ts
 * const m = createNodeMetrics({ meterProvider });
 * m.maxConcurrentSessionsHitTotal.inc(); // node.maxConcurrentSessionsHitTotal.name in the catalog
 * ```
 */
export function createNodeMetrics(options?: InstrumentOptions): NodeMetrics {
  return createInstruments(node, options);
}

/** Per-user concurrent session slots, as a role's max_connections limits them. */
export interface SessionLimiter {
  /**
   * Takes a slot for the user and returns its release function (safe to call twice), or, when
   * the user already holds the maximum, counts one hit in node.maxConcurrentSessionsHitTotal
   * and returns undefined: the caller refuses the session, as Teleport answers AccessDenied.
   */
  tryAcquire(user: string): (() => void) | undefined;
  /** Sessions the user holds right now. */
  held(user: string): number;
}

/**
 * A local stand-in for Teleport's SessionController, which leases one semaphore slot per session
 * and counts a hit when the lease fails with max leases reached. Teleport's semaphore is
 * cluster-wide (stored in the backend); this one counts the sessions of this process only.
 */
export function createSessionLimiter(metrics: NodeMetrics, maxConnections: number): SessionLimiter {
  if (!(maxConnections >= 1)) throw new RangeError(`@teleport-otel/node: maxConnections must be >= 1, got ${maxConnections}`);
  const held = new Map<string, number>();
  return {
    tryAcquire(user) {
      const n = held.get(user) ?? 0;
      if (n >= maxConnections) {
        metrics.maxConcurrentSessionsHitTotal.inc();
        return undefined;
      }
      held.set(user, n + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (held.get(user) ?? 1) - 1;
        if (left > 0) held.set(user, left);
        else held.delete(user);
      };
    },
    held: (user) => held.get(user) ?? 0,
  };
}

export { node as nodeCatalog };
