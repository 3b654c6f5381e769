import { diag as otelDiag } from '@opentelemetry/api';
import { parseProfile } from '@teleport-otel/catalog';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { DEFAULT_DIAG_ADDR, isLoopback, parseAddress } from './address';
import { checkPlacement } from './aggregate';
import { createDiagMeterProvider, type DiagMeterProvider, type DiagProviderOptions } from './provider';
import { loadTls, type DiagTlsOptions } from './security/tls';
import { validateServerOptions } from './security/validate';
import { createDiagHandler, type HandlerOptions } from './server';

export interface DiagOptions extends DiagProviderOptions, HandlerOptions {
  /** HOST:PORT to serve on, as `teleport start --diag-addr`. Default 127.0.0.1:3000; port 0 picks a free one. */
  addr?: string;
  /** Bound on reading a request's headers and on a whole request, in ms (slowloris). Default 10 s / 30 s. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Open connections accepted at once; more are dropped on accept. 0 = unlimited. Default 256. */
  maxConnections?: number;
  /** close() waits this long for in-flight scrapes, then cuts the remaining connections. Default 10 s. */
  closeTimeoutMs?: number;
  /** Serve HTTPS; with `clientCaFile`, /metrics requires a client certificate (mutual TLS). */
  tls?: DiagTlsOptions;
}

export interface Diag extends DiagMeterProvider {
  /** Base URL actually served, e.g. http://127.0.0.1:3000 (https:// with `tls`). */
  readonly url: string;
  readonly address: AddressInfo;
  /** Stops accepting, lets in-flight scrapes finish (up to closeTimeoutMs), then flushes and shuts the provider down. */
  close(): Promise<void>;
}

export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_CONNECTIONS = 256;
export const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

/**
 * Starts the diag endpoint: the shared MeterProvider served over HTTP(S) on `addr`. Every
 * configuration error (malformed address, address in use, unreadable or mismatched TLS files,
 * contradictory options) rejects with one line naming the offending value, before anything is
 * left running: the MeterProvider is created only once the port is bound.
 */
export async function startDiag(options: DiagOptions = {}): Promise<Diag> {
  const addr = options.addr ?? DEFAULT_DIAG_ADDR;
  const { host, port } = parseAddress(addr);
  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  validateServerOptions({ ...options, headersTimeoutMs: headersTimeout, requestTimeoutMs: requestTimeout });
  // The Registry checks it too, but only once the port is bound: say it before anything listens.
  if (options.profile !== undefined) parseProfile(options.profile);
  checkPlacement(addr, options.aggregate);
  const tls = options.tls ? loadTls(options.tls) : undefined;
  const serverOptions = {
    requestTimeout,
    headersTimeout,
    // Node checks the two timeouts on this period (default 30 s); keep it well under them.
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 4))),
  };
  const server: Server = tls ? createHttpsServer({ ...serverOptions, ...tls }) : createHttpServer(serverOptions);
  server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  // A TLS handshake that fails (scanner, wrong CA) is the client's problem, not an error to log.
  server.on('tlsClientError', () => {});
  try {
    await listen(server, host, port);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE'
        ? 'address already in use'
        : code === 'EADDRNOTAVAIL'
        ? 'address not available on this host'
        : code === 'EACCES'
        ? 'permission denied'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'host name does not resolve'
        : (err as Error).message;
    throw new Error(`teleport-otel: cannot listen on ${addr}: ${why}`);
  }
  const provider = createDiagMeterProvider(options);
  server.on('request', createDiagHandler(provider, { ...options, requireClientCert: options.tls?.clientCaFile !== undefined }));
  warnIfExposed(addr, host, options);
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const closeTimeout = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
  return {
    ...provider,
    url: `${tls ? 'https' : 'http'}://${urlHost}:${address.port}`,
    address,
    async close() {
      await new Promise<void>((resolve) => {
        // Cuts scrapers that never finish (or never read) once the grace period is over.
        const cut = setTimeout(() => server.closeAllConnections(), closeTimeout);
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      });
      await provider.shutdown();
    },
  };
}

/** Says once, at start, when the metrics can be read by anyone who can reach the port. */
function warnIfExposed(addr: string, host: string, options: DiagOptions): void {
  if (isLoopback(host)) return;
  const authenticated =
    options.bearerToken !== undefined || options.basicAuth !== undefined || options.tls?.clientCaFile !== undefined;
  if (!authenticated) {
    otelDiag.warn(
      `teleport-otel: diag endpoint bound to non-loopback ${addr} without TLS client certificates or auth; anyone who can reach it can read your metrics`
    );
  } else if (!options.tls) {
    otelDiag.warn(
      `teleport-otel: diag endpoint on non-loopback ${addr} checks credentials over plain HTTP; they cross the network in clear text, use tls`
    );
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
