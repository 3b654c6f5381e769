import type { ContentCoding } from './negotiate';
import type { ExpositionFormat, RenderInput } from './formats';
import { RenderStream } from './render-stream';

/**
 * Renders shared by concurrent scrapes. A scrape that arrives while a render of its format is in
 * flight joins that render instead of starting another, so 64 scrapers of a 100k-series
 * registry cost one render, not 64, and hold one copy of the bytes between them (Node writes the
 * same Buffer to every socket without copying). Compression is shared the same way per
 * (format, coding), and runs on the threadpool while the render goes on (RenderStream.gzipped).
 * A finished render stays joinable until the event loop's check phase: the requests read in the
 * same I/O poll as the one that started it share it too. A small render completes within its own
 * request's callback, so without this 200 keep-alive scrapers would cost one render each per
 * loop turn. Nothing is kept longer: a scrape that arrives in a later turn renders afresh.
 */
export class SharedRenders {
  private readonly streams = new Map<string, RenderStream>();
  private readonly encoded = new Map<string, Encoded>();
  /** Renders started (not joined), for the tests and the benchmark. */
  renders = 0;

  /**
   * The response body of `format` in `coding`, in pieces: joins an in-flight render of the same
   * key, else starts one. The caller calls `release` once the pieces are written out (or it gave
   * up), so their Buffers can serve a later render.
   */
  async get(format: ExpositionFormat, coding: ContentCoding, input: RenderInput): Promise<Body> {
    const key = coding === 'gzip' ? `${format.name}\0gzip` : format.name;
    let e = this.encoded.get(key);
    if (!e) {
      const stream = this.stream(format, input);
      const pieces = coding === 'gzip' ? stream.gzipped().then((b) => [b]) : stream.whole();
      const entry: Encoded = { pieces, stream: coding === 'gzip' ? undefined : stream };
      this.encoded.set(key, entry);
      const drop = (): void => {
        if (this.encoded.get(key) === entry) this.encoded.delete(key);
      };
      pieces.then(afterThisTurn(drop), afterThisTurn(drop));
      e = entry;
    }
    // The identity body is the render's own pieces: held until written. A gzip body is its own Buffer.
    const release = e.stream?.hold() ?? noRelease;
    try {
      return { pieces: await e.pieces, release };
    } catch (err) {
      release();
      throw err;
    }
  }

  private stream(format: ExpositionFormat, input: RenderInput): RenderStream {
    const inFlight = this.streams.get(format.name);
    if (inFlight) return inFlight;
    this.renders++;
    const stream = new RenderStream(format.render(input));
    this.streams.set(format.name, stream);
    // The creator's hold on the pieces, until no one can join the render any more.
    const release = stream.hold();
    const drop = (): void => {
      if (this.streams.get(format.name) === stream) this.streams.delete(format.name);
      release();
    };
    stream.done.then(afterThisTurn(drop), afterThisTurn(drop));
    return stream;
  }
}

/** A response body in pieces, and how to say it is written out. */
export interface Body {
  readonly pieces: readonly Buffer[];
  /** Call once, when nothing reads the pieces any more. */
  release(): void;
}

interface Encoded {
  readonly pieces: Promise<readonly Buffer[]>;
  /** The render whose pieces these are (identity), to hold while a response writes them. */
  readonly stream: RenderStream | undefined;
}

const noRelease = (): void => {};

/** `f`, run once the current loop turn's I/O callbacks are done (setImmediate). */
function afterThisTurn(f: () => void): () => void {
  return () => void setImmediate(f);
}
