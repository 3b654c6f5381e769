import { metric } from '../define';
import { LATEST_SOURCES } from '../sources';

/** What every entry of this group shares. */
const base = {
  package: 'backends',
  group: 'etcdEvents',
  component: 'etcd',
  section: 'Auth Service and backends',
  origin: 'teleport',
  description: '',
  labels: [],
  profiles: ['latest'],
  source: LATEST_SOURCES.etcd,
} as const;

/** backends: the etcd backend's watch-event counters (registered since 14.x; 12.x defined them unregistered as etcd_events, etcd_event_backpressure). */
export const etcdEvents = {
  events: metric({
    ...base,
    name: 'teleport_etcd_events',
    type: 'counter',
    instrument: 'counter',
    unit: '{event}',
    help: 'Number of etcd events processed',
    notes: [
      'EtcdBackend.watchEvents: +1 for every event of every watch response, before it is queued for processing. No _total suffix.',
    ],
  }),
  eventBackpressure: metric({
    ...base,
    name: 'teleport_etcd_event_backpressure',
    type: 'counter',
    instrument: 'counter',
    unit: '{event}',
    help: 'Number of etcd events that hit backpressure',
    notes: [
      '+1 when the non-blocking push of an event into the processing queue (input buffer 120, capacity 240) fails and the watcher falls back to a blocking push. No _total suffix.',
      "This project: @teleport-otel/backends' countEtcdEvent(m, queued) counts both the same way.",
    ],
  }),
} as const;
