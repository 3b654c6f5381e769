import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { EXPOSITION_FORMATS, METRICS_CONTENT_TYPE, negotiateFormat } from '../src/server/formats';
import { parsePreferences } from '../src/server/negotiate';
import { PROTOBUF_CONTENT_TYPE } from '../src/server/protobuf-format';
import { buildGoFixture, requireGo } from '../../../test-support/go';

/*
 * The /metrics format choice against client_golang 1.14's own expfmt.Negotiate, run on the same
 * headers by a Go fixture. Our negotiation is RFC 9110's where client_golang's goautoneg is looser,
 * on purpose: q=0 means "not acceptable" (goautoneg still picks it), a malformed q counts as 1 (0
 * there), names are case-insensitive, and client_golang's protobuf debug encodings (encoding=text,
 * compact-text) are not offered. Headers that avoid those three differences must get
 * exactly client_golang's choice.
 */

const PROTO = 'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited';
/** What Prometheus 2.42 sends with --enable-feature=native-histograms, and without. */
const PROMETHEUS_NATIVE = `${PROTO},application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1`;
const PROMETHEUS_DEFAULT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

const HEADERS = [
  '',
  '*/*',
  PROMETHEUS_NATIVE,
  PROMETHEUS_DEFAULT,
  PROTO,
  `${PROTO};q=0.4, text/plain;q=0.5`,
  `text/plain;version=0.0.4;q=0.5, ${PROTO};q=0.6`,
  'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited',
  'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=text',
  'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=compact-text',
  'application/vnd.google.protobuf;proto=other;encoding=delimited',
  'text/plain;version=0.0.5, application/openmetrics-text',
  `*;q=1, ${PROTO};q=0.999`,
  `text/*, ${PROTO};q=1`,
  `bogus, a/b/c, ${PROTO}`,
  `text/plain;q=0.5, ${PROTO};q=0.5`,
  `${PROTO};q=0.5, text/plain;q=0.5`,
];

/** Deterministic pseudo-random headers from the pieces negotiation looks at (RFC-valid q-values, lower case). */
function generated(n: number): string[] {
  const ranges = [
    PROTO,
    'text/plain',
    'text/plain;version=0.0.4',
    'text/plain;version=1',
    'application/openmetrics-text;version=1.0.0',
    'application/openmetrics-text',
    '*/*',
    'text/*',
    'application/json',
    '*',
  ];
  const qs = ['', ';q=1', ';q=0.5', ';q=0.50', ';q=0.1', ';q=0.9', ';q=0.123', ';q=1.000'];
  let seed = 42;
  const next = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
  return Array.from({ length: n }, () =>
    Array.from({ length: 1 + next(5) }, () => `${ranges[next(ranges.length)]}${qs[next(qs.length)]}`).join(next(2) ? ',' : ', ')
  );
}

/** client_golang's format for each Content-Type it names; its protobuf debug encodings are not offered here (text). */
const GO_FORMATS: Record<string, string> = {
  [METRICS_CONTENT_TYPE]: 'text',
  [PROTOBUF_CONTENT_TYPE]: 'protobuf',
  'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=text': 'text',
  'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=compact-text': 'text',
};

const choose = (accept: string) => negotiateFormat(parsePreferences(accept), EXPOSITION_FORMATS).name;

describe('Accept negotiation against client_golang', () => {
  it('Prometheus with native histograms gets protobuf; without, text', () => {
    expect(choose(PROMETHEUS_NATIVE)).toBe('protobuf');
    expect(choose(PROMETHEUS_DEFAULT)).toBe('text');
  });

  it('differs from goautoneg only where RFC 9110 says otherwise', () => {
    expect(choose(`${PROTO};q=0`)).toBe('text'); // client_golang: protobuf
    // client_golang serves its protobuf debug encoding (encoding=text) here; it is not offered, so the next element wins.
    expect(choose(`${PROTO.replace('delimited', 'text')}, ${PROTO}`)).toBe('protobuf');
    expect(choose(`text/plain;q=0.5, ${PROTO};q=abc`)).toBe('protobuf'); // client_golang: text (q=abc reads 0)
    expect(
      choose(
        PROTO.toUpperCase()
          .replace('PROTO=IO.PROMETHEUS.CLIENT.METRICFAMILY', 'proto=io.prometheus.client.MetricFamily')
          .replace('ENCODING=DELIMITED', 'encoding=delimited')
      )
    ).toBe('protobuf'); // client_golang: text
  });

  const { go, skip } = requireGo();
  (skip ? it.skip : it)("otherwise chooses what client_golang's expfmt.Negotiate chooses, header by header", () => {
    const headers = [...HEADERS, ...generated(400)];
    const bin = buildGoFixture(join(__dirname, '../../../test-support/go/client-golang-protobuf'), go);
    const r = spawnSync(bin, ['negotiate'], { input: `${headers.join('\n')}\n`, encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(headers.length);
    const chosen = headers.map((h, i) => ({ header: h, go: GO_FORMATS[lines[i]!.split('\t')[0]!] ?? lines[i], ours: choose(h) }));
    expect(chosen.filter((c) => c.go !== c.ours)).toEqual([]);
    expect(new Set(chosen.map((c) => c.ours))).toEqual(new Set(['text', 'protobuf']));
  });
});
