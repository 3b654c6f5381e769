import type { HistogramMetricData } from '@opentelemetry/sdk-metrics';
import { auth, grpcServer } from '@teleport-otel/catalog';
import {
  createAuthMetrics,
  createGrpcServerMetrics,
  GenerateThrottledError,
  setRegisteredServers,
  trackGenerate,
  trackKeepAliveStream,
} from '@teleport-otel/auth';
import { collectMetrics, expectGroupExported, pointValue, recordAll, sdkPipeline } from '../../../test-support/sdk';

describe('createAuthMetrics / createGrpcServerMetrics over a plain SDK MeterProvider', () => {
  test('every auth entry is exported with the catalog name, unit, help and buckets', async () => {
    const { meterProvider, reader } = sdkPipeline();
    recordAll(auth, createAuthMetrics({ meterProvider }));
    expectGroupExported(auth, await collectMetrics(reader));
  });

  test('every grpcServer entry is exported with the default const label', async () => {
    const { meterProvider, reader } = sdkPipeline();
    recordAll(grpcServer, createGrpcServerMetrics({ meterProvider }));
    expectGroupExported(grpcServer, await collectMetrics(reader));
  });

  test('the server const label can be overridden', async () => {
    const { meterProvider, reader } = sdkPipeline();
    createGrpcServerMetrics({ meterProvider, constLabels: { server: 'my-auth' } }).startedTotal.inc({
      grpc_type: 'unary',
      grpc_service: 'svc',
      grpc_method: 'M',
    });
    const m = (await collectMetrics(reader)).get(grpcServer.startedTotal.name);
    expect(m!.dataPoints[0]!.attributes).toEqual({
      server: 'my-auth',
      grpc_type: 'unary',
      grpc_service: 'svc',
      grpc_method: 'M',
    });
  });
});

describe('trackGenerate', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  test('counts requests, holds the in-flight gauge during the call and observes the real latency after it', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createAuthMetrics({ meterProvider });
    let inFlightDuringCall: unknown;
    const generate = trackGenerate(m, async (host: string) => {
      inFlightDuringCall = pointValue((await collectMetrics(reader)).get(auth.generateRequests.name));
      await sleep(30);
      return `cert for ${host}`;
    });
    await expect(generate('node-1')).resolves.toBe('cert for node-1');
    expect(inFlightDuringCall).toBe(1);
    const got = await collectMetrics(reader);
    expect(pointValue(got.get(auth.generateRequestsTotal.name))).toBe(1);
    expect(pointValue(got.get(auth.generateRequests.name))).toBe(0);
    const h = got.get(auth.generateSeconds.name) as HistogramMetricData;
    expect(h.dataPoints[0]!.value.count).toBe(1);
    // Teleport's deferred Observe records ~0 s; the real call took >= 30 ms.
    expect(h.dataPoints[0]!.value.sum).toBeGreaterThanOrEqual(0.025);
  });

  test('a throwing or rejecting call still releases the gauge and is observed', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createAuthMetrics({ meterProvider });
    const sync = trackGenerate(m, () => {
      throw new Error('boom');
    });
    const async = trackGenerate(m, async () => Promise.reject(new Error('later')));
    expect(() => sync()).toThrow('boom');
    await expect(async()).rejects.toThrow('later');
    const got = await collectMetrics(reader);
    expect(pointValue(got.get(auth.generateRequestsTotal.name))).toBe(2);
    expect(pointValue(got.get(auth.generateRequests.name))).toBe(0);
    expect((got.get(auth.generateSeconds.name) as HistogramMetricData).dataPoints[0]!.value.count).toBe(2);
  });

  test('past maxInFlight a call is refused and counted as throttled, not as a request', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createAuthMetrics({ meterProvider });
    let release!: () => void;
    const generate = trackGenerate(m, () => new Promise<void>((r) => (release = r)), { maxInFlight: 1 });
    const first = generate();
    expect(() => generate()).toThrow(GenerateThrottledError);
    release();
    await first;
    const second = generate(); // the slot is free again
    release();
    await second;
    const got = await collectMetrics(reader);
    expect(pointValue(got.get(auth.generateRequestsThrottledTotal.name))).toBe(1);
    expect(pointValue(got.get(auth.generateRequestsTotal.name))).toBe(2);
  });
});

describe('inventory helpers', () => {
  const [v1, v2] = auth.registeredServers.examples.version;

  test('setRegisteredServers sets one series per version and zeroes vanished ones over a plain SDK meter', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createAuthMetrics({ meterProvider });
    setRegisteredServers(m, { [v1]: 3, [v2]: 2 });
    let g = (await collectMetrics(reader)).get(auth.registeredServers.name);
    expect(pointValue(g, { version: v1 })).toBe(3);
    expect(pointValue(g, { version: v2 })).toBe(2);
    setRegisteredServers(m, { [v1]: 5 });
    g = (await collectMetrics(reader)).get(auth.registeredServers.name);
    expect(pointValue(g, { version: v1 })).toBe(5);
    expect(pointValue(g, { version: v2 })).toBe(0);
    // Nothing was dropped: reset() over the SDK meter zeroes series, it does not fail.
    expect((await collectMetrics(reader)).get('teleport_otel_dropped_measurements_total')?.dataPoints ?? []).toHaveLength(0);
  });

  test('trackKeepAliveStream counts the connection once and the resource while the stream lives', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createAuthMetrics({ meterProvider });
    const [node, app] = auth.connectedResources.examples.type;
    const a = trackKeepAliveStream(m);
    const b = trackKeepAliveStream(m);
    a.keepAlive(node);
    a.keepAlive(node);
    b.keepAlive(app);
    let got = await collectMetrics(reader);
    expect(pointValue(got.get(auth.heartbeatConnectionsReceivedTotal.name))).toBe(2);
    expect(pointValue(got.get(auth.connectedResources.name), { type: node })).toBe(1);
    expect(pointValue(got.get(auth.connectedResources.name), { type: app })).toBe(1);
    a.end();
    a.end();
    got = await collectMetrics(reader);
    expect(pointValue(got.get(auth.connectedResources.name), { type: node })).toBe(0);
    expect(pointValue(got.get(auth.connectedResources.name), { type: app })).toBe(1);
  });

  test('an empty keepalive type counts as node, as Teleport maps unknown types', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createAuthMetrics({ meterProvider });
    trackKeepAliveStream(m).keepAlive('');
    expect(pointValue((await collectMetrics(reader)).get(auth.connectedResources.name), { type: 'node' })).toBe(1);
  });
});
