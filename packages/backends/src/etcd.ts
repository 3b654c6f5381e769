import { etcd } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';
import { countedTimer, type CountedTimer } from './timing';

/** The etcd backend metrics: `etcd_backend_*`. */
export type EtcdMetrics = Instruments<typeof etcd>;

/** Creates the etcd instruments on the given MeterProvider (default: the global one). */
export function createEtcdMetrics(options?: InstrumentOptions): EtcdMetrics {
  return createInstruments(etcd, options);
}

/** One timer per etcd operation kind; each call counts 1 request and records its latency. */
export interface EtcdTimers {
  /** Get: etcd_backend_read_requests + etcd_backend_read_seconds (Teleport never records these). */
  readonly read: CountedTimer;
  /** GetRange: etcd_backend_batch_read_requests + etcd_backend_batch_read_seconds. */
  readonly batchRead: CountedTimer;
  /** Put/Delete/DeleteRange: etcd_backend_write_requests + etcd_backend_write_seconds. */
  readonly write: CountedTimer;
  /** Create/Update/CompareAndSwap (transactions): etcd_backend_tx_requests + etcd_backend_tx_seconds. */
  readonly tx: CountedTimer;
}

/**
 * ```ts
 * const etcd = etcdTimers(createEtcdMetrics({ meterProvider }));
 * await etcd.tx(() => client.if(key, 'Value', '==', old).then(client.put(key).value(v)).commit());
 * ```
 */
export function etcdTimers(metrics: EtcdMetrics): EtcdTimers {
  return {
    read: countedTimer(metrics.readRequests.bind(), metrics.readSeconds.bind()),
    batchRead: countedTimer(metrics.batchReadRequests.bind(), metrics.batchReadSeconds.bind()),
    write: countedTimer(metrics.writeRequests.bind(), metrics.writeSeconds.bind()),
    tx: countedTimer(metrics.txRequests.bind(), metrics.txSeconds.bind()),
  };
}
