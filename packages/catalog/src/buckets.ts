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
