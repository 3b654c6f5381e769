import type { AuthMetrics } from './metrics';

/** Thrown by a tracked generate function when maxInFlight requests are already running. */
export class GenerateThrottledError extends Error {
  constructor(readonly maxInFlight: number) {
    super(`too many concurrent generate requests (limit ${maxInFlight})`);
    this.name = 'GenerateThrottledError';
  }
}

export interface TrackGenerateOptions {
  /**
   * Concurrent requests allowed before new ones are refused, as Teleport's per-role connection
   * limiter refuses them: a refused call counts in `auth.generateRequestsThrottledTotal` and throws
   * GenerateThrottledError without running. Default: no limit.
   */
  maxInFlight?: number;
}

/**
 * Wraps a certificate-generating function so every call is counted as Teleport's
 * GenerateHostCerts counts it: `auth.generateRequestsTotal`, the in-flight `auth.generateRequests`
 * gauge (up on entry, down on exit), and the call's duration in `auth.generateSeconds`.
 *
 * The duration is measured when the call settles (a returned promise included). Teleport's own
 * code evaluates the duration when the deferred Observe is set up, so it records ~0 s for every
 * request; this helper records the real latency.
 */
export function trackGenerate<A extends unknown[], R>(
  metrics: AuthMetrics,
  generate: (...args: A) => R,
  options: TrackGenerateOptions = {}
): (...args: A) => R {
  const max = options.maxInFlight ?? Infinity;
  let inFlight = 0;
  return (...args: A): R => {
    if (inFlight >= max) {
      metrics.generateRequestsThrottledTotal.inc();
      throw new GenerateThrottledError(max);
    }
    metrics.generateRequestsTotal.inc();
    metrics.generateRequests.inc();
    inFlight++;
    const stop = metrics.generateSeconds.startTimer();
    const done = (): void => {
      inFlight--;
      metrics.generateRequests.dec();
      stop();
    };
    let out: R;
    try {
      out = generate(...args);
    } catch (err) {
      done();
      throw err;
    }
    if (out instanceof Promise) return out.finally(done) as R;
    done();
    return out;
  };
}
