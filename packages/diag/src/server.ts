import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';
import type { DiagMeterProvider } from './provider';
import { READYZ } from './readiness';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface HandlerOptions {
  /** Concurrent /metrics renders; more are answered 503 and counted. 0 = unlimited. Default 64. */
  maxConcurrentScrapes?: number;
  /** Gzip /metrics when the scraper accepts it (Prometheus does). Default true. */
  gzip?: boolean;
}

/**
 * The diag endpoint's routes with Teleport's semantics: /metrics, /healthz, /readyz; 405 for
 * methods other than GET/HEAD; Go's plain 404 for any other path. The query string is ignored.
 */
export function createDiagHandler(diag: DiagMeterProvider, options: HandlerOptions = {}) {
  const max = options.maxConcurrentScrapes ?? 64;
  const gzip = options.gzip ?? true;
  const { requestsInFlight, requestsTotal } = diag.promhttp;
  let inFlight = 0;

  async function metricsRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (max > 0 && inFlight >= max) {
      requestsTotal.inc({ code: '503' });
      return plain(res, 503, 'too many concurrent scrapes\n');
    }
    inFlight++;
    requestsInFlight.inc();
    let code = '200';
    try {
      await streamMetrics(diag, req, res, gzip);
    } catch (err) {
      code = '500';
      if (!res.headersSent) plain(res, 500, `An error has occurred while serving metrics:\n\n${err instanceof Error ? err.message : String(err)}\n`);
      else res.destroy(err instanceof Error ? err : undefined);
    } finally {
      inFlight--;
      requestsInFlight.dec();
      requestsTotal.inc({ code });
    }
  }

  return function handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return plain(res, 405, 'method not allowed\n');
    }
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    switch (path) {
      case '/metrics':
        void metricsRoute(req, res);
        return;
      case '/healthz':
        return json(res, 200, { status: 'ok' });
      case '/readyz': {
        const r = READYZ[diag.readiness.state];
        return json(res, r.code, { status: r.status });
      }
      default:
        return plain(res, 404, '404 page not found\n');
    }
  };
}

async function streamMetrics(diag: DiagMeterProvider, req: IncomingMessage, res: ServerResponse, gzip: boolean): Promise<void> {
  if (!diag.pullReader) throw new Error('this diag has no pull reader');
  const chunks = diag.pullReader.chunks();
  // Collect before the status line goes out, so a failed collection can still answer 500.
  const first = await chunks.next();
  res.statusCode = 200;
  res.setHeader('Content-Type', METRICS_CONTENT_TYPE);
  if (req.method === 'HEAD') {
    await chunks.return(undefined);
    res.end();
    return;
  }
  let out: Writable = res;
  if (gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    res.setHeader('Content-Encoding', 'gzip');
    const z = createGzip();
    z.pipe(res);
    out = z;
  }
  const write = async (chunk: string): Promise<void> => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  if (!first.done) await write(first.value);
  for await (const chunk of { [Symbol.asyncIterator]: () => chunks }) await write(chunk);
  out.end();
  if (out !== res) await once(res, 'finish');
}

function plain(res: ServerResponse, code: number, body: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

/** roundtrip.ReplyJSON: the JSON with no trailing newline. */
function json(res: ServerResponse, code: number, body: object): void {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
