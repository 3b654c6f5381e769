import { metric } from '../define';
import { exponentialBuckets, TELEPORT_LATENCY_BUCKETS } from '../buckets';
import { LATEST_SOURCES } from '../sources';

/** What every entry of this group shares. */
const base = {
  package: 'audit',
  group: 'postgresEvents',
  component: 'Postgres (Events)',
  section: 'Auth Service and backends',
  origin: 'teleport',
  description: '',
  profiles: ['latest'],
  source: LATEST_SOURCES.pgevents,
} as const;

const STATUS = { status: ['success', 'failure'] } as const;
const STATUS_NOTE =
  "status = 'success' or 'failure'. Both series of each counter exist from registration (pgevents pre-binds them with .With), so they read 0 before the first request. No _total suffix.";

/** audit: the PostgreSQL audit events backend (lib/events/pgevents). */
export const postgresEvents = {
  writeRequests: metric({
    ...base,
    name: 'teleport_postgres_events_backend_write_requests',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of write requests to postgres events, labeled with the request `status` (success or failure).',
    labels: ['status'],
    values: STATUS,
    notes: [STATUS_NOTE],
  }),
  batchReadRequests: metric({
    ...base,
    name: 'teleport_postgres_events_backend_batch_read_requests',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of batch read requests to postgres events, labeled with the request `status` (success or failure).',
    labels: ['status'],
    values: STATUS,
    notes: [STATUS_NOTE],
  }),
  batchDeleteRequests: metric({
    ...base,
    name: 'teleport_postgres_events_backend_batch_delete_requests',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of batch delete requests to postgres events, labeled with the request `status` (success or failure).',
    labels: ['status'],
    values: STATUS,
    notes: [STATUS_NOTE],
  }),
  writeSeconds: metric({
    ...base,
    name: 'teleport_postgres_events_backend_write_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency for postgres events write operations, in seconds.',
    labels: [],
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: [],
  }),
  batchReadSeconds: metric({
    ...base,
    name: 'teleport_postgres_events_backend_batch_read_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency for postgres events batch read operations, in seconds.',
    labels: [],
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: [],
  }),
  batchDeleteSeconds: metric({
    ...base,
    name: 'teleport_postgres_events_backend_batch_delete_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency for postgres events cleanup operations, in seconds.',
    labels: [],
    buckets: exponentialBuckets(0.001, 2, 18),
    notes: [
      'Buckets ExponentialBuckets(0.001, 2, 18): up to 131 s, two more than the other latencies. The docs table calls it "batch delete"; the HELP says "cleanup".',
    ],
  }),
} as const;
