import { audit, backend, go, grpcServer } from '@teleport-otel/catalog';
import { createInstruments } from '@teleport-otel/core';
import { createDiagMeterProvider } from '@teleport-otel/diag';

// The schema-compiled encoder: protobufjs over Prometheus's client_model metrics.proto.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { encodeRegistry, load, schemaPath, SCHEMA } =
  require('../../../test-support/prometheus-client-model/protobufjs-encoder') as {
    encodeRegistry(registry: unknown): Buffer;
    load(): { MetricFamily: { decodeDelimited(r: unknown): { toJSON(): Record<string, unknown> } }; root: unknown };
    schemaPath(): string | undefined;
    SCHEMA: string;
  };

// The oracle's schema is Debian's copy of Prometheus's metrics.proto: absent, the suite skips
// only when CI is unset (under CI a missing package fails the run).
if (!schemaPath() && process.env.CI)
  throw new Error(`${SCHEMA} is required under CI (apt-get install golang-github-prometheus-client-model-dev)`);
const maybe = schemaPath() ? describe : describe.skip;

function populated(nativeHistograms: boolean) {
  const diag = createDiagMeterProvider({ maxSeries: 4, nativeHistograms });
  const meterProvider = diag.meterProvider;
  const a = createInstruments(audit, { meterProvider });
  const b = createInstruments(backend, { meterProvider });
  const g = createInstruments(grpcServer, { meterProvider, constLabels: { server: 'teleport-proxy' } });
  const rt = createInstruments(go, { meterProvider });
  a.emitEvents.add(2 ** 45 + 3);
  for (const [i, component] of ['b', 'a', 'ünï"\n\\', 'x'.repeat(300), 'c', 'd'].entries()) {
    b.readRequestsTotal.add(i * 1.25, { component });
    for (let k = 0; k < 30 * i; k++) b.readSeconds.record(1e-7 * 2 ** (k % 40), { component });
  }
  rt.gcDurationSeconds.addCallback((observe) => observe({ quantiles: [0, 0.25, 0.5, 0.75, 1], sum: 1e-9, count: 2 ** 33 }));
  g.handledTotal.inc({ grpc_code: 'Unknown', grpc_method: 'M', grpc_service: 'S', grpc_type: 'unary' });
  return diag;
}

maybe('protobuf wire bytes', () => {
  for (const native of [false, true]) {
    it(`are protobufjs's, compiling metrics.proto, for the same registry (native histograms ${
      native ? 'on' : 'off'
    })`, async () => {
      const diag = populated(native);
      try {
        const ours = await diag.pullReader!.renderProtobuf();
        const oracle = encodeRegistry(diag.registry);
        expect(ours.length).toBeGreaterThan(5_000);
        expect(ours.equals(oracle)).toBe(true);
      } finally {
        await diag.shutdown();
      }
    });
  }

  it('decode to the families, help, types and values recorded', async () => {
    const diag = populated(true);
    try {
      const { MetricFamily } = load();
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const { Reader } = require('protobufjs') as { Reader: { create(b: Buffer): { pos: number; len: number } } };
      const reader = Reader.create(await diag.pullReader!.renderProtobuf());
      const families = new Map<string, Record<string, unknown>>();
      while (reader.pos < reader.len) {
        const f = MetricFamily.decodeDelimited(reader).toJSON();
        families.set(f.name as string, f);
      }
      expect(families.get(audit.emitEvents.name)).toEqual({
        name: audit.emitEvents.name,
        help: audit.emitEvents.help,
        type: 'COUNTER',
        metric: [{ counter: { value: 2 ** 45 + 3 } }],
      });
      const read = families.get(backend.readSeconds.name)!.metric as { histogram: Record<string, unknown> }[];
      expect(read[0]!.histogram.schema).toBe(3);
      expect((read[0]!.histogram.bucket as unknown[]).length).toBe(backend.readSeconds.buckets.length); // no +Inf bucket
    } finally {
      await diag.shutdown();
    }
  });
});
