import { instance } from '@teleport-otel/catalog';
import { countBytes, createInstanceMetrics } from '@teleport-otel/instance';
import { once } from 'node:events';
import * as net from 'node:net';
import { Duplex, PassThrough } from 'node:stream';
import { collectMetrics, sdkPipeline, sumAt } from '../../../test-support/sdk';

// Everything a test opens, closed after it even when an assertion fails.
const opened: (net.Server | net.Socket)[] = [];
afterEach(() => {
  for (const h of opened.splice(0))
    if (h instanceof net.Socket) h.destroy();
    else h.close();
});

/** A real loopback TCP pair: the server side is counted, the client side drives the traffic. */
async function loopback(onServerSocket: (s: net.Socket) => void) {
  const server = net.createServer((s) => {
    opened.push(s);
    onServerSocket(s);
  });
  opened.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  const client = net.connect(port, '127.0.0.1');
  opened.push(client);
  await once(client, 'connect');
  return { server, client };
}

describe('countBytes', () => {
  test('a real loopback TCP connection: rx/tx equal the bytes actually sent each way, added at close', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createInstanceMetrics({ meterProvider });
    let serverClosed: Promise<unknown> = Promise.resolve();
    let serverReceived = 0;
    const { server, client } = await loopback((s) => {
      countBytes(m, s);
      serverClosed = once(s, 'close');
      // Echo every chunk twice: the server transmits 2x what it receives, plus a greeting.
      s.write('SSH-2.0-Teleport\r\n');
      s.on('data', (d: Buffer) => {
        serverReceived += d.length;
        s.write(d);
        s.write(d);
      });
      s.on('end', () => s.end());
    });
    let clientReceived = 0;
    client.on('data', (d: Buffer) => (clientReceived += d.length));
    const chunks = [Buffer.alloc(1000, 1), 'héllo wörld', Buffer.alloc(65536 * 3, 2)];
    const sent = chunks.reduce<number>((n, c) => n + (typeof c === 'string' ? Buffer.byteLength(c) : c.length), 0);
    for (const c of chunks) client.write(c);

    // Nothing is added while the connection is open (as Teleport: totals at close).
    await new Promise((r) => setTimeout(r, 50));
    // (Over the SDK an unlabelled counter has no data point until its first add.)
    expect(sumAt((await collectMetrics(reader)).get(instance.rx.name)) ?? 0).toBe(0);

    client.end();
    await Promise.all([once(client, 'close'), serverClosed]);
    server.close();
    expect(serverReceived).toBe(sent);
    const got = await collectMetrics(reader);
    expect(sumAt(got.get(instance.rx.name))).toBe(sent);
    expect(sumAt(got.get(instance.tx.name))).toBe(clientReceived);
    expect(clientReceived).toBe(2 * sent + Buffer.byteLength('SSH-2.0-Teleport\r\n'));
  });

  test('flush() publishes progress of an open connection; close adds only the rest', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createInstanceMetrics({ meterProvider });
    let count: ReturnType<typeof countBytes> | undefined;
    let serverSocket: net.Socket | undefined;
    const { server, client } = await loopback((s) => {
      count = countBytes(m, s);
      serverSocket = s;
      s.resume();
    });
    client.write(Buffer.alloc(5000));
    while ((serverSocket?.bytesRead ?? 0) < 5000) await new Promise((r) => setTimeout(r, 5));
    count!.flush();
    count!.flush(); // nothing new: adds nothing
    expect(sumAt((await collectMetrics(reader)).get(instance.rx.name))).toBe(5000);
    client.end(Buffer.alloc(700));
    await once(serverSocket!, 'close').catch(() => undefined);
    await new Promise((r) => setTimeout(r, 20));
    server.close();
    client.destroy();
    expect(sumAt((await collectMetrics(reader)).get(instance.rx.name))).toBe(5700);
  });

  test('any other Duplex is counted per chunk, without switching it to flowing mode', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createInstanceMetrics({ meterProvider });
    const written: Buffer[] = [];
    const duplex = new Duplex({
      read() {},
      write(chunk: Buffer, _enc, cb) {
        written.push(chunk);
        cb();
      },
    });
    countBytes(m, duplex);
    duplex.push(Buffer.alloc(300));
    duplex.push('ünïcode'); // utf8 bytes, not characters
    duplex.write('abc');
    duplex.write(Buffer.alloc(1024));
    duplex.end(Buffer.alloc(10));
    await once(duplex, 'finish');
    expect(duplex.readableFlowing).toBeNull(); // no 'data' listener was added
    const got = await collectMetrics(reader);
    expect(sumAt(got.get(instance.rx.name))).toBe(300 + Buffer.byteLength('ünïcode'));
    expect(sumAt(got.get(instance.tx.name))).toBe(written.reduce((n, b) => n + b.length, 0));
    expect(sumAt(got.get(instance.tx.name))).toBe(3 + 1024 + 10);
  });

  test('a Transform (PassThrough) counts what goes in as tx and what comes out as rx', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createInstanceMetrics({ meterProvider });
    const pt = new PassThrough();
    countBytes(m, pt);
    pt.end(Buffer.alloc(4096));
    let out = 0;
    for await (const c of pt) out += (c as Buffer).length;
    const got = await collectMetrics(reader);
    expect(out).toBe(4096);
    expect(sumAt(got.get(instance.tx.name))).toBe(4096);
    expect(sumAt(got.get(instance.rx.name))).toBe(4096);
  });
});
