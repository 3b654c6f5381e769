import { metric } from '../define';
import { PROMETHEUS_DEFAULT_BUCKETS } from '../buckets';

/**
 * Anonymous usage reporting (lib/usagereporter/usagereporter.go, registered by
 * lib/services/usagereporter.go on the Auth Service): event and batch counters of the reporter
 * that submits usage events. Undocumented on the metrics page.
 */

const base = {
  package: 'auth',
  group: 'usage',
  component: 'Teleport Auth (usage reporting)',
  section: 'Not in the doc',
  origin: 'teleport',
  description: '',
  labels: [],
  profiles: ['teleport-12', 'latest'],
  source: 'lib/usagereporter/usagereporter.go@586786e41b29ae0586d45a551cfc103794efe85c',
  overrides: { latest: { source: 'lib/usagereporter/usagereporter.go@4e2b459acb1b8cb1fb432015bf3433157e2c21de' } },
} as const;

/** auth: the usage reporter's families. */
export const usage = {
  eventsSubmittedTotal: metric({
    ...base,
    name: 'teleport_usage_events_submitted_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{event}',
    help: 'a count of usage events that have been generated',
    notes: ['Added the number of events of each AddEventsToQueue call.'],
  }),
  batchesTotal: metric({
    ...base,
    name: 'teleport_usage_batches_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{batch}',
    help: 'a count of batches enqueued for submission',
    notes: ['+1 each time a batch is handed to the submission goroutine.'],
  }),
  eventsRequeuedTotal: metric({
    ...base,
    name: 'teleport_usage_events_requeued_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{event}',
    help: 'a count of events that were requeued after a submission failed',
    notes: ['Added the events of a failed batch that still have retries left.'],
  }),
  batchSubmissionDurationSeconds: metric({
    ...base,
    name: 'teleport_usage_batch_submission_duration_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'a histogram of durations it took to submit a batch',
    buckets: PROMETHEUS_DEFAULT_BUCKETS,
    notes: ["Observed after every submission attempt, failed or not; client_golang's default buckets."],
  }),
  batchSubmittedTotal: metric({
    ...base,
    name: 'teleport_usage_batch_submitted_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{batch}',
    help: 'a count of event batches successfully submitted',
    notes: ['+1 per batch submitted without error.'],
  }),
  batchFailedTotal: metric({
    ...base,
    name: 'teleport_usage_batch_failed_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{batch}',
    help: 'a count of event batches that had at least one event that failed to submit',
    notes: ['+1 per batch whose submission returned an error.'],
  }),
  eventsDroppedTotal: metric({
    ...base,
    name: 'teleport_usage_events_dropped_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{event}',
    help: 'a count of events dropped due to repeated errors or submission buffer overflow',
    notes: ['Added the events that ran out of retries, or did not fit in the buffer.'],
  }),
} as const;
