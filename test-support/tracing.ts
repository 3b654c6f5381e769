import { context, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AlwaysOffSampler, AlwaysOnSampler, BasicTracerProvider } from '@opentelemetry/sdk-trace-base';

/**
 * A real OpenTelemetry tracer for tests: sdk-trace-base with an AsyncLocalStorage context manager
 * installed globally (what makes `context.active()` see the active span). `sampled: false` uses
 * the AlwaysOff sampler, whose spans are not sampled. stop() uninstalls the context manager.
 */
export function startTestTracing(options: { sampled?: boolean } = {}): { tracer: Tracer; stop(): Promise<void> } {
  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  const provider = new BasicTracerProvider({
    sampler: options.sampled === false ? new AlwaysOffSampler() : new AlwaysOnSampler(),
  });
  return {
    tracer: provider.getTracer('teleport-otel-test'),
    async stop() {
      context.disable();
      await provider.shutdown();
    },
  };
}
