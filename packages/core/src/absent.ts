import type { MetricEntry } from '@teleport-otel/catalog';

const noop = (): void => {};
const BOUND = Object.freeze({ add: noop, inc: noop, dec: noop, set: noop, record: noop });

/**
 * The instrument for an entry the active profile does not hold (the page's heartbeat_missed_total
 * under `teleport-12`, a newer family under `doc`): every method accepts its arguments and records
 * nothing, so a component package can call each of its instruments whatever the profile. Nothing
 * is lost or counted as dropped: the profile says the family does not exist. startTimer still
 * measures, as its caller may use the elapsed seconds.
 */
export function absentInstrument(entry: MetricEntry): object {
  return Object.freeze({
    entry,
    absent: true,
    add: noop,
    inc: noop,
    dec: noop,
    set: noop,
    record: noop,
    remove: noop,
    reset: noop,
    addCallback: noop,
    bind: () => BOUND,
    startTimer: () => {
      const start = process.hrtime.bigint();
      return () => Number(process.hrtime.bigint() - start) / 1e9;
    },
  });
}

/** True for an instrument made for an entry outside the active profile. */
export function isAbsent(instrument: object): boolean {
  return (instrument as { absent?: boolean }).absent === true;
}
