import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer } from 'node:tls';
import { ingress } from '@teleport-otel/catalog';
import { createIngressMetrics, ingressPathFor, ingressReporter } from '@teleport-otel/proxy';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import { makeCertificate } from '../../../test-support/certificates';
import { expectGroupExposed } from '../../../test-support/exposition';
import { collectMetrics, expectGroupExported, sdkPipeline, sleep, sumAt } from '../../../test-support/sdk';
import { requireTool } from '../../../test-support/tools';

describe("ingress path, as Teleport's ingress Reporter decides it", () => {
  test.each([
    ['', '10.0.0.1', 3080, 'direct'],
    ['10.0.0.1:443', '10.0.0.1', 443, 'alpn'],
    ['10.0.0.1:443', '10.0.0.1', 3080, 'direct'],
    ['10.0.0.1:443', '10.0.0.2', 443, 'direct'],
    ['0.0.0.0:443', '10.0.0.9', 443, 'alpn'],
    ['0.0.0.0:443', '10.0.0.9', 3023, 'direct'],
    ['[::]:443', '::1', 443, 'alpn'],
    ['[::1]:443', '::1', 443, 'alpn'],
    ['127.0.0.1:443', '::ffff:127.0.0.1', 443, 'alpn'],
  ])('alpn %j, local %s:%d -> %s', (alpn, address, port, want) => {
    expect(ingressPathFor(alpn, { localAddress: address, localPort: port })).toBe(want);
  });

  test('an unreadable local end is unknown behind an unspecified ALPN address, direct otherwise', () => {
    expect(ingressPathFor('0.0.0.0:443', {})).toBe('unknown');
    expect(ingressPathFor('10.0.0.1:443', {})).toBe('direct');
  });
});

describe('TLS listener tracking over real handshakes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teleport-otel-ingress-'));
  const pem = (n: string) => join(dir, n);
  const haveOpenssl = !requireTool('openssl').skip;
  if (haveOpenssl) {
    makeCertificate(dir, 'ca');
    for (const n of ['server', 'client']) makeCertificate(dir, n, { ca: 'ca', san: 'IP:127.0.0.1' });
  }
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const read = (n: string) => readFileSync(pem(n));

  (haveOpenssl ? test : test.skip)(
    'each connection is accepted; one with a client certificate is also authenticated; closing ends both',
    async () => {
      const { meterProvider, reader } = sdkPipeline();
      const m = createIngressMetrics({ meterProvider, profile: 'latest' });
      const server = createServer({
        key: read('server.key'),
        cert: read('server.pem'),
        ca: [read('ca.pem')],
        requestCert: true,
        rejectUnauthorized: false,
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const port = (server.address() as AddressInfo).port;
      ingressReporter(m, `127.0.0.1:${port}`).trackTlsServer(server, 'web');
      server.on('secureConnection', (s) => s.on('data', () => undefined));
      const dial = (withCert: boolean) =>
        new Promise<ReturnType<typeof connect>>((resolve, reject) => {
          const s = connect(
            {
              host: '127.0.0.1',
              port,
              ca: [read('ca.pem')],
              ...(withCert ? { cert: read('client.pem'), key: read('client.key') } : {}),
            },
            () => resolve(s)
          );
          s.on('error', reject);
        });
      const a = await dial(false);
      const b = await dial(true);
      const labels = { ingress_path: 'alpn', ingress_service: 'web' };
      const deadline = Date.now() + 10_000;
      let got = await collectMetrics(reader);
      while (sumAt(got.get(ingress.activeConnections.name), labels) !== 2 && Date.now() < deadline) {
        await sleep(20);
        got = await collectMetrics(reader);
      }
      expect(sumAt(got.get(ingress.acceptedConnections.name), labels)).toBe(2);
      expect(sumAt(got.get(ingress.activeConnections.name), labels)).toBe(2);
      expect(sumAt(got.get(ingress.authenticatedAcceptedConnections.name), labels)).toBe(1);
      expect(sumAt(got.get(ingress.authenticatedActiveConnections.name), labels)).toBe(1);
      a.destroy();
      b.destroy();
      while (
        (sumAt(got.get(ingress.activeConnections.name), labels) !== 0 ||
          sumAt(got.get(ingress.authenticatedActiveConnections.name), labels) !== 0) &&
        Date.now() < deadline
      ) {
        await sleep(20);
        got = await collectMetrics(reader);
      }
      expect(sumAt(got.get(ingress.activeConnections.name), labels)).toBe(0);
      expect(sumAt(got.get(ingress.authenticatedActiveConnections.name), labels)).toBe(0);
      expectGroupExported(ingress, got, {}, 'latest');
      await new Promise((r) => server.close(r));
    }
  );
});

test('over @teleport-otel/diag the families are exposed with an empty HELP, as Teleport registers them', async () => {
  const diag = createDiagMeterProvider({ profile: 'latest' });
  try {
    const r = ingressReporter(createIngressMetrics({ meterProvider: diag.meterProvider }));
    r.connectionAccepted('ssh', { localAddress: '127.0.0.1', localPort: 3023 });
    r.connectionAuthenticated('ssh', { localAddress: '127.0.0.1', localPort: 3023 }).closed();
    const text = await diag.render();
    expectGroupExposed(parseExposition(text), ingress, 'latest');
  } finally {
    await diag.shutdown();
  }
});
