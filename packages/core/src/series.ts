import type { SharedLabels } from './cell-labels';
import { interned } from './interned';
import { canonicalLabelValue } from './labels';
import { compileLookup, type Lookup } from './lookup';
import type { Problems } from './problems';

/** Default lifetime limit of label sets per metric, as OpenTelemetry's default cardinality limit. */
export const DEFAULT_MAX_SERIES = 2000;

type Level<C> = Map<string, Level<C> | C>;

/** What a SeriesIndex tells its owner about cells leaving it. */
export interface SeriesHooks<C> {
  /** One cell was removed. */
  removed?(cell: C): void;
  /** Every labelled cell and the overflow cell were dropped (the unlabelled one stays). */
  cleared?(): void;
}

/**
 * Label values -> cell, for one metric. Lookups walk one Map per label, so a hit costs a property
 * read and a Map.get per label: no sorting, no string building. Labels with a closed value set
 * (`lowCardinality`, e.g. result = success|error) are nested first, the rest in catalog order:
 * a small Map costs ~180 bytes, so {operation, result} nested operation-first would pay one inner
 * Map per operation, result-first only two.
 * Only canonical values are ever inserted, so any odd input misses and takes `slow`, where it is
 * coerced and counted. The set of label sets is capped for the metric's whole lifetime; past the
 * cap a single overflow cell takes every new set, so memory stays flat.
 */
export class SeriesIndex<C> {
  readonly labelNames: readonly string[];
  private readonly root: Level<C> = new Map();
  private count = 0;
  /** Bumped whenever the set of label sets changes, so readers can cache per-set work. */
  version = 0;
  /**
   * Until a reader first takes from the index, every cell it made (takeAll); then the cells created
   * since the last take (takeAdded). Undefined after a removal, until the next take: there is no
   * increment to keep (the reader lists cells() again). Never longer than the live series: 8 bytes
   * each while nothing reads them, the price of a first scrape that need not walk the Maps.
   */
  private added: C[] | undefined = [];
  /** Who took `added` last (see takeAdded). */
  private reader: object | undefined = undefined;
  private single: C | undefined = undefined;
  private overflowCell: C | undefined;
  /** Per label position, its closed value set (catalog `values`), checked on the slow path only. */
  private readonly closed: readonly (ReadonlySet<string> | undefined)[];
  /** Nesting order as positions in labelNames, or undefined when it is the catalog order. */
  private readonly nest: readonly number[] | undefined;
  /** The catalog position of the label nested last: each series keeps that value itself (undefined: no labels). */
  private readonly own: number | undefined;
  /**
   * Per innermost Map of a multi-label metric, the label values its series share: each series
   * then keeps only its own last nested value (see cell-labels.ts), not an array of its values.
   */
  private readonly shared = new WeakMap<Level<C>, SharedLabels>();

  constructor(
    readonly metric: string,
    labelNames: readonly string[],
    readonly maxSeries: number,
    /** Makes a series' cell; `shared` is given for multi-label series (the cell may keep its values array instead). */
    private readonly make: (values: readonly string[] | null, shared?: SharedLabels) => C,
    private readonly problems: Problems,
    closedValues: Readonly<Record<string, readonly string[]>> = {},
    /** Told when cells leave the index, so storage they point into can be reused (histograms). */
    private readonly hooks: SeriesHooks<C> = {}
  ) {
    this.labelNames = labelNames;
    this.closed = labelNames.map((n) => (closedValues[n] ? new Set(closedValues[n]) : undefined));
    const lowCardinality = Object.keys(closedValues);
    const positions = labelNames.map((_, i) => i);
    const order = [
      ...positions.filter((i) => lowCardinality.includes(labelNames[i]!)),
      ...positions.filter((i) => !lowCardinality.includes(labelNames[i]!)),
    ];
    // Stryker disable next-line ArrowFunction: `() => undefined` keeps the identity order as an array, read the same (docs/testing.md)
    this.nest = order.every((p, i) => p === i) ? undefined : order;
    this.own = order[order.length - 1];
    // Unlabelled metrics exist at 0 from registration, as client_golang shows them.
    if (labelNames.length === 0) this.added!.push((this.single = make([])));
    const slow = (labels: unknown) => this.slow(labels);
    // An unlabelled metric given a labels object takes `slow`, which counts the unknown labels.
    this.get =
      labelNames.length === 0
        ? (labels) => (labels === undefined ? this.single : undefined) ?? slow(labels)
        : compileLookup<C>(
            order.map((i) => labelNames[i]!),
            this.root,
            slow
          );
  }

  /** Live label sets, not counting the overflow cell. */
  get size(): number {
    return this.count + (this.single === undefined ? 0 : 1);
  }

  /** The cell for a label object: the hot path (compiled per metric, see compileLookup). */
  readonly get: Lookup<C>;

  /** Every live cell, the overflow cell last: a fresh array, walked without generators (fast at 100k series). */
  cells(): C[] {
    const out: C[] = [];
    if (this.single !== undefined) out.push(this.single);
    if (this.labelNames.length > 0) collect(this.root, this.labelNames.length, out);
    if (this.overflowCell !== undefined) out.push(this.overflowCell);
    return out;
  }

  /**
   * cells(), stopping (a bare yield) every `step` cells so a renderer can give the event loop
   * back while listing 100k series. Series created or removed meanwhile may or may not be listed.
   */
  *cellsInSteps(step: number): Generator<void, C[]> {
    const out: C[] = [];
    if (this.single !== undefined) out.push(this.single);
    const depth = this.labelNames.length;
    const stack: Iterator<Level<C> | C>[] = depth > 0 ? [this.root.values()] : [];
    let n = 0;
    while (stack.length > 0) {
      const r = stack[stack.length - 1]!.next();
      if (r.done === true) stack.pop();
      else if (stack.length < depth) stack.push((r.value as Level<C>).values());
      else {
        out.push(r.value as C);
        // Stryker disable next-line UpdateOperator: `--n % step` is -0 exactly when `n % step` is 0 (docs/testing.md)
        if (++n % step === 0) yield;
      }
    }
    if (this.overflowCell !== undefined) out.push(this.overflowCell);
    return out;
  }

  /**
   * Every live cell, the unlabelled and overflow ones included, in creation order, when no reader
   * has taken from the index and nothing was removed from it: the list kept from the start, so a
   * first render sorts it instead of walking the Maps (on a first scrape of 100k series that walk
   * allocated ~4 MB in unoptimized code, enough to set off the scavenge of the new cells inside
   * the scrape). Then starts `reader`'s increments (see takeAdded). Null otherwise. The caller
   * owns the array.
   */
  takeAll(reader: object): C[] | null {
    if (this.reader !== undefined || this.added === undefined) return null;
    const all = this.added;
    this.reader = reader;
    this.added = [];
    return all;
  }

  /**
   * The cells created since `reader`'s previous call, in creation order; null on its first call,
   * whenever a series was removed since (the reader then lists cells() afresh; cells created
   * while it does may come again in the next increment), and when another reader called last
   * (two readers, e.g. two copies of diag, would otherwise take each other's increments).
   */
  takeAdded(reader: object): readonly C[] | null {
    const added = this.reader === reader ? this.added : undefined;
    this.reader = reader;
    this.added = [];
    return added ?? null;
  }

  /**
   * The overflow cell, created if needed without counting an overflow: for merging another
   * index's overflow series into this one (diag's cluster aggregation).
   */
  overflowed(): C {
    if (this.overflowCell === undefined) {
      this.overflowCell = this.make(null);
      this.version++;
      this.added?.push(this.overflowCell);
    }
    return this.overflowCell;
  }

  /** Removes one label set (as client_golang's DeleteLabelValues). */
  remove(labels: unknown): boolean {
    const values = this.nested(this.canonical(labels));
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
    this.hooks.removed?.(cell);
    this.added = undefined;
    return true;
  }

  /** Removes every label set (client_golang's Reset); the unlabelled cell, if any, stays. */
  clear(): void {
    this.root.clear();
    this.count = 0;
    this.version++;
    this.overflowCell = undefined;
    this.hooks.cleared?.();
    this.added = undefined;
  }

  /** Canonical values; a label object that throws when read (getter, Proxy trap) counts as missing labels. */
  private canonical(labels: unknown): string[] {
    try {
      return this.readCanonical(labels);
    } catch (err) {
      this.problems.dropped(this.metric, 'label_missing', `the labels object threw when read: ${errorText(err)}`);
      return this.labelNames.map(() => '');
    }
  }

  /**
   * Canonical values, each problem counted: missing labels once per call (naming them), a value
   * outside a closed set (`result: 'failure'` from plain JavaScript) as `label_value_unknown` and
   * recorded as "" (the value every coerced label takes, so accepted as given), so it can never
   * open a series of its own. The hot lookup holds canonical
   * values only, so every such call lands here and is counted.
   */
  private readCanonical(labels: unknown): string[] {
    const names = this.labelNames;
    const l = (labels !== null && typeof labels === 'object' ? labels : {}) as Record<string, unknown>;
    const report = (reason: Parameters<Problems['dropped']>[1], detail: unknown) =>
      this.problems.dropped(this.metric, reason, detail);
    let missing: string[] | undefined;
    const values = names.map((n, i) => {
      const raw = l[n];
      if (raw === undefined || raw === null) {
        (missing ??= []).push(n);
        return '';
      }
      const v = canonicalLabelValue(raw, report);
      const closed = this.closed[i];
      if (closed === undefined || v === '' || closed.has(v)) return v;
      report('label_value_unknown', `${n}=${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`);
      return '';
    });
    if (missing) report('label_missing', missing.join(', '));
    for (const k in l) if (!names.includes(k)) report('label_unknown', k);
    return values;
  }

  private slow(labels: unknown): C {
    const names = this.labelNames;
    if (names.length === 0) {
      // Stryker disable next-line LogicalOperator: `||` also passes null and primitives, which readCanonical() reads as {}: nothing reported (docs/testing.md)
      if (labels != null && typeof labels === 'object') this.canonical(labels); // counts unknown labels
      // The constructor made the unlabelled cell, and nothing drops it.
      return this.single!;
    }
    const values = this.canonical(labels);
    const keys = this.nested(values);
    let level = this.root;
    for (let i = 0; i < keys.length - 1; i++) {
      const next = level.get(keys[i]!) as Level<C> | undefined;
      if (next !== undefined) {
        level = next;
        continue;
      }
      if (this.count >= this.maxSeries) return this.overflow();
      const created: Level<C> = new Map();
      level.set(interned(keys[i]!), created);
      level = created;
    }
    const last = keys[keys.length - 1]!;
    const found = level.get(last) as C | undefined;
    if (found !== undefined) return found;
    if (this.count >= this.maxSeries) return this.overflow();
    // What the series keeps, kept internalized (see interned.ts): not the caller's young strings.
    const kept = values.map(interned);
    const cell = this.make(kept, names.length > 1 ? this.sharedOf(level, kept) : undefined);
    level.set(kept[this.own!]!, cell); // `last`, internalized
    this.count++;
    this.version++;
    // Stryker disable next-line OptionalChaining: after a removal `added.push` throws with the cell already in its Map; the lookup's catch retries slow(), which finds it (docs/testing.md)
    this.added?.push(cell);
    return cell;
  }

  /** What the series of innermost Map `leaf` share: every value of `values` but the last nested one. */
  private sharedOf(leaf: Level<C>, values: readonly string[]): SharedLabels {
    let s = this.shared.get(leaf);
    if (s === undefined) {
      const own = this.own!;
      s = { values: values.map((v, i) => (i === own ? '' : v)), own };
      this.shared.set(leaf, s);
    }
    return s;
  }

  /** Canonical values (catalog order) in nesting order. */
  private nested(values: string[]): string[] {
    const nest = this.nest;
    return nest === undefined ? values : nest.map((i) => values[i]!);
  }

  private overflow(): C {
    this.problems.overflow(this.metric, this.maxSeries);
    return this.overflowed();
  }
}

function collect<C>(level: Level<C>, depth: number, out: C[]): void {
  if (depth === 1) {
    for (const cell of level.values()) out.push(cell as C);
    return;
  }
  for (const next of level.values()) collect(next as Level<C>, depth - 1, out);
}

function errorText(err: unknown): string {
  try {
    return err instanceof Error ? err.message : String(err);
  } catch {
    return 'an unprintable value';
  }
}
