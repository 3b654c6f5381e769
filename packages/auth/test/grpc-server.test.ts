import * as grpc from '@grpc/grpc-js';
import { grpcServer } from '@teleport-otel/catalog';
import {
  createGrpcServerInterceptor,
  createGrpcServerMetrics,
  grpcCodeName,
  splitMethodPath,
  startGrpcServerCall,
} from '@teleport-otel/auth';
import {
  bidi,
  clientStream,
  METHODS,
  newClient,
  serverStream,
  SERVICE,
  service,
  startServer,
  stopServer,
  unary,
  type LoopbackClient,
} from '../../../test-support/grpc-loopback';
import { collectMetrics, pointValue, sdkPipeline } from '../../../test-support/sdk';

describe('createGrpcServerInterceptor on a real grpc-js server (127.0.0.1:0)', () => {
  const { meterProvider, reader } = sdkPipeline();
  const metrics = createGrpcServerMetrics({ meterProvider });
  let server: grpc.Server;
  let client: LoopbackClient;
  const server_ = grpcServer.startedTotal.constLabels.server;

  beforeAll(async () => {
    const started = await startServer({ interceptors: [createGrpcServerInterceptor(metrics)] });
    server = started.server;
    client = newClient(started.port);
    await unary(client, 1);
    await unary(client, 2);
    await expect(unary(client, -1)).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    await expect(serverStream(client, 3)).resolves.toHaveLength(3);
    await expect(clientStream(client, [1, 2, 3, 4])).resolves.toEqual({ n: 10 });
    await expect(bidi(client, [5, 6])).resolves.toHaveLength(2);
  });
  afterAll(async () => {
    client.close();
    await stopServer(server);
  });

  const labels = (method: string, grpc_type: string) => ({
    grpc_type,
    grpc_service: SERVICE,
    grpc_method: method,
    server: server_,
  });

  test('unary: started, handled OK and NotFound, one message each way per successful call', async () => {
    const got = await collectMetrics(reader);
    const l = labels(METHODS.ping, 'unary');
    expect(pointValue(got.get(grpcServer.startedTotal.name), l)).toBe(3);
    expect(pointValue(got.get(grpcServer.handledTotal.name), { ...l, grpc_code: 'OK' })).toBe(2);
    expect(pointValue(got.get(grpcServer.handledTotal.name), { ...l, grpc_code: 'NotFound' })).toBe(1);
    expect(pointValue(got.get(grpcServer.msgReceivedTotal.name), l)).toBe(3);
    // The failed call sent no response message.
    expect(pointValue(got.get(grpcServer.msgSentTotal.name), l)).toBe(2);
  });

  test('server stream: grpc_type server_stream, every streamed message counted as sent', async () => {
    const got = await collectMetrics(reader);
    const l = labels(METHODS.watchEvents, 'server_stream');
    expect(pointValue(got.get(grpcServer.startedTotal.name), l)).toBe(1);
    expect(pointValue(got.get(grpcServer.msgReceivedTotal.name), l)).toBe(1);
    expect(pointValue(got.get(grpcServer.msgSentTotal.name), l)).toBe(3);
    expect(pointValue(got.get(grpcServer.handledTotal.name), { ...l, grpc_code: 'OK' })).toBe(1);
  });

  test('client stream and bidi stream: grpc_type from the method definition, messages both ways', async () => {
    const got = await collectMetrics(reader);
    const cs = labels(METHODS.sendKeepAlives, 'client_stream');
    expect(pointValue(got.get(grpcServer.msgReceivedTotal.name), cs)).toBe(4);
    expect(pointValue(got.get(grpcServer.msgSentTotal.name), cs)).toBe(1);
    const bd = labels(METHODS.inventoryControlStream, 'bidi_stream');
    expect(pointValue(got.get(grpcServer.msgReceivedTotal.name), bd)).toBe(2);
    expect(pointValue(got.get(grpcServer.msgSentTotal.name), bd)).toBe(2);
    expect(pointValue(got.get(grpcServer.handledTotal.name), { ...bd, grpc_code: 'OK' })).toBe(1);
  });

  test('a call the client cancels is handled once as Canceled; a missed deadline is handled exactly once', async () => {
    const l = labels(METHODS.ping, 'unary');
    const handled = async (code: string) =>
      (pointValue((await collectMetrics(reader)).get(grpcServer.handledTotal.name), { ...l, grpc_code: code }) as
        | number
        | undefined) ?? 0;
    const canceledBefore = await handled('Canceled');
    const call = client.ping({ n: 999 }, () => undefined); // the handler never answers
    await new Promise((r) => setTimeout(r, 50));
    call.cancel();
    await new Promise((r) => setTimeout(r, 50));
    expect(await handled('Canceled')).toBe(canceledBefore + 1);

    // The client's deadline timer usually resets the stream before the server's own timer fires,
    // so (as in Go, where the handler then sees context.Canceled) either code may be reported.
    const [c0, d0] = [await handled('Canceled'), await handled('DeadlineExceeded')];
    await new Promise<void>((resolve) => client.ping({ n: 999 }, { deadline: Date.now() + 50 }, () => resolve()));
    await new Promise((r) => setTimeout(r, 100));
    expect((await handled('Canceled')) - c0 + ((await handled('DeadlineExceeded')) - d0)).toBe(1);
  });
});

describe('grpc label helpers', () => {
  test('grpcCodeName maps every grpc-js status number to the Go code name of the catalog', () => {
    // grpc-js spells CANCELLED with two Ls; Go's codes.Canceled (and the catalog) with one.
    const norm = (s: string) => s.replace(/_/g, '').toLowerCase().replace('cancelled', 'canceled');
    const numeric = Object.entries(grpc.status).filter(([, v]) => typeof v === 'number') as [string, number][];
    expect(numeric).toHaveLength(grpcServer.handledTotal.values.grpc_code.length);
    for (const [name, code] of numeric) expect(norm(grpcCodeName(code))).toBe(norm(name));
    expect(grpcCodeName(99)).toBe('Unknown');
    expect(grpcCodeName('NotFound')).toBe('NotFound');
  });

  test('splitMethodPath splits /service/method as the Go interceptors do', () => {
    expect(splitMethodPath(service.ping.path)).toEqual({ grpc_service: SERVICE, grpc_method: METHODS.ping });
    expect(splitMethodPath('nopath')).toEqual({ grpc_service: 'unknown', grpc_method: 'unknown' });
  });

  test('startGrpcServerCall counts handled once however often end() is called', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createGrpcServerMetrics({ meterProvider });
    const call = startGrpcServerCall(m, service.watchEvents);
    call.received();
    call.sent();
    call.end(grpc.status.PERMISSION_DENIED);
    call.end(grpc.status.OK);
    const got = await collectMetrics(reader);
    expect(got.get(grpcServer.handledTotal.name)!.dataPoints).toHaveLength(1);
    expect(pointValue(got.get(grpcServer.handledTotal.name), { grpc_code: 'PermissionDenied', grpc_type: 'server_stream' })).toBe(
      1
    );
  });
});
