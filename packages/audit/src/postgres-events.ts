import { postgresEvents } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/** The PostgreSQL audit events backend: `teleport_postgres_events_backend_*`. */
export type PostgresEventsMetrics = Instruments<typeof postgresEvents>;

/** Times a PostgreSQL events operation and counts it by status. */
export interface PostgresEventsRecorder {
  write<R>(fn: () => R): R;
  batchRead<R>(fn: () => R): R;
  batchDelete<R>(fn: () => R): R;
}

/**
 * Creates the instruments and, as Teleport's pgevents does with pre-bound .With(...) children,
 * shows both status series of each request counter at 0 from the start.
 */
export function createPostgresEventsMetrics(options?: InstrumentOptions): PostgresEventsMetrics {
  const m = createInstruments(postgresEvents, options);
  for (const c of [m.writeRequests, m.batchReadRequests, m.batchDeleteRequests]) {
    c.add(0, { status: 'success' });
    c.add(0, { status: 'failure' });
  }
  return m;
}

/** Each wrapper runs the call (sync or async), observes its latency, and counts it with status success or failure. */
export function postgresEventsRecorder(m: PostgresEventsMetrics): PostgresEventsRecorder {
  const wrap =
    (count: { inc(l: { status: 'success' | 'failure' }): void }, time: { record(v: number): void }) =>
    <R>(fn: () => R): R => {
      const start = process.hrtime.bigint();
      const done = (failed: boolean): void => {
        time.record(Number(process.hrtime.bigint() - start) / 1e9);
        count.inc({ status: failed ? 'failure' : 'success' });
      };
      let out: R;
      try {
        out = fn();
      } catch (err) {
        done(true);
        throw err;
      }
      if (out instanceof Promise) {
        return out.then(
          (v: unknown) => {
            done(false);
            return v;
          },
          (err: unknown) => {
            done(true);
            throw err;
          }
        ) as R;
      }
      done(false);
      return out;
    };
  return {
    write: wrap(m.writeRequests, m.writeSeconds),
    batchRead: wrap(m.batchReadRequests, m.batchReadSeconds),
    batchDelete: wrap(m.batchDeleteRequests, m.batchDeleteSeconds),
  };
}
