import { gzipSync } from 'node:zlib';
import { giveBack } from '../exposition/slab-pool';
import { BatchedGzip, GZIP_OPTIONS } from './batched-gzip';

/** Bodies up to this size are gzipped in one call on the event loop (~2.5 ms at level 1); larger ones on the threadpool. */
export const SYNC_GZIP_MAX_BYTES = 1024 * 1024;

type Follower = { piece(b: Buffer): void; end(error?: unknown): void };

/**
 * One render of one exposition format, its pieces kept as they come so every consumer that joins
 * it, early or late, gets all of them in order: the whole body for an identity scrape, a gzip
 * stream for a compressed one.
 */
export class RenderStream {
  private readonly pieces: Buffer[] = [];
  private readonly followers = new Set<Follower>();
  private settled: { error?: unknown } | undefined;
  /** Readers of the pieces (see hold). */
  private holds = 0;
  /** Settles when the render ends (rejects with its error). */
  readonly done: Promise<void>;

  constructor(pieces: AsyncIterable<string | Uint8Array>) {
    this.done = this.run(pieces);
    this.done.catch(() => {}); // every consumer sees the error through its own promise
  }

  /**
   * The whole body as its pieces (~64 KB each), once the render is done. Not joined: copying
   * 7 MB (100k series) into one more Buffer per scrape doubled the external memory a scrape
   * churns through, and that pressure made V8 run 25-45 ms full collections during scrapes.
   */
  async whole(): Promise<readonly Buffer[]> {
    await this.done;
    return this.pieces;
  }

  /**
   * The body gzipped. A large one is compressed as it is rendered: once more than
   * SYNC_GZIP_MAX_BYTES have come, the pieces go to zlib on the libuv threadpool as they come
   * (BatchedGzip), so compression runs while the render goes on and only the tail is left when
   * the render ends. A small one is compressed in one call at the end, on the event loop:
   * at most ~2.5 ms, less than the loop turn a threadpool round trip waits for when the
   * application keeps the loop busy (that wait would be most of a small scrape's latency).
   * Level 1 (best speed): on Prometheus text ~3x faster than the default level 6 for a body ~5%
   * larger (100k series, 7 MB: 16 ms against 47 ms of CPU).
   */
  gzipped(): Promise<Buffer> {
    const release = this.hold();
    return new Promise<Buffer>((resolve, reject) => {
      let gz: BatchedGzip | undefined;
      let held: Buffer[] = [];
      let size = 0;
      this.follow({
        piece: (b) => {
          if (gz) return gz.write(b);
          held.push(b);
          size += b.length;
          if (size <= SYNC_GZIP_MAX_BYTES) return;
          gz = new BatchedGzip();
          gz.result.then((b) => {
            release(); // zlib has read every piece
            resolve(b);
          }, reject);
          for (const h of held) gz.write(h);
          held = [];
        },
        end: (error) => {
          if (error !== undefined) {
            gz?.destroy();
            reject(error);
          } else if (gz) gz.end();
          else {
            try {
              const b = gzipSync(held.length === 1 ? held[0]! : Buffer.concat(held), GZIP_OPTIONS);
              release();
              resolve(b);
            } catch (err) {
              reject(err);
            }
          }
        },
      });
    });
  }

  /**
   * One more reader of the pieces, until it calls the returned release: once every reader (the
   * creator, until no one can join any more, among them) has released a render that succeeded,
   * its pieces' Buffers go back to the slab pool for the next render. After a failure they are
   * left to the GC (a write or a compression may still be reading them).
   */
  hold(): () => void {
    this.holds++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      if (--this.holds === 0 && this.settled !== undefined && this.settled.error === undefined) giveBack(this.pieces);
    };
  }

  /** Every piece, those already rendered first, then `end` once. */
  private follow(f: Follower): void {
    for (const b of this.pieces) f.piece(b);
    if (this.settled) f.end(this.settled.error);
    else this.followers.add(f);
  }

  private async run(pieces: AsyncIterable<string | Uint8Array>): Promise<void> {
    try {
      for await (const piece of pieces) {
        if (piece.length === 0) continue;
        const b =
          typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
        this.pieces.push(b);
        for (const f of this.followers) f.piece(b);
      }
      this.settle({});
    } catch (error) {
      this.settle({ error: error ?? new Error('render failed') });
      throw error;
    }
  }

  private settle(outcome: { error?: unknown }): void {
    this.settled = outcome;
    for (const f of this.followers) f.end(outcome.error);
    this.followers.clear();
  }
}
