/**
 * A render keeps the event loop for at least this long before handing it back (ms). The
 * renderers stop at a pause point every ~0.1-0.3 ms of work, and a young-generation GC during a
 * slice adds 1-3 ms, so a slice of 4 ms stays well under the 10 ms longest-block target.
 */
export const MIN_SLICE_MS = 4;
/** ... and at most this long, whatever the application does in between (see Slicer). */
export const MAX_SLICE_MS = 7;

/**
 * When a long render hands the event loop back (setImmediate: timers, I/O and the application's
 * own callbacks run, then the render resumes), and how long its next slice may be.
 *
 * A render sliced into pieces of S ms, with the application holding the loop for W ms between
 * them, takes (S + W) / S times its idle time. With a fixed 4 ms slice an application whose
 * callbacks run ~10 ms per turn (a busy recording loop) made a scrape ~3.5x slower. So each
 * slice lasts twice as long as the application held the loop during the previous hand-back,
 * between MIN_SLICE_MS and MAX_SLICE_MS: the scrape gets two thirds of a busy loop (its render
 * <= 1.5x idle while the application's turns are <= MAX_SLICE_MS / 2, <= 2x up to MAX_SLICE_MS),
 * and an idle loop (W ~ 0) gets the short slices that keep probes and other requests
 * responsive. Longer application turns cannot be outweighed without blocking the loop for
 * longer than the 10 ms target. The first slice may take
 * MAX_SLICE_MS: the request itself already waited behind whatever the application was doing,
 * and a registry that renders within it (10k series) is then served without any hand-back.
 */
export class Slicer {
  private start = performance.now();
  private budget = MAX_SLICE_MS;

  /** True when the current slice has used its budget: the caller should `await pause()`. */
  due(): boolean {
    return performance.now() - this.start > this.budget;
  }

  /** Hands the event loop back once; the next slice's budget follows how long it was away. */
  async pause(): Promise<void> {
    const left = performance.now();
    await new Promise<void>((resolve) => setImmediate(resolve));
    const now = performance.now();
    this.budget = Math.min(MAX_SLICE_MS, Math.max(MIN_SLICE_MS, 2 * (now - left)));
    this.start = now;
  }
}
