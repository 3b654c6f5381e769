import { grpcClient, proxy, type MetricGroup } from '@teleport-otel/catalog';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import {
  createGrpcClientInterceptor,
  createGrpcClientMetrics,
  createProxyMetrics,
  startSshSession,
  trackConnectToNode,
} from '@teleport-otel/proxy';
import { expectGroupExposed } from '../../../test-support/exposition';
import { newClient, startServer, stopServer, unary } from '../../../test-support/grpc-loopback';
import { recordAll } from '../../../test-support/sdk';

describe('fast path: @teleport-otel/diag provider, scraped as /metrics text', () => {
  test.each([
    ['proxy', proxy, createProxyMetrics],
    ['grpcClient', grpcClient, createGrpcClientMetrics],
  ] as [string, MetricGroup, (o: { meterProvider: unknown }) => object][])(
    'every %s entry is exposed with the catalog TYPE and HELP',
    async (_n, group, create) => {
      const diag = createDiagMeterProvider();
      recordAll(group, create({ meterProvider: diag.meterProvider }) as Record<string, unknown>);
      const families = parseExposition(await diag.render());
      expectGroupExposed(families, group);
      await diag.shutdown();
    }
  );

  test('helpers and the client interceptor record through the fast path', async () => {
    const diag = createDiagMeterProvider();
    const m = createProxyMetrics({ meterProvider: diag.meterProvider });
    const dial = trackConnectToNode(m, (ok: boolean) => {
      if (!ok) throw new Error('refused');
    });
    dial(true);
    expect(() => dial(false)).toThrow();
    const end = startSshSession(m);
    const { server, port } = await startServer({});
    const client = newClient(port, {
      interceptors: [createGrpcClientInterceptor(createGrpcClientMetrics({ meterProvider: diag.meterProvider }))],
    });
    await unary(client, 1);
    client.close();
    await stopServer(server);
    const families = parseExposition(await diag.render());
    const value = (name: string) => families.get(name)!.samples[0]!.value;
    expect(value(proxy.connectToNodeAttemptsTotal.name)).toBe(2);
    expect(value(proxy.failedConnectToNodeAttemptsTotal.name)).toBe(1);
    expect(value(proxy.sshSessionsTotal.name)).toBe(1);
    end();
    expect(parseExposition(await diag.render()).get(proxy.sshSessionsTotal.name)!.samples[0]!.value).toBe(0);
    expect(families.get(grpcClient.handledTotal.name)!.samples[0]!.labels).toMatchObject({
      grpc_code: 'OK',
      client: grpcClient.handledTotal.constLabels.client,
    });
    await diag.shutdown();
  });
});
