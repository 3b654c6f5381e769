import { backend, type LabelsOf } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';
import { requestKeyLabel } from './keys';
import { timeCall } from './timing';
import { topRequestsFor } from './top-requests';

/** The storage-layer metrics Teleport's backend Reporter records: `backend_*`. */
export type BackendMetrics = Instruments<typeof backend>;

/**
 * The `component` label: 'backend' for the Auth Service's storage, 'cache' for an access cache.
 * Open (any string), but these two are the values Teleport uses.
 */
export type BackendComponent = 'backend' | 'cache' | (LabelsOf<typeof backend.readSeconds>['component'] & {});

/**
 * Creates the `backend_*` instruments on the given MeterProvider (default: the global one).
 * Prefer {@link backendReporter} over recording into them by hand.
 */
export function createBackendMetrics(options?: InstrumentOptions): BackendMetrics {
  return createInstruments(backend, options);
}

/** Times one kind of backend call; `key` (optional) is also counted in backend_requests. */
export interface ReportedCall {
  <R>(fn: () => R, key?: string): R;
}

/** Teleport's backend Reporter for one component: wrap each storage call in the matching method. */
export interface BackendReporter {
  readonly component: string;
  /** A single-item read (Get): backend_read_requests_total + backend_read_seconds. */
  readonly read: ReportedCall;
  /** A range read (GetRange): backend_batch_read_requests_total + backend_batch_read_seconds. */
  readonly batchRead: ReportedCall;
  /**
   * A single-item write (Create/Put/Update/CompareAndSwap/Delete/KeepAlive): backend_write_seconds,
   * and in the teleport-12/latest profiles backend_write_requests_total (the page lists no
   * single-write request counter, so under `doc` none is counted).
   */
  readonly write: ReportedCall;
  /** A range delete (DeleteRange): backend_batch_write_requests_total + backend_batch_write_seconds. */
  readonly batchWrite: ReportedCall;
  /**
   * Counts one request for `key` in backend_requests{component, req, range}; `isRange` is true when
   * the call had an end key. The key is shaped by {@link requestKeyLabel}; an empty key is ignored.
   * The 1000 most recently used label sets are kept; older ones are deleted (see TopRequests).
   */
  trackRequest(key: string, isRange: boolean): void;
}

/** How backendReporter tells a failure from an expected outcome. */
export interface BackendReporterOptions {
  /**
   * True for an error that is not a failure, as Teleport's Reporter does not count NotFound (nor,
   * for a compare-and-swap, CompareFailed) in the *_failed_total counters. Default: every error fails.
   */
  isExpectedError?: (error: unknown) => boolean;
}

/**
 * A backend Reporter for `component` ('backend' or 'cache'). Each wrapper runs the (sync or async)
 * call, records its latency in seconds once it has completed, failed or not, counts the request
 * (and, in the teleport-12/latest profiles, counts a failure in the matching *_failed_total),
 * and, when a key is passed, tracks it as Reporter.trackRequest does (range wrappers with
 * range="true").
 *
 * ```ts
 * const report = backendReporter(createBackendMetrics({ meterProvider }), 'backend');
 * const item = await report.read(() => store.get(key), key);
 * await report.batchWrite(() => store.deleteRange(start, end), start);
 * ```
 */
export function backendReporter(
  metrics: BackendMetrics,
  component: BackendComponent,
  options: BackendReporterOptions = {}
): BackendReporter {
  const labels = { component };
  const expected = options.isExpectedError ?? (() => false);
  const readCount = metrics.readRequestsTotal.bind(labels);
  const readTime = metrics.readSeconds.bind(labels);
  const batchReadCount = metrics.batchReadRequestsTotal.bind(labels);
  const batchReadTime = metrics.batchReadSeconds.bind(labels);
  const batchWriteCount = metrics.batchWriteRequestsTotal.bind(labels);
  const batchWriteTime = metrics.batchWriteSeconds.bind(labels);
  const writeTime = metrics.writeSeconds.bind(labels);
  // Families of Teleport's code the page omits: no-ops under the `doc` profile.
  const writeCount = metrics.writeRequestsTotal.bind(labels);
  const writeFailed = metrics.writeRequestsFailedTotal.bind(labels);
  const batchWriteFailed = metrics.batchWriteRequestsFailedTotal.bind(labels);
  const readFailed = metrics.readRequestsFailedTotal.bind(labels);
  const batchReadFailed = metrics.batchReadRequestsFailedTotal.bind(labels);

  const top = topRequestsFor(metrics.requests);
  const trackRequest = (key: string, isRange: boolean): void => {
    const req = requestKeyLabel(key);
    if (req !== undefined) top.track({ component, req, range: isRange ? 'true' : 'false' });
  };
  const wrap = (
    time: { record(v: number): void },
    count: { inc(): void },
    failures: { inc(): void },
    isRange: boolean
  ): ReportedCall => {
    return <R>(fn: () => R, key?: string): R =>
      timeCall(fn, (seconds, failed, error) => {
        time.record(seconds);
        count.inc();
        if (failed && !expected(error)) failures.inc();
        if (key !== undefined) trackRequest(key, isRange);
      });
  };
  return {
    component,
    read: wrap(readTime, readCount, readFailed, false),
    batchRead: wrap(batchReadTime, batchReadCount, batchReadFailed, true),
    write: wrap(writeTime, writeCount, writeFailed, false),
    batchWrite: wrap(batchWriteTime, batchWriteCount, batchWriteFailed, true),
    trackRequest,
  };
}
