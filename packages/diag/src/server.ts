import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { DiagMeterProvider } from './provider';
import { READYZ } from './readiness';
import { createMetricsGuard, type MetricsAuthOptions } from './security/auth';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Default cap on concurrent /metrics renders (client_golang's MaxRequestsInFlight analog). */
export const DEFAULT_MAX_CONCURRENT_SCRAPES = 64;
/** Default bound on one scrape, start to last byte: a scraper that stops reading cannot hold a slot. */
export const DEFAULT_SCRAPE_TIMEOUT_MS = 60_000;

export interface HandlerOptions extends MetricsAuthOptions {
  /** Concurrent /metrics renders; more are answered 503 and counted. 0 = unlimited. Default 64. */
  maxConcurrentScrapes?: number;
  /** Gzip /metrics when the scraper accepts it (Prometheus does). Default true. */
  gzip?: boolean;
  /**
   * Longest a /metrics response may take, collection included, in ms. Past it the scrape is
   * answered 500 (nothing sent yet) or its connection is cut (a scraper that stopped reading).
   * 0 = none. Default 60 s.
   */
  scrapeTimeoutMs?: number;
  /** /metrics only for clients whose TLS certificate verified against the client CA (set by startDiag). */
  requireClientCert?: boolean;
}

/** The scraper closed the connection mid-response (or the response was already answered): not a server error. */
class ClientGone extends Error {}

class ScrapeTimeout extends Error {
  constructor(ms: number) {
    super(`metric collection and rendering did not complete within ${ms} ms`);
  }
}

/**
 * The diag endpoint's routes with Teleport's semantics: /metrics, /healthz, /readyz; 405 for
 * methods other than GET/HEAD; Go's plain 404 for any other path. Paths match exactly (no
 * decoding, no dot-segment or slash folding), and the query string is ignored. Credentials and
 * client certificates, when configured, guard /metrics only: health probes stay open.
 */
export function createDiagHandler(diag: DiagMeterProvider, options: HandlerOptions = {}) {
  const max = options.maxConcurrentScrapes ?? DEFAULT_MAX_CONCURRENT_SCRAPES;
  const gzip = options.gzip ?? true;
  const timeoutMs = options.scrapeTimeoutMs ?? DEFAULT_SCRAPE_TIMEOUT_MS;
  const guard = createMetricsGuard(options);
  const { requestsInFlight, requestsTotal } = diag.promhttp;
  let inFlight = 0;

  async function metricsRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = guard?.(req);
    if (refusal) return plain(res, refusal.code, refusal.body, refusal.headers);
    if (max > 0 && inFlight >= max) {
      requestsTotal.inc({ code: '503' });
      return plain(res, 503, 'too many concurrent scrapes\n');
    }
    inFlight++;
    requestsInFlight.inc();
    // The deadline covers collection too: an observable callback that never settles must not hold
    // a slot forever. The abandoned render finishes (or not) in the background, answering no one.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      if (timeoutMs > 0) timer = setTimeout(() => reject(new ScrapeTimeout(timeoutMs)), timeoutMs);
    });
    const work = streamMetrics(diag, req, res, gzip, timeoutMs);
    work.catch(() => {});
    let code = '200';
    try {
      await Promise.race([work, deadline]);
    } catch (err) {
      if (err instanceof ClientGone) code = String(res.statusCode);
      else if (res.headersSent) {
        // Mid-body: the status is already out, so the only signal left is a cut connection.
        code = err instanceof ScrapeTimeout ? String(res.statusCode) : '500';
        res.destroy();
      } else {
        code = '500';
        plain(res, 500, `An error has occurred while serving metrics:\n\n${err instanceof Error ? err.message : String(err)}\n`);
      }
    } finally {
      clearTimeout(timer);
      inFlight--;
      requestsInFlight.dec();
      requestsTotal.inc({ code });
    }
  }

  return function handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return plain(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
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

async function streamMetrics(
  diag: DiagMeterProvider,
  req: IncomingMessage,
  res: ServerResponse,
  gzip: boolean,
  timeoutMillis: number
): Promise<void> {
  if (!diag.pullReader) throw new Error('this diag has no pull reader');
  // 0 means no deadline here; to the SDK a 0 timeout would mean "time out at once".
  const chunks = diag.pullReader.chunks({ timeoutMillis: timeoutMillis > 0 ? timeoutMillis : undefined });
  try {
    // Collect before the status line goes out, so a failed collection can still answer 500.
    const first = await chunks.next();
    if (res.headersSent || res.destroyed) throw new ClientGone();
    res.statusCode = 200;
    res.setHeader('Content-Type', METRICS_CONTENT_TYPE);
    if (req.method === 'HEAD') {
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
    if (!first.done) await write(out, res, first.value);
    for await (const chunk of { [Symbol.asyncIterator]: () => chunks }) await write(out, res, chunk);
    out.end();
    if (out !== res) await settled(res, 'finish');
  } finally {
    // Stops the render generator early when the scraper went away or the render failed.
    await chunks.return(undefined);
  }
}

/** Writes with backpressure; rejects with ClientGone instead of waiting forever on a closed socket. */
async function write(out: Writable, res: ServerResponse, chunk: string): Promise<void> {
  if (res.destroyed) throw new ClientGone();
  if (!out.write(chunk)) await settled(out, 'drain', res);
}

/** Resolves on `event` from `stream`; rejects with ClientGone if the response closes first. */
function settled(stream: Writable, event: 'drain' | 'finish', res: ServerResponse = stream as ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      res.off('close', gone);
      resolve();
    };
    const gone = (): void => {
      stream.off(event, done);
      // 'close' after a complete response is the normal end, not a lost client.
      if (event === 'finish' && res.writableFinished) resolve();
      else reject(new ClientGone());
    };
    stream.once(event, done);
    res.once('close', gone);
  });
}

function plain(res: ServerResponse, code: number, body: string, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(body);
}

/** roundtrip.ReplyJSON: the JSON with no trailing newline. */
function json(res: ServerResponse, code: number, body: object): void {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
