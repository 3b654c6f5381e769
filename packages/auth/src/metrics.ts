import { metrics as otelMetrics } from '@opentelemetry/api';
import { auth } from '@teleport-otel/catalog';
import { createInstruments, registryOf, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/** The Auth Service metrics: auth_generate_*, heartbeats, connected/registered servers, logins. */
export type AuthMetrics = Instruments<typeof auth>;

// Metrics whose gauges can drop series (fast path). Over a plain SDK meter a gauge series cannot be
// deleted, so setRegisteredServers zeroes vanished versions instead.
const resettable = new WeakSet<AuthMetrics>();

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
export function createAuthMetrics(options: InstrumentOptions = {}): AuthMetrics {
  const m = createInstruments(auth, options);
  if (registryOf(options.meterProvider ?? otelMetrics.getMeterProvider())) resettable.add(m);
  return m;
}

/** Whether the gauges of these metrics can delete series (see setRegisteredServers). */
export function canDeleteSeries(m: AuthMetrics): boolean {
  return resettable.has(m);
}
