import { metric, withExamples } from '../define';
import type { MetricEntry } from '../types';
import { exponentialBuckets, PROMETHEUS_DEFAULT_BUCKETS } from '../buckets';
import { LATEST_SOURCES } from '../sources';

/** What every entry of this group shares. */
const base = {
  package: 'kube',
  group: 'kube',
  component: 'Teleport Kubernetes Proxy',
  section: 'Kubernetes access',
  origin: 'teleport',
  description: '',
  profiles: ['latest'],
  source: LATEST_SOURCES.kube,
} as const;

/** Typical label values; each entry keeps those of its own labels. */
const KUBE_EXAMPLES = {
  component: ['proxy:kube', 'kube_service'],
  code: ['200', '201', '403', '404', '500'],
  method: ['get', 'post', 'put', 'patch', 'delete'],
} as const;

/** metric() with the group's examples for the entry's labels. */
const entry = <const E extends MetricEntry>(e: E): E => withExamples(KUBE_EXAMPLES, metric(e));

const CLIENT_NOTE =
  'Client side: promhttp round-tripper instrumentation on the transport the Proxy uses to reach the Kubernetes Service (or a cluster in legacy mode) and the Kubernetes Service uses to reach the cluster; component is curried per transport. Buckets prometheus.DefBuckets.';
const SERVER_NOTE =
  'Server side: promhttp handler instrumentation of the Kubernetes HTTP server of the Proxy and of the Kubernetes Service; component is curried per server.';
const PROMHTTP_LABELS =
  "code and method are filled by promhttp: code = the HTTP status code as a decimal string, method = the lower-cased HTTP method ('get', 'post', ...).";

/** kube: Teleport's Kubernetes access (lib/kube/proxy/prometheus.go). */
export const kube = {
  clientInFlightRequests: entry({
    ...base,
    name: 'teleport_kubernetes_client_in_flight_requests',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{request}',
    help: 'In-flight requests waiting for the upstream response.',
    labels: ['component'],
    notes: [CLIENT_NOTE],
  }),
  clientRequestsTotal: entry({
    ...base,
    name: 'teleport_kubernetes_client_requests_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Total number of requests sent to the upstream teleport proxy, kube_service or Kubernetes Cluster servers.',
    labels: ['component', 'code', 'method'],
    notes: [CLIENT_NOTE, PROMHTTP_LABELS],
  }),
  clientTlsDurationSeconds: entry({
    ...base,
    name: 'teleport_kubernetes_client_tls_duration_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency distribution of TLS handshakes.',
    labels: ['component', 'event'],
    values: { event: ['tls_handshake_start', 'tls_handshake_done'] },
    buckets: PROMETHEUS_DEFAULT_BUCKETS,
    notes: [
      CLIENT_NOTE,
      "event: httptrace's TLSHandshakeStart and TLSHandshakeDone, each observing the seconds since the request started.",
    ],
  }),
  clientGotConnDurationSeconds: entry({
    ...base,
    name: 'teleport_kubernetes_client_got_conn_duration_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'A histogram of latency to dial to the upstream server.',
    labels: ['component'],
    buckets: PROMETHEUS_DEFAULT_BUCKETS,
    notes: [CLIENT_NOTE, "The docs table's description differs from this HELP text."],
  }),
  clientFirstByteResponseDurationSeconds: entry({
    ...base,
    name: 'teleport_kubernetes_client_first_byte_response_duration_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Teleport Kubernetes Service | Latency distribution of time to receive the first response byte from the upstream server.',
    labels: ['component'],
    buckets: PROMETHEUS_DEFAULT_BUCKETS,
    notes: [
      CLIENT_NOTE,
      "The HELP text really begins with 'Teleport Kubernetes Service | ' (a docs table cell pasted into the code).",
    ],
  }),
  clientRequestDurationSeconds: entry({
    ...base,
    name: 'teleport_kubernetes_client_request_duration_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency distribution of the upstream request time.',
    labels: ['component'],
    buckets: PROMETHEUS_DEFAULT_BUCKETS,
    notes: [CLIENT_NOTE],
  }),
  serverInFlightRequests: entry({
    ...base,
    name: 'teleport_kubernetes_server_in_flight_requests',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{request}',
    help: 'In-flight requests currently handled by the server.',
    labels: ['component'],
    notes: [SERVER_NOTE],
  }),
  serverApiRequestsTotal: entry({
    ...base,
    name: 'teleport_kubernetes_server_api_requests_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Total number of requests handled by the server.',
    labels: ['component', 'code', 'method'],
    notes: [SERVER_NOTE, PROMHTTP_LABELS],
  }),
  serverRequestDurationSeconds: entry({
    ...base,
    name: 'teleport_kubernetes_server_request_duration_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency distribution of the total request time.',
    labels: ['component', 'method'],
    buckets: PROMETHEUS_DEFAULT_BUCKETS,
    notes: [SERVER_NOTE, PROMHTTP_LABELS, 'Buckets prometheus.DefBuckets.'],
  }),
  serverResponseSizeBytes: entry({
    ...base,
    name: 'teleport_kubernetes_server_response_size_bytes',
    type: 'histogram',
    instrument: 'histogram',
    unit: 'By',
    help: 'Distribution of the response size.',
    labels: ['component'],
    buckets: exponentialBuckets(50, 3, 13),
    notes: [SERVER_NOTE, 'Buckets ExponentialBuckets(50, 3, 13): 50 B to about 25 MB.'],
  }),
  serverExecInFlightSessions: entry({
    ...base,
    name: 'teleport_kubernetes_server_exec_in_flight_sessions',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{session}',
    help: 'Number of active kubectl exec sessions.',
    labels: ['component'],
    notes: [SERVER_NOTE],
  }),
  serverExecSessionsTotal: entry({
    ...base,
    name: 'teleport_kubernetes_server_exec_sessions_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{session}',
    help: 'Total number of kubectl exec sessions. ',
    labels: ['component'],
    notes: [SERVER_NOTE, 'The HELP text ends with a space, as written.'],
  }),
  serverPortforwardInFlightSessions: entry({
    ...base,
    name: 'teleport_kubernetes_server_portforward_in_flight_sessions',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{session}',
    help: ' Number of active kubectl portforward sessions.',
    labels: ['component'],
    notes: [SERVER_NOTE, 'The HELP text begins with a space, as written.'],
  }),
  serverPortforwardSessionsTotal: entry({
    ...base,
    name: 'teleport_kubernetes_server_portforward_sessions_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{session}',
    help: 'Number of active kubectl portforward sessions.',
    labels: ['component'],
    notes: [SERVER_NOTE, "A counter of port-forward sessions, although the HELP says 'active'."],
  }),
} as const;
