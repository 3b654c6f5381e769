/** Bytes per Buffer the text renderer writes into (~64 KB: one piece of a response). */
export const SLAB_BYTES = 64 * 1024;

/** Slabs this pool made, and whether one is out (taken, not given back): a slab is never out twice. */
const out = new WeakMap<ArrayBuffer, boolean>();
/** Slabs given back. Weakly held: they wait for the next render, or go at the next full GC. */
const free: WeakRef<ArrayBuffer>[] = [];

/**
 * Buffers for the text renderer, reused across scrapes. Each new Buffer counts as external
 * memory to V8, and external growth is what starts its major collections early and makes their
 * marking steps long (8-16 ms, on the event loop): a 100k-series body is 7 MB of it per scrape.
 * Given back once written out, the same slabs serve the next scrape. They are held weakly, so
 * an idle process does not keep a large body's worth of them past the next full collection.
 *
 * A slab of `bytes` (more than SLAB_BYTES for one outsized series: that one is not pooled).
 */
export function takeSlab(bytes = SLAB_BYTES): Buffer {
  if (bytes > SLAB_BYTES) return Buffer.allocUnsafe(bytes);
  for (let slab = free.pop(); slab !== undefined; slab = free.pop()) {
    const ab = slab.deref();
    if (ab !== undefined) {
      out.set(ab, true);
      return Buffer.from(ab);
    }
  }
  const b = Buffer.allocUnsafeSlow(SLAB_BYTES);
  out.set(b.buffer, true);
  return b;
}

/**
 * Gives back the slabs under `pieces` (views into them, as the renderer yields), once nothing
 * reads them any more: written to every socket, compressed. Anything else is left to the GC.
 */
export function giveBack(pieces: readonly Uint8Array[]): void {
  for (const p of pieces) {
    const ab = p.buffer as ArrayBuffer;
    if (out.get(ab) === true) {
      out.set(ab, false);
      free.push(new WeakRef(ab));
    }
  }
}
