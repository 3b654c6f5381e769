import { canonicalLabelValue } from './labels';
import { compileLookup, type Lookup } from './lookup';
import type { Problems } from './problems';

/** Default lifetime limit of label sets per metric, as OpenTelemetry's default cardinality limit. */
export const DEFAULT_MAX_SERIES = 2000;

type Level<C> = Map<string, Level<C> | C>;

/**
 * Label values -> cell, for one metric. Lookups walk one Map per label in the catalog's label
 * order, so a hit costs a property read and a Map.get per label: no sorting, no string building.
 * Only canonical values are ever inserted, so any odd input misses and takes `slow`, where it is
 * coerced and counted. The set of label sets is capped for the metric's whole lifetime; past the
 * cap a single overflow cell takes every new set, so memory stays flat.
 */
export class SeriesIndex<C> {
  readonly labelNames: readonly string[];
  private readonly root: Level<C> = new Map();
  private count = 0;
  /** Bumped whenever the set of label sets changes, so readers can cache per-set work (sorting). */
  version = 0;
  private single: C | undefined = undefined;
  private overflowCell: C | undefined;

  constructor(
    readonly metric: string,
    labelNames: readonly string[],
    readonly maxSeries: number,
    private readonly make: (values: readonly string[] | null) => C,
    private readonly problems: Problems,
  ) {
    this.labelNames = labelNames;
    // Unlabelled metrics exist at 0 from registration, as client_golang shows them.
    if (labelNames.length === 0) this.single = make([]);
    const slow = (labels: unknown) => this.slow(labels);
    this.get = labelNames.length === 0 ? (labels) => this.single ?? slow(labels) : compileLookup<C>(labelNames, this.root, slow);
  }

  /** Live label sets, not counting the overflow cell. */
  get size(): number {
    return this.count + (this.single === undefined ? 0 : 1);
  }

  /** The cell for a label object: the hot path (compiled per metric, see compileLookup). */
  readonly get: Lookup<C>;

  /** Every live cell, the overflow cell last. */
  *cells(): Generator<C> {
    if (this.single !== undefined) yield this.single;
    if (this.labelNames.length > 0) yield* walk(this.root, this.labelNames.length);
    if (this.overflowCell !== undefined) yield this.overflowCell;
  }

  /** Removes one label set (as client_golang's DeleteLabelValues). */
  remove(labels: unknown): boolean {
    const values = this.canonical(labels);
    const path: Level<C>[] = [this.root];
    for (let i = 0; i < values.length - 1; i++) {
      const next = path[i]!.get(values[i]!) as Level<C> | undefined;
      if (next === undefined) return false;
      path.push(next);
    }
    if (values.length === 0) return false;
    const leafMap = path[path.length - 1]!;
    const cell = leafMap.get(values[values.length - 1]!) as C | undefined;
    if (cell === undefined) return false;
    leafMap.delete(values[values.length - 1]!);
    for (let i = path.length - 1; i > 0 && path[i]!.size === 0; i--) path[i - 1]!.delete(values[i - 1]!);
    this.count--;
    this.version++;
    return true;
  }

  /** Removes every label set (client_golang's Reset); the unlabelled cell, if any, stays. */
  clear(): void {
    this.root.clear();
    this.count = 0;
    this.version++;
    this.overflowCell = undefined;
  }

  private canonical(labels: unknown): string[] {
    const names = this.labelNames;
    const l = (labels !== null && typeof labels === 'object' ? labels : {}) as Record<string, unknown>;
    const report = (reason: Parameters<Problems['dropped']>[1], detail: unknown) =>
      this.problems.dropped(this.metric, reason, detail);
    const values = names.map((n) => canonicalLabelValue(l[n], report));
    for (const k in l) if (!names.includes(k)) report('label_unknown', k);
    return values;
  }

  private slow(labels: unknown): C {
    const names = this.labelNames;
    if (names.length === 0) {
      if (labels != null && typeof labels === 'object') for (const k in labels) this.problems.dropped(this.metric, 'label_unknown', k);
      return (this.single ??= this.make([]));
    }
    const values = this.canonical(labels);
    let level = this.root;
    for (let i = 0; i < values.length - 1; i++) {
      const next = level.get(values[i]!) as Level<C> | undefined;
      if (next !== undefined) {
        level = next;
        continue;
      }
      if (this.count >= this.maxSeries) return this.overflow();
      const created: Level<C> = new Map();
      level.set(values[i]!, created);
      level = created;
    }
    const last = values[values.length - 1]!;
    const found = level.get(last) as C | undefined;
    if (found !== undefined) return found;
    if (this.count >= this.maxSeries) return this.overflow();
    const cell = this.make(values);
    level.set(last, cell);
    this.count++;
    this.version++;
    return cell;
  }

  private overflow(): C {
    this.problems.overflow(this.metric, this.maxSeries);
    if (this.overflowCell === undefined) {
      this.overflowCell = this.make(null);
      this.version++;
    }
    return this.overflowCell;
  }
}

function* walk<C>(level: Level<C>, depth: number): Generator<C> {
  if (depth === 1) {
    yield* level.values() as IterableIterator<C>;
    return;
  }
  for (const next of level.values()) yield* walk(next as Level<C>, depth - 1);
}
