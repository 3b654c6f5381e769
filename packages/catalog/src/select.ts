import { PROFILES, type Profile } from './profiles';
import type { MetricEntry } from './types';

/** True when the profile holds the entry (an entry without `profiles` is in every profile). */
export function inProfile(entry: MetricEntry, profile: Profile): boolean {
  return entry.profiles === undefined || entry.profiles.includes(profile);
}

/** The profiles that hold the entry. */
export function profilesOf(entry: MetricEntry): readonly Profile[] {
  return entry.profiles ?? PROFILES;
}

const resolved = new Map<MetricEntry, Map<Profile, MetricEntry>>();

/**
 * The entry as the profile states it (its overrides applied, the `overrides` field dropped), or
 * undefined when the profile does not hold it. The same object comes back for the same input, and
 * an entry without overrides comes back unchanged.
 */
export function entryIn<E extends MetricEntry>(entry: E, profile: Profile): E | undefined {
  if (!inProfile(entry, profile)) return undefined;
  if (entry.overrides === undefined) return entry;
  let byProfile = resolved.get(entry);
  if (!byProfile) resolved.set(entry, (byProfile = new Map()));
  let out = byProfile.get(profile);
  if (!out) {
    const { overrides, ...rest } = entry;
    const o = overrides[profile];
    out = Object.freeze({
      ...rest,
      ...(o?.help !== undefined ? { help: o.help } : {}),
      ...(o?.source !== undefined ? { source: o.source } : {}),
      notes: o?.notes ? [...entry.notes, ...o.notes] : entry.notes,
    }) as MetricEntry;
    byProfile.set(profile, out);
  }
  return out as E;
}

/** The entries of a group that a profile holds, as it states them, in the group's order. */
export function groupEntries(group: { readonly [key: string]: MetricEntry }, profile: Profile): MetricEntry[] {
  return Object.values(group).flatMap((e) => entryIn(e, profile) ?? []);
}
