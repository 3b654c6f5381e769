import { cache } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/** The cache and watcher metrics: `watcher_events`, `watcher_event_sizes`, `teleport_cache_events`, `teleport_cache_stale_events`. */
export type CacheMetrics = Instruments<typeof cache>;

/**
 * Creates the cache instruments on the given MeterProvider (default: the global one).
 *
 * ```ts
 * const m = createCacheMetrics({ meterProvider });
 * recordWatcherEvent(m, '/node', Buffer.byteLength(payload));  // watcher_events + watcher_event_sizes
 * cacheEvent(m, 'proxy', { stale: expires < Date.now() });      // teleport_cache_events (+ _stale_events)
 * ```
 */
export function createCacheMetrics(options?: InstrumentOptions): CacheMetrics {
  return createInstruments(cache, options);
}

/**
 * Records one event sent to a watcher, as the Auth Service does on its WatchEvents stream: its size
 * in bytes goes into watcher_events{resource} (LinearBuckets(0,200,5)) and into the overall
 * watcher_event_sizes (LinearBuckets(0,100,20)). `resource` is '/<kind>' or '/<kind>/<subkind>'
 * ('/node', '/cert_authority/host'), or the event type ('Init') when the event has no resource.
 */
export function recordWatcherEvent(metrics: CacheMetrics, resource: string, sizeBytes: number): void {
  metrics.watcherEvents.record(sizeBytes, { resource });
  metrics.watcherEventSizes.record(sizeBytes);
}

export interface CacheEventOptions {
  /**
   * The event is stale: a put whose resource already expired when it arrived. Teleport counts it
   * in teleport_cache_stale_events AND, once processed, in teleport_cache_events.
   */
  readonly stale?: boolean;
}

/**
 * Counts one event received by a service cache. `cacheComponent` names the cache ('auth', 'proxy',
 * 'node', 'kube', ...). A high stale/total ratio points at a degraded backend.
 */
export function cacheEvent(metrics: CacheMetrics, cacheComponent: string, options?: CacheEventOptions): void {
  const labels = { cache_component: cacheComponent };
  if (options?.stale) metrics.cacheStaleEvents.inc(labels);
  metrics.cacheEvents.inc(labels);
}

/**
 * Whether a put event is stale by Teleport's rule: its resource has an expiry (non-zero) that is
 * already in the past. `expires` is a Date or epoch milliseconds; undefined/0 means no expiry.
 */
export function isStale(expires: Date | number | undefined, now: number = Date.now()): boolean {
  const t = expires instanceof Date ? expires.getTime() : expires;
  return t !== undefined && t !== 0 && Number.isFinite(t) && now > t;
}

export { cache as cacheCatalog };
