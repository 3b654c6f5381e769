import { metric } from '../define';
import { WATCHER_EVENTS_BUCKETS, WATCHER_EVENT_SIZES_BUCKETS } from '../buckets';

/** What every entry of this group shares. */
const base = { package: 'cache', group: 'cache', origin: 'doc' } as const;

const CACHE_COMPONENTS = [
  'auth',
  'proxy',
  'remote-proxy',
  'remote-proxy-old',
  'node',
  'kube',
  'apps',
  'db',
  'windows_desktop',
  'discovery',
] as const;

/** cache: cache rows. */
export const cache = {
  watcherEventSizes: metric({
    ...base,
    component: 'cache',
    section: 'Auth Service and backends',
    name: 'watcher_event_sizes',
    type: 'histogram',
    instrument: 'histogram',
    unit: 'By',
    help: 'Overall size of events emitted',
    description: 'Overall size of events emitted.',
    labels: [],
    buckets: WATCHER_EVENT_SIZES_BUCKETS,
    notes: [
      "Observes the protobuf size in bytes (out.Size()) of every event sent on the Auth gRPC WatchEvents stream. Doc component 'cache' is loose: this is recorded by the Auth Service.",
    ],
  }),
  watcherEvents: metric({
    ...base,
    component: 'cache',
    section: 'Auth Service and backends',
    name: 'watcher_events',
    type: 'histogram',
    instrument: 'histogram',
    unit: 'By',
    help: 'Per resources size of events emitted',
    description: 'Per resource size of events emitted.',
    labels: ['resource'],
    examples: { resource: ['/node', '/cert_authority/host', '/role', '/tunnel_connection', 'Init'] },
    buckets: WATCHER_EVENTS_BUCKETS,
    notes: [
      "Help has 'resources' (doc: 'resource'). Doc type histogram is correct; despite the name it is a SIZE histogram (bytes), _count gives per-resource event counts. resource label = resourceLabel(event): '/<kind>' or '/<kind>/<subkind>', or event.Type.String() ('Init','Put','Delete',...) when Resource is nil.",
    ],
  }),
  cacheEvents: metric({
    ...base,
    component: 'Teleport',
    section: 'All Teleport instances',
    name: 'teleport_cache_events',
    type: 'counter',
    instrument: 'counter',
    unit: '{event}',
    help: "Number of events received by a Teleport service cache. Teleport's Auth Service, Proxy Service, and other services cache incoming events related to their service.",
    description:
      "Number of events received by a Teleport service cache. Teleport's Auth Service, Proxy Service, and other services cache incoming events related to their service.",
    labels: ['cache_component'],
    examples: { cache_component: CACHE_COMPONENTS },
    notes: [
      'cache_component = Config.target set by cache.ForAuth/ForProxy/ForRemoteProxy/ForOldRemoteProxy/ForNode/ForKubernetes/ForApps/ForDatabases/ForWindowsDesktop/ForDiscovery. Incremented for every event processed by the cache fetch/watch loop. No _total suffix.',
      "A stale event is counted here as well (it is processed after being counted in teleport_cache_stale_events); @teleport-otel/cache's cacheEvent(m, c, { stale: true }) increments both.",
    ],
  }),
  cacheStaleEvents: metric({
    ...base,
    component: 'Teleport',
    section: 'All Teleport instances',
    name: 'teleport_cache_stale_events',
    type: 'counter',
    instrument: 'counter',
    unit: '{event}',
    help: 'Number of stale events received by a Teleport service cache. A high percentage of stale events can indicate a degraded backend.',
    description:
      'Number of stale events received by a Teleport service cache. A high percentage of stale events can indicate a degraded backend.',
    labels: ['cache_component'],
    examples: { cache_component: CACHE_COMPONENTS },
    notes: ["Incremented when an OpPut event's resource has a non-zero Expiry that is already in the past."],
  }),
} as const;
