import { metric, withExamples } from '../define';
import type { MetricEntry } from '../types';
import { exponentialBuckets, TELEPORT_LATENCY_BUCKETS } from '../buckets';
import { LATEST_SOURCES } from '../sources';

/** What every entry of this group shares. */
const base = {
  package: 'db',
  group: 'db',
  component: 'Teleport Database Service',
  section: 'Database Service',
  origin: 'teleport',
  description: '',
  profiles: ['latest'],
  source: LATEST_SOURCES.db,
} as const;

/** Typical label values; each entry keeps those of its own labels. */
const DB_EXAMPLES = {
  component: ['db:service'],
  db_protocol: ['postgres', 'mysql', 'mongodb', 'redis', 'sqlserver'],
  db_type: ['self-hosted', 'rds', 'rdsproxy', 'redshift', 'cloudsql', 'azure'],
} as const;

/** metric() with the group's examples for the entry's labels. */
const entry = <const E extends MetricEntry>(e: E): E => withExamples(DB_EXAMPLES, metric(e));

const LABELS_NOTE =
  "component = the engine's reporting component (teleport.ComponentDatabase by default), db_protocol = Database.GetProtocol(), db_type = Database.GetType().";
/** ExponentialBuckets(0.1, 2, 20): 100 ms to about 14.5 h (the code's comment says '1ms ... 14.5h'). */
const CONNECTION_BUCKETS = exponentialBuckets(0.1, 2, 20);

/** db: the Database Service's engines (lib/srv/db/common/reporting.go). */
export const db = {
  messagesFromClient: entry({
    ...base,
    name: 'teleport_db_messages_from_client_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{message}',
    help: 'Number of messages (packets) received from the DB client',
    labels: ['component', 'db_protocol', 'db_type'],
    notes: [LABELS_NOTE],
  }),
  messagesFromServer: entry({
    ...base,
    name: 'teleport_db_messages_from_server_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{message}',
    help: 'Number of messages (packets) received from the DB server',
    labels: ['component', 'db_protocol', 'db_type'],
    notes: [LABELS_NOTE],
  }),
  methodCallCount: entry({
    ...base,
    name: 'teleport_db_method_call_count_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{call}',
    help: 'Number of times a DB method was called',
    labels: ['method', 'component', 'db_protocol', 'db_type'],
    examples: { method: ['connect', 'query', 'exec'] },
    notes: ['methodCallMetrics: +1 when the call starts.', LABELS_NOTE],
  }),
  methodCallLatency: entry({
    ...base,
    name: 'teleport_db_method_call_latency_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Call latency for a DB method calls',
    labels: ['method', 'component', 'db_protocol', 'db_type'],
    examples: { method: ['connect', 'query', 'exec'] },
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: ['Observed when the call returns.', LABELS_NOTE],
  }),
  initializedConnections: entry({
    ...base,
    name: 'teleport_db_initialized_connections_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{connection}',
    help: 'Number of initialized DB connections',
    labels: ['component', 'db_protocol', 'db_type'],
    notes: ['reportingEngine.InitializeConnection.', LABELS_NOTE],
  }),
  activeConnections: entry({
    ...base,
    name: 'teleport_db_active_connections_total',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{connection}',
    help: 'Number of active DB connections',
    labels: ['component', 'db_protocol', 'db_type'],
    notes: ['A gauge despite _total: +1 when HandleConnection starts, -1 when it returns.', LABELS_NOTE],
  }),
  connectionDurations: entry({
    ...base,
    name: 'teleport_db_connection_durations_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Duration of DB connection',
    labels: ['component', 'db_protocol', 'db_type'],
    buckets: CONNECTION_BUCKETS,
    notes: ['Observed when HandleConnection returns. Buckets ExponentialBuckets(0.1, 2, 20).', LABELS_NOTE],
  }),
  connectionSetupTime: entry({
    ...base,
    name: 'teleport_db_connection_setup_time_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Initial time to setup DB connection, before any requests are handled.',
    labels: ['component', 'db_protocol', 'db_type'],
    buckets: CONNECTION_BUCKETS,
    notes: ['GetConnectionSetupTimeObserver. Buckets ExponentialBuckets(0.1, 2, 20).', LABELS_NOTE],
  }),
  errors: entry({
    ...base,
    name: 'teleport_db_errors_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{error}',
    help: 'Number of synthetic DB errors sent to the client',
    labels: ['component', 'db_protocol', 'db_type'],
    notes: ['reportingEngine.SendError.', LABELS_NOTE],
  }),
} as const;
