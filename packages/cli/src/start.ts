import { startDiag, type Diag, type DiagOptions } from '@teleport-otel/diag';
import { drivers } from './demo';
import { seededRandom } from './random';
import { startDemoTracing } from './tracing';
import { VERSION } from './version';

export interface DemoOptions extends DiagOptions {
  /** Seed of the simulated workload. Default 1. */
  seed?: number;
}

export interface RunningDemo {
  readonly diag: Diag;
  stop(): Promise<void>;
}

/**
 * The demo service behind `teleport-otel start`: the diag endpoint with every component package
 * registered on it and driven by a simulated workload.
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const { seed, ...diagOptions } = options; // startDiag rejects options it does not know
  const diag = await startDiag({ version: VERSION, ...diagOptions });
  // With OpenMetrics on, a tracer gives the simulated requests real spans, hence exemplars.
  const tracing = options.openMetrics ? startDemoTracing() : undefined;
  const random = seededRandom(seed ?? 1);
  const heartbeat = (component: string, ok: boolean) => diag.readiness.heartbeat(component, ok);
  const profile = diag.registry.profile;
  const running = drivers.map((d) => d.start({ meterProvider: diag.meterProvider, random, heartbeat, profile }));
  return {
    diag,
    async stop() {
      await Promise.all(running.map((r) => r.stop()));
      await diag.close();
      await tracing?.stop();
    },
  };
}
