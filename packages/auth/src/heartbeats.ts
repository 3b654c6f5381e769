import type { AuthMetrics } from './metrics';

/**
 * Reports one heartbeat check: `missed` nodes have missed their keepalives. Whatever the profile,
 * the caller reports the same fact; the profile decides the family:
 * - `doc`: the page's counter (catalog entry `auth.heartbeatMissedTotal`) grows by `missed`;
 * - `teleport-12`, `latest`: Teleport's gauge (`auth.heartbeatsMissedTotal`) is set to `missed`, as
 *   Teleport's heartbeat check sets it (without its bug of never resetting the count between checks).
 * The instrument the profile does not hold is a no-op.
 */
export function reportMissedHeartbeats(metrics: AuthMetrics, missed: number): void {
  metrics.heartbeatMissedTotal.add(missed);
  metrics.heartbeatsMissedTotal.set(missed);
}
