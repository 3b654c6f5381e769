import { entryIn, type MetricEntry, type MetricGroup, type Profile } from '@teleport-otel/catalog';
import type { ParsedFamily } from '@teleport-otel/diag';

/**
 * Checks one family of the /metrics text against its catalog entry: present (naming it when not),
 * TYPE, HELP, const-label defaults, and for histograms `le` = the catalog buckets + +Inf (on the
 * first series, compared as numbers).
 */
export function expectExposed(families: Map<string, ParsedFamily>, entry: MetricEntry): ParsedFamily {
  const f = families.get(entry.name);
  expect({ name: entry.name, found: f !== undefined }).toEqual({ name: entry.name, found: true });
  expect(f!.type).toBe(entry.type);
  expect(f!.help).toBe(entry.help);
  expect(f!.samples.length).toBeGreaterThan(0);
  for (const [k, v] of Object.entries(entry.constLabels ?? {})) expect(f!.samples[0]!.labels[k]).toBe(v);
  if (entry.buckets) {
    const buckets = f!.samples.filter((s) => s.name === `${entry.name}_bucket`);
    const first = buckets[0]!;
    const les = buckets.filter((s) => entry.labels.every((l) => s.labels[l] === first.labels[l])).map((s) => s.labels.le);
    // Compared as numbers: Go's formatting (which the exposition copies) writes bounds of 1e6 and
    // more in exponent form ('2.95245e+06'), which String() does not.
    expect(les.map((le) => (le === '+Inf' ? Infinity : Number(le)))).toEqual([...entry.buckets, Infinity]);
  }
  return f!;
}

/** expectExposed for every entry of a group the profile (default `doc`) holds, as it states them; the group's other names are not exposed. */
export function expectGroupExposed(families: Map<string, ParsedFamily>, group: MetricGroup, profile: Profile = 'doc'): void {
  const held = Object.values(group).flatMap((e) => entryIn(e, profile) ?? []);
  const heldNames = new Set(held.map((e) => e.name));
  const outside = Object.values(group).filter((e) => !heldNames.has(e.name) && families.has(e.name));
  expect(outside.map((e) => e.name)).toEqual([]);
  for (const entry of held) expectExposed(families, entry);
}
