import { metric } from '../define';
import { LATEST_SOURCES } from '../sources';

/** What every entry of this group shares. */
const base = {
  package: 'proxy',
  group: 'ingress',
  component: 'Teleport Proxy',
  section: 'Proxy Service',
  origin: 'teleport',
  description: '',
  help: '',
  labels: ['ingress_path', 'ingress_service'],
  values: { ingress_path: ['direct', 'alpn', 'unknown'] },
  examples: { ingress_service: ['web', 'ssh', 'kube', 'tunnel', 'mysql', 'postgres', 'database_tls'] },
  profiles: ['latest'],
  source: LATEST_SOURCES.ingress,
} as const;

const LABELS_NOTE =
  "ingress_path: 'alpn' when the connection's real local address (unwrapped from PROXY protocol) is the ALPN listener's (only the port is compared when that listener is bound to an unspecified IP), 'direct' otherwise or when ALPN routing is off, 'unknown' when the address cannot be split. ingress_service: the listener (web, ssh, kube, tunnel, mysql, postgres, database_tls). Registered without HELP.";

/** proxy: connections accepted by each Proxy listener, by ingress path (lib/srv/ingress). */
export const ingress = {
  acceptedConnections: metric({
    ...base,
    name: 'teleport_accepted_connections_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{connection}',
    notes: ['Reporter.ConnectionAccepted: +1 here and in teleport_active_connections.', LABELS_NOTE],
  }),
  activeConnections: metric({
    ...base,
    name: 'teleport_active_connections',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{connection}',
    notes: ['+1 on ConnectionAccepted, -1 on ConnectionClosed.', LABELS_NOTE],
  }),
  authenticatedAcceptedConnections: metric({
    ...base,
    name: 'teleport_authenticated_accepted_connections_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{connection}',
    notes: [
      'Reporter.ConnectionAuthenticated: for HTTP listeners, a TLS connection that presented a client certificate.',
      LABELS_NOTE,
    ],
  }),
  authenticatedActiveConnections: metric({
    ...base,
    name: 'teleport_authenticated_active_connections',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{connection}',
    notes: ['+1 on ConnectionAuthenticated, -1 on AuthenticatedConnectionClosed.', LABELS_NOTE],
  }),
} as const;
