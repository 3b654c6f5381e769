import type { ServerResponse } from 'node:http';
import { Slicer } from '../exposition/slicer';

/** What pacedWrite needs of a Slicer: the time budget of one loop turn. */
export type Pacer = Pick<Slicer, 'due' | 'pause'>;

/**
 * Writes `pieces` to `res` and ends it, one piece at a time: the next piece waits for 'drain'
 * when the socket has not taken the last one, and for a turn of the event loop once the slice's
 * budget is spent. Handed every piece at once, Node flushed a 100k-series body (~7 MB) in one
 * writev; a drain-driven loop alone still ran in one turn (each drain comes in a nextTick). On a
 * fresh keep-alive connection, whose socket buffers the kernel is still growing, that turn held
 * the loop 10-30 ms (~0.3 ms per 64 KB piece on loopback; later scrapes ~0.05 ms).
 * Throws `gone()` when the response is closed before its last piece is handed over.
 *
 * The first slice ends after the first piece: the render's last slice has just run in this same
 * turn (its promise settles into this call), and the two together must stay one slice long.
 */
export async function pacedWrite(
  res: ServerResponse,
  pieces: readonly Buffer[],
  gone: () => Error,
  pacer: Pacer = new Slicer(0)
): Promise<void> {
  for (let i = 0; i < pieces.length - 1; i++) {
    // A close during a pause or a drain wait: no 'drain' would ever come for another write.
    if (res.destroyed) throw gone();
    if (!res.write(pieces[i])) await drained(res, gone);
    if (pacer.due()) await pacer.pause();
  }
  if (res.destroyed) throw gone();
  res.end(pieces[pieces.length - 1]);
}

/** Resolves on 'drain'; rejects with gone() if the response closes first. */
function drained(res: ServerResponse, gone: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = (): void => {
      res.off('close', onClose);
      resolve();
    };
    const onClose = (): void => {
      res.off('drain', onDrain);
      reject(gone());
    };
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}
