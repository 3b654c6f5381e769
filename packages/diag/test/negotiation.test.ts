/**
 * The /metrics route's negotiation and shared render, over real loopback HTTP: the content coding
 * from Accept-Encoding with q-values (RFC 9110), the format from Accept (text, or protobuf: see
 * protobuf-server.test.ts), concurrent scrapes sharing one collection, and push-only diags not serving /metrics.
 */
import { gunzipSync } from 'node:zlib';
import { promhttp } from '@teleport-otel/catalog';
import { METRICS_CONTENT_TYPE, parseExposition } from '@teleport-otel/diag';
import { parsePreferences } from '../src/server/negotiate';
import { negotiateFormat, textFormat, type ExpositionFormat } from '../src/server/formats';
import { closeStarted, collectionGate, fill, inFlightNow, scrapeCounts, send, sendBytes, start, until } from './server-harness';

afterEach(closeStarted);

describe('Accept-Encoding', () => {
  it.each([
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    ['deflate, gzip;q=1.0, *;q=0.5', 'gzip'], // Prometheus' header
    ['*', 'gzip'],
    ['gzip;q=0.5, identity;q=0', 'gzip'],
    [' Gzip ; Q=0.001', 'gzip'],
    ['gzip;q=0', undefined],
    ['gzip; q=0.000', undefined],
    ['*;q=0', undefined],
    ['*, gzip;q=0', undefined],
    ['identity;q=1, gzip;q=0.5', undefined],
    ['br, deflate', undefined],
    ['gzipped', undefined],
    ['', undefined],
  ])('%p -> Content-Encoding %p', async (acceptEncoding, coding) => {
    const d = await start();
    const r = await sendBytes(d.address.port, { 'accept-encoding': acceptEncoding });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe(coding);
    const text = (coding === 'gzip' ? gunzipSync(r.body) : r.body).toString('utf8');
    expect(parseExposition(text).get(promhttp.requestsTotal.name)).toBeDefined();
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
  });

  it('gzip: false never compresses', async () => {
    const d = await start({ gzip: false });
    expect((await sendBytes(d.address.port, { 'accept-encoding': 'gzip' })).headers['content-encoding']).toBeUndefined();
  });

  it.each([['gzip'], ['*'], ['deflate, gzip;q=1.0, *;q=0.5'], ['identity;q=0, gzip;q=1'], ['x-gzip']])(
    'gzip: false answers %p with the plain text body, byte for byte',
    async (acceptEncoding) => {
      const d = await start({ gzip: false });
      const r = await sendBytes(d.address.port, { 'accept-encoding': acceptEncoding });
      expect(r.status).toBe(200);
      expect(r.headers['content-encoding']).toBeUndefined();
      expect([r.body[0], r.body[1]]).not.toEqual([0x1f, 0x8b]); // no gzip magic
      expect(r.body.toString('latin1').startsWith('# HELP ')).toBe(true);
      expect(parseExposition(r.body.toString('utf8')).get(promhttp.requestsTotal.name)).toBeDefined();
      expect(Number(r.headers['content-length'])).toBe(r.body.length);
    }
  );

  it('the gzip body decompresses to exactly the identity body', async () => {
    const d = await start({ maxSeries: 10_000 });
    fill(d, 2_000, 30);
    const gate = collectionGate(d);
    // Both join one collection, so both carry the same state.
    const zipped = sendBytes(d.address.port, { 'accept-encoding': 'gzip' });
    const plainBody = sendBytes(d.address.port, {});
    await until(() => gate.entered === 1);
    gate.release();
    const [z, p] = await Promise.all([zipped, plainBody]);
    expect(gunzipSync(z.body).equals(p.body)).toBe(true);
    expect(z.body.length).toBeLessThan(p.body.length / 4);
  });
});

describe('Accept', () => {
  it.each([
    'text/plain;version=0.0.4;q=0.3,*/*;q=0.2',
    'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
    'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=text', // a debug encoding not offered
    'text/html',
    '',
  ])('%p is answered in the text format', async (accept) => {
    const d = await start();
    const r = await send(d, '/metrics', { headers: { accept } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(METRICS_CONTENT_TYPE);
  });

  it('picks the acceptable format with the highest q (a pluggable format, as issue 15 adds)', () => {
    const other: ExpositionFormat = {
      name: 'other',
      contentType: 'application/x-other',
      accepts: (p) => p.value === 'application/x-other',
      render: () => (async function* () {})(),
    };
    const pick = (accept: string) => negotiateFormat(parsePreferences(accept), [textFormat, other]).name;
    expect(pick('application/x-other;q=0.5, text/plain;version=0.0.4;q=0.4')).toBe('other');
    expect(pick('application/x-other;q=0.5, text/plain;q=0.6')).toBe('text');
    expect(pick('application/x-other;q=0, text/plain;version=1.0.0')).toBe('text'); // fallback
    expect(pick('APPLICATION/X-OTHER')).toBe('other');
  });

  it('parses parameters, quoted values and q-values; a malformed q counts as 1', () => {
    expect(parsePreferences('a/b; x="y"; Q=0.5')).toEqual([{ value: 'a/b', params: { x: 'y' }, q: 0.5 }]);
    expect(parsePreferences('c/d;q=2')).toEqual([{ value: 'c/d', params: {}, q: 1 }]);
    expect(parsePreferences(['gzip;q=0', 'br'])).toEqual([
      { value: 'gzip', params: {}, q: 0 },
      { value: 'br', params: {}, q: 1 },
    ]);
  });
});

describe('shared render', () => {
  it('concurrent scrapes in both codings share one collection and get the same state', async () => {
    const d = await start({ maxSeries: 10_000 });
    fill(d, 1_000, 20);
    const gate = collectionGate(d);
    const scrapes = Array.from({ length: 16 }, (_, i) =>
      sendBytes(d.address.port, i % 2 === 0 ? { 'accept-encoding': 'gzip' } : {})
    );
    await until(() => gate.entered === 1 && inFlightNow(d) === 16); // every request has arrived and joined
    gate.release();
    const replies = await Promise.all(scrapes);
    expect(gate.entered).toBe(1);
    const bodies = replies.map((r) => (r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body).toString());
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    expect(new Set(bodies).size).toBe(1);
    // The next scrape renders afresh: nothing is cached past the render.
    const next = send(d, '/metrics');
    await until(() => gate.entered === 2);
    expect((await next).status).toBe(200);
    expect(await scrapeCounts(d)).toMatchObject({ '200': 17 });
  });
});

describe('push only', () => {
  it('noPull: /metrics is not served (404, not counted); the probes are', async () => {
    const d = await start({ noPull: true });
    const r = await send(d, '/metrics');
    expect([r.status, r.body]).toEqual([404, '404 page not found\n']);
    expect((await send(d, '/metrics', { method: 'HEAD' })).status).toBe(404);
    expect((await send(d, '/healthz')).status).toBe(200);
    expect((await send(d, '/readyz')).status).toBe(400);
  });
});
