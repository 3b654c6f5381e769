import { metric } from '../define';
import { GRPC_CODES, GRPC_TYPES } from '../grpc-values';

/** What every entry of this group shares. */
const base = {
  package: 'proxy',
  group: 'grpcClient',
  component: 'Teleport Proxy',
  section: 'Proxy Service',
  origin: 'doc',
} as const;

const GRPC_SERVICES = ['proto.AuthService'] as const;
const GRPC_METHODS = ['Ping', 'GetDomainName', 'WatchEvents', 'SendKeepAlives'] as const;

/** Notes that apply to several entries of this group. */
const SHARED_NOTES = [
  "Const label client=\"teleport-proxy\" (teleport.TagClient). Only the Proxy's direct gRPC client to the Auth Service is instrumented. Not go-grpc-prometheus (only an indirect dependency in go.mod); the go-grpc-middleware v2 openmetrics provider uses the same names/labels. grpc_service/grpc_method come from splitting the full method '/proto.AuthService/Ping'. Series appear only after the first RPC (InitializeMetrics is never called). In the interceptors version used (go-grpc-middleware/v2 e4a6915ea237), unary RPCs also count 1 msg_received + 1 msg_sent. client_golang exposes label pairs sorted by name. Optional grpc_client_handling_seconds histogram only when metrics_service.grpc_client_latency: true.",
  "Help differs slightly from doc ('by the client' vs doc 'on the client'). Const label client=\"teleport-proxy\" (teleport.TagClient). Only the Proxy's direct gRPC client to the Auth Service is instrumented. Not go-grpc-prometheus (only an indirect dependency in go.mod); the go-grpc-middleware v2 openmetrics provider uses the same names/labels. grpc_service/grpc_method come from splitting the full method '/proto.AuthService/Ping'. Series appear only after the first RPC (InitializeMetrics is never called). In the interceptors version used (go-grpc-middleware/v2 e4a6915ea237), unary RPCs also count 1 msg_received + 1 msg_sent. client_golang exposes label pairs sorted by name. Optional grpc_client_handling_seconds histogram only when metrics_service.grpc_client_latency: true.",
] as const;

/** proxy: grpcClient rows. */
export const grpcClient = {
  startedTotal: metric({
    ...base,
    name: 'grpc_client_started_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{rpc}',
    help: 'Total number of RPCs started on the client.',
    description: 'Total number of RPCs started on the client.',
    labels: ['grpc_type', 'grpc_service', 'grpc_method'],
    values: { grpc_type: GRPC_TYPES },
    examples: { grpc_service: GRPC_SERVICES, grpc_method: GRPC_METHODS },
    constLabels: { client: 'teleport-proxy' },
    notes: [SHARED_NOTES[0]],
  }),
  handledTotal: metric({
    ...base,
    name: 'grpc_client_handled_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{rpc}',
    help: 'Total number of RPCs completed by the client, regardless of success or failure.',
    description: 'Total number of RPCs completed on the client, regardless of success or failure.',
    labels: ['grpc_type', 'grpc_service', 'grpc_method', 'grpc_code'],
    values: {
      grpc_type: GRPC_TYPES,
      grpc_code: GRPC_CODES,
    },
    examples: { grpc_service: GRPC_SERVICES, grpc_method: GRPC_METHODS },
    constLabels: { client: 'teleport-proxy' },
    notes: [SHARED_NOTES[1]],
  }),
  msgReceivedTotal: metric({
    ...base,
    name: 'grpc_client_msg_received_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{message}',
    help: 'Total number of RPC stream messages received by the client.',
    description: 'Total number of RPC stream messages received on the client.',
    labels: ['grpc_type', 'grpc_service', 'grpc_method'],
    values: { grpc_type: GRPC_TYPES },
    examples: { grpc_service: GRPC_SERVICES, grpc_method: GRPC_METHODS },
    constLabels: { client: 'teleport-proxy' },
    notes: [SHARED_NOTES[1]],
  }),
  msgSentTotal: metric({
    ...base,
    name: 'grpc_client_msg_sent_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{message}',
    help: 'Total number of gRPC stream messages sent by the client.',
    description: 'Total number of gRPC stream messages sent by the client.',
    labels: ['grpc_type', 'grpc_service', 'grpc_method'],
    values: { grpc_type: GRPC_TYPES },
    examples: { grpc_service: GRPC_SERVICES, grpc_method: GRPC_METHODS },
    constLabels: { client: 'teleport-proxy' },
    notes: [SHARED_NOTES[0]],
  }),
} as const;
