import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DiagMeterProvider } from '../provider';
import { createMetricsGuard, type MetricsAuthOptions } from '../security/auth';
import { EXPOSITION_FORMATS, negotiateFormat } from './formats';
import { negotiateEncoding, parsePreferences, type ContentCoding } from './negotiate';
import { openMetricsFormat } from './openmetrics-format';
import { pacedWrite } from './paced-write';
import { notFound, plain } from './respond';
import { SharedRenders } from './shared-render';

/** Default cap on concurrent /metrics requests (client_golang's MaxRequestsInFlight analog). */
export const DEFAULT_MAX_CONCURRENT_SCRAPES = 64;
/** Default bound on one scrape, start to last byte: a scraper that stops reading cannot hold a slot. */
export const DEFAULT_SCRAPE_TIMEOUT_MS = 60_000;

export interface MetricsRouteOptions extends MetricsAuthOptions {
  /** Concurrent /metrics requests; more are answered 503 and counted. 0 = unlimited. Default 64. */
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
  /** Also offer OpenMetrics 1.0 (with exemplars) to scrapers that ask for it. Default false. */
  openMetrics?: boolean;
}

/** The scraper closed the connection mid-response (or the response was already answered): not a server error. */
class ClientGone extends Error {}

class ScrapeTimeout extends Error {
  constructor(ms: number) {
    super(`metric collection and rendering did not complete within ${ms} ms`);
  }
}

/**
 * GET/HEAD /metrics: access check, concurrency cap, then negotiate (format from Accept, coding
 * from Accept-Encoding) -> shared render keyed by (format, coding) -> write, all under one
 * deadline; counted in promhttp_metric_handler_requests_total{code} as client_golang counts it.
 * A push-only diag (no pull reader) does not serve /metrics: 404, as any unserved path.
 */
export function createMetricsRoute(diag: DiagMeterProvider, options: MetricsRouteOptions = {}) {
  const max = options.maxConcurrentScrapes ?? DEFAULT_MAX_CONCURRENT_SCRAPES;
  const gzip = options.gzip ?? true;
  const timeoutMs = options.scrapeTimeoutMs ?? DEFAULT_SCRAPE_TIMEOUT_MS;
  const guard = createMetricsGuard(options);
  const formats = options.openMetrics ? [...EXPOSITION_FORMATS, openMetricsFormat] : EXPOSITION_FORMATS;
  const shared = new SharedRenders();
  const { requestsInFlight, requestsTotal } = diag.promhttp;
  let inFlight = 0;

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const format = negotiateFormat(parsePreferences(req.headers.accept), formats);
    const coding = negotiateEncoding(req.headers['accept-encoding'], gzip);
    // 0 means no deadline here; to the SDK a 0 timeout would mean "time out at once".
    const input = { reader: diag.pullReader!, timeoutMillis: timeoutMs > 0 ? timeoutMs : undefined };
    // Collected before the status line goes out, so a failed collection can still answer 500.
    const { pieces: body, release } = await shared.get(format, coding, input);
    try {
      await sendBody(req, res, format.contentType, coding, body);
    } finally {
      release();
    }
  }

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!diag.pullReader) return notFound(res);
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
    const work = respond(req, res);
    work.catch(() => {});
    let code = '200';
    try {
      await Promise.race([work, deadline]);
    } catch (err) {
      if (err instanceof ClientGone) code = String(res.statusCode);
      else if (res.headersSent) {
        // Mid-body: the status is already out, so the only signal left is a cut connection.
        // Stryker disable next-line StringLiteral: unreachable, sendBody throws nothing but ClientGone after its first write (docs/testing.md)
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
  };
  return route;
}

/** The response: headers, then the body unless HEAD; settles once it is handed to the socket. */
async function sendBody(
  req: IncomingMessage,
  res: ServerResponse,
  contentType: string,
  coding: ContentCoding,
  body: readonly Buffer[]
): Promise<void> {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: pacedWrite throws ClientGone for a closed response too; an answered one (a deadline's 500) throws on setHeader, into a settled race (docs/testing.md)
  if (res.headersSent || res.destroyed) throw new ClientGone();
  res.statusCode = 200;
  res.setHeader('Content-Type', contentType);
  if (coding === 'gzip') res.setHeader('Content-Encoding', 'gzip');
  let length = 0;
  for (const piece of body) length += piece.length;
  res.setHeader('Content-Length', length);
  // Stryker disable next-line StringLiteral,BlockStatement,ConditionalExpression: without the early end, Node drops a HEAD response's body writes and finishes as soon (docs/testing.md)
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // The same Buffers go to every scraper sharing the render: written, never copied. 'finish' and
  // 'close' are listened for before the first write: a small body can finish before pacedWrite's
  // caller resumes, and a client that leaves mid-body is pacedWrite's to report.
  const finished = delivered(res);
  // Stryker disable next-line ArrowFunction: `() => undefined` swallows the rejection alike
  finished.catch(() => {});
  await pacedWrite(res, body, () => new ClientGone());
  await finished;
}

/** Resolves once the response is handed to the socket; rejects with ClientGone if the connection closes first. */
function delivered(res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    // Stryker disable next-line BlockStatement: without it, 'close' (always after 'finish') settles the promise a tick later (docs/testing.md)
    const done = (): void => {
      // Stryker disable next-line StringLiteral: gone() left on resolves too, as the response is finished then (docs/testing.md)
      res.off('close', gone);
      resolve();
    };
    const gone = (): void => {
      // Stryker disable next-line StringLiteral: done() left on can only settle the promise again, a no-op (docs/testing.md)
      res.off('finish', done);
      // 'close' after a complete response is the normal end, not a lost client.
      // Stryker disable next-line ConditionalExpression: resolving or ClientGone both count String(res.statusCode), the 200 sendBody set (docs/testing.md)
      if (res.writableFinished) resolve();
      else reject(new ClientGone());
    };
    // Stryker disable next-line StringLiteral: without done(), 'close' follows and gone() resolves, as the response is finished (docs/testing.md)
    res.once('finish', done);
    res.once('close', gone);
  });
}
