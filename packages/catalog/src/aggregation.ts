import { audit } from './groups/audit';
import { auth } from './groups/auth';
import { go } from './groups/go';
import { instance } from './groups/instance';
import { nodejs } from './groups/nodejs';
import { process } from './groups/process';
import { proxy } from './groups/proxy';
import { self } from './groups/self';
import type { InstrumentKind, MetricEntry } from './types';

/**
 * How one family's series from several processes or threads (cluster workers, worker threads,
 * and the primary that serves them) become the one series a scrape of the primary shows:
 *
 * - `sum`: added up (counters, histograms, counts of things each process holds);
 * - `max` / `min`: the largest / smallest reading (a percentage, a timestamp, a count every
 *   process reads from the same shared place, a worst state);
 * - `once`: the primary's reading, else the first worker's (build and version info);
 * - `per-process`: one reading per OS process, summed over processes: process-wide readings
 *   (RSS, CPU, open fds) that every thread of one process reports identically;
 * - `per-worker`: not merged; each process or thread keeps its own series under a `worker` label
 *   (statistics that cannot be combined, such as quantiles or one event loop's delay).
 */
export type AggregationRule = 'sum' | 'max' | 'min' | 'once' | 'per-process' | 'per-worker';

/** The label `per-worker` families gain: `primary`, `cluster-<id>` or `thread-<threadId>`. */
export const WORKER_LABEL = 'worker';

/** The rule for families the overrides below do not name, by instrument kind. */
export const DEFAULT_AGGREGATION: { readonly [K in InstrumentKind]: AggregationRule } = {
  counter: 'sum',
  histogram: 'sum',
  // Moved by deltas: each process's own count of open things, so the totals add up.
  updowncounter: 'sum',
  // Set to a reading: most gauges read something shared (a disk, the backend's inventory), which
  // every process reports alike; the largest reading is right for those and never double counts.
  gauge: 'max',
  // Quantiles cannot be combined.
  summary: 'per-worker',
};

export interface Aggregation {
  readonly rule: AggregationRule;
  /** Why this rule, for docs/aggregation.md. */
  readonly why: string;
  /** True when the catalog names this family explicitly (false: the kind's default). */
  readonly declared: boolean;
}

const override = (entries: readonly MetricEntry[], rule: AggregationRule, why: string) =>
  entries.map((e) => [e.name, { rule, why, declared: true }] as const);

/** Families whose meaning overrides their kind's default. */
const OVERRIDES: ReadonlyMap<string, Aggregation> = new Map([
  ...override([audit.percentageDiskSpaceUsed], 'max', 'a percentage of one disk: a sum would pass 100'),
  ...override(
    [auth.registeredServers, proxy.missingSshTunnels, proxy.remoteClusters, proxy.trustedClusters],
    'max',
    'read from the cluster state every process shares: a sum would count the same servers, tunnels or clusters once per process'
  ),
  ...override(
    [instance.buildInfo, go.info, nodejs.versionInfo],
    'once',
    'build and version info: one series, as one process shows it'
  ),
  ...override([self.processState], 'max', 'the worst state of any process (0 ok < 1 recovering < 2 degraded < 3 starting)'),
  ...override([process.startTimeSeconds], 'min', 'the service started when its first process did'),
  ...override([process.virtualMemoryMaxBytes], 'min', 'the tightest limit any process runs under'),
  ...override(
    [
      process.cpuSecondsTotal,
      process.residentMemoryBytes,
      process.virtualMemoryBytes,
      process.openFds,
      process.maxFds,
      go.threads,
    ],
    'per-process',
    'process-wide: summed over OS processes, once per process (worker threads share their process reading); open and max fds stay comparable'
  ),
  ...override([go.lastGcTimeSeconds], 'max', 'a timestamp: the most recent garbage collection of any heap'),
  ...override(
    [
      nodejs.eventloopUtilization,
      nodejs.eventloopDelayMin,
      nodejs.eventloopDelayMax,
      nodejs.eventloopDelayMean,
      nodejs.eventloopDelayStddev,
      nodejs.eventloopDelayP50,
      nodejs.eventloopDelayP90,
      nodejs.eventloopDelayP99,
    ],
    'per-worker',
    "one event loop's statistics: a sum or max of ratios and percentiles would describe no loop"
  ),
]);

/** The aggregation rule of a family, by its exposed name (entries made outside the catalog get their kind's default). */
export function aggregationOf(entry: Pick<MetricEntry, 'name' | 'instrument'>): Aggregation {
  return (
    OVERRIDES.get(entry.name) ?? {
      rule: DEFAULT_AGGREGATION[entry.instrument],
      why: defaultWhy(entry.instrument),
      declared: false,
    }
  );
}

function defaultWhy(kind: InstrumentKind): string {
  switch (kind) {
    case 'counter':
    case 'histogram':
      return 'events counted in each process add up; a process that exits keeps its last values in the sum';
    case 'updowncounter':
      return "each process's own count of open things";
    case 'gauge':
      return 'a reading of shared state: the largest one';
    case 'summary':
      return 'quantiles cannot be combined';
  }
}
