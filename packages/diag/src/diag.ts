import { diag as otelDiag, metrics } from '@opentelemetry/api';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { self } from '@teleport-otel/catalog';
import { createInstruments } from '@teleport-otel/core';
import { DEFAULT_DIAG_ADDR, isLoopback, parseAddress } from './address';
import { checkPlacement } from './aggregate';
import { validateDiagOptions } from './diag-options';
import { createDiagMeterProvider, type DiagMeterProvider, type DiagProviderOptions } from './provider';
import { loadTls, type DiagTlsOptions } from './security/tls';
import { validateServerOptions } from './security/validate';
import { createDiagHandler, type HandlerOptions } from './server';
import { ConnectionSlots, tcpSocketOf, type RejectReason } from './server/connection-slots';
import { oneAtATime } from './server/one-at-a-time';

export interface DiagOptions extends DiagProviderOptions, HandlerOptions {
  /** HOST:PORT to serve on, as `teleport start --diag-addr`. Default 127.0.0.1:3000; port 0 picks a free one. */
  addr?: string;
  /**
   * Bound on reading a request's headers (and, with `tls`, on the TLS handshake) and on a whole
   * request, in ms (slowloris). Default 10 s / 30 s.
   */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /**
   * Open connections at once. At the limit, the oldest connection without a request in progress
   * (handshaking, sending headers, idle keep-alive) is closed to admit a new one; a new one is
   * refused only when every connection has a request in progress. 0 = unlimited. Default 256.
   */
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

/** Requests one connection may pipeline behind the one being answered; more close the connection. */
export const MAX_PIPELINED_REQUESTS = 128;

/**
 * Starts the diag endpoint: the shared MeterProvider served over HTTP(S) on `addr`. Every
 * configuration error (unknown or malformed option, malformed address, address in use, unreadable
 * or mismatched TLS files, a reader or View the SDK refuses) rejects with one line naming the
 * offending value, and leaves nothing running: the address is free again, no global provider is
 * installed, and the provider, if created, is shut down.
 */
export async function startDiag(options: DiagOptions = {}): Promise<Diag> {
  validateDiagOptions(options);
  const addr = options.addr ?? DEFAULT_DIAG_ADDR;
  const { host, port } = parseAddress(addr);
  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  validateServerOptions({ ...options, headersTimeoutMs: headersTimeout, requestTimeoutMs: requestTimeout });
  checkPlacement(addr, options.aggregate);
  const tls = options.tls ? loadTls(options.tls) : undefined;
  // The provider exists before the port is bound, so a reader or View it refuses never leaves a
  // socket that accepts and never answers; the global provider is installed only once serving.
  const provider = createProvider(options);
  const serverOptions = {
    requestTimeout,
    headersTimeout,
    // Node checks the two timeouts on this period (default 30 s); keep it well under them.
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 4))),
  };
  // A TLS client gets as long for its handshake as for its headers (Node's default is 120 s).
  const server: Server = tls
    ? createHttpsServer({ ...serverOptions, ...tls, handshakeTimeout: headersTimeout })
    : createHttpServer(serverOptions);
  // A TLS handshake that fails (scanner, wrong CA, timeout) is the client's problem, not an error to log.
  server.on('tlsClientError', () => {});
  const slots = new ConnectionSlots(options.maxConnections ?? DEFAULT_MAX_CONNECTIONS, countRejections(provider));
  server.on('connection', (socket: Socket) => slots.admit(socket));
  const handler = createDiagHandler(provider, { ...options, requireClientCert: options.tls?.clientCaFile !== undefined });
  server.on(
    'request',
    oneAtATime(handler, {
      maxQueued: MAX_PIPELINED_REQUESTS,
      onBusy: (socket) => slots.requestStarted(tcpSocketOf(socket)),
      onIdle: (socket) => slots.requestsDone(tcpSocketOf(socket)),
      onOverflow: () => slots.reject('pipelined'),
    })
  );
  try {
    await listen(server, host, port);
  } catch (err) {
    // Nothing was served, so there is nothing worth a long final push: a short bound, errors ignored.
    await provider.meterProvider.shutdown({ timeoutMillis: 1_000 }).catch(() => {});
    throw new Error(`teleport-otel: cannot listen on ${addr}: ${listenError(err)}`);
  }
  if (options.global) metrics.setGlobalMeterProvider(provider.meterProvider);
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

/**
 * The provider, without installing it globally yet. A reader factory or View that throws becomes
 * one line: the first line of its message with quoted text elided, since a refused header value
 * (an API key) is what such messages quote.
 */
function createProvider(options: DiagOptions): DiagMeterProvider {
  try {
    return createDiagMeterProvider({ ...options, global: false });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (message.startsWith('teleport-otel: ') && !message.includes('\n')) throw err;
    const elided = message
      .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/gs, '"…"')
      .split('\n')[0]!
      .trim();
    throw new Error(`teleport-otel: cannot create the metrics pipeline (a reader or View was refused): ${elided}`);
  }
}

/** Counts closed connections in teleport_otel_diag_connections_rejected_total, and says so once. */
function countRejections(provider: DiagMeterProvider): (reason: RejectReason) => void {
  const { rejected } = createInstruments({ rejected: self.diagConnectionsRejected }, { meterProvider: provider.meterProvider });
  for (const reason of self.diagConnectionsRejected.values.reason) rejected.bind({ reason });
  let warned = false;
  return (reason) => {
    rejected.inc({ reason });
    if (warned) return;
    warned = true;
    otelDiag.warn(
      `teleport-otel: the diag endpoint closed a connection (${reason}) to stay within its limits; further ones are counted in ${self.diagConnectionsRejected.name} without a log line`
    );
  };
}

function listenError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EADDRINUSE'
    ? 'address already in use'
    : code === 'EADDRNOTAVAIL'
    ? 'address not available on this host'
    : code === 'EACCES'
    ? 'permission denied'
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
    ? 'host name does not resolve'
    : (err as Error).message;
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
