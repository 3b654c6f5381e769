import { trace, type MeterProvider } from '@opentelemetry/api';
import type { Profile } from '@teleport-otel/catalog';

/** What a demo driver gets: the provider to register its package on, and a seeded random source. */
export interface DemoContext {
  readonly meterProvider: MeterProvider;
  /** Deterministic uniform [0, 1) source (seeded by the CLI), so runs are reproducible. */
  readonly random: () => number;
  /** Reports a component's heartbeat to /readyz (Teleport's OK/degraded events). */
  readonly heartbeat: (component: string, ok: boolean) => void;
  /**
   * The catalog profile the provider follows. Instruments of entries outside it are no-ops, so a
   * driver may record every family it knows; it reads this only to skip work or pick a variant.
   * Drivers of newer Teleport's groups pass it to their create*Metrics calls: a group none of whose
   * families the followed profile holds is then a choice, not the start-up warning meant for services.
   */
  readonly profile: Profile;
}

/** One package's simulated workload. `start` registers the package and drives it until `stop`. */
export interface DemoDriver {
  readonly name: string;
  start(ctx: DemoContext): { stop(): void | Promise<void> };
}

/** Calls `fn` every `ms` milliseconds, unref'd so it never keeps the process alive by itself. */
export function every(ms: number, fn: () => void): () => void {
  const t = setInterval(fn, ms);
  t.unref();
  return () => clearInterval(t);
}

/** Picks one element uniformly. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/**
 * Runs `fn` (a simulated request) inside an active span that ends when its result settles. With
 * no tracer installed (the default demo) the span is a no-op; under `start --openmetrics` the
 * demo installs one, so the measurements `fn` makes carry the span as their exemplar.
 */
export function traced<R>(name: string, fn: () => R): R {
  return trace.getTracer('teleport-otel-demo').startActiveSpan(name, (span) => {
    let out: R;
    try {
      out = fn();
    } catch (err) {
      span.end();
      throw err;
    }
    if (out instanceof Promise) return out.finally(() => span.end()) as R;
    span.end();
    return out;
  });
}
