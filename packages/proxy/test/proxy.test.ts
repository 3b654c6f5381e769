import { grpcClient, proxy } from '@teleport-otel/catalog';
import { createGrpcClientMetrics, createProxyMetrics, startSshSession, trackConnectToNode } from '@teleport-otel/proxy';
import { collectMetrics, expectGroupExported, pointValue, recordAll, sdkPipeline } from '../../../test-support/sdk';

describe('createProxyMetrics / createGrpcClientMetrics over a plain SDK MeterProvider', () => {
  test('every proxy entry is exported with the catalog name, unit and help', async () => {
    const { meterProvider, reader } = sdkPipeline();
    recordAll(proxy, createProxyMetrics({ meterProvider }));
    expectGroupExported(proxy, await collectMetrics(reader));
  });

  test('every grpcClient entry is exported with the default const label, which can be overridden', async () => {
    const a = sdkPipeline();
    recordAll(grpcClient, createGrpcClientMetrics({ meterProvider: a.meterProvider }));
    expectGroupExported(grpcClient, await collectMetrics(a.reader));

    const b = sdkPipeline();
    createGrpcClientMetrics({ meterProvider: b.meterProvider, constLabels: { client: 'my-proxy' } }).startedTotal.inc({
      grpc_type: 'unary',
      grpc_service: 's',
      grpc_method: 'm',
    });
    expect((await collectMetrics(b.reader)).get(grpcClient.startedTotal.name)!.dataPoints[0]!.attributes.client).toBe('my-proxy');
  });
});

describe('trackConnectToNode', () => {
  test('counts every attempt and the failed ones (sync throw, async rejection), so the ratio is the failure rate', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createProxyMetrics({ meterProvider });
    const dial = trackConnectToNode(m, async (host: string) => {
      if (host === 'down') throw new Error('connection refused');
      return { host };
    });
    const dialSync = trackConnectToNode(m, (host: string) => {
      if (host === 'down') throw new Error('no route');
      return host;
    });
    await expect(dial('up')).resolves.toEqual({ host: 'up' });
    await expect(dial('down')).rejects.toThrow('connection refused');
    expect(dialSync('up')).toBe('up');
    expect(() => dialSync('down')).toThrow('no route');
    const got = await collectMetrics(reader);
    expect(pointValue(got.get(proxy.connectToNodeAttemptsTotal.name))).toBe(4);
    expect(pointValue(got.get(proxy.failedConnectToNodeAttemptsTotal.name))).toBe(2);
  });
});

describe('startSshSession', () => {
  test('holds proxy_ssh_sessions_total up while the session lives; ending twice is harmless', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createProxyMetrics({ meterProvider });
    const end1 = startSshSession(m);
    const end2 = startSshSession(m);
    expect(pointValue((await collectMetrics(reader)).get(proxy.sshSessionsTotal.name))).toBe(2);
    end1();
    end1();
    expect(pointValue((await collectMetrics(reader)).get(proxy.sshSessionsTotal.name))).toBe(1);
    end2();
    expect(pointValue((await collectMetrics(reader)).get(proxy.sshSessionsTotal.name))).toBe(0);
  });
});
