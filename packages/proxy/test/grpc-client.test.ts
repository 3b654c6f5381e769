import * as grpc from '@grpc/grpc-js';
import { grpcClient } from '@teleport-otel/catalog';
import { createGrpcClientInterceptor, createGrpcClientMetrics, grpcCodeName, splitMethodPath } from '@teleport-otel/proxy';
// The loopback service (JSON over Buffer, one method per call shape) is shared with @teleport-otel/auth's tests.
import {
  bidi,
  clientStream,
  newClient,
  serverStream,
  service,
  startServer,
  stopServer,
  unary,
  type LoopbackClient,
} from '../../../test-support/grpc-loopback';
import { collectMetrics, pointValue, sdkPipeline } from '../../../test-support/sdk';

describe('createGrpcClientInterceptor against a real grpc-js server (127.0.0.1:0)', () => {
  const { meterProvider, reader } = sdkPipeline();
  const metrics = createGrpcClientMetrics({ meterProvider });
  let server: grpc.Server;
  let port: number;
  let client: LoopbackClient;
  const clientLabel = grpcClient.startedTotal.constLabels.client;
  const labels = (m: { path: string }, grpc_type: string) => ({ grpc_type, ...splitMethodPath(m.path), client: clientLabel });

  beforeAll(async () => {
    ({ server, port } = await startServer({}));
    client = newClient(port, { interceptors: [createGrpcClientInterceptor(metrics)] });
    await unary(client, 1);
    await expect(unary(client, -1)).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    await expect(serverStream(client, 3)).resolves.toHaveLength(3);
    await expect(clientStream(client, [1, 2])).resolves.toEqual({ n: 3 });
    await expect(bidi(client, [7, 8, 9])).resolves.toHaveLength(3);
  });
  afterAll(async () => {
    client.close();
    await stopServer(server);
  });

  test('unary: started twice, handled OK and NotFound, messages sent for both and received for the OK one', async () => {
    const got = await collectMetrics(reader);
    const l = labels(service.ping, 'unary');
    expect(pointValue(got.get(grpcClient.startedTotal.name), l)).toBe(2);
    expect(pointValue(got.get(grpcClient.handledTotal.name), { ...l, grpc_code: 'OK' })).toBe(1);
    expect(pointValue(got.get(grpcClient.handledTotal.name), { ...l, grpc_code: 'NotFound' })).toBe(1);
    expect(pointValue(got.get(grpcClient.msgSentTotal.name), l)).toBe(2);
    expect(pointValue(got.get(grpcClient.msgReceivedTotal.name), l)).toBe(1);
  });

  test('server stream: every streamed message counted as received', async () => {
    const got = await collectMetrics(reader);
    const l = labels(service.watchEvents, 'server_stream');
    expect(pointValue(got.get(grpcClient.msgReceivedTotal.name), l)).toBe(3);
    expect(pointValue(got.get(grpcClient.msgSentTotal.name), l)).toBe(1);
    expect(pointValue(got.get(grpcClient.handledTotal.name), { ...l, grpc_code: 'OK' })).toBe(1);
  });

  test('client stream and bidi: grpc_type from the method definition, messages both ways', async () => {
    const got = await collectMetrics(reader);
    const cs = labels(service.sendKeepAlives, 'client_stream');
    expect(pointValue(got.get(grpcClient.msgSentTotal.name), cs)).toBe(2);
    expect(pointValue(got.get(grpcClient.msgReceivedTotal.name), cs)).toBe(1);
    const bd = labels(service.inventoryControlStream, 'bidi_stream');
    expect(pointValue(got.get(grpcClient.msgSentTotal.name), bd)).toBe(3);
    expect(pointValue(got.get(grpcClient.msgReceivedTotal.name), bd)).toBe(3);
    expect(pointValue(got.get(grpcClient.handledTotal.name), { ...bd, grpc_code: 'OK' })).toBe(1);
  });

  test('local outcomes are counted too: a missed deadline, and an unreachable server', async () => {
    const l = labels(service.ping, 'unary');
    await new Promise<void>((resolve) => client.ping({ n: 999 }, { deadline: Date.now() + 50 }, () => resolve()));
    const dead = newClient(1, { interceptors: [createGrpcClientInterceptor(metrics)] }); // nothing listens on port 1
    await expect(unary(dead, 1)).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    dead.close();
    const got = await collectMetrics(reader);
    expect(pointValue(got.get(grpcClient.handledTotal.name), { ...l, grpc_code: 'DeadlineExceeded' })).toBe(1);
    expect(pointValue(got.get(grpcClient.handledTotal.name), { ...l, grpc_code: 'Unavailable' })).toBe(1);
  });

  test('grpcCodeName agrees with grpc-js status numbers', () => {
    expect(grpcCodeName(grpc.status.NOT_FOUND)).toBe('NotFound');
    expect(grpcCodeName(grpc.status.CANCELLED)).toBe('Canceled');
    expect(grpcCodeName(grpc.status.UNAUTHENTICATED)).toBe('Unauthenticated');
  });
});
