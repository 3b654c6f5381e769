/**
 * Who may read /metrics: HTTPS, mutual TLS, bearer and basic auth (health probes stay open), the
 * exposure warning, and configuration errors that fail startDiag with one line naming the value.
 * Certificates are made with the openssl CLI into a temporary directory.
 */
import { diag as otelDiag, DiagLogLevel, metrics } from '@opentelemetry/api';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promhttp } from '@teleport-otel/catalog';
import { registryOf } from '@teleport-otel/core';
import type { Diag, DiagOptions } from '@teleport-otel/diag';
import { makeCertificate } from '../../../test-support/certificates';
import { requireTool } from '../../../test-support/tools';
import { closeStarted, raw, scrapeCounts, send, start, type Reply } from './server-harness';

const dir = mkdtempSync(join(tmpdir(), 'teleport-otel-tls-'));
const pem = (name: string) => join(dir, name);
const haveOpenssl = !requireTool('openssl').skip;

/** A CA, a server certificate for 127.0.0.1, a client certificate, and a client from another CA. */
function makeCertificates(): void {
  makeCertificate(dir, 'ca', { cn: 'test-ca' });
  makeCertificate(dir, 'other-ca');
  makeCertificate(dir, 'server', { ca: 'ca', san: 'IP:127.0.0.1' });
  makeCertificate(dir, 'client', { ca: 'ca' });
  makeCertificate(dir, 'intruder', { ca: 'other-ca' });
  writeFileSync(pem('not-pem.txt'), 'hello\n');
  mkdirSync(pem('a-directory'));
}

afterEach(async () => {
  await closeStarted();
  otelDiag.disable();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function httpsGet(d: Diag, path: string, tls: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { host: '127.0.0.1', port: d.address.port, path, ca: [readPem('ca.pem')], agent: false, ...tls },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      }
    );
    req.on('error', reject);
    req.end();
  });
}
const readPem = (name: string): Buffer => require('node:fs').readFileSync(pem(name)) as Buffer;
const client = () => ({ cert: readPem('client.pem'), key: readPem('client.key') });

const tlsDescribe = haveOpenssl ? describe : describe.skip;
tlsDescribe('TLS', () => {
  beforeAll(makeCertificates);

  it('serves HTTPS with the configured certificate and refuses plain HTTP on that port', async () => {
    const d = await start({ tls: { certFile: pem('server.pem'), keyFile: pem('server.key') } });
    expect(d.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const r = await httpsGet(d, '/metrics');
    expect(r.status).toBe(200);
    expect(r.body).toContain(`# TYPE ${promhttp.requestsTotal.name} counter`);
    const plain = await raw(d, ['GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n']);
    expect(plain.text).not.toContain(promhttp.requestsTotal.name);
    expect(plain.closedByServer).toBe(true);
  });

  it('mutual TLS: /metrics needs a client certificate from the client CA; health probes do not', async () => {
    const d = await start({ tls: { certFile: pem('server.pem'), keyFile: pem('server.key'), clientCaFile: pem('ca.pem') } });
    expect((await httpsGet(d, '/metrics', client())).status).toBe(200);
    const anonymous = await httpsGet(d, '/metrics');
    expect(anonymous.status).toBe(403);
    expect(anonymous.body).not.toContain(promhttp.requestsTotal.name);
    const intruder = await httpsGet(d, '/metrics', { cert: readPem('intruder.pem'), key: readPem('intruder.key') });
    expect(intruder.status).toBe(403);
    expect((await httpsGet(d, '/healthz')).status).toBe(200);
    expect((await httpsGet(d, '/readyz')).status).toBe(400);
    // Refusals happen before the promhttp handler, as with client_golang behind a TLS listener.
    expect(await scrapeCounts(d)).toMatchObject({ '200': 1 });
  });

  /** The handshake's outcome: the negotiated protocol, or the error code. */
  const handshake = (d: Diag, options: ConnectionOptions) =>
    new Promise<string>((resolve) => {
      const s = tlsConnect({ host: '127.0.0.1', port: d.address.port, rejectUnauthorized: false, ...options });
      s.once('secureConnect', () => {
        resolve(s.getProtocol() ?? 'none');
        s.destroy();
      });
      s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    });

  it('TLS 1.2 is the minimum: a TLS 1.1 client is refused by the server, a TLS 1.2 client is served', async () => {
    const d = await start({ tls: { certFile: pem('server.pem'), keyFile: pem('server.key') } });
    // SECLEVEL=0 lets this client offer TLS 1.1 at all, so a refusal is the server's (a protocol_version alert).
    const old = await handshake(d, { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' });
    expect(old).toBe('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION');
    expect(await handshake(d, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' })).toBe('TLSv1.2');
  });
});

describe('credentials on /metrics', () => {
  const token = 's3cr3t-token_value';
  it.each([
    [`Bearer ${token}`, 200],
    [`bearer ${token}`, 200],
    [`Bearer  ${token} `, 200],
    [`Bearer ${token}x`, 401],
    [`Bearer ${token.slice(0, -1)}`, 401],
    ['Bearer ', 401],
    [`Basic ${Buffer.from(`x:${token}`).toString('base64')}`, 401],
    [token, 401],
    [undefined, 401],
  ])('bearer token: Authorization %p -> %i', async (authorization, status) => {
    const d = await start({ bearerToken: token });
    const r = await send(d, '/metrics', { headers: authorization === undefined ? {} : { authorization } });
    expect(r.status).toBe(status);
    if (status === 401) {
      expect(r.headers['www-authenticate']).toBe('Bearer realm="teleport-otel metrics"');
      expect(r.body).not.toContain(promhttp.requestsTotal.name);
    }
    expect((await send(d, '/healthz')).status).toBe(200);
    expect((await send(d, '/readyz')).status).toBe(400);
  });

  it.each([
    ['prometheus', 'pa:ss word', 200],
    ['prometheus', 'wrong', 401],
    ['Prometheus', 'pa:ss word', 401],
  ])('basic auth: %s / %s -> %i', async (username, password, status) => {
    const d = await start({ basicAuth: { username: 'prometheus', password: 'pa:ss word' } });
    const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    const r = await send(d, '/metrics', { headers: { authorization } });
    expect(r.status).toBe(status);
    if (status === 401) expect(r.headers['www-authenticate']).toBe('Basic realm="teleport-otel metrics", charset="UTF-8"');
  });
});

describe('exposure warning', () => {
  function warnings(): string[] {
    const seen: string[] = [];
    otelDiag.setLogger(
      { warn: (m) => seen.push(m), error: (m) => seen.push(m), info() {}, debug() {}, verbose() {} },
      DiagLogLevel.WARN
    );
    return seen;
  }

  it('warns once, naming the address, when bound beyond loopback with no auth', async () => {
    const seen = warnings();
    await start({ addr: '0.0.0.0:0' });
    expect(seen.filter((w) => w.includes('0.0.0.0:0') && w.includes('anyone who can reach it'))).toHaveLength(1);
  });

  it('warns that credentials travel in clear text without TLS', async () => {
    const seen = warnings();
    await start({ addr: '0.0.0.0:0', bearerToken: 'x' });
    expect(seen.filter((w) => w.includes('clear text'))).toHaveLength(1);
    expect(seen.filter((w) => w.includes('anyone who can reach it'))).toHaveLength(0);
  });

  it('says nothing on loopback', async () => {
    const seen = warnings();
    await start();
    expect(seen.filter((w) => w.includes('diag endpoint'))).toEqual([]);
  });
});

describe('configuration errors fail fast with one line naming the value', () => {
  let busy: Server;
  let busyPort: number;
  beforeAll(async () => {
    if (haveOpenssl && !require('node:fs').existsSync(pem('ca.pem'))) makeCertificates();
    busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    busyPort = (busy.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((r) => busy.close(r)));

  const cases: [string, () => DiagOptions, RegExp][] = [
    ['malformed address', () => ({ addr: 'localhost' }), /invalid diag address "localhost"/],
    ['port out of range', () => ({ addr: '127.0.0.1:70000' }), /invalid diag address "127\.0\.0\.1:70000"/],
    [
      'address in use',
      () => ({ addr: `127.0.0.1:${busyPort}` }),
      /cannot listen on 127\.0\.0\.1:[1-9]\d*: address already in use/,
    ],
    [
      'address not on this host',
      () => ({ addr: '192.0.2.1:0' }),
      /cannot listen on 192\.0\.2\.1:0: address not available on this host/,
    ],
    [
      'token and basic auth both set',
      () => ({ bearerToken: 't', basicAuth: { username: 'u', password: 'p' } }),
      /bearerToken and basicAuth are both set/,
    ],
    ['empty token', () => ({ bearerToken: '' }), /bearerToken must be a non-empty string/],
    ['colon in basic-auth user', () => ({ basicAuth: { username: 'a:b', password: 'p' } }), /basicAuth\.username "a:b"/],
    ['negative scrape cap', () => ({ maxConcurrentScrapes: -1 }), /maxConcurrentScrapes must be an integer >= 0, got -1/],
    [
      'header timeout above request timeout',
      () => ({ headersTimeoutMs: 5_000, requestTimeoutMs: 1_000 }),
      /headersTimeoutMs \(5000\) must not exceed requestTimeoutMs \(1000\)/,
    ],
    [
      'client CA without a certificate',
      () => ({ tls: { clientCaFile: pem('ca.pem') } as never }),
      /tls\.clientCaFile ".*ca\.pem" is set without tls\.certFile/,
    ],
    [
      'certificate without a key',
      () => ({ tls: { certFile: pem('server.pem') } as never }),
      /tls\.keyFile is required with tls\.certFile ".*server\.pem"/,
    ],
    [
      'missing certificate file',
      () => ({ tls: { certFile: pem('nope.pem'), keyFile: pem('server.key') } }),
      /cannot read tls\.certFile ".*nope\.pem": no such file/,
    ],
    [
      'key path is a directory',
      () => ({ tls: { certFile: pem('server.pem'), keyFile: pem('a-directory') } }),
      /cannot read tls\.keyFile ".*a-directory": is a directory/,
    ],
    [
      'certificate is not PEM',
      () => ({ tls: { certFile: pem('not-pem.txt'), keyFile: pem('server.key') } }),
      /tls\.certFile ".*not-pem\.txt" is not a PEM file/,
    ],
    [
      'key does not match certificate',
      () => ({ tls: { certFile: pem('server.pem'), keyFile: pem('client.key') } }),
      /TLS certificate ".*server\.pem" and key ".*client\.key" are unusable/,
    ],
    [
      'unreadable client CA',
      () => ({ tls: { certFile: pem('server.pem'), keyFile: pem('server.key'), clientCaFile: pem('none.pem') } }),
      /cannot read tls\.clientCaFile ".*none\.pem"/,
    ],
  ];
  it.each(cases)('%s', async (_, options, message) => {
    const before = metrics.getMeterProvider();
    const err = await start({ global: true, ...options() }).then(
      () => new Error('started'),
      (e: Error) => e
    );
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/^teleport-otel: /);
    expect(err.message).not.toContain('\n');
    // Nothing was left behind: no global provider was installed by the failed start.
    expect(metrics.getMeterProvider()).toBe(before);
    expect(registryOf(metrics.getMeterProvider())).toBeUndefined();
  });
});
