import { process as processGroup } from '@teleport-otel/catalog';
import type { InstrumentOptions } from '@teleport-otel/core';
import { CLOCK_TICKS_PER_SECOND, type ProcFs } from './procfs';
import { createSome, warnOnce, type Omitted } from './select';
import { PerCollection } from './snapshot';

type Key = keyof typeof processGroup;

/** Rows with an honest equivalent in Node's own API where /proc is absent (macOS, Windows). */
const PORTABLE: ReadonlySet<Key> = new Set<Key>(['cpuSecondsTotal', 'residentMemoryBytes', 'startTimeSeconds']);

/**
 * Registers the process_* rows with client_golang's process-collector semantics. On Linux every
 * value comes from /proc/self (stat once per collection, limits, the fd directory). Elsewhere CPU
 * time, RSS and start time come from process.cpuUsage(), process.memoryUsage.rss() and
 * process.uptime(); the other rows are not registered, and that is logged once.
 */
export function registerProcessMetrics(procfs: ProcFs, options: InstrumentOptions): Omitted[] {
  const linux = procfs.available();
  const omitted: Omitted[] = [];
  const m = createSome(processGroup, (key) => linux || PORTABLE.has(key), options);
  if (!linux) {
    for (const key of Object.keys(processGroup) as Key[]) {
      if (!PORTABLE.has(key)) omitted.push({ name: processGroup[key].name, reason: `${procfs.root}/self is not readable here` });
    }
    warnOnce(
      `@teleport-otel/runtime: ${procfs.root}/self is not readable; not exposing ${omitted.map((o) => o.name).join(', ')}`
    );
    // Fixed at creation: the start of this process does not move.
    const start = Date.now() / 1000 - process.uptime();
    m.cpuSecondsTotal?.addCallback((observe) => {
      const { user, system } = process.cpuUsage();
      observe((user + system) / 1e6);
    });
    m.residentMemoryBytes?.addCallback((observe) => observe(process.memoryUsage.rss()));
    m.startTimeSeconds?.addCallback((observe) => observe(start));
    return omitted;
  }

  const stat = new PerCollection(() => procfs.stat());
  const limits = new PerCollection(() => procfs.limits());
  m.cpuSecondsTotal?.addCallback((observe) => observe(stat.get('cpu').cpuTicks / CLOCK_TICKS_PER_SECOND));
  m.residentMemoryBytes?.addCallback((observe) => observe(procfs.residentBytes(stat.get('rss'))));
  m.virtualMemoryBytes?.addCallback((observe) => observe(stat.get('vsize').vsizeBytes));
  m.startTimeSeconds?.addCallback((observe) => observe(procfs.startTimeSeconds(stat.get('start'))));
  m.openFds?.addCallback((observe) => observe(procfs.openFds()));
  m.maxFds?.addCallback((observe) => observe(limits.get('fds').maxOpenFiles));
  m.virtualMemoryMaxBytes?.addCallback((observe) => observe(limits.get('vm').maxAddressSpace));
  return omitted;
}
