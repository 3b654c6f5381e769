import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/*
 * Test certificates made by the openssl CLI (P-256 keys, valid one day) into a temporary
 * directory: `<dir>/<name>.pem` and `<dir>/<name>.key`.
 */

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1'];

export interface CertificateOptions {
  /** The name of a certificate already made in `dir` that signs this one; self-signed without. */
  readonly ca?: string;
  /** A subjectAltName, e.g. `IP:127.0.0.1`. */
  readonly san?: string;
  /** The subject CN; default `name`. */
  readonly cn?: string;
}

/** Makes `<dir>/<name>.pem` and `<dir>/<name>.key`; returns their paths. */
export function makeCertificate(dir: string, name: string, options: CertificateOptions = {}): { cert: string; key: string } {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}.key`);
  const signed = options.ca ? ['-CA', join(dir, `${options.ca}.pem`), '-CAkey', join(dir, `${options.ca}.key`)] : [];
  const san = options.san ? ['-addext', `subjectAltName=${options.san}`] : [];
  execFileSync(
    'openssl',
    ['req', '-x509', ...EC, '-keyout', key, '-out', cert, '-subj', `/CN=${options.cn ?? name}`, ...signed, ...san],
    { stdio: 'ignore' }
  );
  return { cert, key };
}
