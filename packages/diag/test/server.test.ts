/**
 * The diag server against hostile and broken clients, over real loopback sockets: exact routing,
 * request smuggling and oversized headers rejected by Node's parser, the concurrent-scrape cap,
 * failed and hung collections answered 500 and counted, and a close() that finishes in-flight
 * scrapes. Slow clients (slowloris, scrapers that stop reading or go away mid-body) are in
 * server-slow-clients.test.ts.
 */
import { Agent, get } from 'node:http';
import { connect } from 'node:net';
import { catalog, self } from '@teleport-otel/catalog';
import { createInstruments, type Observed } from '@teleport-otel/core';
import { METRICS_CONTENT_TYPE, parseExposition, startDiag } from '@teleport-otel/diag';
import {
  bulkEntry,
  closeStarted,
  collectionGate,
  fill,
  inFlight,
  inFlightNow,
  raw,
  rejectedCounts,
  scrapeCounts,
  send,
  start,
  until,
} from './server-harness';

afterEach(async () => {
  await closeStarted();
});

describe('routing', () => {
  it.each([
    ['/metrics', 200],
    ['/metrics?x=y', 200],
    ['/metrics?', 200],
    ['/healthz', 200],
    ['/healthz?probe=1', 200],
    ['/readyz', 400], // starting: no component has reported yet
    ['/metrics/../x', 404],
    ['/healthz/../metrics', 404],
    ['//metrics', 404],
    ['/metrics/', 404],
    ['/metrics%2f', 404],
    ['/%6detrics', 404],
    ['/METRICS', 404],
    ['/metrics;x', 404],
    ['/', 404],
    ['/debug/pprof/', 404],
    ['http://127.0.0.1/metrics', 404], // absolute-form target: no proxying, no surprise
  ])('%s -> %i', async (path, status) => {
    const d = await start();
    const r = await send(d, path);
    expect(r.status).toBe(status);
    if (path.startsWith('/metrics') && status === 200) expect(r.headers['content-type']).toBe(METRICS_CONTENT_TYPE);
    if (status === 404) expect(r.body).toBe('404 page not found\n');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND'])('%s -> 405 with Allow', async (method) => {
    const d = await start();
    const r = await send(d, '/metrics', { method });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD');
  });

  it('HEAD /metrics answers 200 without a body', async () => {
    const d = await start();
    const r = await send(d, '/metrics', { method: 'HEAD' });
    expect([r.status, r.body]).toEqual([200, '']);
  });

  it('CONNECT is never tunnelled: the connection is closed', async () => {
    const d = await start();
    const r = await raw(d, ['CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n']);
    expect(r.closedByServer).toBe(true);
    expect(r.text).not.toMatch(/^HTTP\/1\.1 2/);
  });
});

describe("Node's parser rejects malformed and smuggling-prone requests", () => {
  it('headers larger than maxHeaderSize (16 KiB) -> 431', async () => {
    const d = await start();
    const r = await raw(d, [`GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`]);
    expect(r.text).toMatch(/^HTTP\/1\.1 431 /);
    expect(r.closedByServer).toBe(true);
  });

  it.each([
    [
      'Content-Length with Transfer-Encoding',
      'GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
    ['two different Content-Lengths', 'GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab'],
    [
      'an obfuscated Transfer-Encoding',
      'GET /metrics HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n',
    ],
    ['whitespace before the header colon', 'GET /metrics HTTP/1.1\r\nHost : x\r\n\r\n'],
    ['a bare LF line ending inside headers', 'GET /metrics HTTP/1.1\r\nHost: x\nX-A: b\r\n\r\n'],
  ])('%s -> 400 and close', async (_, request) => {
    const d = await start();
    const r = await raw(d, [request]);
    expect(r.text).toMatch(/^HTTP\/1\.1 400 /);
    expect(r.closedByServer).toBe(true);
    expect(await scrapeCounts(d)).toMatchObject({ '200': 0 });
  });
});

describe('scrape cap, failures and hung collections', () => {
  it('answers 503 past maxConcurrentScrapes and counts it', async () => {
    const d = await start({ maxConcurrentScrapes: 2 });
    const gate = collectionGate(d);
    const held = [send(d, '/metrics'), send(d, '/metrics')];
    // Both wait on one shared collection (concurrent scrapes share a render).
    await until(() => gate.entered === 1 && inFlightNow(d) === 2);
    const refused = await send(d, '/metrics');
    expect(refused.status).toBe(503);
    gate.release();
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
    expect(await scrapeCounts(d)).toEqual({ '200': 2, '500': 0, '503': 1 });
    expect(await inFlight(d)).toBe(0);
  });

  it('a collection that fails is answered 500 and counted; the next scrape is served', async () => {
    const d = await start();
    let failures = 1;
    d.meterProvider
      .getMeter('test')
      .createObservableGauge('test_failing_callback')
      .addCallback((r) => {
        if (failures-- > 0) throw new Error('callback failed');
        r.observe(1);
      });
    const failed = await send(d, '/metrics');
    expect(failed.status).toBe(500);
    expect(failed.body).toMatch(/^An error has occurred while serving metrics:/);
    expect((await send(d, '/metrics')).status).toBe(200);
    expect(await scrapeCounts(d)).toMatchObject({ '200': 1, '500': 1 });
  });

  it('a throwing callback of a catalog instrument is counted in the self-metric, not a failed scrape', async () => {
    const d = await start();
    const entry = catalog.find(
      (e) => e.observed === true && e.instrument === 'gauge' && e.labels.length === 0 && !e.constLabels
    )!;
    const { o } = createInstruments({ o: entry }, { meterProvider: d.meterProvider });
    (o as Observed).addCallback(() => {
      throw new Error('user callback bug');
    });
    const r = await send(d, '/metrics');
    expect(r.status).toBe(200);
    const dropped = parseExposition(r.body).get(self.droppedMeasurements.name)!.samples;
    expect(dropped).toContainEqual(
      expect.objectContaining({ labels: { metric: entry.name, reason: 'callback_error' }, value: 1 })
    );
  });

  it('a collection that never finishes is answered 500 at scrapeTimeoutMs and does not keep the slot', async () => {
    const d = await start({ maxConcurrentScrapes: 1, scrapeTimeoutMs: 300 });
    const gate = collectionGate(d);
    const first = await send(d, '/metrics');
    expect(first.status).toBe(500);
    expect(first.body).toMatch(/did not complete within 300 ms/);
    const second = await send(d, '/metrics'); // would be 503 if the first still held the slot
    expect(second.status).toBe(500);
    gate.release();
    expect(await scrapeCounts(d)).toMatchObject({ '500': 2, '503': 0 });
  });
});

describe('connections and close()', () => {
  it('past maxConnections, the oldest connection without a request is closed to admit a new one, and counted', async () => {
    const d = await start({ maxConnections: 2 });
    const held = [connect(d.address.port, d.address.address), connect(d.address.port, d.address.address)];
    const closed = held.map((s) => new Promise<boolean>((r) => s.on('close', () => r(true))));
    for (const s of held) s.on('error', () => {});
    await new Promise((r) => setTimeout(r, 100));
    // `Connection: close` ends the exchange at the reply instead of at raw()'s 1 s idle wait.
    const r = await raw(d, ['GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
    expect(r.text).toMatch(/^HTTP\/1\.1 200 /);
    expect(r.closedByServer).toBe(true);
    expect(await closed[0]).toBe(true); // the oldest one
    expect(held[1]!.destroyed).toBe(false);
    expect(await rejectedCounts(d)).toEqual({ evicted: 1, refused: 0, pipelined: 0 });
    held.forEach((s) => s.destroy());
  });

  it('refuses a new connection when every connection has a request in progress', async () => {
    const d = await start({ maxConnections: 2 });
    const gate = collectionGate(d);
    const held = [send(d, '/metrics'), send(d, '/metrics')];
    await until(() => inFlightNow(d) === 2);
    const r = await raw(d, ['GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n']);
    expect(r.closedByServer).toBe(true);
    expect(r.text).toBe('');
    gate.release();
    expect((await Promise.all(held)).map((x) => x.status)).toEqual([200, 200]);
    expect(await rejectedCounts(d)).toMatchObject({ evicted: 0, refused: 1 });
  });

  it('a connection pipelining past the limit in one write is closed once, and leaves no scrape running', async () => {
    // No scrape deadline: a scrape started for a request Node parsed after the close would hold its slot for ever.
    const d = await start({ scrapeTimeoutMs: 0 });
    // 300 requests in one write, past the 128 a connection may have waiting (docs/security.md).
    const r = await raw(d, ['GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(300)]);
    expect(r.closedByServer).toBe(true);
    await until(() => inFlightNow(d) === 0, 2_000);
    expect(await rejectedCounts(d)).toEqual({ evicted: 0, refused: 0, pipelined: 1 });
  });

  it('close() lets an in-flight scrape finish with its full body, and refuses new connections', async () => {
    // 5,000 series of 200-byte labels: a body of ~1.2 MB, written in many slabs after close() began.
    const d = await startDiag({ addr: '127.0.0.1:0', maxSeries: 100_000 });
    fill(d, 5_000);
    const gate = collectionGate(d);
    const scrape = send(d, '/metrics');
    await until(() => gate.entered === 1);
    const closing = d.close();
    await new Promise((r) => setTimeout(r, 50));
    const refused = await new Promise<string>((r) => {
      const s = connect(d.address.port, d.address.address);
      s.on('error', (e: NodeJS.ErrnoException) => r(e.code ?? 'error'));
      s.on('connect', () => r('connected'));
    });
    expect(refused).toBe('ECONNREFUSED');
    gate.release();
    const r = await scrape;
    expect(r.status).toBe(200);
    expect(r.body.endsWith('\n')).toBe(true);
    expect(parseExposition(r.body).get(bulkEntry.name)!.samples).toHaveLength(5_000);
    await closing;
  });

  it('close() does not wait for idle keep-alive connections, and cuts stuck ones after closeTimeoutMs', async () => {
    const d = await startDiag({ addr: '127.0.0.1:0', closeTimeoutMs: 300, scrapeTimeoutMs: 0 });
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve) =>
      get({ host: d.address.address, port: d.address.port, path: '/healthz', agent }, (res) => res.resume().on('end', resolve))
    );
    const gate = collectionGate(d);
    const stuck = send(d, '/metrics').catch((e: Error) => e.message);
    await until(() => gate.entered === 1);
    const t = Date.now();
    await d.close();
    expect(Date.now() - t).toBeLessThan(2_000);
    expect(await stuck).toMatch(/socket hang up|ECONNRESET/);
    gate.release();
    agent.destroy();
  });
});
