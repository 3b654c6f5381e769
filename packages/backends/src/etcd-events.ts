import { etcdEvents } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/** The etcd backend's watch-event counters: `teleport_etcd_events`, `teleport_etcd_event_backpressure`. */
export type EtcdEventMetrics = Instruments<typeof etcdEvents>;

export function createEtcdEventMetrics(options?: InstrumentOptions): EtcdEventMetrics {
  return createInstruments(etcdEvents, options);
}

/**
 * Counts one watch event as Teleport's etcd watcher does: teleport_etcd_events +1 for every
 * event, and teleport_etcd_event_backpressure +1 when the non-blocking hand-off to the processing
 * queue failed (`queued` false) and the watcher had to wait.
 */
export function countEtcdEvent(m: EtcdEventMetrics, queued: boolean): void {
  m.events.inc();
  if (!queued) m.eventBackpressure.inc();
}
