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
 * reportMissedHeartbeats(m, missedThisCheck);   // heartbeat_missed_total (doc) or heartbeats_missed_total (teleport-12, latest)
 * ```
 *
 * The profile (`options.profile`, else the one given to startDiag, else `doc`) decides which
 * families exist; instruments of the others are no-ops.
 */
export function createAuthMetrics(options?: InstrumentOptions): AuthMetrics {
  return createInstruments(auth, options);
}
