/**
 * A demo-like workload for the OTLP tests: every catalog group registered through core's
 * createInstruments on one MeterProvider, and a measurement recorded into every entry. Label
 * values come from each entry's closed `values` or typical `examples`.
 */
import type { MeterProvider } from '@opentelemetry/api';
import { entryIn, groups, type MetricEntry, type Profile } from '@teleport-otel/catalog';
import { createInstruments } from '@teleport-otel/core';
import { sampleLabels as labelsFor } from '../../../test-support/sdk';

export { labelsFor };

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface Workload {
  /** Every entry that received measurements. */
  readonly entries: MetricEntry[];
  /** One more round of measurements into every recorded (non-observed) entry. */
  step(): void;
}

/** Registers every group on `meterProvider` and records one round into each entry of the profile (default `doc`). */
export function startWorkload(meterProvider: MeterProvider, profile: Profile = 'doc'): Workload {
  const entries: MetricEntry[] = [];
  const recorders: (() => void)[] = [];
  for (const group of Object.values(groups)) {
    const instruments = createInstruments(group, { meterProvider, profile }) as Record<string, any>;
    for (const [key, catalogEntry] of Object.entries(group)) {
      const entry = entryIn(catalogEntry, profile);
      if (!entry) continue;
      const inst = instruments[key];
      entries.push(entry);
      // Two label sets per labelled entry, so series are told apart by their attributes.
      const sets = entry.labels.length > 0 ? [labelsFor(entry, 0), labelsFor(entry, 1)] : [undefined];
      if (entry.observed || entry.instrument === 'summary') {
        inst.addCallback((observe: (v: unknown, l?: unknown) => void) => {
          sets.forEach((labels, i) => {
            if (entry.instrument === 'summary') {
              observe({ quantiles: (entry.quantiles ?? []).map((q) => q * (i + 1)), sum: 3 + i, count: 4 + i }, labels);
            } else {
              observe(11 + i, labels);
            }
          });
        });
        continue;
      }
      const record = () =>
        sets.forEach((labels, i) => {
          switch (entry.instrument) {
            case 'counter':
              inst.add(3 + i, labels);
              break;
            case 'updowncounter':
              inst.add(2 + i, labels);
              break;
            case 'gauge':
              inst.set(7 + i, labels);
              break;
            case 'histogram': {
              // One value inside the first bucket, one in the middle, one past the last bound.
              const b = entry.buckets ?? [1];
              for (const v of [b[0]! / 2, b[Math.floor(b.length / 2)]!, b[b.length - 1]! * 2 + i]) inst.record(v, labels);
              break;
            }
          }
        });
      record();
      recorders.push(record);
    }
  }
  return { entries, step: () => recorders.forEach((r) => r()) };
}
