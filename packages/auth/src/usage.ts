import { usage } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/** Usage reporting metrics (teleport_usage_*), Teleport 12+ code only. */
export type UsageMetrics = Instruments<typeof usage>;

/**
 * Creates the usage reporter's instruments. Under the `doc` profile (the page does not list them)
 * every instrument is a no-op; use `teleport-12` or `latest`.
 */
export function createUsageMetrics(options?: InstrumentOptions): UsageMetrics {
  return createInstruments(usage, options);
}
