import { backendOps } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';
import { backendErrorKind, isPreconditionFailure, type BackendErrorKind, type BackendWriteOp } from './precondition';
import { settle } from './settle';

/** Current Teleport's per-operation backend families: `teleport_backend_*` (atomic writes, items, preconditions, streams). */
export type BackendOpsMetrics = Instruments<typeof backendOps>;

/** Creates the `teleport_backend_*` instruments on the given MeterProvider (default: the global one). */
export function createBackendOpsMetrics(options?: InstrumentOptions): BackendOpsMetrics {
  return createInstruments(backendOps, options);
}

/** A counter taking the `component` label, such as backend_write_requests_total. */
interface ComponentCounter {
  inc(labels: { component: string }): void;
}

/** The 12.x write counters a write also moves, when the caller records them (Teleport's Reporter does). */
export interface WriteRequestCounters {
  /** backend_write_requests_total. */
  readonly requests: ComponentCounter;
  /** backend_write_requests_failed_total. */
  readonly failed: ComponentCounter;
}

export interface BackendOpsOptions {
  /** Turns a thrown value into a {@link BackendErrorKind}; default: {@link backendErrorKind}. */
  readonly classify?: (err: unknown) => BackendErrorKind;
  /** When given, every write also counts in backend_write_requests_total / _failed_total, as in Teleport. */
  readonly writeCounters?: WriteRequestCounters;
}

/** What an atomic write's conditional actions do; only puts and deletes count as items written. */
export type AtomicAction = 'put' | 'delete' | 'condition';

/** Teleport's backend Reporter for the newer families, for one component ('backend' or 'cache'). */
export interface BackendOpsReporter {
  readonly component: string;
  /**
   * Runs a single-item write (sync or async). Success: teleport_backend_writes_total +1. Failure:
   * backend_write_requests_failed_total +1 (with writeCounters) and, when the failure is a
   * precondition for `op` (see isPreconditionFailure), the precondition counter +1 as well.
   */
  write<R>(op: Exclude<BackendWriteOp, 'atomicWrite'>, fn: () => R): R;
  /**
   * Runs an atomic write of `actions`: atomic_write_requests_total +1, atomic_write_size observes
   * the number of actions, atomic_write_seconds the latency; failure: atomic_write_requests_failed_total
   * +1 and, on a failed condition, atomic_write_condition_failed_total and the precondition counter
   * +1; success: writes_total + the puts and deletes.
   */
  atomicWrite<R>(actions: readonly AtomicAction[], fn: () => R): R;
  /** An atomic write retried internally because of contention: atomic_write_contention +1. */
  contention(): void;
  /** A single-item read (Get): teleport_backend_reads_total +1 whether or not it succeeds, as Teleport counts. */
  read<R>(fn: () => R): R;
  /** A range read (GetRange) returning its items: reads_total + the number of items, on success. */
  readRange<I>(fn: () => readonly I[] | Promise<readonly I[]>): Promise<readonly I[]> | readonly I[];
  /** A stream request: teleport_backend_stream_requests +1, and _failed +1 when it throws or rejects. */
  stream<R>(fn: () => R): R;
}

export function backendOpsReporter(m: BackendOpsMetrics, component: string, options: BackendOpsOptions = {}): BackendOpsReporter {
  const labels = { component };
  const classify = options.classify ?? backendErrorKind;
  const counters = options.writeCounters;
  const writes = m.writes.bind(labels);
  const reads = m.reads.bind(labels);
  const precondition = m.writeRequestsFailedPrecondition.bind(labels);

  const failedWrite = (op: BackendWriteOp, err: unknown): boolean => {
    counters?.failed.inc(labels);
    const isPrecondition = isPreconditionFailure(op, classify(err));
    if (isPrecondition) precondition.inc();
    return isPrecondition;
  };

  return {
    component,
    write(op, fn) {
      counters?.requests.inc(labels);
      return settle(fn, (_s, err, failed) => (failed ? failedWrite(op, err) : writes.inc()));
    },
    atomicWrite(actions, fn) {
      counters?.requests.inc(labels);
      m.atomicWriteRequests.inc(labels);
      m.atomicWriteSize.record(actions.length, labels);
      return settle(fn, (seconds, err, failed) => {
        m.atomicWriteSeconds.record(seconds, labels);
        if (failed) {
          m.atomicWriteRequestsFailed.inc(labels);
          if (failedWrite('atomicWrite', err)) m.atomicWriteConditionFailed.inc(labels);
          return;
        }
        const items = actions.filter((a) => a !== 'condition').length;
        if (items > 0) writes.add(items);
      });
    },
    contention: () => m.atomicWriteContention.inc(labels),
    read(fn) {
      return settle(fn, () => reads.inc());
    },
    readRange(fn) {
      return settle(fn, (_s, _e, failed, items) => {
        if (!failed && Array.isArray(items) && items.length > 0) reads.add(items.length);
      });
    },
    stream(fn) {
      m.streamRequests.inc(labels);
      return settle(fn, (_s, _e, failed) => {
        if (failed) m.streamRequestsFailed.inc(labels);
      });
    },
  };
}
