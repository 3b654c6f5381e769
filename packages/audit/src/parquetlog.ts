import { parquetlog, type ConstLabelsOf } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/** The Athena audit log's Parquet consumer: `teleport_audit_parquetlog_*`. */
export type ParquetlogMetrics = Instruments<typeof parquetlog>;

export interface ParquetlogOptions extends Omit<InstrumentOptions, 'constLabels'> {
  /** `external`: 'true' when External Audit Storage is enabled (default 'false'). */
  constLabels?: ConstLabelsOf<typeof parquetlog.batchCount>;
}

export function createParquetlogMetrics(options: ParquetlogOptions = {}): ParquetlogMetrics {
  return createInstruments(parquetlog, options);
}

/** What one consumer run did. */
export interface ParquetBatch {
  /** Events in the batch. */
  readonly events: number;
  /** Their total size in bytes. */
  readonly bytes: number;
  /** Sent time (ms since the epoch) of the oldest message processed, if any. */
  readonly oldestSentAtMs?: number;
}

/**
 * Records one finished consumer run: batch_count + events, batch_size observes the bytes,
 * batch_processing_seconds the run's duration, last_processed_timestamp = now (Unix seconds) and
 * age_oldest_processed_message = now - the oldest message's sent time, in seconds.
 */
export function recordParquetBatch(
  m: ParquetlogMetrics,
  batch: ParquetBatch,
  processingSeconds: number,
  nowMs = Date.now()
): void {
  m.batchCount.add(batch.events);
  m.batchSize.record(batch.bytes);
  m.batchProcessingSeconds.record(processingSeconds);
  m.lastProcessedTimestamp.set(nowMs / 1000);
  if (batch.oldestSentAtMs !== undefined) m.ageOldestProcessedMessage.set(Math.max(0, (nowMs - batch.oldestSentAtMs) / 1000));
}
