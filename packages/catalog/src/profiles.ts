/**
 * A profile is one consistent set of families: which Teleport the catalog stands for.
 * - `doc`: Teleport's 12.x metrics documentation page (116 rows), exactly as the page names and types them. The default.
 * - `teleport-12`: what Teleport 12.0.0's code registers, named and typed as the code does, with the families the page omits.
 * - `latest`: the newest Teleport release whose source was read.
 */
export type Profile = 'doc' | 'teleport-12' | 'latest';

/** Every profile, in age order. */
export const PROFILES: readonly Profile[] = Object.freeze(['doc', 'teleport-12', 'latest'] as const);

/** The profile used when none is given. */
export const DEFAULT_PROFILE: Profile = 'doc';

/** What a profile stands for: the Teleport release and the commit its facts were read at. */
export interface ProfileInfo {
  readonly profile: Profile;
  readonly title: string;
  /** Teleport release the profile describes. */
  readonly teleportVersion: string;
  /** gravitational/teleport commit the facts were read at. */
  readonly commit: string;
  readonly summary: string;
}

export const PROFILE_INFO: { readonly [P in Profile]: ProfileInfo } = {
  doc: {
    profile: 'doc',
    title: "Teleport's metrics page",
    teleportVersion: '12.0.0-dev',
    commit: 'da186f9b5a4cbd2f65ff6f3ed9c8821cfe7536da',
    summary:
      "The 116 rows of Teleport's metrics reference page (docs/pages/includes/metrics.mdx), with the page's names and types where the code differs (heartbeat_missed_total, reversetunnel_connected_proxies).",
  },
  'teleport-12': {
    profile: 'teleport-12',
    title: 'Teleport 12.0.0 as its code registers it',
    teleportVersion: '12.0.0',
    commit: '586786e41b29ae0586d45a551cfc103794efe85c',
    summary:
      "Every family Teleport v12.0.0's code registers, named, typed and described as the code does (heartbeats_missed_total is a gauge; no reversetunnel_connected_proxies), including the families the page omits.",
  },
  latest: {
    profile: 'latest',
    title: 'Current Teleport',
    teleportVersion: 'master after v18 (late 2025; no version file is stored at that commit)',
    commit: '4e2b459acb1b8cb1fb432015bf3433157e2c21de',
    summary:
      "The families current Teleport registers: the 12.x families it still registers plus the newer ones (backend atomic writes and items, auth inventory and upgrades, ingress, Parquet and PostgreSQL audit, AWS SDK, Kubernetes, database, ...). No whole tree of a current release is readable, so the commit is that of the newest files read (lib/auth/auth.go, lib/backend/backendmetrics/metrics.go); each entry's source names the file version it was checked against (LATEST_SOURCES), some older where that file's newest pinned version is older.",
  },
};

/** True for a known profile name. */
export function isProfile(name: unknown): name is Profile {
  return typeof name === 'string' && (PROFILES as readonly string[]).includes(name);
}

/** The profile of that name; one line naming the bad value otherwise. */
export function parseProfile(name: string): Profile {
  if (isProfile(name)) return name;
  throw new Error(`teleport-otel: unknown profile ${JSON.stringify(name)} (expected ${PROFILES.join(', ')})`);
}
