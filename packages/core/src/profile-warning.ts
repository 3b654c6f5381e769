import { diag } from '@opentelemetry/api';
import { inProfile, PROFILES, type MetricGroup, type Profile } from '@teleport-otel/catalog';

const warned = new Set<string>();

/**
 * Says once per group and profile when instruments follow a profile (the diag's, or the default)
 * that holds none of the group's families: every instrument of the group is a no-op there, so a
 * service calling `createKubeMetrics()` on a default diag would otherwise record nothing without a
 * word. A group that the profile holds in part (a family the profile names differently) is normal
 * and says nothing; so does an explicitly requested profile (the caller chose it).
 */
export function warnIfGroupOutsideProfile(group: MetricGroup, profile: Profile, from: 'diag' | 'default', what: string): void {
  const entries = Object.values(group);
  if (entries.length === 0 || entries.some((e) => inProfile(e, profile))) return;
  const first = entries[0]!;
  const key = `${first.package}\u0000${first.group}\u0000${profile}`;
  if (warned.has(key)) return;
  warned.add(key);
  const holders = PROFILES.filter((p) => entries.some((e) => inProfile(e, p)));
  const source = from === 'diag' ? "the diag's profile" : 'the default profile';
  diag.warn(
    `teleport-otel: ${what} record nothing: none of their families is in profile ${JSON.stringify(profile)} (${source}); ` +
      `they are in ${holders.map((p) => JSON.stringify(p)).join(', ')}: pass { profile: ${JSON.stringify(
        holders[holders.length - 1]
      )} } ` +
      `or startDiag({ profile: ${JSON.stringify(holders[holders.length - 1])} })`
  );
}
