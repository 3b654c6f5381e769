import { InstrumentType, AggregationTemporality, type IMetricReader } from '@opentelemetry/sdk-metrics';
import { OTLPMetricExporter as GrpcExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { OTLPMetricExporter as JsonExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { Registry } from '@teleport-otel/core';
import { backend } from '@teleport-otel/catalog';
import { createInstruments } from '@teleport-otel/core';
import {
  createDiagMeterProvider,
  createOtlpExporter,
  diagOptionsFromEnv,
  RegistryProducer,
  type Env,
  type ReaderSpec,
} from '@teleport-otel/diag';
import { startHttpReceiver, type Receiver } from '../../../test-support/otlp-receiver';
import { labelsFor } from './otlp-workload';
import { captureDiagWarnings } from '../../../test-support/diag-warnings';

function build(spec: ReaderSpec): IMetricReader {
  const registry = new Registry();
  return typeof spec === 'function' ? spec(new RegistryProducer(registry), registry) : spec;
}

describe('diagOptionsFromEnv', () => {
  it('changes nothing when no variable is set: pull only', () => {
    expect(diagOptionsFromEnv({})).toEqual({});
    expect(diagOptionsFromEnv({ OTEL_METRICS_EXPORTER: '  ' })).toEqual({});
  });

  it('maps OTEL_METRICS_EXPORTER to pull, push, both or none', () => {
    expect(diagOptionsFromEnv({ OTEL_METRICS_EXPORTER: 'prometheus' })).toEqual({ noPull: false, readers: [] });
    expect(diagOptionsFromEnv({ OTEL_METRICS_EXPORTER: 'none' })).toEqual({ noPull: true, readers: [] });
    const push = diagOptionsFromEnv({ OTEL_METRICS_EXPORTER: 'otlp' });
    expect([push.noPull, push.readers?.length]).toEqual([true, 1]);
    const both = diagOptionsFromEnv({ OTEL_METRICS_EXPORTER: 'prometheus, otlp,console' });
    expect([both.noPull, both.readers?.length]).toEqual([false, 2]);
  });

  it('bounds shutdown by OTEL_METRIC_EXPORT_TIMEOUT, clamped to the interval', () => {
    expect(diagOptionsFromEnv({ OTEL_METRICS_EXPORTER: 'otlp' }).shutdownTimeoutMillis).toBe(30_000);
    expect(diagOptionsFromEnv({ OTEL_METRICS_EXPORTER: 'otlp', OTEL_METRIC_EXPORT_TIMEOUT: '1500' }).shutdownTimeoutMillis).toBe(
      1500
    );
    expect(diagOptionsFromEnv({ OTEL_METRICS_EXPORTER: 'otlp', OTEL_METRIC_EXPORT_INTERVAL: '1000' }).shutdownTimeoutMillis).toBe(
      1000
    );
  });

  it('honours OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE in the reader it builds', () => {
    const select = (env: Env) =>
      build(diagOptionsFromEnv({ OTEL_METRICS_EXPORTER: 'otlp', ...env }).readers![0]!).selectAggregationTemporality(
        InstrumentType.HISTOGRAM
      );
    expect(select({})).toBe(AggregationTemporality.CUMULATIVE);
    expect(select({ OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'delta' })).toBe(AggregationTemporality.DELTA);
    expect(select({ OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'Cumulative' })).toBe(AggregationTemporality.CUMULATIVE);
  });

  it.each([
    [{ OTEL_METRICS_EXPORTER: 'otlp,zipkin' }, 'OTEL_METRICS_EXPORTER', 'otlp,zipkin'],
    [{ OTEL_METRICS_EXPORTER: 'none,otlp' }, 'OTEL_METRICS_EXPORTER', 'none,otlp'],
    [
      { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/xml' },
      'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL',
      'http/xml',
    ],
    [{ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'thrift' }, 'OTEL_EXPORTER_OTLP_PROTOCOL', 'thrift'],
    [{ OTEL_METRICS_EXPORTER: 'otlp', OTEL_METRIC_EXPORT_INTERVAL: '10s' }, 'OTEL_METRIC_EXPORT_INTERVAL', '10s'],
    [{ OTEL_METRICS_EXPORTER: 'otlp', OTEL_METRIC_EXPORT_TIMEOUT: '0' }, 'OTEL_METRIC_EXPORT_TIMEOUT', '0'],
    [
      { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' },
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'collector:4318',
    ],
    [
      { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'not a url' },
      'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
      'not a url',
    ],
    [
      { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'sometimes' },
      'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE',
      'sometimes',
    ],
    [{ OTEL_RESOURCE_ATTRIBUTES: 'team' }, 'OTEL_RESOURCE_ATTRIBUTES', 'team'],
  ])('fails fast on %j with a one-line error naming the variable and value', (env, name, value) => {
    expect(() => diagOptionsFromEnv(env)).toThrow(
      new RegExp(`^teleport-otel: ${name}=${JSON.stringify(value).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: [^\n]+$`)
    );
  });

  it('fails fast on malformed headers without echoing their (secret) text', () => {
    for (const headers of ['api-key', 'x-key=%E0%A4%A', '=abc', 'bad key=secret-token']) {
      let message = '';
      try {
        diagOptionsFromEnv({ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_HEADERS: `ok=1,${headers}` });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/^teleport-otel: OTEL_EXPORTER_OTLP_HEADERS=.*entry 2 of 2[^\n]*$/);
      expect(message).not.toContain('secret-token');
      expect(message).not.toContain('abc');
    }
  });

  it('rejects OTEL_METRIC_EXPORT_INTERVAL / TIMEOUT at or past 2^31 ms (Node would fire every 1 ms), naming the variable', () => {
    for (const name of ['OTEL_METRIC_EXPORT_INTERVAL', 'OTEL_METRIC_EXPORT_TIMEOUT']) {
      for (const v of [String(2 ** 31), '99999999999999999999']) {
        expect(() => diagOptionsFromEnv({ OTEL_METRICS_EXPORTER: 'otlp', [name]: v })).toThrow(
          new RegExp(`^teleport-otel: ${name}="${v}": at most 2147483647 ms[^\n]*$`)
        );
      }
      const ok = diagOptionsFromEnv({ OTEL_METRICS_EXPORTER: 'otlp', [name]: String(2 ** 31 - 1) });
      expect(ok.readers).toHaveLength(1);
    }
  });

  it('rejects header values that decode to a line break or text HTTP/gRPC cannot carry, by position, never echoing them', () => {
    const cases: [string, string, RegExp][] = [
      ['http/protobuf', 'x-key=secret-token%0D%0AInjected: 1', /the value of entry 2 of 2 decodes to a line break$/],
      ['http/json', 'x-key=secret-token%0A', /entry 2 of 2 decodes to a line break$/],
      ['http/protobuf', 'x-key=secret-token%E2%82%AC', /entry 2 of 2 decodes to text outside Latin-1$/],
      ['http/protobuf', 'x-key=secret-token%00', /entry 2 of 2 decodes to a control character$/],
      ['grpc', 'x-key=secret-token%C3%A9', /entry 2 of 2 decodes to non-ASCII text \(gRPC metadata is printable ASCII\)$/],
    ];
    for (const [protocol, headers, why] of cases) {
      let message = '';
      try {
        diagOptionsFromEnv({
          OTEL_METRICS_EXPORTER: 'otlp',
          OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
          OTEL_EXPORTER_OTLP_METRICS_HEADERS: `ok=1,${headers}`,
        });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/^teleport-otel: OTEL_EXPORTER_OTLP_METRICS_HEADERS="\(value hidden\)": [^\n]*$/);
      expect(message).toMatch(why);
      expect(message).not.toContain('secret-token');
    }
    // Latin-1 is a valid HTTP header value (Node sends it as is).
    const latin1 = diagOptionsFromEnv({ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_HEADERS: 'x-key=caf%C3%A9' });
    expect(latin1.readers).toHaveLength(1);
  });

  it('OTEL_SDK_DISABLED=true: no push readers whatever OTEL_METRICS_EXPORTER says; the diag endpoint stays', () => {
    expect(diagOptionsFromEnv({ OTEL_SDK_DISABLED: 'true', OTEL_METRICS_EXPORTER: 'otlp,console' })).toEqual({ readers: [] });
    expect(diagOptionsFromEnv({ OTEL_SDK_DISABLED: 'TRUE', OTEL_METRICS_EXPORTER: 'bogus' })).toEqual({ readers: [] });
    const on = diagOptionsFromEnv({ OTEL_SDK_DISABLED: 'false', OTEL_METRICS_EXPORTER: 'otlp' });
    expect(on.readers).toHaveLength(1);
  });

  it('constructs the official exporter of each protocol', () => {
    const make = (protocol: 'grpc' | 'http/json' | 'http/protobuf') =>
      createOtlpExporter({
        protocol,
        url: protocol === 'grpc' ? 'http://127.0.0.1:4317' : 'http://127.0.0.1:4318/v1/metrics',
        headers: { 'x-api-key': 'k' },
        temporality: 'cumulative',
        timeoutMillis: 1000,
      });
    expect(make('grpc')).toBeInstanceOf(GrpcExporter);
    expect(make('http/json')).toBeInstanceOf(JsonExporter);
    expect(make('http/protobuf')).toBeInstanceOf(ProtoExporter);
  });
});

/** The message diagOptionsFromEnv throws for env, or '' when it does not throw. */
function errorOf(env: Env): string {
  try {
    diagOptionsFromEnv(env);
  } catch (err) {
    return (err as Error).message;
  }
  return '';
}

// Expected values written out from the OpenTelemetry specification's environment-variable rules
// (sdk-environment-variables.md, protocol/exporter.md), not from the code under test.
describe('diagOptionsFromEnv: the specification cases, one by one', () => {
  const warnings = captureDiagWarnings();

  it("sets only the keys the environment asks for, so spreading it over options keeps the caller's resource", () => {
    const mine = { resource: { attributes: { 'service.name': 'mine' } } as never };
    const merged = { ...mine, ...diagOptionsFromEnv({ OTEL_METRICS_EXPORTER: 'otlp' }) };
    expect(merged.resource).toBe(mine.resource);
  });

  it('OTEL_METRICS_EXPORTER=console alone: one push reader (console), no OTLP reader, no pull', () => {
    const got = diagOptionsFromEnv({ OTEL_METRICS_EXPORTER: 'console' });
    expect([got.noPull, got.readers?.length]).toEqual([true, 1]);
  });

  it('names the offending exporter trimmed and lists the allowed ones', () => {
    expect(errorOf({ OTEL_METRICS_EXPORTER: 'otlp, zipkin' })).toBe(
      'teleport-otel: OTEL_METRICS_EXPORTER="otlp, zipkin": "zipkin" is not one of prometheus, otlp, console, none'
    );
  });

  it('a blank OTEL_EXPORTER_OTLP_METRICS_PROTOCOL counts as unset: OTEL_EXPORTER_OTLP_PROTOCOL decides', () => {
    expect(
      errorOf({ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: '  ', OTEL_EXPORTER_OTLP_PROTOCOL: 'thrift' })
    ).toBe('teleport-otel: OTEL_EXPORTER_OTLP_PROTOCOL="thrift": expected one of http/protobuf, http/json, grpc');
  });

  it('gRPC takes OTEL_EXPORTER_OTLP_ENDPOINT as is (no /v1/metrics, which the gRPC exporter warns about)', () => {
    const grpc = (env: Env) => {
      build(diagOptionsFromEnv({ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', ...env }).readers![0]!);
      return warnings().filter((w) => /path/i.test(w));
    };
    expect(grpc({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4317' })).toEqual([]);
    // The check can see a path: the signal's own endpoint is used as is, path included, and warned about.
    expect(grpc({ OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://127.0.0.1:4317/v1/metrics' })).toHaveLength(1);
  });

  it('accepts https:// endpoints and names anything but http(s)', () => {
    for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT']) {
      expect(
        diagOptionsFromEnv({ OTEL_METRICS_EXPORTER: 'otlp', [name]: 'https://collector.example:4318' }).readers
      ).toHaveLength(1);
      expect(errorOf({ OTEL_METRICS_EXPORTER: 'otlp', [name]: 'ftp://collector.example:4318' })).toBe(
        `teleport-otel: ${name}="ftp://collector.example:4318": expected an http:// or https:// URL`
      );
    }
  });

  it('key=value lists: empty and blank entries are skipped, whitespace around keys and values is trimmed', () => {
    const { resource } = diagOptionsFromEnv({ OTEL_RESOURCE_ATTRIBUTES: 'a=1,, b = 2 , ,c=3' });
    const attributes = resource!.attributes;
    expect([attributes.a, attributes.b, attributes.c]).toEqual(['1', '2', '3']);
    expect(Object.keys(attributes).filter((k) => k.trim() !== k)).toEqual([]);
  });

  it('an entry with nothing before "=" is not key=value; one whose key is blank has an invalid key', () => {
    expect(errorOf({ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_HEADERS: 'ok=1,=abc' })).toBe(
      'teleport-otel: OTEL_EXPORTER_OTLP_HEADERS="(value hidden)": entry 2 of 2 is not key=value'
    );
    expect(errorOf({ OTEL_RESOURCE_ATTRIBUTES: 'team=blue, =x' })).toBe(
      'teleport-otel: OTEL_RESOURCE_ATTRIBUTES="team=blue, =x": entry 2 of 2 has an invalid key'
    );
  });

  it('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=lowmemory: counters and histograms delta, up-down counters cumulative', () => {
    const reader = build(
      diagOptionsFromEnv({ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'LowMemory' })
        .readers![0]!
    );
    expect(
      [InstrumentType.COUNTER, InstrumentType.HISTOGRAM, InstrumentType.UP_DOWN_COUNTER].map((t) =>
        reader.selectAggregationTemporality(t)
      )
    ).toEqual([AggregationTemporality.DELTA, AggregationTemporality.DELTA, AggregationTemporality.CUMULATIVE]);
  });

  it('timeouts and intervals are whole milliseconds: 1e3 and 1.5 are refused, naming the variable', () => {
    for (const v of ['1e3', '1.5']) {
      expect(errorOf({ OTEL_METRICS_EXPORTER: 'otlp', OTEL_METRIC_EXPORT_TIMEOUT: v })).toBe(
        `teleport-otel: OTEL_METRIC_EXPORT_TIMEOUT="${v}": expected a positive whole number of milliseconds`
      );
    }
  });
});

describe('diagOptionsFromEnv against a receiver', () => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startHttpReceiver();
  });
  afterEach(() => receiver.close());

  /** One export of one backend.requests increment through the pipeline env describes; what the receiver got. */
  async function exportOnce(env: Env) {
    const diag = createDiagMeterProvider(diagOptionsFromEnv(env));
    expect(diag.pullReader).toBeUndefined();
    const { requests } = createInstruments({ requests: backend.requests }, { meterProvider: diag.meterProvider });
    requests.inc(labelsFor(backend.requests) as Parameters<typeof requests.inc>[0]);
    await diag.meterProvider.forceFlush();
    await diag.shutdown();
    const [got] = receiver.exports;
    return { got: got!, requests: got!.metrics.find((m) => m.name === backend.requests.name) };
  }

  it('sends to OTEL_EXPORTER_OTLP_ENDPOINT + /v1/metrics with headers, protocol and resource from the environment', async () => {
    const env: Env = {
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.base,
      OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=s%20ecret,x-team=blue',
      OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'x-team=red',
      OTEL_SERVICE_NAME: 'checkout',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=staging,service.name=ignored',
      OTEL_METRIC_EXPORT_INTERVAL: '3600000',
    };
    const { got, requests } = await exportOnce(env);
    expect(got.transport).toBe('http/json');
    expect(got.path).toBe('/v1/metrics');
    expect(got.headers).toMatchObject({ 'x-api-key': 's ecret', 'x-team': 'red' });
    expect(got.resource).toMatchObject({ 'service.name': 'checkout', 'deployment.environment': 'staging' });
    expect(requests?.points[0]?.value).toBe(1);
  });

  it('a trailing / on OTEL_EXPORTER_OTLP_ENDPOINT is not doubled; delta preference reaches the fast-path counters', async () => {
    const { got, requests } = await exportOnce({
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: `${receiver.base}/`,
      OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'delta',
      OTEL_METRIC_EXPORT_INTERVAL: '3600000',
    });
    expect(got.path).toBe('/v1/metrics');
    expect(requests?.temporality).toBe(1); // OTLP DELTA
  });
});
