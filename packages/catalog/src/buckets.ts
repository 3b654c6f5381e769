/** client_golang's ExponentialBuckets: `count` bounds starting at `start`, each `factor` times the last. */
export function exponentialBuckets(start: number, factor: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0, b = start; i < count; i++, b *= factor) out.push(b);
  return out;
}

/** client_golang's LinearBuckets: `count` bounds starting at `start`, `width` apart. */
export function linearBuckets(start: number, width: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(start + i * width);
  return out;
}

/** Every Teleport latency histogram: ExponentialBuckets(0.001, 2, 16), 1 ms to 32.768 s. */
export const TELEPORT_LATENCY_BUCKETS: readonly number[] = Object.freeze(exponentialBuckets(0.001, 2, 16));
/** watcher_events: LinearBuckets(0, 200, 5). */
export const WATCHER_EVENTS_BUCKETS: readonly number[] = Object.freeze(linearBuckets(0, 200, 5));
/** watcher_event_sizes: LinearBuckets(0, 100, 20). */
export const WATCHER_EVENT_SIZES_BUCKETS: readonly number[] = Object.freeze(linearBuckets(0, 100, 20));
/** go_gc_duration_seconds quantiles. */
export const GO_GC_QUANTILES: readonly number[] = Object.freeze([0, 0.25, 0.5, 0.75, 1]);
/** v8js_gc_duration: OpenTelemetry semconv's advice for v8js.gc.duration (seconds). */
export const V8JS_GC_DURATION_BUCKETS: readonly number[] = Object.freeze([0.01, 0.1, 1, 10]);

/**
 * client_golang's ExponentialBucketsRange: `count` bounds from `min` to `max`, each the same
 * factor ((max/min)^(1/(count-1))) times the last.
 */
export function exponentialBucketsRange(min: number, max: number, count: number): number[] {
  const factor = Math.pow(max / min, 1 / (count - 1));
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(min * Math.pow(factor, i));
  return out;
}

/** client_golang's DefBuckets (prometheus.DefBuckets), the library's default histogram bounds. */
export const PROMETHEUS_DEFAULT_BUCKETS: readonly number[] = Object.freeze([
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
]);

/**
 * The Athena audit log's batch-processing bounds (lib/events/athena newAthenaMetrics) for a batch
 * interval of `b` seconds: 0.1b, 0.2b, 0.5b, 0.75b, then ExponentialBucketsRange(0.9b, 2b, 10).
 */
export function parquetBatchProcessingBuckets(b: number): number[] {
  return [0.1 * b, 0.2 * b, 0.5 * b, 0.75 * b, ...exponentialBucketsRange(0.9 * b, 2 * b, 10)];
}

/** Teleport's proxy peering messageByteBuckets: ExponentialBuckets(32, 2, 12), 32 B to 64 KiB. */
export const PROXY_PEER_MESSAGE_BYTE_BUCKETS: readonly number[] = Object.freeze(exponentialBuckets(32, 2, 12));
