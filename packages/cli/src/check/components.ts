import { allEntries, DEFAULT_PROFILE, entriesOf, type MetricEntry, type Profile } from '@teleport-otel/catalog';

/**
 * Every name `--component` accepts: the catalog's `package` values (audit, backends, runtime...)
 * and its `group` names (dynamo, etcd, grpcServer...), so a DynamoDB-backed Auth can be checked
 * with `--component auth,backend,dynamo` without etcd_* counting as missing.
 */
export const COMPONENT_NAMES: readonly string[] = Object.freeze(
  [...new Set(allEntries.flatMap((e) => [e.package, e.group]))].sort()
);

/** Thrown for a `--component` name the catalog does not know. */
export class UnknownComponentError extends Error {
  constructor(readonly component: string) {
    super(`unknown component ${JSON.stringify(component)}; known: ${COMPONENT_NAMES.join(', ')}`);
  }
}

/**
 * Groups a package name does not pull in: gRPC interceptor metrics (grpc_server_* in auth,
 * grpc_client_* in proxy) exist only where the service installs the interceptor, a choice of its
 * own, so they are checked only when named (`-c auth,grpcServer`).
 */
export const OPT_IN_GROUPS: ReadonlySet<string> = new Set(['grpcServer', 'grpcClient']);

/**
 * The entries of a profile (default `doc`) a selection covers: an entry is selected when its
 * group is named, or its package is named and its group is not opt-in (OPT_IN_GROUPS). No
 * selection, or an empty one, means the profile's whole catalog.
 */
export function selectEntries(
  components: readonly string[] | undefined,
  profile: Profile = DEFAULT_PROFILE
): readonly MetricEntry[] {
  const catalog = entriesOf(profile);
  if (!components || components.length === 0) return catalog;
  const wanted = new Set<string>();
  for (const c of components) {
    if (!COMPONENT_NAMES.includes(c)) throw new UnknownComponentError(c);
    wanted.add(c);
  }
  return catalog.filter((e) => wanted.has(e.group) || (wanted.has(e.package) && !OPT_IN_GROUPS.has(e.group)));
}

/** Why an entry may legitimately be absent from a conforming endpoint, or undefined when it must be there. */
export function absenceReason(entry: MetricEntry): string | undefined {
  if (entry.noAnalog) return 'no Node.js analog; only a real Teleport exposes it';
  // teleport-otel's own problem counters (dropped measurements, overflow, export failures) are
  // labelled vectors with no series, hence no family, until there is a problem to count.
  if (entry.origin === 'self') {
    return 'teleport-otel self-metric; appears only once there is a problem to count';
  }
  return undefined;
}
