import { createNoopMeter, diag, type MeterProvider } from '@opentelemetry/api';
import { isMainThread } from 'node:worker_threads';

let warned = false;

/**
 * Says once when instruments are created in a worker thread over the no-op global provider:
 * the main thread's global MeterProvider is not shared with worker threads (each has its own
 * module state), so everything recorded there would silently go nowhere.
 */
export function warnIfNoProviderInWorker(provider: MeterProvider, what: string): void {
  if (warned || isMainThread) return;
  if (provider.getMeter('@teleport-otel/core') !== createNoopMeter()) return;
  warned = true;
  diag.warn(
    `teleport-otel: ${what} created in a worker thread with no meterProvider, and this thread has no global one (the main thread's is not shared across threads): measurements would go nowhere; pass the meterProvider of \`await joinDiag()\` from @teleport-otel/diag`
  );
}
