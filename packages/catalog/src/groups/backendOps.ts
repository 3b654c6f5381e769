import { metric } from '../define';
import { exponentialBuckets, TELEPORT_LATENCY_BUCKETS } from '../buckets';
import { LATEST_SOURCES } from '../sources';

/** What every entry of this group shares. */
const base = {
  package: 'backends',
  group: 'backendOps',
  component: 'cache',
  section: 'Auth Service and backends',
  origin: 'teleport',
  description: '',
  labels: ['component'],
  examples: { component: ['backend', 'cache'] },
  profiles: ['latest'],
  source: LATEST_SOURCES.backendMetrics,
} as const;

const COMPONENT_NOTE =
  "label 'component' = ReporterConfig.Component: 'backend' for the Auth Service storage Reporter, 'cache' for an access-cache Reporter (as for every backend_* family).";

/**
 * backends: the per-operation families current Teleport's backend Reporter adds beyond the 12.x
 * ones (lib/backend/backendmetrics). Unlike backend_*, these carry the `teleport_` namespace.
 */
export const backendOps = {
  writeRequestsFailedPrecondition: metric({
    ...base,
    name: 'teleport_backend_write_requests_failed_precondition_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of write requests that failed due to a precondition (existence, revision, value, etc)',
    notes: [
      `Incremented together with backend_write_requests_failed_total (${LATEST_SOURCES.backendReport}) when the cause is a precondition: Create -> AlreadyExists; Update, Delete, ConditionalDelete, KeepAlive -> NotFound; ConditionalUpdate -> ErrIncorrectRevision; CompareAndSwap -> NotFound or CompareFailed; AtomicWrite -> ErrConditionFailed; Put never. The "Key Metrics" guide subtracts it from the failures to get backend write availability.`,
      "This project: @teleport-otel/backends' backendOpsReporter classifies a failure the same way (isPreconditionFailure) and increments both counters (with writeCounters).",
      COMPONENT_NOTE,
    ],
  }),
  atomicWriteRequests: metric({
    ...base,
    name: 'teleport_backend_atomic_write_requests_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of atomic write requests to the backend',
    notes: ['Reporter.AtomicWrite counts every atomic write here AND in backend_write_requests_total.', COMPONENT_NOTE],
  }),
  atomicWriteRequestsFailed: metric({
    ...base,
    name: 'teleport_backend_atomic_write_requests_failed_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of failed atomic write requests to the backend',
    notes: ['A failed atomic write is counted here AND in backend_write_requests_failed_total.', COMPONENT_NOTE],
  }),
  atomicWriteConditionFailed: metric({
    ...base,
    name: 'teleport_backend_atomic_write_condition_failed_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of times an atomic write request results in condition failure',
    notes: [
      'Incremented with teleport_backend_write_requests_failed_precondition_total when AtomicWrite fails with ErrConditionFailed.',
      COMPONENT_NOTE,
    ],
  }),
  atomicWriteSeconds: metric({
    ...base,
    name: 'teleport_backend_atomic_write_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency for backend atomic write operations',
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: ['Observes the same elapsed time as backend_write_seconds for every AtomicWrite.', COMPONENT_NOTE],
  }),
  atomicWriteSize: metric({
    ...base,
    name: 'teleport_backend_atomic_write_size',
    type: 'histogram',
    instrument: 'histogram',
    unit: '{action}',
    help: 'Atomic write batch size',
    buckets: exponentialBuckets(1, 2, 8),
    notes: [
      'Observes len(condacts): the number of conditional actions of one AtomicWrite, success or not. Buckets ExponentialBuckets(1, 2, 8).',
      COMPONENT_NOTE,
    ],
  }),
  atomicWriteContention: metric({
    ...base,
    name: 'teleport_backend_atomic_write_contention',
    type: 'counter',
    instrument: 'counter',
    unit: '{retry}',
    help: 'Number of times atomic write requests experience contention',
    notes: [
      'Incremented by the storage implementations when an atomic write is retried internally because of contention (not by report.go). No _total suffix.',
      COMPONENT_NOTE,
    ],
  }),
  writes: metric({
    ...base,
    name: 'teleport_backend_writes_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{item}',
    help: 'Number of individual items written to the backend',
    notes: [
      'Items, not requests: +1 per successful single write, +(Put and Delete actions) per successful AtomicWrite.',
      COMPONENT_NOTE,
    ],
  }),
  reads: metric({
    ...base,
    name: 'teleport_backend_reads_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{item}',
    help: 'Number of individual items read from the backend',
    notes: [
      'Items, not requests: Get adds 1 on every call (even a failed one); GetRange adds the number of items returned when it succeeds.',
      COMPONENT_NOTE,
    ],
  }),
  streamRequests: metric({
    ...base,
    name: 'teleport_backend_stream_requests',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of inflight stream requests to the backend',
    notes: [
      "Namespace teleport, subsystem backend, name stream_requests: a counter despite the HELP's 'inflight'. No _total suffix.",
      COMPONENT_NOTE,
    ],
  }),
  streamRequestsFailed: metric({
    ...base,
    name: 'teleport_backend_stream_requests_failed',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of failed stream requests to the backend',
    notes: ['No _total suffix.', COMPONENT_NOTE],
  }),
} as const;
