import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** The two counters a byte count feeds: `rx` (received) and `tx` (transmitted). */
export interface ByteCounters {
  readonly rx: { add(value: number): void };
  readonly tx: { add(value: number): void };
}

/** A connection being counted. */
export interface ByteCount {
  /**
   * Adds the bytes moved since the last flush (or since counting started) now, instead of waiting
   * for the connection to close. Useful for long-lived connections; harmless to call any time.
   */
  flush(): void;
}

/**
 * Counts the bytes received (rx) and transmitted (tx) on a connection from now on.
 *
 * - A `net.Socket` (or subclass) is read through its own `bytesRead`/`bytesWritten`, once, when it
 *   closes: no per-chunk work at all. This is what Teleport does: it adds an SSH connection's
 *   totals to rx/tx when the connection's server context closes. Call `flush()` to publish
 *   progress of a long-lived connection earlier.
 * - Any other `stream.Duplex` is counted per chunk as data enters the readable side (`push`) and
 *   leaves the writable side (`_write`/`_writev`, so `write()` and `end(chunk)` alike), and added at
 *   once. This never adds a 'data' listener, so it does not switch the stream into flowing mode.
 *   Object-mode chunks that are not strings or bytes are not counted.
 */
export function countBytes(metrics: ByteCounters, stream: Duplex): ByteCount {
  return stream instanceof Socket ? countSocket(metrics, stream) : countDuplex(metrics, stream);
}

function countSocket(metrics: ByteCounters, socket: Socket): ByteCount {
  let readDone = socket.bytesRead;
  let writtenDone = socket.bytesWritten ?? 0;
  const flush = (): void => {
    const read = socket.bytesRead;
    // bytesWritten includes what is still queued in the socket; it only grows, and after 'close'
    // it is what was handed to the operating system.
    const written = socket.bytesWritten ?? writtenDone;
    if (read > readDone) metrics.rx.add(read - readDone);
    if (written > writtenDone) metrics.tx.add(written - writtenDone);
    readDone = Math.max(readDone, read);
    writtenDone = Math.max(writtenDone, written);
  };
  socket.once('close', flush);
  return { flush };
}

type Push = (chunk: unknown, encoding?: BufferEncoding) => boolean;
type WriteCb = (error?: Error | null) => void;
type WriteImpl = (chunk: unknown, encoding: BufferEncoding, cb: WriteCb) => void;
type WritevImpl = (chunks: { chunk: unknown; encoding: BufferEncoding }[], cb: WriteCb) => void;

function countDuplex(metrics: ByteCounters, stream: Duplex): ByteCount {
  const s = stream as unknown as { push: Push; _write?: WriteImpl; _writev?: WritevImpl | null };
  const push = s.push;
  s.push = function (this: unknown, chunk, encoding) {
    const n = byteLength(chunk, encoding);
    if (n > 0) metrics.rx.add(n);
    return push.call(this, chunk, encoding);
  };
  const write = s._write;
  if (typeof write === 'function') {
    s._write = function (this: unknown, chunk, encoding, cb) {
      const n = byteLength(chunk, encoding);
      if (n > 0) metrics.tx.add(n);
      return write.call(this, chunk, encoding, cb);
    };
  }
  const writev = s._writev;
  if (typeof writev === 'function') {
    s._writev = function (this: unknown, chunks, cb) {
      let n = 0;
      for (const c of chunks) n += byteLength(c.chunk, c.encoding);
      if (n > 0) metrics.tx.add(n);
      return writev.call(this, chunks, cb);
    };
  }
  return { flush() {} }; // counted as it happens
}

function byteLength(chunk: unknown, encoding: BufferEncoding | string | undefined): number {
  if (typeof chunk === 'string') return Buffer.byteLength(chunk, isEncoding(encoding) ? encoding : 'utf8');
  if (ArrayBuffer.isView(chunk)) return chunk.byteLength;
  return 0;
}

function isEncoding(e: unknown): e is BufferEncoding {
  return typeof e === 'string' && e !== 'buffer' && Buffer.isEncoding(e);
}
