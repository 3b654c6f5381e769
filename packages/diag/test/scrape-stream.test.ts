/**
 * Large scrapes over real loopback HTTP (issue 16): gzip streamed to zlib while the render goes on
 * (bodies over SYNC_GZIP_MAX_BYTES) and compressed in one call (smaller ones) both inflate to the
 * identity body byte for byte; gzip and identity scrapes joining one render early or late get the
 * same state; a scrape racing with new series is a consistent, sorted exposition. No timing is
 * asserted (speed is the benchmark's: bench/scrape-http.js).
 */
import { gunzipSync } from 'node:zlib';
import { createInstruments, type Gauge } from '@teleport-otel/core';
import { parseExposition } from '@teleport-otel/diag';
import { SYNC_GZIP_MAX_BYTES } from '../src/server/render-stream';
import { bulkEntry, closeStarted, collectionGate, fill, inFlightNow, sendBytes, start, until } from './server-harness';

afterAll(closeStarted);

const GZIP = { 'accept-encoding': 'gzip' };
const inflate = (r: { headers: Record<string, unknown>; body: Buffer }): Buffer =>
  r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body;

describe('gzip', () => {
  it.each([
    ['compressed in one call', 2_000],
    ['streamed to zlib as it is rendered', 12_000],
  ])('%s: the body inflates to exactly the identity body', async (_, series) => {
    const d = await start({ maxSeries: 20_000 });
    fill(d, series, 100);
    const gate = collectionGate(d);
    // Both arrive before the collection ends, so both share one render (the same state).
    const zipped = sendBytes(d.address.port, GZIP);
    const plain = sendBytes(d.address.port, {});
    await until(() => gate.entered === 1 && inFlightNow(d) === 2);
    gate.release();
    const [z, p] = await Promise.all([zipped, plain]);
    expect(z.headers['content-encoding']).toBe('gzip');
    expect(p.headers['content-encoding']).toBeUndefined();
    expect(p.body.length > SYNC_GZIP_MAX_BYTES).toBe(series > 10_000);
    expect(Number(z.headers['content-length'])).toBe(z.body.length);
    expect(gunzipSync(z.body).equals(p.body)).toBe(true);
    expect(parseExposition(p.body.toString('utf8')).get(bulkEntry.name)!.samples.length).toBe(series);
  });

  it('scrapes in both codings joining a large render at different points all get its state', async () => {
    const d = await start({ maxSeries: 20_000 });
    fill(d, 12_000, 100);
    // Requests sent one after another, without waiting: depending on when each is read, it joins
    // the render in flight (before, during or after its first pieces) or starts the next one.
    const replies = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        await new Promise((r) => setImmediate(r));
        return sendBytes(d.address.port, i % 2 === 0 ? GZIP : {});
      })
    );
    const strip = (b: Buffer) =>
      b
        .toString('utf8')
        .split('\n')
        .filter((l) => !l.startsWith('promhttp_')) // requests counted between renders
        .join('\n');
    const bodies = replies.map((r) => strip(inflate(r)));
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    expect(new Set(bodies).size).toBe(1);
    expect(parseExposition(bodies[0]!).get(bulkEntry.name)!.samples.length).toBe(12_000);
  });

  it('gzip: false answers a large scrape in identity', async () => {
    const d = await start({ maxSeries: 20_000, gzip: false });
    fill(d, 12_000, 100);
    const r = await sendBytes(d.address.port, GZIP);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body.length).toBeGreaterThan(SYNC_GZIP_MAX_BYTES);
    expect(parseExposition(r.body.toString('utf8')).get(bulkEntry.name)!.samples.length).toBe(12_000);
  });
});

describe('a scrape racing with new series', () => {
  it('is sorted, lists each series once and every series from before it; the next one has them all', async () => {
    const d = await start({ maxSeries: 100_000 });
    const { g } = createInstruments({ g: bulkEntry }, { meterProvider: d.meterProvider });
    const [first, ...rest] = bulkEntry.labels;
    const others = Object.fromEntries(rest.map((n) => [n, 'v']));
    const set = (i: number) => (g as unknown as Gauge).set(i, { [first!]: `series-${(i * 7919) % 100_000}`, ...others } as never);
    for (let i = 0; i < 30_000; i++) set(i);
    let added = 30_000;
    let racing = true;
    const race = (): void => {
      if (!racing || added >= 40_000) return;
      for (let k = 0; k < 50; k++) set(added++);
      setImmediate(race);
    };
    const scrapes: Promise<{ body: Buffer; headers: Record<string, unknown> }>[] = [];
    for (let round = 0; round < 3; round++) {
      setImmediate(race);
      scrapes.push(sendBytes(d.address.port, round % 2 === 0 ? GZIP : {}));
      await scrapes[scrapes.length - 1];
    }
    racing = false;
    const values = (text: string) =>
      parseExposition(text)
        .get(bulkEntry.name)!
        .samples.map((s) => s.labels[first!]!);
    const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
    for (const s of scrapes) {
      const v = values(inflate(await s).toString('utf8'));
      expect(v).toEqual([...v].sort(byUtf8));
      expect(new Set(v).size).toBe(v.length);
      expect(v.length).toBeGreaterThanOrEqual(30_000);
    }
    const all = values(inflate(await sendBytes(d.address.port, GZIP)).toString('utf8'));
    expect(all.length).toBe(added);
    expect(all).toEqual([...all].sort(byUtf8));
  });
});
