import { diag as otelDiag } from '@opentelemetry/api';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_DIAG_ADDR, isLoopback, parseAddress } from './address';
import { createDiagMeterProvider, type DiagMeterProvider, type DiagProviderOptions } from './provider';
import { createDiagHandler, type HandlerOptions } from './server';

export interface DiagOptions extends DiagProviderOptions, HandlerOptions {
  /** HOST:PORT to serve on, as `teleport start --diag-addr`. Default 127.0.0.1:3000; port 0 picks a free one. */
  addr?: string;
  /** Bound on reading a request's headers and on a whole request, in ms (slowloris). Default 10 s / 30 s. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export interface Diag extends DiagMeterProvider {
  /** Base URL actually served, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  readonly address: AddressInfo;
  /** Stops accepting, lets in-flight scrapes finish, then flushes and shuts the provider down. */
  close(): Promise<void>;
}

/**
 * Starts the diag endpoint: the shared MeterProvider served over HTTP on `addr`. Rejects with a
 * one-line error naming the address when it is malformed or cannot be bound.
 */
export async function startDiag(options: DiagOptions = {}): Promise<Diag> {
  const addr = options.addr ?? DEFAULT_DIAG_ADDR;
  const { host, port } = parseAddress(addr);
  const provider = createDiagMeterProvider(options);
  const server = createServer(
    { requestTimeout: options.requestTimeoutMs ?? 30_000, headersTimeout: options.headersTimeoutMs ?? 10_000 },
    createDiagHandler(provider, options),
  );
  try {
    await listen(server, host, port);
  } catch (err) {
    await provider.shutdown();
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? 'address already in use' : code === 'EADDRNOTAVAIL' ? 'address not available' : (err as Error).message;
    throw new Error(`teleport-otel: cannot listen on ${addr}: ${why}`);
  }
  if (!isLoopback(host)) {
    otelDiag.warn(`teleport-otel: diag endpoint bound to non-loopback ${addr} without TLS or auth; anyone who can reach it can read your metrics`);
  }
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    ...provider,
    url: `http://${urlHost}:${address.port}`,
    address,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await provider.shutdown();
    },
  };
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
