import { metric } from '../define';
import { TELEPORT_LATENCY_BUCKETS } from '../buckets';
import { backendCode } from './backend-code';

/** What every entry of this group shares. */
const base = {
  package: 'backends',
  group: 'backend',
  component: 'cache',
  section: 'Auth Service and backends',
  origin: 'doc',
} as const;

/** How Teleport fills `component` on every backend_* metric of a Reporter. */
const COMPONENT_LABEL_NOTE =
  "label 'component' = ReporterConfig.Component: 'backend' for the Auth Service storage Reporter (lib/service/service.go initAuthStorage) and 'cache' for every in-memory access-cache Reporter (lib/service/service.go newAccessCache). The doc's component column says only 'cache'.";

const COMPONENTS = ['backend', 'cache'] as const;

/** backends: backend rows. */
export const backend = {
  batchReadRequestsTotal: metric({
    ...base,
    name: 'backend_batch_read_requests_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of read requests to the backend',
    description: 'Number of read requests to the backend.',
    labels: ['component'],
    examples: { component: COMPONENTS },
    notes: ['Incremented by Reporter.GetRange (lib/backend/report.go).', COMPONENT_LABEL_NOTE],
  }),
  batchReadSeconds: metric({
    ...base,
    name: 'backend_batch_read_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency for batch read operations',
    description: 'Latency for batch read operations.',
    labels: ['component'],
    examples: { component: COMPONENTS },
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: ['Observed by Reporter.GetRange.', COMPONENT_LABEL_NOTE],
  }),
  batchWriteRequestsTotal: metric({
    ...base,
    name: 'backend_batch_write_requests_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of batch write requests to the backend',
    description: 'Number of batch write requests to the backend.',
    labels: ['component'],
    examples: { component: COMPONENTS },
    notes: ['Incremented by Reporter.DeleteRange (lib/backend/report.go).', COMPONENT_LABEL_NOTE],
  }),
  batchWriteSeconds: metric({
    ...base,
    name: 'backend_batch_write_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency for backend batch write operations',
    description: 'Latency for backend batch write operations.',
    labels: ['component'],
    examples: { component: COMPONENTS },
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: ['Observed by Reporter.DeleteRange.', COMPONENT_LABEL_NOTE],
  }),
  readRequestsTotal: metric({
    ...base,
    name: 'backend_read_requests_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of read requests to the backend',
    description: 'Number of read requests to the backend.',
    labels: ['component'],
    examples: { component: COMPONENTS },
    notes: ['Incremented by Reporter.Get (lib/backend/report.go).', COMPONENT_LABEL_NOTE],
  }),
  readSeconds: metric({
    ...base,
    name: 'backend_read_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency for read operations',
    description: 'Latency for read operations.',
    labels: ['component'],
    examples: { component: COMPONENTS },
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: [
      'Observed by Reporter.Get. CODE BUG: in Reporter.Get the latency is observed BEFORE calling Backend.Get, so values are ~0 s.',
      COMPONENT_LABEL_NOTE,
      "This project: @teleport-otel/backends' backendReporter observes the latency AFTER the call completes (sync or async, failed or not).",
    ],
  }),
  requests: metric({
    ...base,
    name: 'backend_requests',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of write requests to the backend',
    description: 'Number of write requests to the backend.',
    labels: ['component', 'req', 'range'],
    values: { range: ['true', 'false'] },
    examples: { component: COMPONENTS, req: ['/nodes/default', '/authservers/<server-id>', '/tokens/******ab (masked)'] },
    maxSeries: 1000,
    overrides: {
      latest: {
        help: 'Number of requests to the backend (reads, writes, and keepalives)',
        source: 'lib/backend/backendmetrics/metrics.go@4e2b459acb1b8cb1fb432015bf3433157e2c21de',
      },
    },
    notes: [
      "DISCREPANCY: doc (copying the code help) says 'write requests', but Reporter.trackRequest counts EVERY tracked op: Get/GetRange (OpGet), Create/Put/Update/CompareAndSwap/KeepAlive (OpPut), Delete/DeleteRange (OpDelete). req = backend key split on '/', truncated to its first 3 parts (e.g. '/nodes/default'); for keys '/<prefix>/<name>' with prefix in {tokens, resetpasswordtokens, adduseru2fchallenges, access_requests} the name's first 75% of chars are replaced by '*' (backend.MaskKeyName). range='true' when an end key was given (GetRange/DeleteRange) else 'false'. Label sets are kept in an LRU (TopRequestsCount default 1000); evicted keys are deleted from the metric. No _total suffix. Consumed by `tctl top`.",
      "This project: backendReporter keeps the maxSeries (1000) most recently used label sets and deletes the least recently used one's series, as Teleport's LRU does (one list for all reporters of the same metrics, rather than one per reporter). Past the lifetime cap of maxSeries (direct recording, or over a plain OpenTelemetry meter where series cannot be deleted) new sets fold into one {otel_metric_overflow=\"true\"} series, counted in teleport_otel_cardinality_overflow_total. backendReporter shapes req exactly as above (requestKeyLabel), counting characters where Teleport's mask counts bytes (identical for ASCII names).",
    ],
  }),
  writeSeconds: metric({
    ...base,
    name: 'backend_write_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency for backend write operations',
    description: 'Latency for backend write operations.',
    labels: ['component'],
    examples: { component: COMPONENTS },
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: ['Observed by Reporter.Create/Put/Update/CompareAndSwap/Delete/KeepAlive.', COMPONENT_LABEL_NOTE],
  }),
  ...backendCode,
} as const;
