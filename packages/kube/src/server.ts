import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeMetrics } from './metrics';
import { promhttpCode, promhttpMethod } from './promhttp';

/**
 * A `request` listener that instruments a Kubernetes HTTP server the way Teleport wraps its
 * handler with promhttp (InstrumentHandlerInFlight, Duration, Counter, ResponseSize), curried with
 * `component`: in-flight +1 until the response ends, then api_requests_total{code, method},
 * request_duration_seconds{method} and response_size_bytes (body bytes written).
 *
 * ```ts
 * const server = http.createServer(handler);
 * server.prependListener('request', kubeServerTracker(m, 'proxy:kube'));
 * ```
 */
export function kubeServerTracker(m: KubeMetrics, component: string): (req: IncomingMessage, res: ServerResponse) => void {
  const inFlight = m.serverInFlightRequests.bind({ component });
  return (req, res) => {
    const start = process.hrtime.bigint();
    const method = promhttpMethod(req.method);
    let written = 0;
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    const count = (chunk: unknown, encoding?: unknown): void => {
      if (typeof chunk === 'string')
        written += Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      else if (chunk instanceof Uint8Array) written += chunk.byteLength;
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      count(chunk, rest[0]);
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (typeof chunk !== 'function') count(chunk, rest[0]);
      return (end as (...a: unknown[]) => ServerResponse)(chunk, ...rest);
    }) as typeof res.end;
    inFlight.add(1);
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      inFlight.add(-1);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      m.serverApiRequestsTotal.inc({ component, code: promhttpCode(res.statusCode), method });
      m.serverRequestDurationSeconds.record(seconds, { component, method });
      m.serverResponseSizeBytes.record(written, { component });
    };
    res.once('finish', finish);
    res.once('close', finish);
  };
}

/** One kubectl exec or port-forward session, counted until `end()` (safe to call twice). */
export interface KubeSession {
  end(): void;
}

/**
 * Counts a kubectl exec or port-forward session: `*_sessions_total` +1 and `*_in_flight_sessions`
 * +1 until the session ends.
 */
export function startKubeSession(m: KubeMetrics, component: string, kind: 'exec' | 'portforward'): KubeSession {
  const labels = { component };
  const total = kind === 'exec' ? m.serverExecSessionsTotal : m.serverPortforwardSessionsTotal;
  const inFlight = kind === 'exec' ? m.serverExecInFlightSessions : m.serverPortforwardInFlightSessions;
  total.inc(labels);
  inFlight.inc(labels);
  let open = true;
  return {
    end() {
      if (!open) return;
      open = false;
      inFlight.dec(labels);
    },
  };
}
