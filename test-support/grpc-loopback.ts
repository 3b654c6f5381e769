import * as grpc from '@grpc/grpc-js';
import { grpcServer } from '@teleport-otel/catalog';

type Msg = { n: number };
const json = {
  serialize: (m: Msg): Buffer => Buffer.from(JSON.stringify(m)),
  deserialize: (b: Buffer): Msg => JSON.parse(b.toString()) as Msg,
};

/** Service and method names from the catalog's examples: proto.AuthService/Ping, WatchEvents, ... */
export const SERVICE = grpcServer.startedTotal.examples.grpc_service[0];
const [PING, , SEND_KEEP_ALIVES, WATCH_EVENTS, INVENTORY] = grpcServer.startedTotal.examples.grpc_method;

function method(name: string, requestStream: boolean, responseStream: boolean): grpc.MethodDefinition<Msg, Msg> {
  return {
    path: `/${SERVICE}/${name}`,
    requestStream,
    responseStream,
    requestSerialize: json.serialize,
    requestDeserialize: json.deserialize,
    responseSerialize: json.serialize,
    responseDeserialize: json.deserialize,
  };
}

/** A hand-built service (JSON over Buffer) with one method of each call shape. */
export const service = {
  ping: method(PING, false, false),
  watchEvents: method(WATCH_EVENTS, false, true),
  sendKeepAlives: method(SEND_KEEP_ALIVES, true, false),
  inventoryControlStream: method(INVENTORY, true, true),
} satisfies grpc.ServiceDefinition;

export const METHODS = {
  ping: PING,
  watchEvents: WATCH_EVENTS,
  sendKeepAlives: SEND_KEEP_ALIVES,
  inventoryControlStream: INVENTORY,
};

/**
 * ping: n < 0 fails with NOT_FOUND, otherwise echoes. watchEvents: n messages. sendKeepAlives:
 * sums the stream. inventoryControlStream: echoes each message. hang: never answers (for cancels).
 */
export const implementation: grpc.UntypedServiceImplementation = {
  ping: (call: grpc.ServerUnaryCall<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) => {
    if (call.request.n < 0) cb({ code: grpc.status.NOT_FOUND, details: 'no such thing' });
    else if (call.request.n === 999) return; // never answers: the client cancels
    else cb(null, { n: call.request.n });
  },
  watchEvents: (call: grpc.ServerWritableStream<Msg, Msg>) => {
    for (let i = 0; i < call.request.n; i++) call.write({ n: i });
    call.end();
  },
  sendKeepAlives: (call: grpc.ServerReadableStream<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) => {
    let sum = 0;
    call.on('data', (m: Msg) => (sum += m.n));
    call.on('end', () => cb(null, { n: sum }));
  },
  inventoryControlStream: (call: grpc.ServerDuplexStream<Msg, Msg>) => {
    call.on('data', (m: Msg) => call.write(m));
    call.on('end', () => call.end());
  },
};

export async function startServer(options: grpc.ServerOptions): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server(options);
  server.addService(service, implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p)))
  );
  return { server, port };
}

export function stopServer(server: grpc.Server): Promise<void> {
  return new Promise((resolve) => server.tryShutdown(() => resolve()));
}

export const Client = grpc.makeGenericClientConstructor(service, SERVICE);
export type LoopbackClient = InstanceType<typeof Client> & Record<string, (...args: any[]) => any>;

export function newClient(port: number, options: grpc.ClientOptions = {}): LoopbackClient {
  return new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), options) as LoopbackClient;
}

export function unary(client: LoopbackClient, n: number): Promise<Msg> {
  return new Promise((resolve, reject) =>
    client.ping({ n }, (err: grpc.ServiceError | null, res: Msg) => (err ? reject(err) : resolve(res)))
  );
}

export function serverStream(client: LoopbackClient, n: number): Promise<Msg[]> {
  return new Promise((resolve, reject) => {
    const out: Msg[] = [];
    const s = client.watchEvents({ n });
    s.on('data', (m: Msg) => out.push(m));
    s.on('error', reject);
    s.on('end', () => resolve(out));
  });
}

export function clientStream(client: LoopbackClient, values: number[]): Promise<Msg> {
  return new Promise((resolve, reject) => {
    const s = client.sendKeepAlives((err: grpc.ServiceError | null, res: Msg) => (err ? reject(err) : resolve(res)));
    for (const n of values) s.write({ n });
    s.end();
  });
}

export function bidi(client: LoopbackClient, values: number[]): Promise<Msg[]> {
  return new Promise((resolve, reject) => {
    const out: Msg[] = [];
    const s = client.inventoryControlStream();
    s.on('data', (m: Msg) => out.push(m));
    s.on('error', reject);
    s.on('end', () => resolve(out));
    for (const n of values) s.write({ n });
    s.end();
  });
}
