import { metric } from '../define';
import { TELEPORT_LATENCY_BUCKETS } from '../buckets';

/** What every entry of this group shares. */
const base = { package: 'proxy', group: 'proxy', component: 'Teleport Proxy', section: 'Proxy Service', origin: 'doc' } as const;

/** proxy: proxy rows. */
export const proxy = {
  failedConnectToNodeAttemptsTotal: metric({
    ...base,
    name: 'failed_connect_to_node_attempts_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{attempt}',
    help: 'Number of failed SSH connection attempts to a node. Use with `teleport_connect_to_node_attempts_total` to get the failure rate.',
    description:
      'Number of failed SSH connection attempts to a Node. Use with teleport_connect_to_node_attempts_total to get the failure rate.',
    labels: [],
    notes: [
      "Incremented in proxySubsys.proxyToHost when router.DialHost fails. In newer Teleport the definition moved to lib/proxy/router.go and is incremented in Router.DialHost's deferred error check.",
    ],
  }),
  failedLoginAttemptsTotal: metric({
    ...base,
    name: 'failed_login_attempts_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{login}',
    help: 'Number of times there was a failed login',
    description: 'Number of failed tsh login or tsh ssh logins.',
    labels: [],
    notes: [
      "Incremented by AuthHandlers.UserKeyAuth's recordFailedLogin (SSH certificate/principal/RBAC failures) on any SSH server using lib/srv AuthHandlers (Proxy SSH and Nodes), not by web/tsh login at the Auth API. A certificate mismatch increments both this and certificate_mismatch_total.",
    ],
  }),
  connectionLimitExceededTotal: metric({
    ...base,
    name: 'proxy_connection_limit_exceeded_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{connection}',
    help: 'Number of times the proxy connection limit was exceeded',
    description: 'Number of connections that exceeded the Proxy Service connection limit.',
    labels: [],
    notes: [
      'Incremented in sshutils.Server.HandleConnection when limiter.AcquireConnection(remoteIP) returns LimitExceeded; this base SSH server is shared by Proxy and Node, so it is not Proxy-only.',
    ],
  }),
  sshSessionsTotal: metric({
    ...base,
    name: 'proxy_ssh_sessions_total',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{session}',
    help: 'Number of active sessions through this proxy',
    description: 'Number of active sessions through this Proxy Service instance.',
    labels: [],
    notes: [
      'Gauge despite the _total suffix (doc correctly says gauge). Inc in proxySubsys.proxyToSite/proxyToHost after a successful dial, Dec in proxySubsys.close. Moved to lib/proxy/router.go (ProxiedMetricConn) in newer versions.',
    ],
  }),
  missingSshTunnels: metric({
    ...base,
    name: 'proxy_missing_ssh_tunnels',
    type: 'gauge',
    instrument: 'gauge',
    unit: '{tunnel}',
    help: 'Number of missing SSH tunnels',
    description: 'Number of missing SSH tunnels. Used to debug if Nodes have discovered all Proxy Service instances.',
    labels: [],
    notes: [
      'Set by localSite.sshTunnelStats every periodicFunctionInterval (3m): count of non-expired tunnel-mode nodes (filtered by proxy IDs in proxy-peering mode) for which no node tunnel exists on this Proxy.',
    ],
  }),
  remoteClusters: metric({
    ...base,
    name: 'remote_clusters',
    type: 'gauge',
    instrument: 'gauge',
    unit: '{cluster}',
    help: 'Number of inbound connections from remote clusters',
    description: 'Number of inbound connections from leaf clusters.',
    labels: ['cluster'],
    examples: { cluster: ['leaf.example.com'] },
    notes: [
      "Per leaf cluster name: GetTunnelsCount() of the remote site, 0 when offline; series deleted when the remote cluster is removed. Doc says 'leaf clusters', code says 'remote clusters'.",
    ],
  }),
  connectToNodeAttemptsTotal: metric({
    ...base,
    name: 'teleport_connect_to_node_attempts_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{attempt}',
    help: 'Number of SSH connection attempts to a node. Use with `failed_connect_to_node_attempts_total` to get the failure rate.',
    description:
      'Number of SSH connection attempts to a node. Use with failed_connect_to_node_attempts_total to get the failure rate.',
    labels: [],
    notes: [
      'DISCREPANCY (this snapshot): registered but never incremented -> always 0, so the documented failure-rate ratio is meaningless here. Newer Teleport (lib/proxy/router.go Router.DialHost) calls connectingToNode.Inc() on every dial attempt.',
      "This project counts every attempt, as newer Teleport does: @teleport-otel/proxy's trackConnectToNode increments attempts and failures around one dial call.",
    ],
  }),
  reverseTunnelsConnected: metric({
    ...base,
    name: 'teleport_reverse_tunnels_connected',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{tunnel}',
    help: 'Number of reverse SSH tunnels connected to the Teleport Proxy Service by Teleport instances',
    description: 'Number of reverse SSH tunnels connected to the Teleport Proxy Service by Teleport instances.',
    labels: ['type'],
    examples: { type: ['node', 'app', 'kube', 'db', 'windows_desktop'] },
    notes: [
      'type = string(connType) of the agent tunnel added via localSite.addConn (types.TunnelType: node, app, kube, db, windows_desktop; proxy-type tunnels go to remoteSite and are not counted here). Inc when the tunnel connection is registered on the local site, Dec when it is removed. Per-Proxy value.',
    ],
  }),
  trustedClusters: metric({
    ...base,
    name: 'trusted_clusters',
    type: 'gauge',
    instrument: 'gauge',
    unit: '{cluster}',
    help: 'Number of outbound connections to remote clusters',
    description: 'Number of outbound connections to leaf clusters.',
    labels: ['cluster'],
    examples: { cluster: ['root.example.com'] },
    notes: [
      "Set in lib/reversetunnel/agentpool.go to the number of active agents of the pool for that cluster; set to 0 / deleted by rc_manager.go. Doc says 'leaf clusters' but these are outbound connections from this (leaf) cluster to the root cluster.",
    ],
  }),
  reversetunnelConnLatency: metric({
    ...base,
    name: 'reversetunnel_conn_latency',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency metrics for reverse tunnel connections',
    description: '',
    labels: ['dial_type', 'state'],
    values: { dial_type: ['direct', 'peer', 'tunnel', 'peer-tunnel'], state: ['established', 'first_read'] },
    buckets: TELEPORT_LATENCY_BUCKETS,
    origin: 'teleport',
    section: 'Not in the doc',
    profiles: ['teleport-12', 'latest'],
    source: 'lib/reversetunnel/conn_metric.go@586786e41b29ae0586d45a551cfc103794efe85c',
    overrides: { latest: { source: 'lib/reversetunnel/conn_metric.go@3ef53ed32b398c7d9eb21b290f1ed0495db9a3a1' } },
    notes: [
      "state='established': time from the dial's start until the connection is made; state='first_read': time from then until its first Read returns. Registered with the Proxy's local-cluster collectors (lib/reversetunnel/localsite.go).",
    ],
  }),
} as const;
