import { diag } from '@opentelemetry/api';
import type { MetricGroup } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/** A catalog row this package leaves out, and why. */
export interface Omitted {
  readonly name: string;
  readonly reason: string;
}

/**
 * Creates instruments for only the chosen keys of a group. Registering a row makes it visible
 * (an unlabelled metric shows 0 from registration), so rows without a source here are never
 * registered rather than registered and left empty.
 */
export function createSome<G extends MetricGroup>(
  group: G,
  keep: (key: keyof G & string) => boolean,
  options: InstrumentOptions
): Partial<Instruments<G>> {
  const chosen: Record<string, G[keyof G]> = {};
  for (const key of Object.keys(group) as (keyof G & string)[]) if (keep(key)) chosen[key] = group[key];
  return createInstruments(chosen as unknown as G, options) as Partial<Instruments<G>>;
}

const warned = new Set<string>();

/** Logs a message once per process through OpenTelemetry's diag logger. */
export function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  diag.warn(message);
}
