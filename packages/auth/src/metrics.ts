import { auth } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/** The Auth Service metrics: auth_generate_*, heartbeats, connected/registered servers, logins. */
export type AuthMetrics = Instruments<typeof auth>;

/**
 * Creates the Auth Service instruments on the given MeterProvider (default: the global one).
 *
 * ```ts
 * const m = createAuthMetrics({ meterProvider });
 * m.userLoginTotal.inc();                       // user_login_total
 * m.clusterNameNotFoundTotal.inc();             // cluster_name_not_found_total
 * m.heartbeatMissedTotal.add(missedThisCheck);  // heartbeat_missed_total
 * ```
 */
export function createAuthMetrics(options?: InstrumentOptions): AuthMetrics {
  return createInstruments(auth, options);
}
