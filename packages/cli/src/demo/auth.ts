import type * as GrpcJs from '@grpc/grpc-js';
import {
  createAuthMetrics,
  createGrpcServerInterceptor,
  createGrpcServerMetrics,
  GenerateThrottledError,
  reportMissedHeartbeats,
  setRegisteredServers,
  startGrpcServerCall,
  trackGenerate,
  trackKeepAliveStream,
  type GrpcServerMetrics,
  type KeepAliveStream,
} from '@teleport-otel/auth';
import { auth, grpcServer } from '@teleport-otel/catalog';
import { createGrpcClientInterceptor, startGrpcClientCall, type GrpcClientMetrics } from '@teleport-otel/proxy';
import { every, pick, type DemoDriver } from './types';

type Msg = { n: number; code?: number };
type Shape = { requestStream: boolean; responseStream: boolean };

const SERVICE = grpcServer.startedTotal.examples.grpc_service[0];
const [PING, , SEND_KEEP_ALIVES, WATCH_EVENTS, INVENTORY] = grpcServer.startedTotal.examples.grpc_method;
const SHAPES: Record<string, Shape> = {
  [PING]: { requestStream: false, responseStream: false },
  [WATCH_EVENTS]: { requestStream: false, responseStream: true },
  [SEND_KEEP_ALIVES]: { requestStream: true, responseStream: false },
  [INVENTORY]: { requestStream: true, responseStream: true },
};
// gRPC status numbers (NotFound, PermissionDenied, Unavailable, AlreadyExists, Unauthenticated) a busy Auth answers with now and then.
const FAILURES = [5, 7, 14, 6, 16];

function loadGrpc(): typeof GrpcJs | undefined {
  try {
    return require('@grpc/grpc-js') as typeof GrpcJs;
  } catch {
    return undefined;
  }
}

/**
 * A loopback gRPC workload shared by the auth and proxy demos: a real grpc-js server and client on
 * 127.0.0.1:0 (JSON over Buffer, one method of each call shape), with the server and/or client
 * interceptor installed. Without grpc-js, the same calls are recorded through the call trackers.
 */
export function startLoopbackRpc(opts: { random: () => number; server?: GrpcServerMetrics; client?: GrpcClientMetrics }): {
  tick(): void;
  stop(): Promise<void>;
} {
  const { random } = opts;
  const plan = () => {
    const method = pick(random, [PING, PING, PING, PING, PING, PING, WATCH_EVENTS, WATCH_EVENTS, SEND_KEEP_ALIVES, INVENTORY]);
    return { method, n: 1 + Math.floor(random() * 5), code: random() < 0.06 ? pick(random, FAILURES) : 0 };
  };
  const grpc = loadGrpc();
  if (!grpc) {
    return {
      tick() {
        const { method, n, code } = plan();
        const shape = { path: `/${SERVICE}/${method}`, ...SHAPES[method]! };
        const requests = shape.requestStream ? n : 1;
        const responses = code ? 0 : shape.responseStream ? n : 1;
        // The server receives the requests and sends the responses; the client the other way round.
        const calls = [
          opts.server && { t: startGrpcServerCall(opts.server, shape), inbound: requests, outbound: responses },
          opts.client && { t: startGrpcClientCall(opts.client, shape), inbound: responses, outbound: requests },
        ];
        for (const c of calls) {
          if (!c) continue;
          for (let i = 0; i < c.inbound; i++) c.t.received();
          for (let i = 0; i < c.outbound; i++) c.t.sent();
          c.t.end(code);
        }
      },
      stop: async () => undefined,
    };
  }
  const json = {
    serialize: (m: Msg) => Buffer.from(JSON.stringify(m)),
    deserialize: (b: Buffer) => JSON.parse(b.toString()) as Msg,
  };
  const def: Record<string, GrpcJs.MethodDefinition<Msg, Msg>> = {};
  for (const [name, shape] of Object.entries(SHAPES)) {
    def[name] = {
      path: `/${SERVICE}/${name}`,
      ...shape,
      requestSerialize: json.serialize,
      requestDeserialize: json.deserialize,
      responseSerialize: json.serialize,
      responseDeserialize: json.deserialize,
    };
  }
  const fail = (code: number) => ({ code, details: 'simulated failure' });
  const server = new grpc.Server(opts.server ? { interceptors: [createGrpcServerInterceptor(opts.server, { grpc })] } : {});
  server.addService(def, {
    [PING]: (call: GrpcJs.ServerUnaryCall<Msg, Msg>, cb: GrpcJs.sendUnaryData<Msg>) =>
      call.request.code ? cb(fail(call.request.code)) : cb(null, call.request),
    [WATCH_EVENTS]: (call: GrpcJs.ServerWritableStream<Msg, Msg>) => {
      for (let i = 0; i < call.request.n; i++) call.write({ n: i });
      if (call.request.code) call.emit('error', fail(call.request.code));
      else call.end();
    },
    [SEND_KEEP_ALIVES]: (call: GrpcJs.ServerReadableStream<Msg, Msg>, cb: GrpcJs.sendUnaryData<Msg>) => {
      let code = 0;
      call.on('data', (m: Msg) => (code ||= m.code ?? 0));
      call.on('end', () => (code ? cb(fail(code)) : cb(null, { n: 0 })));
    },
    [INVENTORY]: (call: GrpcJs.ServerDuplexStream<Msg, Msg>) => {
      call.on('data', (m: Msg) => call.write(m));
      call.on('end', () => call.end());
    },
  });
  const Client = grpc.makeGenericClientConstructor(def, SERVICE);
  let client: InstanceType<typeof Client> | undefined;
  const ready = new Promise<void>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
      if (err) return reject(err);
      const interceptors = opts.client ? [createGrpcClientInterceptor(opts.client, { grpc })] : [];
      client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { interceptors });
      resolve();
    })
  );
  ready.catch(() => undefined);
  const ignore = () => undefined;
  return {
    tick() {
      const c = client as unknown as Record<
        string,
        (...a: unknown[]) => GrpcJs.ClientWritableStream<Msg> & GrpcJs.ClientReadableStream<Msg>
      >;
      if (!c) return;
      const { method, n, code } = plan();
      if (method === PING) c[PING]!({ n, code }, ignore);
      else if (method === WATCH_EVENTS) c[WATCH_EVENTS]!({ n, code }).on('data', ignore).on('error', ignore);
      else {
        const s =
          method === SEND_KEEP_ALIVES ? c[SEND_KEEP_ALIVES]!(ignore) : c[INVENTORY]!().on('data', ignore).on('error', ignore);
        for (let i = 0; i < n; i++) s.write({ n: i, code: i === n - 1 ? code : 0 });
        s.end();
      }
    },
    async stop() {
      await ready.catch(() => undefined);
      client?.close();
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    },
  };
}

/**
 * Auth Service: host-cert generation (a burst now and then hits the limiter), logins, keepalive
 * streams coming and going, missed heartbeats, registered-server versions every 15 s, and gRPC
 * traffic through the real server interceptor.
 */
export const authDemo: DemoDriver = {
  name: 'auth',
  start({ meterProvider, random, heartbeat }) {
    const m = createAuthMetrics({ meterProvider });
    const rpc = startLoopbackRpc({ random, server: createGrpcServerMetrics({ meterProvider }) });
    const generate = trackGenerate(m, () => new Promise<void>((r) => setTimeout(r, 20 + random() * 300).unref()), {
      maxInFlight: 4,
    });
    const types = auth.connectedResources.examples.type;
    const streams: KeepAliveStream[] = [];
    const connect = () => {
      const s = trackKeepAliveStream(m);
      s.keepAlive(pick(random, types));
      streams.push(s);
    };
    for (let i = 0; i < 20; i++) connect();
    const versions = auth.registeredServers.examples.version;
    const registered = () =>
      setRegisteredServers(m, { [versions[0]]: 1 + streams.length - 4, [versions[1]]: 3 + Math.floor(random() * 2) });
    registered();

    const stops = [
      every(100, () => rpc.tick()),
      every(250, () => {
        for (let i = random() < 0.05 ? 8 : 1; i > 0; i--) {
          try {
            generate().catch(() => undefined);
          } catch (err) {
            if (!(err instanceof GenerateThrottledError)) throw err;
          }
        }
      }),
      every(700, () => {
        m.userLoginTotal.inc();
        if (random() < 0.05) m.clusterNameNotFoundTotal.inc();
      }),
      every(2000, () => {
        // A resource reconnects (its old stream ends, a new one counts a fresh heartbeat connection).
        if (streams.length > 10 && random() < 0.5) streams.splice(Math.floor(random() * streams.length), 1)[0]!.end();
        if (streams.length < 30) connect();
      }),
      every(5000, () => {
        reportMissedHeartbeats(m, random() < 0.3 ? 1 + Math.floor(random() * 2) : 0);
      }),
      every(15000, registered),
      every(1000, () => heartbeat('auth', true)),
    ];
    heartbeat('auth', true);
    return {
      async stop() {
        stops.forEach((s) => s());
        streams.splice(0).forEach((s) => s.end());
        await rpc.stop();
      },
    };
  },
};
