import type { MetricEntry } from '@teleport-otel/catalog';
import type { ParsedFamily } from '@teleport-otel/diag';

/** Checks one family of the /metrics text against its catalog entry: TYPE, HELP, buckets, const labels. */
export function expectExposed(families: Map<string, ParsedFamily>, entry: MetricEntry): ParsedFamily {
  const f = families.get(entry.name);
  expect(f).toBeDefined();
  expect(f!.type).toBe(entry.type);
  expect(f!.help).toBe(entry.help);
  expect(f!.samples.length).toBeGreaterThan(0);
  for (const [k, v] of Object.entries(entry.constLabels ?? {})) expect(f!.samples[0]!.labels[k]).toBe(v);
  if (entry.buckets) {
    const les = f!.samples.filter((s) => s.name === `${entry.name}_bucket`).map((s) => s.labels.le);
    expect(les).toEqual([...entry.buckets.map(String), '+Inf']);
  }
  return f!;
}
