/**
 * oneAtATime on its own, in a real node:http server over loopback: requests pipelined on one
 * connection start one after another (Node would start them all at once), connections do not
 * wait for each other, and a connection pipelining past maxQueued is closed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { oneAtATime, type OneAtATimeOptions } from '../src/server/one-at-a-time';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

interface Seen {
  /** Paths in the order their handler started. */
  started: string[];
  /** Most handlers running at once. */
  maxActive: number;
  busy: number;
  idle: number;
  overflow: number;
}

/** A server whose handler answers `/slow…` paths after 60 ms and the rest at once. */
async function serve(maxQueued: number): Promise<{ port: number; seen: Seen }> {
  const seen: Seen = { started: [], maxActive: 0, busy: 0, idle: 0, overflow: 0 };
  let active = 0;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    seen.started.push(req.url!);
    seen.maxActive = Math.max(seen.maxActive, ++active);
    const answer = () => {
      active--;
      res.end(`${req.url}\n`);
    };
    if (req.url!.startsWith('/slow')) setTimeout(answer, 60);
    else answer();
  };
  const options: OneAtATimeOptions = {
    maxQueued,
    onBusy: () => seen.busy++,
    onIdle: () => seen.idle++,
    onOverflow: () => seen.overflow++,
  };
  server = createServer(oneAtATime(handler, options));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, seen };
}

/** Sends the requests pipelined in one write; resolves with the bodies answered and whether the server closed. */
function pipeline(port: number, paths: string[], expectBodies: number): Promise<{ bodies: string[]; closed: boolean }> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let text = '';
    const bodies = () => [...text.matchAll(/\r\n\r\n(\/[^\n]*)\n/g)].map((m) => m[1]!);
    const done = (closed: boolean) => {
      socket.destroy();
      resolve({ bodies: bodies(), closed });
    };
    socket.on('error', () => {});
    socket.on('data', (b) => {
      text += b.toString();
      if (bodies().length >= expectBodies) done(false);
    });
    socket.on('close', () => done(true));
    socket.write(paths.map((p) => `GET ${p} HTTP/1.1\r\nHost: x\r\n\r\n`).join(''));
  });
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
};

it('pipelined requests on one connection run one at a time, in order, all answered', async () => {
  const { port, seen } = await serve(8);
  const r = await pipeline(port, ['/slow1', '/slow2', '/fast3'], 3);
  expect(r.bodies).toEqual(['/slow1', '/slow2', '/fast3']);
  expect(seen.started).toEqual(['/slow1', '/slow2', '/fast3']);
  expect(seen.maxActive).toBe(1);
  await until(() => seen.idle === 1);
  expect({ busy: seen.busy, idle: seen.idle, overflow: seen.overflow }).toEqual({ busy: 1, idle: 1, overflow: 0 });
});

it('two connections are served side by side', async () => {
  const { port, seen } = await serve(8);
  const [a, b] = await Promise.all([pipeline(port, ['/slowA'], 1), pipeline(port, ['/slowB'], 1)]);
  expect([a.bodies, b.bodies]).toEqual([['/slowA'], ['/slowB']]);
  expect(seen.maxActive).toBe(2);
  await until(() => seen.idle === 2);
  expect(seen.busy).toBe(2);
});

it('a connection that is idle again starts a new run on its next request', async () => {
  const { port, seen } = await serve(8);
  const socket = connect(port, '127.0.0.1');
  let text = '';
  socket.on('data', (b) => (text += b.toString()));
  socket.write('GET /one HTTP/1.1\r\nHost: x\r\n\r\n');
  await until(() => seen.idle === 1);
  socket.write('GET /two HTTP/1.1\r\nHost: x\r\n\r\n');
  await until(() => seen.idle === 2 && text.includes('/two\n'));
  socket.destroy();
  expect(seen.started).toEqual(['/one', '/two']);
  expect({ busy: seen.busy, idle: seen.idle }).toEqual({ busy: 2, idle: 2 });
  expect(text).toContain('/two\n');
});

it('past maxQueued waiting requests the connection is closed and counted; the queued ones never start', async () => {
  const { port, seen } = await serve(1);
  // One in progress, one waiting (maxQueued 1), the third is one too many.
  const r = await pipeline(port, ['/slow1', '/slow2', '/slow3'], 3);
  expect(r.closed).toBe(true);
  expect(seen.overflow).toBe(1);
  await until(() => seen.idle === 1);
  expect(seen.started).toEqual(['/slow1']);
  expect(seen.idle).toBe(1);
});

it('requests parsed from the same write after the overflow start nothing on the closed connection', async () => {
  const { port, seen } = await serve(1);
  // Node hands over every request of the chunk it has parsed, even after the handler destroyed the
  // socket: /slow4 would start a run whose response can never finish (a scrape slot held until the
  // scrape timeout, for ever with none), /slow6 would overflow and be counted again.
  const r = await pipeline(port, ['/slow1', '/slow2', '/slow3', '/slow4', '/slow5', '/slow6'], 6);
  expect(r.closed).toBe(true);
  await until(() => seen.idle === 1);
  await new Promise((resolve) => setTimeout(resolve, 100)); // /slow4's 60 ms, were it started
  expect(seen.started).toEqual(['/slow1']);
  expect({ busy: seen.busy, idle: seen.idle, overflow: seen.overflow }).toEqual({ busy: 1, idle: 1, overflow: 1 });
});

it('exactly maxQueued waiting requests are all served', async () => {
  const { port, seen } = await serve(2);
  const r = await pipeline(port, ['/slow1', '/slow2', '/slow3'], 3);
  expect(r.bodies).toEqual(['/slow1', '/slow2', '/slow3']);
  expect(seen.overflow).toBe(0);
  expect(seen.maxActive).toBe(1);
});
