import { cache } from '@teleport-otel/catalog';
import { cacheEvent, createCacheMetrics, isStale, recordWatcherEvent } from '@teleport-otel/cache';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import { collectMetrics, expectGroupExported, histAt, sdkPipeline, sumAt } from '../../../test-support/sdk';
import { typeErrors } from '../../../test-support/typecheck';

const [NODE, CA] = cache.watcherEvents.examples.resource; // '/node', '/cert_authority/host'
const [AUTH, PROXY] = cache.cacheEvents.examples.cache_component; // 'auth', 'proxy'

describe('createCacheMetrics over a plain SDK MeterProvider', () => {
  test('the helpers drive every cache entry with catalog name, unit, help and buckets', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createCacheMetrics({ meterProvider });
    recordWatcherEvent(m, NODE!, 350);
    cacheEvent(m, AUTH!, { stale: true });
    expectGroupExported(cache, await collectMetrics(reader));
  });

  test('recordWatcherEvent records the size in both histograms, into the right buckets', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createCacheMetrics({ meterProvider });
    const sizes = [0, 150, 350, 950, 2500];
    for (const s of sizes) recordWatcherEvent(m, NODE!, s);
    recordWatcherEvent(m, CA!, 120);
    const got = await collectMetrics(reader);

    const perResource = histAt(got.get(cache.watcherEvents.name), { resource: NODE! })!;
    expect(perResource.count).toBe(sizes.length);
    expect(perResource.sum).toBe(sizes.reduce((a, b) => a + b, 0));
    // Counts per bucket computed from the catalog bounds (upper bound inclusive, as Prometheus).
    const expected = (bounds: readonly number[], values: number[]) =>
      [...bounds, Infinity].map((b, i) => values.filter((v) => v <= b && (i === 0 || v > bounds[i - 1]!)).length);
    expect(perResource.buckets.counts).toEqual(expected(cache.watcherEvents.buckets, sizes));

    const overall = histAt(got.get(cache.watcherEventSizes.name))!;
    expect(overall.count).toBe(sizes.length + 1);
    expect(overall.buckets.counts).toEqual(expected(cache.watcherEventSizes.buckets, [...sizes, 120]));
    expect(histAt(got.get(cache.watcherEvents.name), { resource: CA! })!.count).toBe(1);
  });

  test('cacheEvent counts every event, and stale ones in both counters (as Teleport processes them too)', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createCacheMetrics({ meterProvider });
    for (let i = 0; i < 10; i++) cacheEvent(m, PROXY!, { stale: i < 3 });
    cacheEvent(m, AUTH!);
    const got = await collectMetrics(reader);
    expect(sumAt(got.get(cache.cacheEvents.name), { cache_component: PROXY! })).toBe(10);
    expect(sumAt(got.get(cache.cacheStaleEvents.name), { cache_component: PROXY! })).toBe(3);
    expect(sumAt(got.get(cache.cacheEvents.name), { cache_component: AUTH! })).toBe(1);
    expect(sumAt(got.get(cache.cacheStaleEvents.name), { cache_component: AUTH! })).toBeUndefined();
  });

  test('isStale: a non-zero expiry already in the past', () => {
    const now = 1_700_000_000_000;
    expect(isStale(now - 1, now)).toBe(true);
    expect(isStale(new Date(now - 1000), now)).toBe(true);
    expect(isStale(now + 1000, now)).toBe(false);
    expect(isStale(0, now)).toBe(false);
    expect(isStale(undefined, now)).toBe(false);
  });
});

function misuse(): void {
  const m = createCacheMetrics();
  // @ts-expect-error misspelt label: 'cache_componet'
  m.cacheEvents.inc({ cache_componet: 'auth' });
  // @ts-expect-error watcher_event_sizes has no labels
  m.watcherEventSizes.record(10, { resource: '/node' });
  // @ts-expect-error watcher_events needs its resource label
  m.watcherEvents.record(10);
}
void misuse;

describe('cache typing and fast path', () => {
  test('misspelt or missing labels are compile errors', () => {
    expect(typeErrors([__filename])).toEqual([]);
  }, 60_000);

  test('over @teleport-otel/diag: TYPE, HELP and `le` bounds equal the catalog', async () => {
    const diag = createDiagMeterProvider();
    try {
      const m = createCacheMetrics({ meterProvider: diag.meterProvider });
      recordWatcherEvent(m, NODE!, 420);
      cacheEvent(m, AUTH!, { stale: true });
      const families = parseExposition(await diag.render());
      for (const entry of Object.values(cache)) {
        const f = families.get(entry.name)!;
        expect(f.type).toBe(entry.type);
        expect(f.help).toBe(entry.help);
        if (entry.type === 'histogram') {
          const le = f.samples.filter((s) => s.name === `${entry.name}_bucket`).map((s) => s.labels.le);
          expect(le).toEqual([...entry.buckets!.map(String), '+Inf']);
          expect(f.samples.find((s) => s.name === `${entry.name}_sum`)!.value).toBe(420);
        } else {
          expect(f.samples).toEqual([{ name: entry.name, labels: { cache_component: AUTH! }, value: 1 }]);
        }
      }
    } finally {
      await diag.shutdown();
    }
  });
});
