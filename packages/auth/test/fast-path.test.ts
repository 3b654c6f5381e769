import { auth, grpcServer, type MetricGroup } from '@teleport-otel/catalog';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import { expectGroupExposed } from '../../../test-support/exposition';
import {
  createAuthMetrics,
  createGrpcServerInterceptor,
  createGrpcServerMetrics,
  setRegisteredServers,
  trackGenerate,
} from '@teleport-otel/auth';
import { newClient, service, startServer, stopServer, unary } from '../../../test-support/grpc-loopback';
import { recordAll } from '../../../test-support/sdk';

describe('fast path: @teleport-otel/diag provider, scraped as /metrics text', () => {
  test.each([
    ['auth', auth, createAuthMetrics],
    ['grpcServer', grpcServer, createGrpcServerMetrics],
  ] as [string, MetricGroup, (o: { meterProvider: unknown }) => object][])(
    'every %s entry is exposed with the catalog TYPE, HELP and buckets',
    async (_name, group, create) => {
      const diag = createDiagMeterProvider();
      recordAll(group, create({ meterProvider: diag.meterProvider }) as Record<string, unknown>);
      const families = parseExposition(await diag.render());
      expectGroupExposed(families, group);
      await diag.shutdown();
    }
  );

  test('setRegisteredServers drops vanished versions, as Teleport Reset()s the vector', async () => {
    const diag = createDiagMeterProvider();
    const m = createAuthMetrics({ meterProvider: diag.meterProvider });
    const [v1, v2] = auth.registeredServers.examples.version;
    setRegisteredServers(m, { [v1]: 3, [v2]: 1 });
    setRegisteredServers(m, { [v1]: 4 });
    const f = parseExposition(await diag.render()).get(auth.registeredServers.name)!;
    expect(f.samples.map((s) => [s.labels.version, s.value])).toEqual([[v1, 4]]);
    await diag.shutdown();
  });

  test('trackGenerate and the gRPC interceptor record through the fast path', async () => {
    const diag = createDiagMeterProvider();
    const m = createAuthMetrics({ meterProvider: diag.meterProvider });
    await trackGenerate(m, async () => new Promise((r) => setTimeout(r, 5)))();
    const { server, port } = await startServer({
      interceptors: [createGrpcServerInterceptor(createGrpcServerMetrics({ meterProvider: diag.meterProvider }))],
    });
    const client = newClient(port);
    await unary(client, 1);
    client.close();
    await stopServer(server);
    const families = parseExposition(await diag.render());
    expect(families.get(auth.generateSeconds.name)!.samples.find((s) => s.name.endsWith('_count'))!.value).toBe(1);
    const handled = families.get(grpcServer.handledTotal.name)!.samples;
    expect(handled).toHaveLength(1);
    expect(handled[0]!.labels).toMatchObject({
      grpc_code: 'OK',
      grpc_type: 'unary',
      server: grpcServer.handledTotal.constLabels.server,
    });
    expect(service.ping.path).toBe(`/${handled[0]!.labels.grpc_service}/${handled[0]!.labels.grpc_method}`);
    await diag.shutdown();
  });
});
