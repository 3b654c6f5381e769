import { metric } from '../define';
import { TELEPORT_LATENCY_BUCKETS } from '../buckets';

/** What every entry of this group shares. */
const base = {
  package: 'backends',
  group: 'etcd',
  component: 'etcd',
  section: 'Auth Service and backends',
  origin: 'doc',
} as const;

/** Notes that apply to several entries of this group. */
const SHARED_NOTES = [
  "This project: @teleport-otel/backends' etcdTimers(m).read records it for Get calls, as the doc describes.",
] as const;

/** backends: etcd rows. */
export const etcd = {
  batchReadRequests: metric({
    ...base,
    name: 'etcd_backend_batch_read_requests',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of read requests to the database',
    description: 'Number of read requests to the etcd database.',
    labels: [],
    notes: [
      'Incremented in EtcdBackend.GetRange. Counters have no _total suffix. (etcd_events / etcd_event_backpressure are defined but not registered.)',
    ],
  }),
  batchReadSeconds: metric({
    ...base,
    name: 'etcd_backend_batch_read_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency for etcd read operations',
    description: 'Latency for etcd read operations.',
    labels: [],
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: [
      'Observed in EtcdBackend.GetRange. Counters have no _total suffix. (etcd_events / etcd_event_backpressure are defined but not registered.)',
    ],
  }),
  readRequests: metric({
    ...base,
    name: 'etcd_backend_read_requests',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of read requests to the database',
    description: 'Number of read requests to the etcd database.',
    labels: [],
    notes: [
      'DISCREPANCY: registered but never incremented in this snapshot (EtcdBackend.Get records no metrics) -> always 0. Counters have no _total suffix. (etcd_events / etcd_event_backpressure are defined but not registered.)',
      SHARED_NOTES[0],
    ],
  }),
  readSeconds: metric({
    ...base,
    name: 'etcd_backend_read_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency for etcd read operations',
    description: 'Latency for etcd read operations.',
    labels: [],
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: [
      'DISCREPANCY: registered but never observed in this snapshot (EtcdBackend.Get records no metrics) -> empty histogram. Counters have no _total suffix. (etcd_events / etcd_event_backpressure are defined but not registered.)',
      SHARED_NOTES[0],
    ],
  }),
  txRequests: metric({
    ...base,
    name: 'etcd_backend_tx_requests',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of transaction requests to the database',
    description: 'Number of transaction requests to the database.',
    labels: [],
    notes: [
      'Incremented in EtcdBackend.Create/Update/CompareAndSwap. Counters have no _total suffix. (etcd_events / etcd_event_backpressure are defined but not registered.)',
    ],
  }),
  txSeconds: metric({
    ...base,
    name: 'etcd_backend_tx_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency for etcd transaction operations',
    description: 'Latency for etcd transaction operations.',
    labels: [],
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: [
      'Observed in Create/Update/CompareAndSwap. Counters have no _total suffix. (etcd_events / etcd_event_backpressure are defined but not registered.)',
    ],
  }),
  writeRequests: metric({
    ...base,
    name: 'etcd_backend_write_requests',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of wrtie requests to the database',
    description: 'Number of write requests to the database.',
    labels: [],
    overrides: {
      'teleport-12': {
        help: 'Number of write requests to the database',
        source: 'lib/backend/etcdbk/etcd.go@586786e41b29ae0586d45a551cfc103794efe85c',
      },
      latest: { help: 'Number of write requests to the database' },
    },
    notes: [
      "Help string has typo 'wrtie'. Incremented in EtcdBackend.Put/Delete/DeleteRange (KeepAlive records nothing). Counters have no _total suffix. (etcd_events / etcd_event_backpressure are defined but not registered.)",
    ],
  }),
  writeSeconds: metric({
    ...base,
    name: 'etcd_backend_write_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency for etcd write operations',
    description: 'Latency for etcd write operations.',
    labels: [],
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: [
      'Observed in Put/Delete/DeleteRange. Counters have no _total suffix. (etcd_events / etcd_event_backpressure are defined but not registered.)',
    ],
  }),
} as const;
