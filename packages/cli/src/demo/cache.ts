import { cacheEvent, createCacheMetrics, recordWatcherEvent } from '@teleport-otel/cache';
import { cache } from '@teleport-otel/catalog';
import { every, pick, type DemoDriver } from './types';

// Typical protobuf sizes (bytes) of watch events per resource: CAs carry certificates, tunnel
// connections are tiny, Init has no resource at all.
const SIZES: Record<string, readonly [min: number, max: number]> = {
  '/node': [300, 750],
  '/cert_authority/host': [1400, 2600],
  '/role': [350, 900],
  '/tunnel_connection': [120, 260],
  Init: [8, 24],
};

/** Watch events fanned out by the Auth Service, and the events each service's cache receives (~2% stale). */
export const cacheDemo: DemoDriver = {
  name: 'cache',
  start({ meterProvider, random }) {
    const m = createCacheMetrics({ meterProvider });
    const resources = cache.watcherEvents.examples.resource;
    // Auth, proxy and node caches see most of the traffic.
    const components = cache.cacheEvents.examples.cache_component;
    const busy = components.slice(0, 2).concat(['node']);
    // Stale events are rare; show their series at 0 from the start, so a ratio is defined at once.
    for (const c of busy) m.cacheStaleEvents.bind({ cache_component: c });
    const stops = [
      every(60, () => {
        const resource = random() < 0.5 ? '/node' : pick(random, resources);
        const [min, max] = SIZES[resource] ?? [100, 1000];
        recordWatcherEvent(m, resource, Math.round(min + random() * (max - min)));
      }),
      every(40, () => {
        const component = random() < 0.8 ? pick(random, busy) : pick(random, components);
        cacheEvent(m, component, { stale: random() < 0.02 });
      }),
    ];
    return { stop: () => stops.forEach((s) => s()) };
  },
};
