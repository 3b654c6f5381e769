import { db, proxyDb } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/** The Database Service engine metrics: `teleport_db_*`. */
export type DbMetrics = Instruments<typeof db>;
/** The Proxy's connections to the Database Service: `teleport_proxy_db_*`. */
export type ProxyDbMetrics = Instruments<typeof proxyDb>;

/**
 * Creates the Database Service instruments on the given MeterProvider (default: the global one).
 *
 * ```ts
 * const m = createDbMetrics({ meterProvider });
 * const engine = dbEngineReporter(m, { protocol: 'postgres', type: 'rds' });
 * await engine.handleConnection(() => serve(client));
 * ```
 */
export function createDbMetrics(options?: InstrumentOptions): DbMetrics {
  return createInstruments(db, options);
}

/** Creates the Proxy-to-Database-Service instruments on the given MeterProvider. */
export function createProxyDbMetrics(options?: InstrumentOptions): ProxyDbMetrics {
  return createInstruments(proxyDb, options);
}
