import { auth, backend, grpcServer, self } from '@teleport-otel/catalog';
import { attachRegistry, createInstruments, Registry } from '@teleport-otel/core';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { collectMetrics, sdkPipeline } from '../../../test-support/sdk';
import { typeErrors } from '../../../test-support/typecheck';

const labels = { component: 'cache', req: '/nodes/default', range: 'false' } as const;

describe('createInstruments chooses the backend from the provider', () => {
  it('records into the Registry when the provider carries one', () => {
    const registry = new Registry();
    const meterProvider = attachRegistry(new MeterProvider(), registry);
    const b = createInstruments(backend, { meterProvider });
    b.requests.add(2, labels);
    const f = registry.family(backend.requests);
    expect([...f.index.cells()].map((c) => [c.values, (c as { value: number }).value])).toEqual([
      [['cache', '/nodes/default', 'false'], 2],
    ]);
  });

  it('creates plain OpenTelemetry instruments with catalog descriptors on any other provider', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const b = createInstruments(backend, { meterProvider });
    b.requests.add(2, labels);
    b.readSeconds.record(0.003, { component: 'cache' });
    const got = await collectMetrics(reader);
    expect(got.get(backend.requests.name)!.dataPoints[0]).toMatchObject({ attributes: labels, value: 2 });
    const h = got.get(backend.readSeconds.name)!;
    expect(h.descriptor).toMatchObject({ unit: backend.readSeconds.unit, description: backend.readSeconds.help });
    expect((h.dataPoints[0]!.value as { buckets: { boundaries: number[] } }).buckets.boundaries).toEqual(
      backend.readSeconds.buckets
    );
  });

  it('on the SDK path too, bad input is dropped and counted, never thrown', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const b = createInstruments(backend, { meterProvider });
    expect(() => b.requests.add(-1, labels)).not.toThrow();
    expect(() => b.requests.add(NaN, labels)).not.toThrow();
    expect(() => b.requests.add('3' as unknown as number, labels)).not.toThrow();
    const got = await collectMetrics(reader);
    const reasons = got.get(self.droppedMeasurements.name)!.dataPoints.map((p) => [p.attributes.reason, p.value]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        ['negative', 1],
        ['nan', 1],
        ['not_a_number', 1],
      ])
    );
    expect(got.get(backend.requests.name)).toBeUndefined();
  });

  it('applies const labels with catalog defaults, overridable per registration', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const g = createInstruments(grpcServer, { meterProvider, constLabels: { server: 'my-auth' } });
    g.startedTotal.inc({ grpc_type: 'unary', grpc_service: 'proto.AuthService', grpc_method: 'Ping' });
    const got = await collectMetrics(reader);
    expect(got.get(grpcServer.startedTotal.name)!.dataPoints[0]!.attributes.server).toBe('my-auth');
  });

  it.each([
    ['fast path', () => attachRegistry(new MeterProvider(), new Registry())],
    ['SDK path', () => sdkPipeline().meterProvider],
  ])('records through methods detached from their instrument (%s)', (_, provider) => {
    const b = createInstruments(backend, { meterProvider: provider() });
    const { inc } = b.requests;
    const { record } = b.readSeconds;
    const bound = b.readSeconds.bind({ component: 'cache' });
    const detachedRecord = bound.record;
    expect(() => [labels, labels].forEach((l) => inc(l))).not.toThrow();
    expect(() => record(0.1, { component: 'cache' })).not.toThrow();
    expect(() => detachedRecord(0.2)).not.toThrow();
  });

  it('detached fast-path methods record into the same series', () => {
    const registry = new Registry();
    const b = createInstruments(backend, { meterProvider: attachRegistry(new MeterProvider(), registry) });
    const { inc } = b.requests;
    [labels, labels, labels].forEach((l) => inc(l));
    const cells = registry.family(backend.requests).index.cells();
    expect(cells.map((c) => (c as { value: number }).value)).toEqual([3]);
  });

  it('over a plain SDK meter, Gauge.reset() sets every series it has shown to 0 (series cannot be deleted there)', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const g = createInstruments(auth, { meterProvider }).registeredServers;
    const [v1, v2] = auth.registeredServers.examples.version;
    g.set(3, { version: v1! });
    g.set(2, { version: v2! });
    g.reset();
    g.set(4, { version: v1! });
    const points = (await collectMetrics(reader)).get(auth.registeredServers.name)!.dataPoints;
    expect(points.map((p) => [p.attributes.version, p.value]).sort()).toEqual(
      [
        [v1, 4],
        [v2, 0],
      ].sort()
    );
  });

  it('makes a missing or misspelt label and a value outside a closed set compile errors', () => {
    expect(typeErrors([`${__dirname}/fixtures/typed-labels.ts`])).toEqual([]);
  });
});
