'use strict';
/* Event-loop blocking, measured the same way by the bench cases and the public-API benchmark. */
const { PerformanceObserver, performance } = require('node:perf_hooks');

/**
 * The longest time the event loop went without turning while `work()` ran: a setImmediate
 * ticker records the gap between its turns; any synchronous stretch of the render shows up
 * as one long gap. The first gap is measured from the call itself.
 */
async function longestStretch(work) {
  return (await longestStretchWithGc(work, false)).max;
}

/**
 * As longestStretch, plus `gc`: the milliseconds of V8 garbage collection that ran inside the
 * longest gap (PerformanceObserver 'gc' entries). A GC lands in whatever code is running when
 * the heap fills: on a first scrape right after 100k series were created, the scavenge that
 * promotes them (8-12 ms here) is the application's cost of creating them, paid in the scrape.
 */
async function longestStretchWithGc(work, observeGc = true) {
  const gcs = [];
  const observer = observeGc ? new PerformanceObserver((list) => gcs.push(...list.getEntries())) : undefined;
  observer?.observe({ entryTypes: ['gc'] });
  let last = performance.now();
  let max = 0;
  let maxFrom = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    if (now - last > max) (max = now - last), (maxFrom = last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  last = performance.now();
  await work();
  tick();
  running = false;
  if (!observer) return { max, gc: 0 };
  await new Promise((resolve) => setTimeout(resolve, 0)); // the observer is told after the fact
  observer.disconnect();
  const gc = gcs.filter((e) => e.startTime >= maxFrom && e.startTime < maxFrom + max).reduce((sum, e) => sum + e.duration, 0);
  return { max, gc };
}

module.exports = { longestStretch, longestStretchWithGc };
