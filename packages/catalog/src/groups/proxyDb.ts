import { metric, withExamples } from '../define';
import type { MetricEntry } from '../types';
import { exponentialBuckets, linearBuckets } from '../buckets';
import { LATEST_SOURCES } from '../sources';

/** What every entry of this group shares. */
const base = {
  package: 'db',
  group: 'proxyDb',
  component: 'Teleport Proxy',
  section: 'Proxy Service',
  origin: 'teleport',
  description: '',
  profiles: ['latest'],
  source: LATEST_SOURCES.proxyDb,
} as const;

/** Typical label values; each entry keeps those of its own labels. */
const PROXY_DB_EXAMPLES = {
  available_db_servers: ['1', '2', '3'],
  component: ['db:proxy'],
  db_protocol: ['postgres', 'mysql', 'unknown'],
  db_type: ['self-hosted', 'rds', 'unknown'],
} as const;

/** metric() with the group's examples for the entry's labels. */
const entry = <const E extends MetricEntry>(e: E): E => withExamples(PROXY_DB_EXAMPLES, metric(e));

const LABELS_NOTE =
  "component = the proxy server's component constant (proxyServerComponent; its value was not read), db_protocol/db_type = the target database's protocol and type, or 'unknown' when no database is known yet. available_db_servers = the number of Database Service instances that can serve the target, as a decimal string.";
/** ExponentialBuckets(0.1, 2, 20) (the code's comment says '1ms ... 14.5h'). */
const TIME_BUCKETS = exponentialBuckets(0.1, 2, 20);

/** db: the Proxy's connections to the Database Service (lib/srv/db/proxyserver.go). */
export const proxyDb = {
  connectionSetupTime: entry({
    ...base,
    name: 'teleport_proxy_db_connection_setup_time_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Time to establish connection to DB service from Proxy service.',
    labels: ['available_db_servers', 'component', 'db_protocol', 'db_type'],
    buckets: TIME_BUCKETS,
    notes: [LABELS_NOTE],
  }),
  connectionTlsConfigTime: entry({
    ...base,
    name: 'teleport_proxy_db_connection_tls_config_time_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Time to fetch TLS configuration for the connection to DB service from Proxy service.',
    labels: ['component', 'db_protocol', 'db_type'],
    buckets: TIME_BUCKETS,
    notes: [LABELS_NOTE],
  }),
  connectionDialAttempts: entry({
    ...base,
    name: 'teleport_proxy_db_connection_dial_attempts_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{attempt}',
    help: 'Number of dial attempts from Proxy to DB service made',
    labels: ['available_db_servers', 'component', 'db_protocol', 'db_type'],
    notes: [LABELS_NOTE],
  }),
  connectionDialFailures: entry({
    ...base,
    name: 'teleport_proxy_db_connection_dial_failures_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{attempt}',
    help: 'Number of failed dial attempts from Proxy to DB service made',
    labels: ['available_db_servers', 'component', 'db_protocol', 'db_type'],
    notes: [LABELS_NOTE],
  }),
  attemptedServers: entry({
    ...base,
    name: 'teleport_proxy_db_attempted_servers_total',
    type: 'histogram',
    instrument: 'histogram',
    unit: '{server}',
    help: 'Number of servers processed during connection attempt to the DB service from Proxy service.',
    labels: ['available_db_servers', 'component', 'db_protocol', 'db_type'],
    buckets: linearBuckets(1, 1, 16),
    notes: [
      'A histogram despite _total: observes how many servers one connection attempt went through. Buckets LinearBuckets(1, 1, 16).',
      LABELS_NOTE,
    ],
  }),
  activeConnections: entry({
    ...base,
    name: 'teleport_proxy_db_active_connections_total',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{connection}',
    help: 'Number of currently active connections to DB service from Proxy service.',
    labels: ['component', 'db_protocol', 'db_type'],
    notes: ['A gauge despite _total.', LABELS_NOTE],
  }),
} as const;
