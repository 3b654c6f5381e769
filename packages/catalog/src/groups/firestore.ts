import { metric } from '../define';
import { TELEPORT_LATENCY_BUCKETS } from '../buckets';

/** What every entry of this group shares. */
const base = {
  package: 'backends',
  group: 'firestore',
  component: 'GCP Cloud Firestore',
  section: 'Auth Service and backends',
  origin: 'doc',
} as const;

/** Notes that apply to several entries of this group. */
const SHARED_NOTES = ["Code help says 'firestore events' (doc: 'Cloud Firestore events'). No labels, no _total suffix."] as const;

/** backends: firestore rows. */
export const firestore = {
  batchReadRequests: metric({
    ...base,
    name: 'firestore_events_backend_batch_read_requests',
    type: 'counter',
    instrument: 'counter',
    unit: '{event}',
    help: 'Number of batch read requests to firestore events',
    description: 'Number of batch read requests to Cloud Firestore events.',
    labels: [],
    notes: [
      "Incremented in GetSessionEvents, searchEventsWithFilter and the query step of purgeExpiredEvents. Code help says 'firestore events' (doc: 'Cloud Firestore events'). No labels, no _total suffix.",
    ],
  }),
  batchReadSeconds: metric({
    ...base,
    name: 'firestore_events_backend_batch_read_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency for firestore events batch read operations',
    description: 'Latency for Cloud Firestore events batch read operations.',
    labels: [],
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: [SHARED_NOTES[0]],
  }),
  batchWriteRequests: metric({
    ...base,
    name: 'firestore_events_backend_batch_write_requests',
    type: 'counter',
    instrument: 'counter',
    unit: '{event}',
    help: 'Number of batch write requests to firestore events',
    description: 'Number of batch write requests to Cloud Firestore events.',
    labels: [],
    notes: [
      "Incremented in purgeExpiredEvents (batch delete of expired events). Code help says 'firestore events' (doc: 'Cloud Firestore events'). No labels, no _total suffix.",
    ],
  }),
  batchWriteSeconds: metric({
    ...base,
    name: 'firestore_events_backend_batch_write_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency for firestore events batch write operations',
    description: 'Latency for Cloud Firestore events batch write operations.',
    labels: [],
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: [SHARED_NOTES[0]],
  }),
  writeRequests: metric({
    ...base,
    name: 'firestore_events_backend_write_requests',
    type: 'counter',
    instrument: 'counter',
    unit: '{event}',
    help: 'Number of write requests to firestore events',
    description: 'Number of write requests to Cloud Firestore events.',
    labels: [],
    notes: [
      "Incremented when an audit event is written. Code help says 'firestore events' (doc: 'Cloud Firestore events'). No labels, no _total suffix.",
    ],
  }),
  writeSeconds: metric({
    ...base,
    name: 'firestore_events_backend_write_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency for firestore events write operations',
    description: 'Latency for Cloud Firestore events write operations.',
    labels: [],
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: [SHARED_NOTES[0]],
  }),
} as const;
