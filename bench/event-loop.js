'use strict';
/* Event-loop blocking, measured the same way by the bench cases and the public-API benchmark. */
const { performance } = require('node:perf_hooks');

/**
 * The longest time the event loop went without turning while `work()` ran: a setImmediate
 * ticker records the gap between its turns; any synchronous stretch of the render shows up
 * as one long gap. The first gap is measured from the call itself.
 */
async function longestStretch(work) {
  let last = performance.now();
  let max = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    if (now - last > max) max = now - last;
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  last = performance.now();
  await work();
  tick();
  running = false;
  return max;
}

module.exports = { longestStretch };
