import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';

export interface ScrapeOptions {
  /** Whole-request bound in ms (connect, headers and body). Default 10 s. */
  readonly timeoutMs?: number;
  /** Sent as `Authorization: Bearer <token>`. */
  readonly bearer?: string;
  /** Accept any TLS certificate (self-signed diag endpoints). */
  readonly insecure?: boolean;
}

/** The endpoint could not be scraped (bad URL, refused, timeout, non-200). Message is one line naming the URL. */
export class ScrapeError extends Error {}

/** A scrape's answer is refused past this size rather than exhausting memory. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const unzip = { gzip: promisify(gunzip), deflate: promisify(inflate) };

/**
 * Turns what a user types into a scrape URL: a bare HOST:PORT (Teleport's --diag-addr form) gets
 * http://, and an empty path (or /) becomes /metrics.
 */
export function scrapeUrl(target: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? target : `http://${target}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ScrapeError(`invalid URL ${JSON.stringify(target)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ScrapeError(`invalid URL ${JSON.stringify(target)}: only http and https are supported`);
  }
  if (url.pathname === '/') url.pathname = '/metrics';
  return url;
}

/**
 * GETs the Prometheus text exposition at `url` (gzip accepted) and returns it decoded. Node's own
 * http/https client rather than fetch: `--insecure` is one request option here, where fetch needs
 * undici's Agent as an extra runtime dependency, and the body is read against a size cap.
 */
export async function scrape(url: URL, options: ScrapeOptions = {}): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headers: Record<string, string> = {
    // The text format, as Prometheus asks when it does not want OpenMetrics or protobuf.
    Accept: 'text/plain;version=0.0.4;q=1,*/*;q=0.1',
    'Accept-Encoding': 'gzip, deflate',
    'User-Agent': 'teleport-otel-check',
  };
  if (options.bearer) headers.Authorization = `Bearer ${options.bearer}`;
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(url, { method: 'GET', headers, signal, rejectUnauthorized: !options.insecure }, resolve);
      req.on('error', reject);
      req.end();
    });
    const body = await readBody(res);
    if (res.statusCode !== 200) {
      const first = body.toString('utf8').split('\n')[0]!.slice(0, 200);
      throw new ScrapeError(`${url.href}: HTTP ${res.statusCode} ${res.statusMessage ?? ''}${first ? ` (${first})` : ''}`.trim());
    }
    const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
    const decoded = encoding === 'gzip' || encoding === 'deflate' ? await unzip[encoding](body) : body;
    return decoded.toString('utf8');
  } catch (err) {
    if (err instanceof ScrapeError) throw err;
    throw new ScrapeError(`${url.href}: ${describe(err, timeoutMs)}`);
  }
}

async function readBody(res: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      res.destroy();
      throw new Error(`response larger than ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function describe(err: unknown, timeoutMs: number): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return `timed out after ${timeoutMs / 1000} s`;
  switch (e?.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
      return 'host not found';
    case 'ECONNRESET':
      return 'connection reset';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `${e.message} (use --insecure to skip verification)`;
    default:
      return e instanceof Error ? e.message.split('\n')[0]! : String(err);
  }
}
