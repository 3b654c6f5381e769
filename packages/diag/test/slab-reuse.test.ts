/**
 * The text renderer writes into Buffers that go back to a pool once a response is written out
 * (exposition/slab-pool.ts), so a later render reuses them. A body must never change under a
 * scraper still reading it: here a scraper stops reading after its first bytes, with most of a
 * large body still queued in the server, while later scrapes render new values (into fresh or
 * reused Buffers); when it reads on, it gets exactly the values of its own render.
 */
import { connect } from 'node:net';
import { createInstruments, type Gauge } from '@teleport-otel/core';
import { parseExposition } from '@teleport-otel/diag';
import { giveBack, SLAB_BYTES, takeSlab } from '../src/exposition/slab-pool';
import { bulkEntry, closeStarted, sendBytes, start } from './server-harness';

afterEach(closeStarted);

const SERIES = 40_000; // ~9 MB of text: more than loopback socket buffers hold

/** Sets every series' value to `value(i)`. */
function setAll(g: Gauge, value: (i: number) => number): void {
  const [first, ...rest] = bulkEntry.labels;
  const others = Object.fromEntries(rest.map((n) => [n, 'v']));
  const pad = 'x'.repeat(200);
  for (let i = 0; i < SERIES; i++) g.set(value(i), { [first!]: `${pad}${i}`, ...others } as never);
}

/** Each series' value, by its index (the digits after the padding). */
function values(text: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of parseExposition(text).get(bulkEntry.name)!.samples) {
    out.set(Number(/x(\d+)$/.exec(s.labels[bulkEntry.labels[0]!]!)![1]), s.value);
  }
  return out;
}

describe('slab reuse', () => {
  it('a scraper that stops reading mid-body gets its own render whole, whatever renders run meanwhile', async () => {
    const d = await start({ maxSeries: SERIES + 1_000 });
    const { g } = createInstruments({ g: bulkEntry }, { meterProvider: d.meterProvider });
    const gauge = g as unknown as Gauge;
    setAll(gauge, (i) => i);

    // A raw HTTP/1.0 request (the server closes when done), paused at its first bytes.
    const slow = connect(d.address.port, '127.0.0.1');
    const received: Buffer[] = [];
    const firstBytes = new Promise<void>((resolve) =>
      slow.once('data', (b: Buffer) => {
        slow.pause();
        received.push(b);
        resolve();
      })
    );
    slow.write('GET /metrics HTTP/1.0\r\nAccept-Encoding: identity\r\n\r\n');
    await firstBytes; // its render is done and being written

    for (const round of [1, 2, 3]) {
      setAll(gauge, (i) => i + round * 1_000_000);
      const r = await sendBytes(d.address.port, {});
      expect(r.status).toBe(200);
      const v = values(r.body.toString('utf8'));
      expect(v.size).toBe(SERIES);
      for (const [i, x] of v) if (x !== i + round * 1_000_000) throw new Error(`round ${round}: series ${i} is ${x}`);
    }

    slow.on('data', (b: Buffer) => received.push(b));
    const ended = new Promise((resolve) => slow.once('end', resolve));
    slow.resume();
    await ended;
    const raw = Buffer.concat(received).toString('utf8');
    const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    expect(Buffer.byteLength(body)).toBe(Number(/content-length: (\d+)/i.exec(raw)![1]));
    const v = values(body);
    expect(v.size).toBe(SERIES);
    for (const [i, x] of v) if (x !== i) throw new Error(`the slow scraper's series ${i} is ${x}, not ${i}`);
  }, 60_000);

  it('hands a given-back slab out again, once, and never one it did not make', () => {
    const a = takeSlab();
    expect(a.length).toBe(SLAB_BYTES);
    giveBack([a.subarray(0, 10)]);
    giveBack([a.subarray(0, 10)]); // twice: still one slab to hand out
    const b = takeSlab();
    expect(b.buffer).toBe(a.buffer);
    const c = takeSlab();
    expect(c.buffer).not.toBe(a.buffer);
    // Not the pool's: a Buffer of another origin, and an outsized slab for one long series.
    const foreign = Buffer.allocUnsafeSlow(SLAB_BYTES);
    const big = takeSlab(SLAB_BYTES * 2);
    expect(big.length).toBe(SLAB_BYTES * 2);
    giveBack([foreign, big]);
    const next = takeSlab();
    expect(next.buffer).not.toBe(foreign.buffer);
    expect(next.buffer).not.toBe(big.buffer);
  });
});
