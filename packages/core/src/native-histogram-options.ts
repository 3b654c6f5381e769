import { byName } from '@teleport-otel/catalog';

/**
 * The `nativeHistograms` option checked: undefined (off), true (every histogram) or the set of
 * named families. A name that is not a catalog histogram is a configuration error, named.
 */
export function nativeHistogramFamilies(option: unknown): true | ReadonlySet<string> | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === true) return true;
  if (!Array.isArray(option))
    throw new Error(`teleport-otel: nativeHistograms must be true, false or a list of histogram names, got ${describe(option)}`);
  for (const name of option as unknown[]) {
    const entry = typeof name === 'string' ? byName(name) : undefined;
    if (!entry || entry.instrument !== 'histogram')
      throw new Error(`teleport-otel: nativeHistograms: ${describe(name)} is not a histogram in the catalog`);
  }
  return new Set(option as string[]);
}

function describe(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}
