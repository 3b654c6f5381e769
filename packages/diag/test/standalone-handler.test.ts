/**
 * createDiagHandler used on its own, mounted in the application's own plain http.createServer
 * (no startDiag), and startDiag on an IPv6 loopback address: both over real loopback sockets.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promhttp } from '@teleport-otel/catalog';
import { createDiagHandler, createDiagMeterProvider, parseExposition, startDiag } from '@teleport-otel/diag';

describe('createDiagHandler in a plain http.createServer', () => {
  const provider = createDiagMeterProvider();
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer(createDiagHandler(provider));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    // A response that never ends must fail its own test, not hang this hook.
    await new Promise((resolve) => (server.close(resolve), server.closeAllConnections()));
    await provider.shutdown();
  });

  it('serves /metrics in the text format, counting its own scrapes', async () => {
    const first = await fetch(`${base}/metrics`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    await first.text();
    const families = parseExposition(await (await fetch(`${base}/metrics`)).text());
    const ok = families.get(promhttp.requestsTotal.name)!.samples.find((s) => s.labels.code === '200')!;
    expect(ok.value).toBe(1);
  });

  it("answers /healthz, /readyz, other paths and methods as Teleport's diag server does", async () => {
    const health = await fetch(`${base}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, '{"status":"ok"}']);
    const ready = await fetch(`${base}/readyz`);
    expect([ready.status, await ready.text()]).toEqual([
      400,
      '{"status":"teleport is starting and hasn\'t joined the cluster yet"}',
    ]);
    const other = await fetch(`${base}/`);
    expect([other.status, await other.text()]).toEqual([404, '404 page not found\n']);
    const post = await fetch(`${base}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
    await post.text();
  });
});

describe('IPv6', () => {
  it('startDiag on [::1]:0 listens on ::1 and gives a bracketed URL that serves /metrics and /healthz', async () => {
    const d = await startDiag({ addr: '[::1]:0' });
    try {
      expect(d.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      expect(d.address).toMatchObject({ address: '::1', family: 'IPv6' });
      const health = await fetch(`${d.url}/healthz`);
      expect([health.status, await health.text()]).toEqual([200, '{"status":"ok"}']);
      const metrics = await fetch(`${d.url}/metrics`);
      expect(metrics.status).toBe(200);
      expect(parseExposition(await metrics.text()).get(promhttp.requestsTotal.name)).toBeDefined();
    } finally {
      await d.close();
    }
  });
});
