import { instanceServices } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/** Which services a process runs (`teleport_services`) and its Auth API circuit breaker (`teleport_breaker_connector_executions_total`). */
export type InstanceServicesMetrics = Instruments<typeof instanceServices>;

export function createInstanceServicesMetrics(options?: InstrumentOptions): InstanceServicesMetrics {
  return createInstruments(instanceServices, options);
}

/**
 * Marks `serviceName` (e.g. 'proxy_service') as running, as Teleport's supervisor does while a
 * monitored service serves: teleport_services{service_name} +1 until the returned function is
 * called (safe to call twice).
 */
export function serviceRunning(m: InstanceServicesMetrics, serviceName: string): () => void {
  const labels = { service_name: serviceName };
  m.services.inc(labels);
  let running = true;
  return () => {
    if (!running) return;
    running = false;
    m.services.dec(labels);
  };
}
