/**
 * pacedWrite over real loopback sockets: the body arrives whole and in order, a client that stops
 * reading holds back the pieces not yet handed over (Node queues at most one), the pacer's
 * budget decides the hand-backs, and a client that leaves mid-body ends the write with gone()
 * instead of leaving it waiting for a 'drain' that never comes.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { once } from 'node:events';
import { pacedWrite, type Pacer } from '../src/server/paced-write';

const PIECE = 64 * 1024;
/** 12 MB: more than loopback's socket buffers take from a client that reads nothing. */
const MANY = 192;

/** Piece i: PIECE bytes of the letter i picks, so order and completeness show in the bytes. */
const pieces = (n: number, size = PIECE): Buffer[] => Array.from({ length: n }, (_, i) => Buffer.alloc(size, 97 + (i % 26)));

class Gone extends Error {}

interface Served {
  server: Server;
  port: number;
  /** The response pacedWrite writes, once a request came. */
  response: Promise<ServerResponse>;
  /** pacedWrite's outcome: 'ended' or the error it threw. */
  outcome: Promise<unknown>;
}

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  // closeAllConnections: a write that never ends (a broken pacedWrite) must fail its test, not this hook.
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => (s.close(r), s.closeAllConnections()))));
});

async function serve(body: Buffer[], pacer?: (res: ServerResponse) => Pacer): Promise<Served> {
  let gotResponse!: (res: ServerResponse) => void;
  let settle!: (outcome: unknown) => void;
  const response = new Promise<ServerResponse>((r) => (gotResponse = r));
  const outcome = new Promise<unknown>((r) => (settle = r));
  const server = createServer((_req, res) => {
    gotResponse(res);
    res.setHeader(
      'Content-Length',
      body.reduce((n, b) => n + b.length, 0)
    );
    pacedWrite(res, body, () => new Gone(), pacer?.(res)).then(() => settle('ended'), settle);
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, response, outcome };
}

/** A raw client that sends one GET; `read: false` leaves the socket paused (reads nothing). */
function client(port: number, read = true): { socket: Socket; bytes: () => Buffer; closed: Promise<unknown> } {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  const chunks: Buffer[] = [];
  socket.on('error', () => {});
  if (read) socket.on('data', (d: Buffer) => chunks.push(d));
  else socket.pause();
  socket.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  return { socket, bytes: () => Buffer.concat(chunks), closed: once(socket, 'close') };
}

const bodyOf = (raw: Buffer): Buffer => raw.subarray(raw.indexOf('\r\n\r\n') + 4);

describe('pacedWrite', () => {
  it('delivers every piece, in order, and ends the response', async () => {
    const body = pieces(MANY);
    const s = await serve(body);
    const c = client(s.port);
    await c.closed;
    expect(await s.outcome).toBe('ended');
    expect(bodyOf(c.bytes()).equals(Buffer.concat(body))).toBe(true);
  });

  it('writes a one-piece body with end() alone', async () => {
    const body = pieces(1, 10);
    const s = await serve(body);
    const c = client(s.port);
    await c.closed;
    expect(await s.outcome).toBe('ended');
    expect(bodyOf(c.bytes()).toString()).toBe('a'.repeat(10));
  });

  it('queues at most one piece in Node while the client reads nothing, then sends the rest once it reads', async () => {
    const body = pieces(MANY);
    const s = await serve(body);
    const c = client(s.port, false);
    const res = await s.response;
    // Until the socket stops taking pieces (its buffers are full), then a while longer.
    let queued = 0;
    let last = -1;
    for (let still = 0; still < 10; ) {
      await new Promise((r) => setTimeout(r, 20));
      queued = Math.max(queued, res.writableLength);
      still = res.socket!.bytesWritten === last ? still + 1 : 0;
      last = res.socket!.bytesWritten;
    }
    expect(queued).toBeLessThanOrEqual(PIECE);
    expect(res.writableEnded).toBe(false); // the last pieces are still held back
    const received: Buffer[] = [];
    c.socket.on('data', (d: Buffer) => received.push(d));
    c.socket.resume();
    await c.closed;
    expect(await s.outcome).toBe('ended');
    expect(bodyOf(Buffer.concat(received)).equals(Buffer.concat(body))).toBe(true);
  }, 30_000);

  it('hands the loop back whenever the pacer says its budget is spent, and only then', async () => {
    let pauses = 0;
    const always = { due: () => true, pause: async () => void pauses++ };
    const s = await serve(pieces(8), () => always);
    await client(s.port).closed;
    expect(await s.outcome).toBe('ended');
    expect(pauses).toBe(7); // after each piece but the last, which end() writes

    let asked = 0;
    const never = { due: () => (asked++, false), pause: async () => void pauses++ };
    const t = await serve(pieces(8), () => never);
    await client(t.port).closed;
    expect(await t.outcome).toBe('ended');
    expect(pauses).toBe(7);
    expect(asked).toBe(7);
  });

  it('throws gone() when the client leaves while a piece waits for the socket, and leaves no listener behind', async () => {
    const s = await serve(pieces(MANY));
    const c = client(s.port, false);
    const res = await s.response;
    await until(() => res.writableLength > 0 && res.listenerCount('drain') > 0);
    c.socket.destroy();
    expect(await s.outcome).toBeInstanceOf(Gone);
    expect(res.listenerCount('drain')).toBe(0);
  }, 30_000);

  it('throws gone() when the client left during a hand-back, instead of waiting for a drain that never comes', async () => {
    let c!: ReturnType<typeof client>;
    const leaveOnce = (res: ServerResponse): Pacer => ({
      due: () => true,
      pause: async () => {
        if (res.destroyed) return;
        c.socket.destroy();
        await once(res, 'close');
      },
    });
    // 4 pieces: the next write finds it gone; 2: end() would be next.
    for (const n of [4, 2]) {
      const s = await serve(pieces(n), leaveOnce);
      c = client(s.port);
      const outcome = await Promise.race([s.outcome, new Promise((r) => setTimeout(() => r('still waiting'), 5_000).unref())]);
      expect(outcome).toBeInstanceOf(Gone);
    }
  });

  it('takes its drain and close listeners off after each piece (no listener piles up over a long body)', async () => {
    const body = pieces(MANY);
    let most = 0;
    const watch = (res: ServerResponse): Pacer => ({
      due: () => ((most = Math.max(most, res.listenerCount('close'), res.listenerCount('drain'))), false),
      pause: async () => {},
    });
    const s = await serve(body, watch);
    const c = client(s.port);
    await c.closed;
    expect(await s.outcome).toBe('ended');
    // Node's own listeners plus none of ours: a leak would add one per piece that waited.
    expect(most).toBeLessThan(5);
  }, 30_000);
});

async function until(ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
