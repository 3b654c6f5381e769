/**
 * /metrics serving protobuf over real loopback HTTP to a scraper that asks as Prometheus does with
 * native histograms on, read back by client_golang 1.14's own decoder (a Go fixture) and compared
 * with a text scrape of the same state, byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { backend } from '@teleport-otel/catalog';
import { createInstruments } from '@teleport-otel/core';
import { METRICS_CONTENT_TYPE, type Diag } from '@teleport-otel/diag';
import { PROTOBUF_CONTENT_TYPE } from '../src/server/protobuf-format';
import { buildGoFixture, requireGo } from '../../../test-support/go';
import { closeStarted, collectionGate, sendBytes, start, until, type BytesReply } from './server-harness';

afterEach(closeStarted);

/** Prometheus 2.42's Accept header with --enable-feature=native-histograms. */
const PROMETHEUS_NATIVE_ACCEPT =
  'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

const { go, skip } = requireGo();

function decodeWithClientGolang(body: Buffer): string {
  const bin = buildGoFixture(join(__dirname, '../../../test-support/go/client-golang-protobuf'), go);
  const r = spawnSync(bin, ['text'], { input: body, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`decoder failed: ${r.stderr.toString()}`);
  return r.stdout.toString('utf8');
}

async function scrapeBoth(d: Diag, encoding: Record<string, string>) {
  const gate = collectionGate(d);
  // Both scrapes collect before either renders, so both show the same state.
  const proto = sendBytes(d.address.port, { accept: PROMETHEUS_NATIVE_ACCEPT, ...encoding });
  const text = sendBytes(d.address.port, encoding);
  await until(() => gate.entered === 2);
  gate.release();
  return { proto: await proto, text: await text };
}

describe('/metrics protobuf', () => {
  jest.setTimeout(300_000);

  (skip ? it.skip : it).each([
    ['identity', {}],
    ['gzip', { 'accept-encoding': 'gzip' }],
  ])(
    '%s: Prometheus native-histogram Accept gets protobuf that client_golang decodes to the text scrape',
    async (_, encoding) => {
      const d = await start({ nativeHistograms: true, maxSeries: 10_000 });
      const b = createInstruments(backend, { meterProvider: d.meterProvider });
      for (let i = 0; i < 500; i++) b.readSeconds.record(0.0001 * 1.03 ** i, { component: i % 2 ? 'cache' : 'etcd' });
      b.readRequestsTotal.add(7, { component: 'cache' });
      const { proto, text } = await scrapeBoth(d, encoding);
      expect(proto.status).toBe(200);
      expect(proto.headers['content-type']).toBe(PROTOBUF_CONTENT_TYPE);
      expect(text.headers['content-type']).toBe(METRICS_CONTENT_TYPE);
      const gzipped = 'accept-encoding' in encoding;
      expect(proto.headers['content-encoding']).toBe(gzipped ? 'gzip' : undefined);
      const unzip = (r: BytesReply) => (gzipped ? gunzipSync(r.body) : r.body);
      const textBody = unzip(text).toString('utf8');
      expect(textBody).toContain(`${backend.readSeconds.name}_bucket{component="cache",le=`);
      expect(decodeWithClientGolang(unzip(proto))).toBe(textBody);
    }
  );

  it('HEAD answers the protobuf Content-Type without a body', async () => {
    const d = await start();
    const r = await sendBytes(d.address.port, { accept: PROMETHEUS_NATIVE_ACCEPT }, 'HEAD');
    expect(r.body.length).toBe(0);
    expect([r.status, r.headers['content-type']]).toEqual([200, PROTOBUF_CONTENT_TYPE]);
  });
});
