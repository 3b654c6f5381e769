import { bpf } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/** The enhanced-session-recording loss counters: `bpf_lost_command_events`, `_disk_events`, `_network_events`. */
export type BpfMetrics = Instruments<typeof bpf>;

/**
 * Creates the BPF loss counters on the given MeterProvider (default: the global one).
 *
 * ```ts
 * const m = createBpfMetrics({ meterProvider });
 * const lostCommands = lostEventsTracker(m.commandEvents);
 * ring.on('doorbell', () => lostCommands.update(readLostCounterMap()));  // adds the delta
 * m.commandEvents.inc();  // an exec whose arguments were already evicted: one lost event
 * ```
 */
export function createBpfMetrics(options?: InstrumentOptions): BpfMetrics {
  return createInstruments(bpf, options);
}

/** Turns readings of a cumulative lost-events count into counter increments. */
export interface LostEventsTracker {
  /**
   * Takes the current cumulative count (e.g. a BPF array map a program increments whenever its
   * ring buffer is full) and adds what it grew by since the last reading. Returns the amount added.
   */
  update(total: number): number;
  /** The last reading taken. */
  readonly last: number;
}

/**
 * Feeds a bpf_lost_* counter from a monotonically increasing reading, as Teleport's BPF helper
 * does on every ring-buffer doorbell: it adds the delta since the previous read. Readings start
 * from `initial` (default 0: the map is zero when the program is loaded). A reading BELOW the
 * last one means the source was reset (program reloaded): the new reading is added as the delta,
 * as Prometheus' rate() treats a counter reset, instead of an unsigned wrap-around. Negative or
 * non-finite readings are ignored.
 */
export function lostEventsTracker(counter: { add(value: number): void }, initial = 0): LostEventsTracker {
  let last = initial;
  return {
    update(total: number): number {
      if (!(typeof total === 'number' && total >= 0 && total < Infinity)) return 0;
      const delta = total >= last ? total - last : total;
      last = total;
      if (delta > 0) counter.add(delta);
      return delta;
    },
    get last() {
      return last;
    },
  };
}

export { bpf as bpfCatalog };
