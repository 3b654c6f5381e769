import { gcs } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';
import { countedTimer, type CountedTimer } from './timing';

/** The GCS session-recording storage metrics: `gcs_event_storage_*`. */
export type GcsMetrics = Instruments<typeof gcs>;

/** Creates the GCS instruments on the given MeterProvider (default: the global one). */
export function createGcsMetrics(options?: InstrumentOptions): GcsMetrics {
  return createInstruments(gcs, options);
}

/** One timer per GCS transfer direction; each call counts 1 and records its latency. */
export interface GcsTimers {
  /** A recording upload (or one part of a streamed upload): gcs_event_storage_uploads + _uploads_seconds. */
  readonly upload: CountedTimer;
  /** A recording download: gcs_event_storage_downloads + _downloads_seconds. */
  readonly download: CountedTimer;
}

/**
 * ```ts
 * const gcs = gcsTimers(createGcsMetrics({ meterProvider }));
 * await gcs.upload(() => bucket.file(name).save(recording));
 * ```
 */
export function gcsTimers(metrics: GcsMetrics): GcsTimers {
  return {
    upload: countedTimer(metrics.uploads.bind(), metrics.uploadsSeconds.bind()),
    download: countedTimer(metrics.downloads.bind(), metrics.downloadsSeconds.bind()),
  };
}
