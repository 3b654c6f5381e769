import { metric } from '../define';
import { PROMETHEUS_DEFAULT_BUCKETS, PROXY_PEER_MESSAGE_BYTE_BUCKETS } from '../buckets';

/**
 * Proxy peering (Proxy Service with `proxy_service.peers`): the gRPC client a Proxy dials its peers
 * with and the server it answers them on (lib/proxy/peer). Undocumented on the metrics page.
 */

const V12 = '586786e41b29ae0586d45a551cfc103794efe85c';
const CLIENT = `lib/proxy/peer/clientmetrics.go@${V12}`;
const SERVER = `lib/proxy/peer/servermetrics.go@${V12}`;
const LATEST_CLIENT = { latest: { source: 'lib/proxy/peer/clientmetrics.go@0ebfd4d641721580da1d56d9158d1bd67cf06260' } } as const;
const LATEST_SERVER = { latest: { source: 'lib/proxy/peer/servermetrics.go@e7d76d10a6cb9a2ef5eec26491778c015078af01' } } as const;

const base = {
  package: 'proxy',
  group: 'proxyPeer',
  component: 'Teleport Proxy (proxy peering)',
  section: 'Not in the doc',
  origin: 'teleport',
  description: '',
  profiles: ['teleport-12', 'latest'],
} as const;

/** grpc-go's connectivity.State names, as Teleport labels `state`. */
const CONNECTION_STATES = ['IDLE', 'CONNECTING', 'READY', 'TRANSIENT_FAILURE', 'SHUTDOWN'] as const;
const SERVICE = { service: ['proto.ProxyService'] } as const;
const METHOD_EXAMPLES = { ...SERVICE, method: ['DialNode'] } as const;
const HANDLER_EXAMPLES = { ...SERVICE, handler: ['DialNode'] } as const;
const CODES = ['OK', 'Canceled', 'Unavailable', 'DeadlineExceeded'];
const CONNECTION_EXAMPLES = { local_id: ['<proxy-host-id>'], remote_id: ['<peer-proxy-host-id>'] } as const;
const REPORTER_NOTE =
  "Recorded by the peer package's reporter (lib/proxy/peer/reporter.go): method/handler is the gRPC method name, code the gRPC status code name. The duration histogram uses client_golang's default buckets.";

/** proxy: proxy peering client and server. */
export const proxyPeer = {
  clientDialErrorTotal: metric({
    ...base,
    name: 'proxy_peer_client_dial_error_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{error}',
    help: 'Total number of errors encountered dialing peer proxies.',
    labels: ['error_type'],
    values: {
      error_type: ['TUNNEL_NOT_FOUND', 'TUNNEL_DIAL', 'TUNNEL_DIRECT_DIAL', 'TUNNEL_RPC', 'FETCH_PROXIES', 'PROXIES_UNREACHABLE'],
    },
    source: CLIENT,
    overrides: LATEST_CLIENT,
    notes: ['error_type values are the constants of clientmetrics.go, reported by the peer client when a dial fails.'],
  }),
  clientConnections: metric({
    ...base,
    name: 'proxy_peer_client_connections',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{connection}',
    help: 'Number of currently opened connection to proxy peer servers.',
    labels: ['local_id', 'remote_id', 'state'],
    values: { state: CONNECTION_STATES },
    examples: CONNECTION_EXAMPLES,
    source: CLIENT,
    overrides: LATEST_CLIENT,
    notes: ["+1 in the connection's current connectivity state and -1 when it leaves it (lib/proxy/peer/client.go)."],
  }),
  clientRpc: metric({
    ...base,
    name: 'proxy_peer_client_rpc',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{rpc}',
    help: 'Number of current client RPC requests.',
    labels: ['service', 'method'],
    examples: METHOD_EXAMPLES,
    source: CLIENT,
    overrides: LATEST_CLIENT,
    notes: [REPORTER_NOTE],
  }),
  clientRpcTotal: metric({
    ...base,
    name: 'proxy_peer_client_rpc_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{rpc}',
    help: 'Total number of client RPC requests.',
    labels: ['service', 'method', 'code'],
    examples: { ...METHOD_EXAMPLES, code: CODES },
    source: CLIENT,
    overrides: LATEST_CLIENT,
    notes: [REPORTER_NOTE],
  }),
  clientRpcDurationSeconds: metric({
    ...base,
    name: 'proxy_peer_client_rpc_duration_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Duration in seconds of RPCs sent by the client.',
    labels: ['service', 'handler', 'code'],
    examples: { ...HANDLER_EXAMPLES, code: CODES },
    buckets: PROMETHEUS_DEFAULT_BUCKETS,
    source: CLIENT,
    overrides: LATEST_CLIENT,
    notes: [REPORTER_NOTE],
  }),
  clientMessageSentSize: metric({
    ...base,
    name: 'proxy_peer_client_message_sent_size',
    type: 'histogram',
    instrument: 'histogram',
    unit: 'By',
    help: 'Size of messages sent by the client.',
    labels: ['service', 'handler'],
    examples: HANDLER_EXAMPLES,
    buckets: PROXY_PEER_MESSAGE_BYTE_BUCKETS,
    source: CLIENT,
    overrides: LATEST_CLIENT,
    notes: [REPORTER_NOTE],
  }),
  clientMessageReceivedSize: metric({
    ...base,
    name: 'proxy_peer_client_message_received_size',
    type: 'histogram',
    instrument: 'histogram',
    unit: 'By',
    help: 'Size of messages received by the client.',
    labels: ['service', 'handler'],
    examples: HANDLER_EXAMPLES,
    buckets: PROXY_PEER_MESSAGE_BYTE_BUCKETS,
    source: CLIENT,
    overrides: LATEST_CLIENT,
    notes: [REPORTER_NOTE],
  }),
  serverConnections: metric({
    ...base,
    name: 'proxy_peer_server_connections',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{connection}',
    help: 'Number of currently opened connection to proxy peer clients.',
    labels: ['local_id', 'remote_id', 'state'],
    values: { state: CONNECTION_STATES },
    examples: CONNECTION_EXAMPLES,
    source: SERVER,
    overrides: LATEST_SERVER,
    notes: ["Moved by the peer server's connection-state handler (lib/proxy/peer/server.go)."],
  }),
  serverRpc: metric({
    ...base,
    name: 'proxy_peer_server_rpc',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{rpc}',
    help: 'Number of current server RPC requests.',
    labels: ['service', 'method'],
    examples: METHOD_EXAMPLES,
    source: SERVER,
    overrides: LATEST_SERVER,
    notes: [REPORTER_NOTE],
  }),
  serverRpcTotal: metric({
    ...base,
    name: 'proxy_peer_server_rpc_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{rpc}',
    help: 'Total number of server RPC requests.',
    labels: ['service', 'method', 'code'],
    examples: { ...METHOD_EXAMPLES, code: CODES },
    source: SERVER,
    overrides: LATEST_SERVER,
    notes: [REPORTER_NOTE],
  }),
  serverRpcDurationSeconds: metric({
    ...base,
    name: 'proxy_peer_server_rpc_duration_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Duration in seconds of RPCs sent by the server.',
    labels: ['service', 'handler', 'code'],
    examples: { ...HANDLER_EXAMPLES, code: CODES },
    buckets: PROMETHEUS_DEFAULT_BUCKETS,
    source: SERVER,
    overrides: LATEST_SERVER,
    notes: [REPORTER_NOTE],
  }),
  serverMessageSentSize: metric({
    ...base,
    name: 'proxy_peer_server_message_sent_size',
    type: 'histogram',
    instrument: 'histogram',
    unit: 'By',
    help: 'Size of messages sent by the server.',
    labels: ['service', 'handler'],
    examples: HANDLER_EXAMPLES,
    buckets: PROXY_PEER_MESSAGE_BYTE_BUCKETS,
    source: SERVER,
    overrides: LATEST_SERVER,
    notes: [REPORTER_NOTE],
  }),
  serverMessageReceivedSize: metric({
    ...base,
    name: 'proxy_peer_server_message_received_size',
    type: 'histogram',
    instrument: 'histogram',
    unit: 'By',
    help: 'Size of messages received by the server.',
    labels: ['service', 'handler'],
    examples: HANDLER_EXAMPLES,
    buckets: PROXY_PEER_MESSAGE_BYTE_BUCKETS,
    source: SERVER,
    overrides: LATEST_SERVER,
    notes: [REPORTER_NOTE],
  }),
} as const;
