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
/** What the workload did to one series, in order: the oracle for what an exporter must carry. */
export interface RecordedSeries {
  readonly labels: Readonly<Record<string, string>>;
  /** add (counters, up-down counters), set (gauges), record (histograms), observe (the latest callback reading). */
  readonly ops: { op: 'add' | 'set' | 'record' | 'observe'; value: number }[];
}

export interface Workload {
  /** Every entry that received measurements. */
  readonly entries: MetricEntry[];
  /**
   * Per entry name, per label set (JSON of the entry's label values in catalog order), every
   * measurement the workload made. Summaries are left out (OTLP has no summary type).
   */
  readonly recorded: Map<string, Map<string, RecordedSeries>>;
  /** One more round of measurements into every recorded (non-observed) entry. */
  step(): void;
}

/** The key of a label set in `Workload.recorded`: its values in the entry's label order. */
export function seriesKey(entry: MetricEntry, labels: Readonly<Record<string, unknown>> | undefined): string {
  return JSON.stringify(entry.labels.map((l) => String(labels?.[l] ?? '')));
}

/** Registers every group on `meterProvider` and records one round into each entry of the profile (default `doc`). */
export function startWorkload(meterProvider: MeterProvider, profile: Profile = 'doc'): Workload {
  const entries: MetricEntry[] = [];
  const recorders: (() => void)[] = [];
  const recorded = new Map<string, Map<string, RecordedSeries>>();
  const log = (
    entry: MetricEntry,
    labels: Record<string, string> | undefined,
    op: RecordedSeries['ops'][0]['op'],
    value: number
  ) => {
    const series = recorded.get(entry.name) ?? new Map<string, RecordedSeries>();
    recorded.set(entry.name, series);
    const key = seriesKey(entry, labels);
    const s = series.get(key) ?? { labels: { ...labels }, ops: [] };
    series.set(key, s);
    s.ops.push({ op, value });
  };
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
              log(entry, labels, 'observe', 11 + i);
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
              log(entry, labels, 'add', 3 + i);
              break;
            case 'updowncounter':
              inst.add(2 + i, labels);
              log(entry, labels, 'add', 2 + i);
              break;
            case 'gauge':
              inst.set(7 + i, labels);
              log(entry, labels, 'set', 7 + i);
              break;
            case 'histogram': {
              // One value inside the first bucket, one in the middle, one past the last bound.
              const b = entry.buckets ?? [1];
              for (const v of [b[0]! / 2, b[Math.floor(b.length / 2)]!, b[b.length - 1]! * 2 + i]) {
                inst.record(v, labels);
                log(entry, labels, 'record', v);
              }
              break;
            }
          }
        });
      record();
      recorders.push(record);
    }
  }
  return { entries, recorded, step: () => recorders.forEach((r) => r()) };
}
