import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { kube } from '@teleport-otel/catalog';
import { createKubeMetrics, kubeServerTracker, startKubeClientRequest, startKubeSession } from '@teleport-otel/kube';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import { expectGroupExposed } from '../../../test-support/exposition';
import { collectMetrics, expectGroupExported, histAt, sdkPipeline, sumAt } from '../../../test-support/sdk';
import { typeErrors } from '../../../test-support/typecheck';

/** An HTTP server on 127.0.0.1:0 whose requests are tracked as the Kubernetes server tracker does. */
async function trackedServer(m: ReturnType<typeof createKubeMetrics>): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (req.url === '/missing') {
      res.statusCode = 404;
      res.end('nope');
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.write('{"kind":');
    res.end('"PodList"}');
  });
  server.prependListener('request', kubeServerTracker(m, 'proxy:kube'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port };
}

function get(port: number, path: string, method = 'GET'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Kubernetes server tracking over a real HTTP server', () => {
  test('requests are counted by code and method, timed by method, sized, and leave in-flight at 0', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createKubeMetrics({ meterProvider, profile: 'latest' });
    const { server, port } = await trackedServer(m);
    try {
      expect(await get(port, '/api/v1/pods')).toBe(200);
      expect(await get(port, '/missing')).toBe(404);
      expect(await get(port, '/api/v1/pods', 'POST')).toBe(200);
    } finally {
      await new Promise((r) => server.close(r));
    }
    const got = await collectMetrics(reader);
    const c = 'proxy:kube';
    expect(sumAt(got.get(kube.serverApiRequestsTotal.name), { component: c, code: '200', method: 'get' })).toBe(1);
    expect(sumAt(got.get(kube.serverApiRequestsTotal.name), { component: c, code: '404', method: 'get' })).toBe(1);
    expect(sumAt(got.get(kube.serverApiRequestsTotal.name), { component: c, code: '200', method: 'post' })).toBe(1);
    expect(histAt(got.get(kube.serverRequestDurationSeconds.name), { component: c, method: 'get' })?.count).toBe(2);
    const size = histAt(got.get(kube.serverResponseSizeBytes.name), { component: c });
    expect(size).toMatchObject({ count: 3, sum: 2 * Buffer.byteLength('{"kind":"PodList"}') + 4 });
    expect(sumAt(got.get(kube.serverInFlightRequests.name), { component: c })).toBe(0);
  });

  test('sessions and client requests', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createKubeMetrics({ meterProvider, profile: 'latest' });
    const exec = startKubeSession(m, 'kube_service', 'exec');
    startKubeSession(m, 'kube_service', 'portforward');
    exec.end();
    exec.end();
    const r = startKubeClientRequest(m, 'kube_service', 'GET');
    r.gotConn();
    r.tlsHandshakeStart();
    r.tlsHandshakeDone();
    r.firstResponseByte();
    r.done(200);
    r.done(500);
    startKubeClientRequest(m, 'kube_service', 'PUT').done();
    const got = await collectMetrics(reader);
    const l = { component: 'kube_service' };
    expect(sumAt(got.get(kube.serverExecSessionsTotal.name), l)).toBe(1);
    expect(sumAt(got.get(kube.serverExecInFlightSessions.name), l)).toBe(0);
    expect(sumAt(got.get(kube.serverPortforwardInFlightSessions.name), l)).toBe(1);
    expect(sumAt(got.get(kube.clientRequestsTotal.name), { ...l, code: '200', method: 'get' })).toBe(1);
    expect(sumAt(got.get(kube.clientInFlightRequests.name), l)).toBe(0);
    expect(histAt(got.get(kube.clientTlsDurationSeconds.name), { ...l, event: 'tls_handshake_done' })?.count).toBe(1);
    expect(histAt(got.get(kube.clientRequestDurationSeconds.name), l)?.count).toBe(1);
  });
});

test('over @teleport-otel/diag every family is exposed with the catalog TYPE, HELP and buckets', async () => {
  const diag = createDiagMeterProvider({ profile: 'latest' });
  const m = createKubeMetrics({ meterProvider: diag.meterProvider });
  const { server, port } = await trackedServer(m);
  try {
    await get(port, '/api');
    startKubeSession(m, 'proxy:kube', 'exec').end();
    startKubeSession(m, 'proxy:kube', 'portforward').end();
    const r = startKubeClientRequest(m, 'proxy:kube', 'GET');
    r.gotConn();
    r.tlsHandshakeStart();
    r.firstResponseByte();
    r.done(200);
    expectGroupExposed(parseExposition(await diag.render()), kube, 'latest');
    const { meterProvider, reader } = sdkPipeline();
    const sdk = createKubeMetrics({ meterProvider, profile: 'latest' });
    startKubeSession(sdk, 'x', 'exec');
    startKubeSession(sdk, 'x', 'portforward');
    const c = startKubeClientRequest(sdk, 'x', 'GET');
    c.gotConn();
    c.tlsHandshakeStart();
    c.firstResponseByte();
    c.done(200);
    sdk.serverInFlightRequests.inc({ component: 'x' });
    sdk.serverApiRequestsTotal.inc({ component: 'x', code: '200', method: 'get' });
    sdk.serverRequestDurationSeconds.record(0.1, { component: 'x', method: 'get' });
    sdk.serverResponseSizeBytes.record(10, { component: 'x' });
    expectGroupExported(kube, await collectMetrics(reader), {}, 'latest');
  } finally {
    await new Promise((r) => server.close(r));
    await diag.shutdown();
  }
});

function misuse(): void {
  const m = createKubeMetrics();
  // @ts-expect-error event is a closed set
  m.clientTlsDurationSeconds.record(1, { component: 'c', event: 'handshake' });
  // @ts-expect-error server_request_duration_seconds has no code label
  m.serverRequestDurationSeconds.record(1, { component: 'c', method: 'get', code: '200' });
}
void misuse;

test('label mistakes are compile errors', () => {
  expect(typeErrors([__filename])).toEqual([]);
}, 60_000);
