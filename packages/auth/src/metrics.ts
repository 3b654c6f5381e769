import { auth } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/** The Auth Service metrics (catalog group `auth`): certificate generation, heartbeats, connected/registered servers, logins. */
export type AuthMetrics = Instruments<typeof auth>;

/**
 * Creates the Auth Service instruments on the given MeterProvider (default: the global one).
 *
 * ```ts
 * const m = createAuthMetrics({ meterProvider });
 * m.userLoginTotal.inc();                       // catalog entry auth.userLoginTotal
 * m.clusterNameNotFoundTotal.inc();             // auth.clusterNameNotFoundTotal
 * reportMissedHeartbeats(m, missedThisCheck);   // auth.heartbeatMissedTotal (doc) or auth.heartbeatsMissedTotal (teleport-12, latest)
 * ```
 *
 * The profile (`options.profile`, else the one given to startDiag, else `doc`) decides which
 * families exist; instruments of the others are no-ops.
 */
export function createAuthMetrics(options?: InstrumentOptions): AuthMetrics {
  return createInstruments(auth, options);
}
