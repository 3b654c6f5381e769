import { metric } from '../define';

/**
 * backend_* families Teleport's backend Reporter registers beside the page's rows (lib/backend/report.go),
 * which the page does not list: failure counters, the single-write counter and the watcher gauges.
 */

const V12 = '586786e41b29ae0586d45a551cfc103794efe85c';
const REPORT_V12 = `lib/backend/report.go@${V12}`;
/** Where current Teleport defines them (same names, HELP and labels). */
const LATEST = { latest: { source: 'lib/backend/backendmetrics/metrics.go@4e2b459acb1b8cb1fb432015bf3433157e2c21de' } } as const;

const base = {
  package: 'backends',
  group: 'backend',
  component: 'Teleport Auth backend / cache',
  section: 'Not in the doc',
  origin: 'teleport',
  description: '',
  labels: ['component'],
  profiles: ['teleport-12', 'latest'],
  source: REPORT_V12,
  overrides: LATEST,
} as const;

const COMPONENTS = ['backend', 'cache'] as const;
const FAILURE_NOTE =
  'Not counted when the error is NotFound (and, for CompareAndSwap, CompareFailed); GetRange counts every error. The request counter of the same call is incremented too (a failure is also a request).';

/** backends: the Reporter's families the page omits. */
export const backendCode = {
  writeRequestsTotal: metric({
    ...base,
    name: 'backend_write_requests_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of write requests to the backend',
    examples: { component: COMPONENTS },
    notes: [
      "Incremented by Reporter.Create/Put/Update/CompareAndSwap/Delete/KeepAlive, once per call. Teleport's Key Metrics guide computes backend write availability from it (and calls it teleport_backend_write_requests_total, a name no Teleport registers).",
    ],
  }),
  writeRequestsFailedTotal: metric({
    ...base,
    name: 'backend_write_requests_failed_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of failed write requests to the backend',
    examples: { component: COMPONENTS },
    notes: ['Incremented by the single-item writes of Reporter when the call fails.', FAILURE_NOTE],
  }),
  batchWriteRequestsFailedTotal: metric({
    ...base,
    name: 'backend_batch_write_requests_failed_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of failed write requests to the backend',
    examples: { component: COMPONENTS },
    notes: [
      'Incremented by Reporter.DeleteRange when the call fails (same HELP as the single-write counter in the code).',
      FAILURE_NOTE,
    ],
  }),
  readRequestsFailedTotal: metric({
    ...base,
    name: 'backend_read_requests_failed_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of failed read requests to the backend',
    examples: { component: COMPONENTS },
    notes: ['Incremented by Reporter.Get when the call fails.', FAILURE_NOTE],
  }),
  batchReadRequestsFailedTotal: metric({
    ...base,
    name: 'backend_batch_read_requests_failed_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of failed read requests to the backend',
    examples: { component: COMPONENTS },
    notes: ['Incremented by Reporter.GetRange when the call fails.', FAILURE_NOTE],
  }),
  watchersTotal: metric({
    ...base,
    name: 'backend_watchers_total',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{watcher}',
    help: 'Number of active backend watchers',
    examples: { component: COMPONENTS },
    notes: ['+1 when a ReporterWatcher starts watching, -1 when it stops (a gauge despite the _total suffix).'],
  }),
  watcherQueuesTotal: metric({
    ...base,
    name: 'backend_watcher_queues_total',
    type: 'gauge',
    instrument: 'gauge',
    unit: '{event}',
    help: 'Watcher queue sizes',
    examples: { component: ['auth:cache', 'proxy:cache', 'node:cache'] },
    source: `lib/backend/buffer.go@${V12}`,
    notes: [
      "Set by CircularBuffer.fanOutEvent, before each event is handed to a watcher, to the length of that watcher's event channel; label component = the watcher's MetricComponent (a cache's is its name joined with 'cache' by ':', e.g. 'auth:cache'). Defined in lib/backend/report.go. `tctl top` shows backend_watcher_queues_total{component=\"auth:cache\"} as the cache queue size (tool/tctl/common/top_command.go). A gauge despite the _total suffix.",
    ],
  }),
} as const;
