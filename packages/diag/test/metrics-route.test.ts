/**
 * The /metrics route's own decisions, each in a short test over real loopback HTTP (listed in
 * jest.mutate.config.ts so mutation testing of metrics-route.ts and respond.ts does not depend on
 * server.test.ts's long ones): access refusal, the concurrency cap (default, 0 = unlimited, the
 * 503 answer with Go's headers), the scrape deadline (collection included, a stalled scraper cut),
 * scrapers that leave during collection or mid-body, and a scrape's slot and render Buffers
 * released once its response is handed to the socket, on a keep-alive connection too.
 */
import { connect, type Socket } from 'node:net';
import { promhttp } from '@teleport-otel/catalog';
import { MAX_LABEL_VALUE_LENGTH } from '@teleport-otel/core';
import { METRICS_CONTENT_TYPE } from '@teleport-otel/diag';
import { takeSlab } from '../src/exposition/slab-pool';
import { DEFAULT_MAX_CONCURRENT_SCRAPES } from '../src/server/metrics-route';
import { closeStarted, collectionGate, fill, inFlightNow, scrapeCounts, send, start, until } from './server-harness';

afterEach(closeStarted);

/** Go's net/http Error headers, which every short text answer of the route carries. */
const GO_PLAIN = { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' };

/** Rejects when `p` takes longer than `ms`: a mutant that hangs a scrape fails fast, not at Jest's timeout. */
function within<T>(p: Promise<T>, ms = 5_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not settled within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * `p`, marked handled: a request held open while the test checks something else must not become an
 * unhandled rejection (which ends the whole Jest process) if that check fails and afterEach closes
 * the server under it.
 */
function held<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * ~6 MB of exposition in 1,500 long series (few series render fast): more than the loopback
 * socket buffers take from a reader that stopped (~4 MB here), so the response stays mid-body.
 * Rendered once here, so the scrape's own render is a warm one.
 */
async function fillPastSocketBuffers(d: Awaited<ReturnType<typeof start>>): Promise<void> {
  fill(d, 1_500, MAX_LABEL_VALUE_LENGTH - 8);
  await d.render();
}

/** An observable gauge whose first collection never settles (until `free`), later ones at once. */
function hangOnce(d: Awaited<ReturnType<typeof start>>) {
  let free!: () => void;
  const freed = new Promise<void>((r) => (free = r));
  let calls = 0;
  d.meterProvider
    .getMeter('test')
    .createObservableGauge('test_hang_once')
    .addCallback(async (result) => {
      if (calls++ === 0) await freed;
      result.observe(1);
    });
  return { free: () => free(), calls: () => calls };
}

/** A raw HTTP/1.1 keep-alive request; resolves with the whole response once Content-Length bytes are in. */
function keepAliveScrape(port: number): Promise<{ socket: Socket; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let got = Buffer.alloc(0);
    socket.on('error', reject);
    socket.on('data', (b: Buffer) => {
      got = Buffer.concat([got, b]);
      const end = got.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = got.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1]);
      if (got.length - end - 4 >= length) resolve({ socket, head, body: got.subarray(end + 4).toString('utf8') });
    });
    socket.write('GET /metrics HTTP/1.1\r\nHost: x\r\nAccept-Encoding: identity\r\n\r\n');
  });
}

describe('access and the concurrency cap', () => {
  it('a scrape without the configured credential is refused 401 and not counted; with it, served', async () => {
    const d = await start({ bearerToken: 'route-test-token' });
    const refused = await send(d, '/metrics');
    expect(refused.status).toBe(401);
    expect(refused.body).toBe('unauthorized\n');
    const ok = await send(d, '/metrics', { headers: { authorization: 'Bearer route-test-token' } });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe(METRICS_CONTENT_TYPE);
    await until(() => inFlightNow(d) === 0);
    expect(await scrapeCounts(d)).toEqual({ '200': 1, '500': 0, '503': 0 });
  });

  it('past maxConcurrentScrapes: 503 with Go plain-text headers and body, counted; the held scrape is served', async () => {
    const d = await start({ maxConcurrentScrapes: 1 });
    const gate = collectionGate(d);
    const first = held(send(d, '/metrics'));
    await within(until(() => gate.entered === 1 && inFlightNow(d) === 1, 2_000));
    const refused = await send(d, '/metrics');
    expect(refused.status).toBe(503);
    expect(refused.headers).toMatchObject(GO_PLAIN);
    expect(refused.body).toBe('too many concurrent scrapes\n');
    gate.release();
    expect((await within(first)).status).toBe(200);
    await until(() => inFlightNow(d) === 0);
    expect(await scrapeCounts(d)).toEqual({ '200': 1, '500': 0, '503': 1 });
  });

  it('maxConcurrentScrapes: 0 admits any number of concurrent scrapes', async () => {
    const d = await start({ maxConcurrentScrapes: 0 });
    const gate = collectionGate(d);
    const scrapes = Array.from({ length: 3 }, () => held(send(d, '/metrics')));
    await within(until(() => gate.entered === 1 && inFlightNow(d) === 3, 2_000));
    gate.release();
    expect((await within(Promise.all(scrapes))).map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it(`without maxConcurrentScrapes the cap is ${DEFAULT_MAX_CONCURRENT_SCRAPES}`, async () => {
    const d = await start();
    const gate = collectionGate(d);
    const scrapes = Array.from({ length: DEFAULT_MAX_CONCURRENT_SCRAPES }, () => held(send(d, '/metrics')));
    await within(until(() => inFlightNow(d) === DEFAULT_MAX_CONCURRENT_SCRAPES, 2_500));
    expect((await send(d, '/metrics')).status).toBe(503);
    gate.release();
    const statuses = (await within(Promise.all(scrapes))).map((r) => r.status);
    expect(statuses).toEqual(statuses.map(() => 200));
  });
});

describe('the scrape deadline', () => {
  it('a collection that never settles is answered 500 at scrapeTimeoutMs; the slot and the render are given up', async () => {
    const d = await start({ maxConcurrentScrapes: 1, scrapeTimeoutMs: 200 });
    const hang = hangOnce(d);
    const t = Date.now();
    const first = await within(send(d, '/metrics'));
    expect(Date.now() - t).toBeLessThan(2_500);
    expect(first.status).toBe(500);
    expect(first.headers).toMatchObject(GO_PLAIN);
    expect(first.body).toBe(
      'An error has occurred while serving metrics:\n\nmetric collection and rendering did not complete within 200 ms\n'
    );
    // The collection itself was given the deadline too, so the hung one is abandoned: the next
    // scrape collects afresh (joining the hung render would answer 500 again).
    await sleep(100);
    const second = await within(send(d, '/metrics'));
    expect(second.status).toBe(200);
    expect(hang.calls()).toBe(2);
    hang.free();
    expect(await scrapeCounts(d)).toEqual({ '200': 1, '500': 1, '503': 0 });
  });

  it('a scraper that stops reading mid-body has its connection cut at scrapeTimeoutMs, counted under 200', async () => {
    const d = await start({ maxSeries: 10_000, scrapeTimeoutMs: 1_500, maxConcurrentScrapes: 1 });
    await fillPastSocketBuffers(d);
    const stalled = connect(d.address.port, '127.0.0.1');
    const got: Buffer[] = [];
    stalled.on('error', () => {});
    const firstBytes = new Promise<void>((resolve) =>
      stalled.once('data', (b: Buffer) => {
        stalled.pause();
        got.push(b);
        resolve();
      })
    );
    try {
      stalled.write('GET /metrics HTTP/1.1\r\nHost: x\r\nAccept-Encoding: identity\r\n\r\n');
      await within(firstBytes, 10_000);
      await within(
        until(() => inFlightNow(d) === 0, 10_000),
        10_000
      ); // the deadline freed the slot
      const head = got[0]!.subarray(0, got[0]!.indexOf('\r\n\r\n') + 4);
      const length = head.length + Number(/\r\ncontent-length: (\d+)/i.exec(head.toString('latin1'))![1]);
      let received = got[0]!.length;
      // Read on: the server cut the connection (close), or, were it left open, the whole body arrives.
      const ended = new Promise<boolean>((resolve) => {
        stalled.on('data', (b: Buffer) => {
          received += b.length;
          if (received >= length) resolve(false);
        });
        stalled.once('close', () => resolve(true));
      });
      stalled.resume();
      expect(await within(ended, 10_000)).toBe(true);
      expect(received).toBeLessThan(length);
      expect(await scrapeCounts(d, { familyOnly: true })).toEqual({ '200': 1, '500': 0, '503': 0 });
    } finally {
      stalled.destroy();
    }
  });
});

describe('scrapers that leave, and what a finished scrape releases', () => {
  it('a scraper that leaves during collection frees its slot and is counted under 200, not as a server error', async () => {
    const d = await start({ maxConcurrentScrapes: 1, scrapeTimeoutMs: 0 });
    const gate = collectionGate(d);
    const quitter = connect(d.address.port, '127.0.0.1');
    quitter.on('error', () => {});
    quitter.write('GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n');
    await within(until(() => gate.entered === 1 && inFlightNow(d) === 1, 2_000));
    const gone = new Promise((resolve) => quitter.once('close', resolve));
    quitter.destroy();
    await gone;
    await sleep(100); // the server sees the close
    gate.release();
    await within(until(() => inFlightNow(d) === 0, 2_000));
    expect(await scrapeCounts(d)).toEqual({ '200': 1, '500': 0, '503': 0 });
    expect((await within(send(d, '/metrics'))).status).toBe(200);
  });

  it('a scraper that disconnects mid-body frees its slot at once (no deadline), counted under 200', async () => {
    const d = await start({ maxSeries: 10_000, scrapeTimeoutMs: 0, maxConcurrentScrapes: 1 });
    await fillPastSocketBuffers(d);
    const quitter = connect(d.address.port, '127.0.0.1');
    quitter.on('error', () => {});
    const firstBytes = new Promise((resolve) => quitter.once('data', resolve));
    quitter.write('GET /metrics HTTP/1.1\r\nHost: x\r\nAccept-Encoding: identity\r\n\r\n');
    await within(firstBytes, 10_000); // mid-body: the headers and a first chunk are out
    quitter.destroy();
    await within(until(() => inFlightNow(d) === 0));
    expect(await scrapeCounts(d, { familyOnly: true })).toEqual({ '200': 1, '500': 0, '503': 0 });
  });

  it('HEAD: the headers of the GET answer (Content-Length of its body), no body, the slot freed at once', async () => {
    const d = await start({ maxConcurrentScrapes: 1, scrapeTimeoutMs: 0 });
    const head = await within(send(d, '/metrics', { method: 'HEAD', headers: { 'accept-encoding': 'identity' } }));
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-type']).toBe(METRICS_CONTENT_TYPE);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    await within(until(() => inFlightNow(d) === 0));
    expect(await scrapeCounts(d)).toEqual({ '200': 1, '500': 0, '503': 0 });
  });

  it('a keep-alive scrape frees its slot once the response is out, with the connection still open', async () => {
    const d = await start({ maxConcurrentScrapes: 1, scrapeTimeoutMs: 0 });
    const { socket, head, body } = await within(held(keepAliveScrape(d.address.port)));
    try {
      expect(head).toMatch(/^HTTP\/1\.1 200 /);
      expect(body).toContain(promhttp.requestsTotal.name);
      await within(until(() => inFlightNow(d) === 0, 2_000));
      expect(socket.destroyed).toBe(false);
      expect((await within(send(d, '/metrics'))).status).toBe(200); // not 503: the slot is free
    } finally {
      socket.destroy();
    }
  });

  it("a written-out response gives its render's Buffers back: the next slab handed out holds its bytes", async () => {
    const d = await start({ scrapeTimeoutMs: 0 });
    const r = await within(send(d, '/metrics', { headers: { 'accept-encoding': 'identity' } }));
    expect(r.status).toBe(200);
    await within(until(() => inFlightNow(d) === 0, 2_000));
    await sleep(20); // the render's own hold ends after the turn it finished in
    const slab = takeSlab();
    expect(slab.subarray(0, Buffer.byteLength(r.body)).toString('utf8')).toBe(r.body);
  });
});
