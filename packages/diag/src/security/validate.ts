import type { MetricsAuthOptions } from './auth';
import type { DiagTlsOptions } from './tls';

/** The options startDiag checks before touching the network. */
export interface CheckedOptions extends MetricsAuthOptions {
  tls?: Partial<DiagTlsOptions>;
  maxConcurrentScrapes?: number;
  maxConnections?: number;
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  scrapeTimeoutMs?: number;
  closeTimeoutMs?: number;
}

/**
 * Rejects contradictory or malformed server options with one line naming the option and value,
 * so a CLI can print it and exit non-zero instead of starting a half-configured endpoint.
 */
export function validateServerOptions(o: CheckedOptions): void {
  const fail = (msg: string): never => {
    throw new Error(`teleport-otel: ${msg}`);
  };
  if (o.bearerToken !== undefined && o.basicAuth !== undefined)
    fail('bearerToken and basicAuth are both set; choose one way to authenticate /metrics');
  if (
    o.bearerToken !== undefined &&
    (typeof o.bearerToken !== 'string' || o.bearerToken.trim() === '' || /\s/.test(o.bearerToken))
  ) {
    fail('bearerToken must be a non-empty string without whitespace');
  }
  if (o.basicAuth !== undefined) {
    const { username, password } = o.basicAuth as { username?: unknown; password?: unknown };
    if (typeof username !== 'string' || username === '' || username.includes(':'))
      fail(`basicAuth.username ${JSON.stringify(username)} must be a non-empty string without ":"`);
    if (typeof password !== 'string' || password === '') fail('basicAuth.password must be a non-empty string');
  }
  if (o.tls !== undefined) {
    const { certFile, keyFile, clientCaFile } = o.tls;
    if (clientCaFile !== undefined && certFile === undefined)
      fail(
        `tls.clientCaFile ${JSON.stringify(
          clientCaFile
        )} is set without tls.certFile and tls.keyFile: mutual TLS needs a server certificate`
      );
    if (certFile === undefined || certFile === '') fail('tls.certFile is required when tls is set');
    if (keyFile === undefined || keyFile === '') fail(`tls.keyFile is required with tls.certFile ${JSON.stringify(certFile)}`);
  }
  const count = (name: keyof CheckedOptions, min: number) => {
    const v = o[name];
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= min))
      fail(`${name} must be an integer >= ${min}, got ${JSON.stringify(v)}`);
  };
  count('maxConcurrentScrapes', 0);
  count('maxConnections', 0);
  count('headersTimeoutMs', 1);
  count('requestTimeoutMs', 1);
  count('scrapeTimeoutMs', 0);
  count('closeTimeoutMs', 0);
  if (o.headersTimeoutMs !== undefined && o.requestTimeoutMs !== undefined && o.headersTimeoutMs > o.requestTimeoutMs) {
    fail(`headersTimeoutMs (${o.headersTimeoutMs}) must not exceed requestTimeoutMs (${o.requestTimeoutMs})`);
  }
}
