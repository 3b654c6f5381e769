import { firestore } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';
import { countedTimer, type CountedTimer } from './timing';

/** The Cloud Firestore audit-events metrics: `firestore_events_backend_*`. */
export type FirestoreMetrics = Instruments<typeof firestore>;

/** Creates the Firestore instruments on the given MeterProvider (default: the global one). */
export function createFirestoreMetrics(options?: InstrumentOptions): FirestoreMetrics {
  return createInstruments(firestore, options);
}

/** One timer per Firestore events operation kind; each call counts 1 request and records its latency. */
export interface FirestoreTimers {
  /** Writing one audit event: firestore_events_backend_write_requests + _write_seconds. */
  readonly write: CountedTimer;
  /** Event queries (search, session events, the expiry scan): _batch_read_requests + _batch_read_seconds. */
  readonly batchRead: CountedTimer;
  /** Batch deletes of expired events: _batch_write_requests + _batch_write_seconds. */
  readonly batchWrite: CountedTimer;
}

/**
 * ```ts
 * const fs = firestoreTimers(createFirestoreMetrics({ meterProvider }));
 * await fs.write(() => events.doc(id).create(event));
 * ```
 */
export function firestoreTimers(metrics: FirestoreMetrics): FirestoreTimers {
  return {
    write: countedTimer(metrics.writeRequests.bind(), metrics.writeSeconds.bind()),
    batchRead: countedTimer(metrics.batchReadRequests.bind(), metrics.batchReadSeconds.bind()),
    batchWrite: countedTimer(metrics.batchWriteRequests.bind(), metrics.batchWriteSeconds.bind()),
  };
}
