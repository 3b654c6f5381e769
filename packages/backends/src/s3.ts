import { s3 } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';
import { timeCall } from './timing';

/** The S3 API metrics: `s3_requests_total`, `s3_requests`, `s3_requests_seconds`. */
export type S3Metrics = Instruments<typeof s3>;

/** Creates the S3 instruments on the given MeterProvider (default: the global one). */
export function createS3Metrics(options?: InstrumentOptions): S3Metrics {
  return createInstruments(s3, options);
}

/** Records S3 API calls. */
export interface S3Recorder {
  /**
   * Runs `fn` (sync or async) and, once it has completed, records s3_requests_total +1, its latency
   * in s3_requests_seconds and s3_requests{result} +1 with 'success' or 'error' (thrown or rejected).
   * `operation` is snake_case as Teleport names it: 'upload_part', 'head_bucket', 'upload', ...
   */
  record<R>(operation: string, fn: () => R): R;
}

/**
 * ```ts
 * const s3 = s3Recorder(createS3Metrics({ meterProvider }));
 * await s3.record('upload_part', () => client.send(new UploadPartCommand(input)));
 * ```
 */
export function s3Recorder(metrics: S3Metrics): S3Recorder {
  return {
    record<R>(operation: string, fn: () => R): R {
      return timeCall(fn, (seconds, failed) => {
        const labels = { operation };
        metrics.requestsTotal.inc(labels);
        metrics.requestsSeconds.record(seconds, labels);
        metrics.requests.inc({ operation, result: failed ? 'error' : 'success' });
      });
    },
  };
}
