import { audit } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/** The Audit Log metrics: `audit_*` and `teleport_audit_emit_events`. */
export type AuditMetrics = Instruments<typeof audit>;

/**
 * Creates the Audit Log instruments on the given MeterProvider (default: the global one).
 *
 * ```ts
 * const m = createAuditMetrics({ meterProvider });
 * m.emitEvents.inc();                  // teleport_audit_emit_events
 * m.failedEmitEvents.inc();            // audit_failed_emit_events
 * m.percentageDiskSpaceUsed.set(42);   // audit_percentage_disk_space_used
 * ```
 */
export function createAuditMetrics(options?: InstrumentOptions): AuditMetrics {
  return createInstruments(audit, options);
}

/**
 * Wraps an emit function so every call counts as Teleport's CheckingEmitter does: an attempt in
 * teleport_audit_emit_events first, and audit_failed_emit_events when it throws or rejects.
 */
export function countEmits<A extends unknown[], R>(metrics: AuditMetrics, emit: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    metrics.emitEvents.inc();
    let out: R;
    try {
      out = emit(...args);
    } catch (err) {
      metrics.failedEmitEvents.inc();
      throw err;
    }
    if (out instanceof Promise) {
      return out.catch((err: unknown) => {
        metrics.failedEmitEvents.inc();
        throw err;
      }) as R;
    }
    return out;
  };
}

export { audit as auditCatalog };
export {
  createParquetlogMetrics,
  recordParquetBatch,
  type ParquetlogMetrics,
  type ParquetlogOptions,
  type ParquetBatch,
} from './parquetlog';
export {
  createPostgresEventsMetrics,
  postgresEventsRecorder,
  type PostgresEventsMetrics,
  type PostgresEventsRecorder,
} from './postgres-events';
