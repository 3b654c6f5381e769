/**
 * /metrics negotiating OpenMetrics: offered only with `openMetrics: true`, chosen for the Accept
 * header Prometheus 2.42 sends, with the exemplars of spans active when measurements were made;
 * every other scraper, and every scraper of a default diag, gets Teleport's text bytes.
 */
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { backend } from '@teleport-otel/catalog';
import { createInstruments } from '@teleport-otel/core';
import type { Diag, DiagOptions } from '@teleport-otel/diag';
import { closeStarted, send, start } from './server-harness';
import { startTestTracing } from '../../../test-support/tracing';

/** What Prometheus 2.42 sends by default (scrape.go's scrapeAcceptHeader). */
const PROMETHEUS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
const OPENMETRICS = 'application/openmetrics-text; version=1.0.0; charset=utf-8';
const TEXT = 'text/plain; version=0.0.4; charset=utf-8';

/** The exposition without the scrape's own promhttp_* samples, which differ between two reads. */
const settled = (s: string) => s.replace(/^promhttp_metric_handler_requests_\S+ \S+\n/gm, '');

let tracing: ReturnType<typeof startTestTracing>;
beforeAll(() => (tracing = startTestTracing()));
afterAll(async () => {
  await closeStarted();
  await tracing.stop();
});

/** A diag with a backend read recorded inside a span; returns the span's trace id. */
async function withTracedRead(options: DiagOptions): Promise<{ diag: Diag; traceId: string }> {
  const diag = await start(options);
  const b = createInstruments(backend, { meterProvider: diag.meterProvider });
  b.readSeconds.record(0.002, { component: 'backend' });
  const traceId = tracing.tracer.startActiveSpan('read', (span) => {
    b.readSeconds.record(0.004, { component: 'backend' });
    b.requests.inc({ component: 'backend', req: '/nodes/default', range: 'false' });
    b.readRequestsTotal.inc({ component: 'backend' });
    span.end();
    return span.spanContext().traceId;
  });
  return { diag, traceId };
}

function gzipGet(diag: Diag, accept: string): Promise<{ type: string; encoding: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: diag.address.address,
        port: diag.address.port,
        path: '/metrics',
        headers: { accept, 'accept-encoding': 'gzip' },
        agent: false,
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (b: Buffer) => parts.push(b));
        res.on('end', () =>
          resolve({
            type: String(res.headers['content-type']),
            encoding: String(res.headers['content-encoding']),
            body: gunzipSync(Buffer.concat(parts)).toString('utf8'),
          })
        );
      }
    );
    req.on('error', reject);
    req.end();
  });
}

describe('startDiag({ openMetrics: true })', () => {
  it("answers Prometheus's Accept header with OpenMetrics carrying the span's exemplars", async () => {
    const { diag, traceId } = await withTracedRead({ openMetrics: true });
    const r = await send(diag, '/metrics', { headers: { accept: PROMETHEUS_ACCEPT } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(OPENMETRICS);
    expect(r.body.endsWith('\n# EOF\n')).toBe(true);
    expect(settled(r.body)).toBe(settled(await diag.pullReader!.render({ openMetrics: true })));
    const bucket = r.body.split('\n').find((l) => l.startsWith(`${backend.readSeconds.name}_bucket{`) && l.includes(' # {'));
    expect(bucket).toContain(`{trace_id="${traceId}",span_id="`);
    expect(bucket).toMatch(/ # \{trace_id="[0-9a-f]{32}",span_id="[0-9a-f]{16}"\} 0\.004 \d\.\d+e\+09$/);
    // A counter named *_total is an OpenMetrics counter: declared without the suffix, exemplar kept.
    const total = backend.readRequestsTotal.name;
    expect(r.body).toContain(`# TYPE ${total.slice(0, -'_total'.length)} counter\n`);
    expect(r.body).toMatch(new RegExp(`\\n${total}\\{component="backend"\\} 1\\.0 # \\{trace_id="${traceId}"`));
    // One without it is `unknown`, where Prometheus refuses exemplars: none is written.
    expect(r.body).toContain(`# TYPE ${backend.requests.name} unknown\n`);
    expect(r.body).toMatch(new RegExp(`\\n${backend.requests.name}\\{[^}]*\\} 1\\.0\\n`));
  });

  it('gzips OpenMetrics as it gzips text', async () => {
    const { diag } = await withTracedRead({ openMetrics: true });
    const r = await gzipGet(diag, PROMETHEUS_ACCEPT);
    expect([r.type, r.encoding]).toEqual([OPENMETRICS, 'gzip']);
    expect(settled(r.body)).toBe(settled(await diag.pullReader!.render({ openMetrics: true })));
  });

  it.each([
    ['no Accept header', undefined],
    ['text/plain', 'text/plain;version=0.0.4'],
    ['text preferred by q', 'application/openmetrics-text;version=1.0.0;q=0.2,text/plain;q=0.9'],
    ['an OpenMetrics version it does not speak', 'application/openmetrics-text;version=2.0.0'],
  ])('answers text for %s', async (_what, accept) => {
    const { diag } = await withTracedRead({ openMetrics: true });
    const r = await send(diag, '/metrics', accept === undefined ? {} : { headers: { accept } });
    expect(r.headers['content-type']).toBe(TEXT);
    expect(settled(r.body)).toBe(settled(await diag.render()));
    expect(r.body).not.toContain('# EOF');
  });
});

describe('a default diag', () => {
  it("answers Prometheus's OpenMetrics Accept header with Teleport's text bytes, unchanged by exemplars", async () => {
    const plain = await withTracedRead({});
    const withExemplars = await withTracedRead({ exemplars: true });
    const a = await send(plain.diag, '/metrics', { headers: { accept: PROMETHEUS_ACCEPT } });
    const b = await send(withExemplars.diag, '/metrics', { headers: { accept: PROMETHEUS_ACCEPT } });
    expect(a.headers['content-type']).toBe(TEXT);
    expect(settled(a.body)).toBe(settled(await plain.diag.render()));
    expect(a.body).not.toContain('# {');
    // Both diags hold the same measurements, so exemplars kept on the side change no text byte.
    expect(b.body).toBe(a.body);
  });
});
