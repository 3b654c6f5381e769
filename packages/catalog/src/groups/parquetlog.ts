import { metric } from '../define';
import { exponentialBucketsRange, parquetBatchProcessingBuckets, TELEPORT_LATENCY_BUCKETS } from '../buckets';
import { LATEST_SOURCES } from '../sources';

/** What every entry of this group shares. */
const base = {
  package: 'audit',
  group: 'parquetlog',
  component: 'Teleport Audit Log',
  section: 'Auth Service and backends',
  origin: 'teleport',
  description: '',
  labels: [],
  constLabels: { external: 'false' },
  profiles: ['latest'],
  source: LATEST_SOURCES.athena,
} as const;

/** athena.go's defaultBatchInterval (1 minute), in seconds: the batch-processing buckets scale with it. */
const DEFAULT_BATCH_INTERVAL_SECONDS = 60;

const CONST_NOTE =
  "Const label external = strconv.FormatBool(externalAuditStorage): 'true' when External Audit Storage is enabled. Registered by the Athena (Parquet) audit log's consumer.";

/** audit: the Athena audit log's Parquet consumer (lib/events/athena). */
export const parquetlog = {
  batchProcessingSeconds: metric({
    ...base,
    name: 'teleport_audit_parquetlog_batch_processing_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Duration of processing single batch of events in parquetlog',
    buckets: parquetBatchProcessingBuckets(DEFAULT_BATCH_INTERVAL_SECONDS),
    notes: [
      'Buckets depend on BatchMaxInterval (b seconds): 0.1b, 0.2b, 0.5b, 0.75b + ExponentialBucketsRange(0.9b, 2b, 10); listed for the default b = 60 s.',
      CONST_NOTE,
    ],
  }),
  s3FlushSeconds: metric({
    ...base,
    name: 'teleport_audit_parquetlog_s3_flush_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Duration of flush and close of s3 parquet files in parquetlog',
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: [CONST_NOTE],
  }),
  deleteEventsSeconds: metric({
    ...base,
    name: 'teleport_audit_parquetlog_delete_events_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Duration of deletion of events on SQS in parquetlog',
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: [CONST_NOTE],
  }),
  batchSize: metric({
    ...base,
    name: 'teleport_audit_parquetlog_batch_size',
    type: 'histogram',
    instrument: 'histogram',
    unit: 'By',
    help: 'Size of single batch of events in parquetlog',
    buckets: exponentialBucketsRange(200, 100 * 1024 * 1024, 10),
    notes: ['Buckets ExponentialBucketsRange(200, 100 MiB, 10).', CONST_NOTE],
  }),
  batchCount: metric({
    ...base,
    name: 'teleport_audit_parquetlog_batch_count',
    type: 'counter',
    instrument: 'counter',
    unit: '{event}',
    help: 'Number of events in single batch in parquetlog',
    notes: ['A counter: adds the number of events of each batch. No _total suffix.', CONST_NOTE],
  }),
  lastProcessedTimestamp: metric({
    ...base,
    name: 'teleport_audit_parquetlog_last_processed_timestamp',
    type: 'gauge',
    instrument: 'gauge',
    unit: 's',
    help: 'Timestamp of last finished consumer execution',
    notes: ['Unix time (seconds) of the last finished consumer run.', CONST_NOTE],
  }),
  ageOldestProcessedMessage: metric({
    ...base,
    name: 'teleport_audit_parquetlog_age_oldest_processed_message',
    type: 'gauge',
    instrument: 'gauge',
    unit: 's',
    help: 'Age of oldest processed message in seconds',
    notes: [CONST_NOTE],
  }),
  errorsFromCollectCount: metric({
    ...base,
    name: 'teleport_audit_parquetlog_errors_from_collect_count',
    type: 'counter',
    instrument: 'counter',
    unit: '{error}',
    help: 'Number of errors received from sqs collect',
    notes: ['No _total suffix.', CONST_NOTE],
  }),
} as const;
