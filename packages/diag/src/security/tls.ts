import { readFileSync } from 'node:fs';
import type { ServerOptions } from 'node:https';
import { createSecureContext } from 'node:tls';

/** PEM files for serving the diag endpoint over HTTPS (Teleport metrics_service's keypairs / ca_certs). */
export interface DiagTlsOptions {
  /** Server certificate chain (PEM). */
  certFile: string;
  /** Private key of the certificate (PEM). */
  keyFile: string;
  /**
   * CA bundle (PEM) that client certificates must chain to: mutual TLS for /metrics. /healthz and
   * /readyz stay reachable without a client certificate, so kubelet probes keep working.
   */
  clientCaFile?: string;
}

/**
 * Reads and checks the PEM files up front, so a wrong path, an unreadable file, a malformed PEM or
 * a key that does not match the certificate fails startDiag with a line naming the file, rather
 * than the first TLS handshake.
 */
export function loadTls(tls: DiagTlsOptions): ServerOptions {
  const cert = readPem('tls.certFile', tls.certFile);
  const key = readPem('tls.keyFile', tls.keyFile);
  const ca = tls.clientCaFile === undefined ? undefined : readPem('tls.clientCaFile', tls.clientCaFile);
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    throw new Error(
      `teleport-otel: TLS certificate ${JSON.stringify(tls.certFile)} and key ${JSON.stringify(
        tls.keyFile
      )} are unusable: ${reason(err)}`
    );
  }
  if (ca !== undefined) {
    try {
      createSecureContext({ ca });
    } catch (err) {
      throw new Error(`teleport-otel: TLS client CA ${JSON.stringify(tls.clientCaFile)} is unusable: ${reason(err)}`);
    }
  }
  return {
    cert,
    key,
    minVersion: 'TLSv1.2',
    // Ask for a client certificate but let the handshake finish without one; the /metrics route
    // then refuses any request whose certificate did not verify (see createMetricsGuard).
    ...(ca !== undefined ? { ca, requestCert: true, rejectUnauthorized: false } : {}),
  };
}

function readPem(option: string, path: string): Buffer {
  let pem: Buffer;
  try {
    pem = readFileSync(path);
  } catch (err) {
    throw new Error(`teleport-otel: cannot read ${option} ${JSON.stringify(path)}: ${reason(err)}`);
  }
  if (!pem.includes('-----BEGIN ')) throw new Error(`teleport-otel: ${option} ${JSON.stringify(path)} is not a PEM file`);
  return pem;
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.code === 'EISDIR') return 'is a directory';
  return (e.message ?? String(err)).split('\n')[0]!;
}
