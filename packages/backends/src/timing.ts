import { settle } from './settle';

/**
 * Runs `fn` and calls `done(seconds, failed, error)` once it has COMPLETED: right after a synchronous
 * return or throw, or when a returned promise (any thenable) settles. The result or error passes
 * through unchanged. Timing after completion is the point: Teleport's Reporter.Get observes its
 * latency before calling the backend, so its backend_read_seconds is always ~0.
 */
export function timeCall<R>(fn: () => R, done: (seconds: number, failed: boolean, error?: unknown) => void): R {
  return settle(fn, (seconds, error, failed) => done(seconds, failed, error));
}

/** Something that can be counted once and timed once per call, such as etcd's counter/histogram pairs. */
export interface CountedTimer {
  /** Times `fn` (sync or async), then adds 1 to the counter and records the seconds in the histogram. */
  <R>(fn: () => R): R;
}

/** Pairs a bound counter with a bound histogram: each call counts 1 and records its latency, failed or not. */
export function countedTimer(counter: { inc(): void }, histogram: { record(v: number): void }): CountedTimer {
  return <R>(fn: () => R): R =>
    timeCall(fn, (seconds) => {
      histogram.record(seconds);
      counter.inc();
    });
}
