import { metric } from '../define';
import { GRPC_CODES, GRPC_TYPES } from '../grpc-values';

/** What every entry of this group shares. */
const base = {
  package: 'auth',
  group: 'grpcServer',
  component: 'Teleport Auth',
  section: 'Auth Service and backends',
  origin: 'doc',
} as const;

const GRPC_SERVICES = ['proto.AuthService'] as const;
const GRPC_METHODS = [
  'Ping',
  'GenerateUserCerts',
  'SendKeepAlives',
  'WatchEvents',
  'InventoryControlStream',
  'CreateAuditStream',
] as const;

/** Notes that apply to several entries of this group. */
const SHARED_NOTES = [
  'Const label server="teleport-auth" (teleport.TagServer). Not go-grpc-prometheus (only an indirect dependency in go.mod); the go-grpc-middleware v2 openmetrics provider uses the same names/labels. grpc_service/grpc_method come from splitting the full method \'/proto.AuthService/Ping\'. Series appear only after the first RPC (InitializeMetrics is never called). In the interceptors version used (go-grpc-middleware/v2 e4a6915ea237), unary RPCs also count 1 msg_received + 1 msg_sent. client_golang exposes label pairs sorted by name. Optional companion histogram grpc_server_handling_seconds{grpc_type,grpc_service,grpc_method,server} exists only when metrics_service.grpc_server_latency: true (buckets ExponentialBuckets(0.001,2,16)); not in the doc.',
] as const;

/** auth: grpcServer rows. */
export const grpcServer = {
  startedTotal: metric({
    ...base,
    name: 'grpc_server_started_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{rpc}',
    help: 'Total number of RPCs started on the server.',
    description: 'Total number of RPCs started on the server.',
    labels: ['grpc_type', 'grpc_service', 'grpc_method'],
    values: { grpc_type: GRPC_TYPES },
    examples: { grpc_service: GRPC_SERVICES, grpc_method: GRPC_METHODS },
    constLabels: { server: 'teleport-auth' },
    notes: [SHARED_NOTES[0]],
  }),
  handledTotal: metric({
    ...base,
    name: 'grpc_server_handled_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{rpc}',
    help: 'Total number of RPCs completed on the server, regardless of success or failure.',
    description: 'Total number of RPCs completed on the server, regardless of success or failure.',
    labels: ['grpc_type', 'grpc_service', 'grpc_method', 'grpc_code'],
    values: {
      grpc_type: GRPC_TYPES,
      grpc_code: GRPC_CODES,
    },
    examples: { grpc_service: GRPC_SERVICES, grpc_method: GRPC_METHODS },
    constLabels: { server: 'teleport-auth' },
    notes: [SHARED_NOTES[0]],
  }),
  msgReceivedTotal: metric({
    ...base,
    name: 'grpc_server_msg_received_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{message}',
    help: 'Total number of RPC stream messages received on the server.',
    description: 'Total number of RPC stream messages received on the server.',
    labels: ['grpc_type', 'grpc_service', 'grpc_method'],
    values: { grpc_type: GRPC_TYPES },
    examples: { grpc_service: GRPC_SERVICES, grpc_method: GRPC_METHODS },
    constLabels: { server: 'teleport-auth' },
    notes: [SHARED_NOTES[0]],
  }),
  msgSentTotal: metric({
    ...base,
    name: 'grpc_server_msg_sent_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{message}',
    help: 'Total number of gRPC stream messages sent by the server.',
    description: 'Total number of gRPC stream messages sent by the server.',
    labels: ['grpc_type', 'grpc_service', 'grpc_method'],
    values: { grpc_type: GRPC_TYPES },
    examples: { grpc_service: GRPC_SERVICES, grpc_method: GRPC_METHODS },
    constLabels: { server: 'teleport-auth' },
    notes: [SHARED_NOTES[0]],
  }),
} as const;
