import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** Credentials a scraper must present on /metrics (Prometheus `authorization` or `basic_auth`). */
export interface MetricsAuthOptions {
  /** `Authorization: Bearer <token>`. */
  bearerToken?: string;
  /** `Authorization: Basic base64(username:password)`. */
  basicAuth?: { readonly username: string; readonly password: string };
}

/** What the /metrics route answers a request that fails the check. */
export interface Refusal {
  readonly code: 401 | 403;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const REALM = 'teleport-otel metrics';

/**
 * The access check for /metrics, or undefined when /metrics is open. Credentials are compared as
 * SHA-256 digests with timingSafeEqual, so neither a token's content nor its length leaks through
 * response timing. `requireClientCert`: the TLS client certificate must have verified against
 * the client CA (the handshake itself accepts certificate-less clients so health probes work).
 */
export function createMetricsGuard(
  options: MetricsAuthOptions & { requireClientCert?: boolean }
): ((req: IncomingMessage) => Refusal | undefined) | undefined {
  const { bearerToken, basicAuth, requireClientCert } = options;
  const expected =
    bearerToken !== undefined
      ? digest(bearerToken)
      : basicAuth !== undefined
      ? digest(`${basicAuth.username}:${basicAuth.password}`)
      : undefined;
  if (!expected && !requireClientCert) return undefined;
  const scheme = bearerToken !== undefined ? 'Bearer' : 'Basic';
  const unauthorized: Refusal = {
    code: 401,
    headers: { 'WWW-Authenticate': scheme === 'Basic' ? `Basic realm="${REALM}", charset="UTF-8"` : `Bearer realm="${REALM}"` },
    body: 'unauthorized\n',
  };
  const noCert: Refusal = {
    code: 403,
    headers: {},
    body: 'a client certificate signed by the configured client CA is required\n',
  };
  return (req) => {
    if (requireClientCert && (req.socket as TLSSocket).authorized !== true) return noCert;
    if (!expected) return undefined;
    const presented = credentials(req.headers.authorization, scheme);
    // Always compare, even when nothing usable was presented, so every refusal costs the same.
    const ok = timingSafeEqual(digest(presented ?? ''), expected) && presented !== undefined;
    return ok ? undefined : unauthorized;
  };
}

/** The credential after the scheme (`Bearer x` -> x; `Basic b64` -> decoded `user:pass`). */
function credentials(header: string | undefined, scheme: 'Bearer' | 'Basic'): string | undefined {
  if (header === undefined) return undefined;
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space).toLowerCase() !== scheme.toLowerCase()) return undefined;
  const value = header.slice(space + 1).trim();
  return scheme === 'Bearer' ? value : Buffer.from(value, 'base64').toString('utf8');
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}
