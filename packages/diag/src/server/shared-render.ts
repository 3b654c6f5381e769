import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ContentCoding } from './negotiate';
import type { ExpositionFormat, RenderInput } from './formats';

// zlib's callback API compresses on the libuv threadpool: the event loop keeps serving probes.
const gzipOnThreadpool = promisify(gzip);

/**
 * Renders shared by concurrent scrapes. A scrape that arrives while a render of its format is in
 * flight waits for that render instead of starting another, so 64 scrapers of a 100k-series
 * registry cost one render, not 64, and hold one copy of the bytes between them (Node writes the
 * same Buffer to every socket without copying). Compression is shared the same way per
 * (format, coding). Nothing is cached past the render: the next scrape after it renders afresh.
 */
export class SharedRenders {
  private readonly bodies = new Map<string, Promise<Buffer>>();
  private readonly encoded = new Map<string, Promise<Buffer>>();
  /** Renders started (not joined), for the tests and the benchmark. */
  renders = 0;

  /** The response body of `format` in `coding`: joins an in-flight render of the same key, else starts one. */
  get(format: ExpositionFormat, coding: ContentCoding, input: RenderInput): Promise<Buffer> {
    const key = `${format.name}\0${coding}`;
    const inFlight = this.encoded.get(key);
    if (inFlight) return inFlight;
    const body = this.body(format, input);
    return share(this.encoded, key, coding === 'gzip' ? body.then((b) => gzipOnThreadpool(b)) : body);
  }

  private body(format: ExpositionFormat, input: RenderInput): Promise<Buffer> {
    const inFlight = this.bodies.get(format.name);
    if (inFlight) return inFlight;
    this.renders++;
    return share(this.bodies, format.name, drain(format.render(input)));
  }
}

/** Publishes `p` under `key` until it settles. */
function share(map: Map<string, Promise<Buffer>>, key: string, p: Promise<Buffer>): Promise<Buffer> {
  map.set(key, p);
  const drop = (): void => {
    if (map.get(key) === p) map.delete(key);
  };
  p.then(drop, drop);
  return p;
}

/** The pieces as one Buffer. Pieces are ~64 KB, so each is encoded once and copied once more. */
async function drain(pieces: AsyncIterable<string | Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const piece of pieces) {
    if (piece.length === 0) continue;
    parts.push(
      typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength)
    );
  }
  return Buffer.concat(parts);
}
