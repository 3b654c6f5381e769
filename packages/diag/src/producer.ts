import { ValueType, type Attributes, type HrTime } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  type CollectionResult,
  type MetricData,
  type MetricProducer,
  type ScopeMetrics,
} from '@opentelemetry/sdk-metrics';
import type { AnyCell, Family, HistogramCell, ScalarCell } from '@teleport-otel/core';
import { VERSION } from '@teleport-otel/core';
import { exponentialHistogramData } from './producer-native';
import { sdkResources } from './sdk-resources';
import type { FamilySource } from './family-source';

export type Temporality = 'cumulative' | 'delta';

interface Snapshot {
  v: number;
  counts?: Float64Array;
  sum: number;
  count: number;
  at: HrTime;
}

/**
 * Hands the fast-path Registry to any MetricReader (OTLP push readers, a user's reader) as
 * OpenTelemetry MetricData: the catalog's name, description (help), unit and bucket boundaries,
 * one scope per owning package (`@teleport-otel/<package>`), as the SDK path would report them.
 * Delta temporality keeps the previous reading of each monotonic series to report differences.
 */
export class RegistryProducer implements MetricProducer {
  private readonly previous = new WeakMap<AnyCell, Snapshot>();

  /** `families`: a Registry, or an aggregating primary's merged view of its workers. */
  constructor(readonly families: FamilySource, private readonly temporality: Temporality = 'cumulative') {}

  /** A producer over the same families with another temporality (each keeps its own previous readings). */
  withTemporality(temporality: Temporality): RegistryProducer {
    return new RegistryProducer(this.families, temporality);
  }

  async collect(): Promise<CollectionResult> {
    const now = millisToHrTime(Date.now());
    const scopes = new Map<string, MetricData[]>();
    for (const f of await this.families.collect()) {
      const data = this.metricData(f, now);
      if (!data) continue;
      const scope = `@teleport-otel/${f.entry.package}`;
      let list = scopes.get(scope);
      if (!list) scopes.set(scope, (list = []));
      list.push(data);
    }
    const scopeMetrics: ScopeMetrics[] = [...scopes].map(([name, metrics]) => ({ scope: { name, version: VERSION }, metrics }));
    return { resourceMetrics: { resource: sdkResources().emptyResource(), scopeMetrics }, errors: [] };
  }

  private metricData(f: Family, now: HrTime): MetricData | undefined {
    const e = f.entry;
    const descriptor = { name: e.name, description: e.help, unit: e.unit, valueType: ValueType.DOUBLE };
    const start = millisToHrTime(f.startTime);
    const consts = Object.fromEntries(f.constLabels);
    const attrs = (cell: AnyCell): Attributes => {
      if (cell.overflow) return { 'otel.metric.overflow': true };
      const a: Record<string, string> = { ...consts };
      e.labels.forEach((n, i) => (a[n] = cell.label(i)));
      return a;
    };
    const cells = f.index.cells();
    const delta = this.temporality === 'delta';
    switch (e.instrument) {
      case 'counter':
      case 'updowncounter': {
        const monotonic = e.instrument === 'counter';
        const temporality = delta && monotonic ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE;
        const dataPoints = cells.map((c) => {
          const v = (c as ScalarCell).value;
          if (temporality === AggregationTemporality.CUMULATIVE)
            return { startTime: start, endTime: now, attributes: attrs(c), value: v };
          const prev = this.swap(c, { v, sum: 0, count: 0, at: now });
          return { startTime: prev?.at ?? start, endTime: now, attributes: attrs(c), value: v - (prev?.v ?? 0) };
        });
        return {
          descriptor,
          aggregationTemporality: temporality,
          dataPointType: DataPointType.SUM,
          isMonotonic: monotonic,
          dataPoints,
        };
      }
      case 'gauge':
        return {
          descriptor,
          aggregationTemporality: AggregationTemporality.CUMULATIVE,
          dataPointType: DataPointType.GAUGE,
          dataPoints: cells.map((c) => ({
            startTime: start,
            endTime: now,
            attributes: attrs(c),
            value: (c as ScalarCell).value,
          })),
        };
      case 'histogram': {
        // Native buckets go out as an exponential histogram (cumulative readers; a delta reader
        // keeps the classic buckets, whose differences are exact).
        if (f.native && !delta) return exponentialHistogramData(descriptor, cells, start, now, attrs);
        const boundaries = [...f.bounds];
        const dataPoints = cells.map((c) => {
          const h = c as HistogramCell;
          const current = { v: 0, counts: Float64Array.from(h.counts), sum: h.sum, count: h.count, at: now };
          const prev = delta ? this.swap(c, current) : undefined;
          const counts = prev?.counts ? Array.from(current.counts, (n, i) => n - prev.counts![i]!) : Array.from(current.counts);
          return {
            startTime: prev?.at ?? start,
            endTime: now,
            attributes: attrs(c),
            value: {
              buckets: { boundaries, counts },
              sum: current.sum - (prev?.sum ?? 0),
              count: current.count - (prev?.count ?? 0),
              // min/max are lifetime values; under delta they are omitted rather than misreported, and so
              // are they when not kept (an empty series, or a Registry with histogramMinMax off: min > max).
              ...(delta || !(h.min <= h.max) ? {} : { min: h.min, max: h.max }),
            },
          };
        });
        return {
          descriptor,
          aggregationTemporality: delta ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE,
          dataPointType: DataPointType.HISTOGRAM,
          dataPoints,
        };
      }
      default:
        // Summaries (go_gc_duration_seconds) have no OpenTelemetry data type; OTLP carries the
        // same GC pauses in the v8js gc-duration histogram instead.
        return undefined;
    }
  }

  private swap(cell: AnyCell, next: Snapshot): Snapshot | undefined {
    const prev = this.previous.get(cell);
    this.previous.set(cell, next);
    return prev;
  }
}

/** Milliseconds since the epoch as [seconds, nanoseconds], as @opentelemetry/core's millisToHrTime (two lines are not worth a dependency). */
function millisToHrTime(millis: number): HrTime {
  return [Math.trunc(millis / 1000), Math.round((millis % 1000) * 1e6)];
}
