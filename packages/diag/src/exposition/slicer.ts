/**
 * A render keeps the event loop for at least this long before handing it back (ms). The
 * renderers stop at a pause point every ~0.1-0.3 ms of work. A render allocates next to nothing
 * (text-bytes.ts), but a GC it did not cause can still land in a slice: on the first scrape after
 * 100k new series, the scavenge that promotes them (~5 ms on a quiet machine). Slices of 3-5 ms
 * keep such a slice under 10 ms.
 */
export const MIN_SLICE_MS = 3;
/** ... and at most this long, whatever happens between slices (see Slicer). */
export const MAX_SLICE_MS = 5;
/** Next slice = this many times the previous hand-back (within the bounds above). */
const SHARE = 1.5;

/**
 * When a long render hands the event loop back (setImmediate: timers, I/O and the application's
 * own callbacks run, then the render resumes), and how long its next slice may be.
 *
 * A render sliced into pieces of S ms, with the application holding the loop for W ms between
 * them, takes (S + W) / S times its idle time. With a fixed 4 ms slice an application whose
 * callbacks run ~10 ms per turn (a busy recording loop) made a scrape ~3.5x slower. So each
 * slice lasts SHARE times as long as the previous hand-back took, between MIN_SLICE_MS and
 * MAX_SLICE_MS: on a busy loop the scrape gets 60% of it (its render ~1.7x idle while the
 * application's turns stay under MAX_SLICE_MS / SHARE = 3.3 ms, <= 2x up to 5 ms), and on an idle
 * loop (W ~ 0) the short slices keep probes and other requests responsive. The bound is low
 * because a hand-back also lasts through whatever GC task V8 runs between turns (2-5 ms at 100k
 * series), which would otherwise stretch the next slice, and a GC inside it, past 10 ms; longer
 * application turns cannot be outweighed without blocking the loop longer than that. The first
 * slice may take MAX_SLICE_MS: the request has already waited behind whatever the application
 * was doing, and a registry that renders within it (~10k series) is served without a hand-back.
 */
export class Slicer {
  private start = performance.now();

  /** `budget`: the first slice's, in ms. */
  constructor(private budget = MAX_SLICE_MS) {}

  /** True when the current slice has used its budget: the caller should `await pause()`. */
  due(): boolean {
    return performance.now() - this.start > this.budget;
  }

  /** Hands the event loop back once; the next slice's budget follows how long it was away. */
  async pause(): Promise<void> {
    const left = performance.now();
    await new Promise<void>((resolve) => setImmediate(resolve));
    const now = performance.now();
    this.budget = Math.min(MAX_SLICE_MS, Math.max(MIN_SLICE_MS, SHARE * (now - left)));
    this.start = now;
  }
}
