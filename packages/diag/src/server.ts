import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DiagMeterProvider } from './provider';
import { READYZ } from './readiness';
import { createMetricsRoute, type MetricsRouteOptions } from './server/metrics-route';
import { json, notFound, plain } from './server/respond';

export { METRICS_CONTENT_TYPE } from './server/formats';
export { DEFAULT_MAX_CONCURRENT_SCRAPES, DEFAULT_SCRAPE_TIMEOUT_MS } from './server/metrics-route';

export type HandlerOptions = MetricsRouteOptions;

/**
 * The diag endpoint's routes with Teleport's semantics: /metrics, /healthz, /readyz; 405 for
 * methods other than GET/HEAD; Go's plain 404 for any other path. Paths match exactly (no
 * decoding, no dot-segment or slash folding), and the query string is ignored. Credentials and
 * client certificates, when configured, guard /metrics only: health probes stay open and never
 * wait behind a scrape (they answer from memory, in the same tick).
 */
export function createDiagHandler(diag: DiagMeterProvider, options: HandlerOptions = {}) {
  const metrics = createMetricsRoute(diag, options);
  return function handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return plain(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
    }
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    switch (path) {
      case '/metrics':
        void metrics(req, res);
        return;
      case '/healthz':
        return json(res, 200, { status: 'ok' });
      case '/readyz': {
        const r = READYZ[diag.readiness.state];
        return json(res, r.code, { status: r.status });
      }
      default:
        return notFound(res);
    }
  };
}
