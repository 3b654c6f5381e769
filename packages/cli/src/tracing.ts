import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AlwaysOnSampler, BasicTracerProvider } from '@opentelemetry/sdk-trace-base';

/**
 * The demo's tracer, for `start --openmetrics`: every span sampled, so the exemplars the Registry
 * keeps carry real trace and span ids. Installed globally (the AsyncLocalStorage context manager
 * is what lets a measurement made in a promise continuation see its span). Spans are not
 * exported anywhere: the demo only needs their ids.
 */
export function startDemoTracing(): { stop(): Promise<void> } {
  const manager = new AsyncLocalStorageContextManager().enable();
  const provider = new BasicTracerProvider({ sampler: new AlwaysOnSampler() });
  context.setGlobalContextManager(manager);
  trace.setGlobalTracerProvider(provider);
  return {
    async stop() {
      trace.disable();
      context.disable();
      await provider.shutdown();
    },
  };
}
