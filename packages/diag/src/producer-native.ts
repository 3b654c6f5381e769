import type { Attributes, HrTime } from '@opentelemetry/api';
import { AggregationTemporality, DataPointType, type MetricData } from '@opentelemetry/sdk-metrics';
import { isNativeCell, type AnyCell, type HistogramCell, type NativeHistogram } from '@teleport-otel/core';

type Descriptor = MetricData['descriptor'];

/**
 * A native-histogram family as an OpenTelemetry exponential histogram (cumulative): OTLP push
 * then carries the same sparse buckets Prometheus scrapes in protobuf. The schema is OpenTelemetry's
 * scale; Prometheus bucket k covers (base^(k-1), base^k] and OpenTelemetry's index i covers
 * (base^i, base^(i+1)], so index = k - 1. The sparse buckets are laid out dense from the lowest
 * populated one to the highest.
 */
export function exponentialHistogramData(
  descriptor: Descriptor,
  cells: readonly AnyCell[],
  start: HrTime,
  now: HrTime,
  attrs: (cell: AnyCell) => Attributes
): MetricData {
  return {
    descriptor,
    aggregationTemporality: AggregationTemporality.CUMULATIVE,
    dataPointType: DataPointType.EXPONENTIAL_HISTOGRAM,
    dataPoints: cells.map((c) => {
      const h = c as HistogramCell;
      const native = isNativeCell(h) ? h.native : undefined;
      return {
        startTime: start,
        endTime: now,
        attributes: attrs(c),
        value: {
          count: h.count,
          sum: h.sum,
          ...(!(h.min <= h.max) ? {} : { min: h.min, max: h.max }),
          scale: native?.schema ?? 0,
          zeroCount: native?.zeroCount ?? 0,
          positive: native ? denseBuckets(native) : { offset: 0, bucketCounts: [] },
          negative: { offset: 0, bucketCounts: [] },
        },
      };
    }),
  };
}

function denseBuckets(native: NativeHistogram): { offset: number; bucketCounts: number[] } {
  if (native.positive.size === 0) return { offset: 0, bucketCounts: [] };
  let lo = Infinity;
  let hi = -Infinity;
  for (const k of native.positive.keys()) {
    if (k < lo) lo = k;
    if (k > hi) hi = k;
  }
  const bucketCounts = new Array<number>(hi - lo + 1).fill(0);
  for (const [k, n] of native.positive) bucketCounts[k - lo] = n;
  return { offset: lo - 1, bucketCounts };
}
