/*
 * Where a histogram family keeps its series' numbers: records in a few large ArrayBuffers shared
 * by the family, instead of one Float64Array (plus its ArrayBuffer, ~150 B of heap objects) and
 * three boxed doubles per series. A record is the series' sum, min and max (Float64), then one
 * Uint32 count per bucket (the last one +Inf), padded to 8 bytes: 96 bytes for 16 buckets, where
 * a Float64Array of counts alone took 136 bytes plus ~150 bytes of objects. Min and max are only
 * stored where someone exports them (histogramMinMax: an OpenTelemetry reader; the Prometheus
 * text has neither): without them a record is the sum and the counts, 80 bytes for 16 buckets.
 * A bucket count that would pass 2^32 - 1 carries into a wide side array (see cells.ts), so
 * counts stay exact.
 */

/** Records per chunk: the first chunk is small (most families keep a handful of series), later ones double up to this. */
const MAX_CHUNK_RECORDS = 512;

/** One ArrayBuffer of records, seen as Float64 (sum, min, max) and Uint32 (bucket counts). */
export class HistogramChunk {
  /** The records as Float64: each record's sum, min and max. */
  readonly stats: Float64Array;
  /** The records as Uint32: each record's bucket counts, from countsAt(chunk, at). */
  readonly counts: Uint32Array;
  /** Where a record's bucket 0 is in `counts`, past its Float64 words: 2 * (sum, min, max) or 2 * (sum). */
  readonly countsFrom: number;
  constructor(
    records: number,
    readonly words: number,
    /** Bucket counts per record, +Inf included. */
    readonly slots: number,
    /** Whether observations update min and max (RegistryOptions.histogramMinMax). */
    readonly minMax = true
  ) {
    const buffer = new ArrayBuffer(records * words * 8);
    this.stats = new Float64Array(buffer);
    this.counts = new Uint32Array(buffer);
    this.countsFrom = 2 * statWords(minMax);
  }
}

/** Float64 words before a record's counts: the sum, then min and max where they are kept. */
function statWords(minMax: boolean): number {
  return minMax ? 3 : 1;
}

/** The Uint32 index of bucket 0 of the record at Float64 index `at` in `chunk`. */
export function countsAt(chunk: HistogramChunk, at: number): number {
  return 2 * at + chunk.countsFrom;
}

/**
 * Hands out records to a family's series. Records freed by a removed series are reused; the
 * removed series' cell is first moved to a private chunk (see HistogramCell.detach), so a handle
 * still holding it can never write into the series that takes its record over.
 */
export class HistogramStore {
  /** Float64 words per record: sum (min, max), then the Uint32 counts two to a word. */
  readonly words: number;
  private chunk: HistogramChunk | undefined;
  private used = 0;
  private capacity = 0;
  private readonly free: { chunk: HistogramChunk; at: number }[] = [];
  /** The chunk of the record the last take() returned. */
  taken!: HistogramChunk;

  constructor(readonly slots: number, readonly minMax = true) {
    this.words = statWords(minMax) + Math.ceil(slots / 2);
  }

  /** A zeroed record (min +Inf, max -Inf where kept): returns its Float64 index; its chunk is `taken`. */
  take(): number {
    const reused = this.free.pop();
    if (reused !== undefined) {
      this.taken = reused.chunk;
      clearRecord(reused.chunk, reused.at);
      return reused.at;
    }
    if (this.chunk === undefined || this.used === this.capacity) {
      this.capacity = Math.min(MAX_CHUNK_RECORDS, Math.max(1, this.capacity * 2));
      this.chunk = new HistogramChunk(this.capacity, this.words, this.slots, this.minMax);
      this.used = 0;
    }
    const at = this.used++ * this.words;
    this.taken = this.chunk;
    clearRecord(this.chunk, at);
    return at;
  }

  /** A record whose series was removed (and its cell detached): the next take() may reuse it. */
  release(chunk: HistogramChunk, at: number): void {
    this.free.push({ chunk, at });
  }

  /** Every series was dropped: start over with fresh chunks (cells still held keep theirs alive). */
  reset(): void {
    this.chunk = undefined;
    this.capacity = 0;
    this.used = 0;
    this.free.length = 0;
  }
}

function clearRecord(chunk: HistogramChunk, at: number): void {
  chunk.stats.fill(0, at, at + chunk.words);
  if (chunk.minMax) {
    chunk.stats[at + 1] = Infinity;
    chunk.stats[at + 2] = -Infinity;
  }
}
