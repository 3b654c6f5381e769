/**
 * The diag server's connection slots on their own, with real loopback TCP sockets (the accepted
 * side, as the server's 'connection' event hands them over): who is evicted, who is refused, and
 * when a connection counts as busy. server.test.ts checks the same through a whole diag server.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { ConnectionSlots, tcpSocketOf, type RejectReason } from '../src/server/connection-slots';

let server: Server;
const accepted: Socket[] = [];
const clients: Socket[] = [];

beforeAll(async () => {
  server = createServer((s) => accepted.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
});
afterEach(() => {
  for (const s of [...accepted, ...clients]) s.destroy();
  accepted.length = 0;
  clients.length = 0;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** One new loopback connection: the server's side of it. */
async function socket(): Promise<Socket> {
  const n = accepted.length;
  const c = connect((server.address() as { port: number }).port, '127.0.0.1');
  c.on('error', () => {});
  clients.push(c);
  while (accepted.length === n) await new Promise((r) => setTimeout(r, 2));
  return accepted[n]!;
}

/** Destroys the socket; resolves after its 'close' event, the one the slots listen to. */
const destroy = (s: Socket) => {
  const closed = new Promise<void>((r) => s.once('close', () => r()));
  s.destroy();
  return closed;
};

/** A fresh connection is admitted and kept, with nothing rejected: the slots have room again. */
async function expectRoomForOneMore(s: ConnectionSlots, rejected: readonly RejectReason[]): Promise<void> {
  const fresh = await socket();
  s.admit(fresh);
  expect(fresh.destroyed).toBe(false);
  expect(rejected).toEqual([]);
}

function slots(max: number) {
  const rejected: RejectReason[] = [];
  return { slots: new ConnectionSlots(max, (r) => rejected.push(r)), rejected };
}

it('below the limit every connection is admitted and counted', async () => {
  const { slots: s, rejected } = slots(3);
  const a = await socket();
  const b = await socket();
  s.admit(a);
  s.admit(b);
  expect(s.size).toBe(2);
  s.requestStarted(a);
  expect(s.size).toBe(2); // busy connections count too
  expect(a.destroyed || b.destroyed).toBe(false);
  expect(rejected).toEqual([]);
});

it('at the limit the oldest connection without a request is evicted for the new one', async () => {
  const { slots: s, rejected } = slots(2);
  const [a, b, c] = [await socket(), await socket(), await socket()];
  s.admit(a);
  s.admit(b);
  s.admit(c);
  expect(a.destroyed).toBe(true);
  expect(b.destroyed).toBe(false);
  expect(c.destroyed).toBe(false);
  expect(rejected).toEqual(['evicted']);
  expect(s.size).toBe(2);
});

it('a busy connection is not evicted; a finished one goes to the back of the eviction order', async () => {
  const { slots: s, rejected } = slots(2);
  const [a, b, c, d] = [await socket(), await socket(), await socket(), await socket()];
  s.admit(a);
  s.admit(b);
  s.requestStarted(a);
  s.admit(c); // a is busy: b, the oldest waiting, goes
  expect([a.destroyed, b.destroyed, c.destroyed]).toEqual([false, true, false]);
  s.requestsDone(a); // a waits again, now newer than c
  s.admit(d);
  expect([a.destroyed, c.destroyed, d.destroyed]).toEqual([false, true, false]);
  const e = await socket();
  s.admit(e); // a is evictable again, and now the oldest waiting
  expect([a.destroyed, d.destroyed, e.destroyed]).toEqual([true, false, false]);
  expect(rejected).toEqual(['evicted', 'evicted', 'evicted']);
});

it('when every connection has a request in progress the new one is refused', async () => {
  const { slots: s, rejected } = slots(2);
  const [a, b, c] = [await socket(), await socket(), await socket()];
  s.admit(a);
  s.admit(b);
  s.requestStarted(a);
  s.requestStarted(b);
  s.admit(c);
  expect([a.destroyed, b.destroyed, c.destroyed]).toEqual([false, false, true]);
  expect(rejected).toEqual(['refused']);
  expect(s.size).toBe(2);
});

it('a closed connection frees its slot, busy or not', async () => {
  const { slots: s, rejected } = slots(2);
  const [a, b] = [await socket(), await socket()];
  s.admit(a);
  s.admit(b);
  s.requestStarted(b);
  await Promise.all([destroy(a), destroy(b)]);
  expect(s.size).toBe(0);
  await expectRoomForOneMore(s, rejected);
});

it('requestsDone on a destroyed connection does not bring it back', async () => {
  const { slots: s, rejected } = slots(1);
  const a = await socket();
  s.admit(a);
  s.requestStarted(a);
  const gone = destroy(a);
  s.requestsDone(a); // destroyed, its 'close' not emitted yet
  await gone;
  expect(s.size).toBe(0);
  await expectRoomForOneMore(s, rejected);
});

it('requestStarted on a connection it never admitted changes nothing', async () => {
  const { slots: s } = slots(1);
  const a = await socket();
  const stranger = await socket();
  s.admit(a);
  s.requestStarted(stranger);
  expect(s.size).toBe(1);
  s.requestsDone(stranger);
  expect(s.size).toBe(1);
});

it('max 0 admits any number of connections', async () => {
  const { slots: s, rejected } = slots(0);
  const all = [await socket(), await socket(), await socket()];
  for (const a of all) s.admit(a);
  expect(s.size).toBe(3);
  expect(all.some((a) => a.destroyed)).toBe(false);
  expect(rejected).toEqual([]);
});

it('reject() counts a connection closed for another reason', () => {
  const { slots: s, rejected } = slots(1);
  s.reject('pipelined');
  expect(rejected).toEqual(['pipelined']);
});

it('tcpSocketOf: a TLS socket maps to the TCP socket under it, a plain socket to itself', async () => {
  const a = await socket();
  expect(tcpSocketOf(a)).toBe(a);
  const tlsLike = Object.assign(Object.create(a) as Socket, { _parent: a });
  expect(tcpSocketOf(tlsLike)).toBe(a);
  const detached = Object.assign(Object.create(a) as Socket, { _parent: null });
  expect(tcpSocketOf(detached)).toBe(detached);
});
