import type { MetricEntry } from './types';

/**
 * Identity with a `const` type parameter: keeps every literal (name, label tuple, value unions)
 * so that label types are derived from the entry instead of being written twice.
 */
export function metric<const E extends MetricEntry>(entry: E): E {
  return entry;
}

/**
 * The entry with `examples` cut down to its own labels, from a table of typical label values that
 * several entries of a group share (so each entry lists examples only for labels it has); the
 * entry's own examples win.
 */
export function withExamples<const E extends MetricEntry>(table: { readonly [label: string]: readonly string[] }, entry: E): E {
  const examples: Record<string, readonly string[]> = {};
  for (const l of entry.labels) if (table[l]) examples[l] = table[l]!;
  return { ...entry, examples: { ...examples, ...entry.examples } };
}
