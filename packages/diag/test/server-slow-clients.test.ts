/**
 * The diag server against slow clients, over real loopback sockets: slowloris and silent
 * connections cut off at headersTimeoutMs, a scraper that stops reading cut at scrapeTimeoutMs,
 * one that disconnects mid-body releasing its slot at once.
 *
 * Not in the mutation set (jest.mutate.config.ts): each test takes seconds (an 8 MB body to
 * overflow the socket buffers, a 3 s deadline), and the mutants they reach in the scrape route
 * are killed by metrics-route.test.ts's small, fast cases.
 */
import { connect } from 'node:net';
import { parseExposition } from '@teleport-otel/diag';
import { bulkEntry, closeStarted, fill, inFlightNow, raw, scrapeCounts, send, start, until } from './server-harness';

afterEach(async () => {
  await closeStarted();
});

describe('slow clients', () => {
  it('a client that sends headers slowly (slowloris) is cut off at headersTimeoutMs, and others are served meanwhile', async () => {
    const d = await start({ headersTimeoutMs: 500, requestTimeoutMs: 1_000 });
    const lines = ['GET /metrics HTTP/1.1\r\n', ...Array.from({ length: 40 }, (_, i) => `X-${i}: slow\r\n`)];
    const slow = raw(d, lines, { gapMs: 100, idleMs: 10_000 });
    expect((await send(d, '/metrics')).status).toBe(200);
    const r = await slow;
    expect(r.closedByServer).toBe(true);
    expect(r.ms).toBeLessThan(2_500); // 40 lines would take 4 s
    expect(r.text).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a connection that sends nothing is closed at headersTimeoutMs', async () => {
    const d = await start({ headersTimeoutMs: 400, requestTimeoutMs: 800 });
    const r = await raw(d, [''], { idleMs: 10_000 });
    expect(r.closedByServer).toBe(true);
    expect(r.ms).toBeLessThan(2_000);
  });

  it('a scraper that stops reading is cut at scrapeTimeoutMs and releases its slot', async () => {
    // The body is rendered whole before its first byte goes out: on a loaded machine that can take
    // a good part of a second, so the deadline leaves room for the next request to meet the stall.
    const d = await start({ maxConcurrentScrapes: 1, scrapeTimeoutMs: 3_000, maxSeries: 100_000 });
    fill(d, 8_000, 1_000); // ~8 MB: more than the socket buffers hold
    const stalled = connect(d.address.port, d.address.address);
    stalled.once('data', () => stalled.pause()); // reads the first chunk, then nothing
    stalled.on('error', () => {});
    stalled.write('GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(() => stalled.bytesRead > 0);
    const t = Date.now();
    expect((await send(d, '/metrics')).status).toBe(503); // the stalled scrape holds the only slot
    let r = await send(d, '/metrics');
    while (r.status === 503 && Date.now() - t < 10_000) r = await send(d, '/metrics');
    expect(r.status).toBe(200);
    expect(Date.now() - t).toBeLessThan(8_000);
    expect(parseExposition(r.body).get(bulkEntry.name)!.samples).toHaveLength(8_000);
    stalled.destroy();
  }, 60_000);

  it('a scraper that disconnects mid-body releases its slot at once', async () => {
    const d = await start({ maxConcurrentScrapes: 1, scrapeTimeoutMs: 0, maxSeries: 100_000 });
    fill(d, 8_000, 1_000);
    const quitter = connect(d.address.port, d.address.address);
    quitter.on('error', () => {});
    const started = new Promise((r) => quitter.once('data', r));
    quitter.write('GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n');
    await started; // mid-body now: the headers and a first chunk are out
    quitter.destroy();
    await until(() => inFlightNow(d) === 0);
    // The client left: counted under the status already sent (200), not as a server error. The
    // count is taken in the same step that frees the in-flight slot, so it is settled here.
    const CUT = 1;
    expect(await scrapeCounts(d)).toEqual({ '200': CUT, '500': 0, '503': 0 });
    expect((await send(d, '/metrics')).status).toBe(200);
    await until(() => inFlightNow(d) === 0); // a complete scrape is counted after its last byte is out
    expect(await scrapeCounts(d)).toEqual({ '200': CUT + 1, '500': 0, '503': 0 });
  });
});
