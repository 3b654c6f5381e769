import { aggregationOf, byName, WORKER_LABEL, type AggregationRule, type MetricEntry } from '@teleport-otel/catalog';
import { Family, type AnyCell, type HistogramCell, type Registry, type ScalarCell, type SummaryCell } from '@teleport-otel/core';
import { strideOf, unpackIds, unpackNumbers, type FamilyDelta } from './protocol';

/**
 * A merged family may hold this many times its per-process series limit: the union of several
 * processes' series (each already bounded by its own limit), plus what departed workers left.
 */
const MERGED_SERIES_FACTOR = 16;

/** One process's or thread's contribution: its families' series, as numbers by series id. */
export class Source {
  readonly families = new Map<string, SourceFamily>();
  /** `label`: the `worker` label value of its per-worker series. */
  constructor(readonly key: string, readonly label: string, readonly pid: number) {}
}

class SourceFamily {
  /** Series id -> the merged cell it adds into. */
  readonly slots: (AnyCell | undefined)[] = [];
  data = new Float64Array(0);
  /** The retired source only: merged cell -> series id. */
  readonly byCell = new Map<AnyCell, number>();
  constructor(readonly merged: MergedFamily) {}

  ensure(id: number): void {
    const need = (id + 1) * this.merged.stride;
    if (need <= this.data.length) return;
    const grown = new Float64Array(Math.max(need, this.data.length * 2));
    grown.set(this.data);
    this.data = grown;
  }
}

/** The family the renderers see for one name, and how its sources combine. */
class MergedFamily {
  readonly family: Family;
  readonly rule: AggregationRule;
  readonly stride: number;
  readonly kind: MetricEntry['instrument'];
  /** Counters and histograms: what departed workers counted stays in the sum. */
  readonly monotonic: boolean;
  /** Merged cell -> how many sources (live, or the retired one) have that series. */
  readonly refs = new Map<AnyCell, number>();

  constructor(entry: MetricEntry, consts: readonly (readonly [string, string])[], registry: Registry) {
    const rule = aggregationOf(entry).rule;
    this.rule = rule === 'per-worker' && entry.labels.includes(WORKER_LABEL) ? 'sum' : rule;
    this.kind = entry.instrument;
    this.stride = strideOf(entry);
    this.monotonic = entry.instrument === 'counter' || entry.instrument === 'histogram';
    const merged: MetricEntry = {
      ...entry,
      labels: this.rule === 'per-worker' ? [...entry.labels, WORKER_LABEL] : entry.labels,
      maxSeries: (entry.maxSeries ?? registry.maxSeries) * MERGED_SERIES_FACTOR,
    };
    this.family = new Family(merged, Object.fromEntries(consts), registry.maxSeries, registry.problems);
  }

  acquire(values: readonly string[] | null, worker: string): AnyCell {
    let cell: AnyCell;
    if (values === null) cell = this.family.index.overflowed();
    else cell = this.family.index.get(this.labels(this.rule === 'per-worker' ? [...values, worker] : values));
    this.hold(cell);
    return cell;
  }

  hold(cell: AnyCell): void {
    this.refs.set(cell, (this.refs.get(cell) ?? 0) + 1);
  }

  release(cell: AnyCell): void {
    const n = (this.refs.get(cell) ?? 1) - 1;
    if (n > 0) return void this.refs.set(cell, n);
    this.refs.delete(cell);
    if (cell.values !== null) this.family.index.remove(this.labels(cell.values));
  }

  private labels(values: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    this.family.entry.labels.forEach((n, i) => (out[n] = values[i]!));
    return out;
  }
}

/**
 * Every source's series merged into one set of core Families, which the renderers (every
 * exposition format, and the OTLP producer) take exactly as they take a Registry's: nothing
 * downstream knows there were workers. Values are recomputed from the sources on each merge;
 * the merged families and cells persist, so a renderer's per-family caches (sorted series) hold.
 */
export class MergedView {
  private readonly families = new Map<string, MergedFamily>();
  private sorted: Family[] | undefined;
  /** What departed workers counted (counters and histograms only). */
  private readonly retired = new Source('retired', 'retired', -1);

  constructor(private readonly registry: Registry) {}

  /** Applies one source's deltas to its tables (not yet to the merged values: see merge). */
  apply(source: Source, deltas: readonly FamilyDelta[]): void {
    for (const d of deltas) {
      let sf = source.families.get(d.name);
      if (!sf) {
        const mf = this.family(d);
        if (!mf) continue;
        source.families.set(d.name, (sf = new SourceFamily(mf)));
      }
      const mf = sf.merged;
      for (const id of d.removed ?? []) {
        const cell = sf.slots[id];
        if (cell) mf.release(cell);
        sf.slots[id] = undefined;
      }
      d.addedIds?.forEach((id, k) => {
        const old = sf.slots[id];
        sf.slots[id] = mf.acquire(d.addedValues![k]!, source.label);
        if (old) mf.release(old);
        sf.ensure(id);
      });
      const ids = unpackIds(d.ids);
      const data = unpackNumbers(d.data);
      const stride = mf.stride;
      if (data.length !== ids.length * stride) continue; // a worker built with other buckets: not mergeable
      if (ids.length > 0) sf.ensure(ids[ids.length - 1]!); // ids come in ascending order: grow once
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k]!;
        if ((id + 1) * stride > sf.data.length) sf.ensure(id);
        const to = sf.data;
        // A plain copy: a subarray() per series would allocate a view object each.
        for (let j = 0, from = k * stride, at = id * stride; j < stride; j++) to[at + j] = data[from + j]!;
      }
    }
  }

  /**
   * A source left. Its counters and histograms stay in the sum (a total that went down would read
   * as a counter reset); everything else it showed leaves. `sharesProcess`: another source still
   * reports its OS process, so its per-process readings were never the ones counted.
   */
  retire(source: Source, sharesProcess: boolean): void {
    for (const [name, sf] of source.families) {
      const mf = sf.merged;
      const keep = mf.monotonic && (mf.rule === 'sum' || (mf.rule === 'per-process' && !sharesProcess));
      let rf = keep ? this.retired.families.get(name) : undefined;
      if (keep && !rf) this.retired.families.set(name, (rf = new SourceFamily(mf)));
      sf.slots.forEach((cell, id) => {
        if (cell === undefined) return;
        if (rf) {
          let rid = rf.byCell.get(cell);
          if (rid === undefined) {
            rid = rf.slots.length;
            rf.slots.push(cell);
            rf.byCell.set(cell, rid);
            rf.ensure(rid);
            if (mf.kind === 'histogram') rf.data.fill(Infinity, (rid + 1) * mf.stride - 2, (rid + 1) * mf.stride - 1);
            if (mf.kind === 'histogram') rf.data.fill(-Infinity, (rid + 1) * mf.stride - 1, (rid + 1) * mf.stride);
            mf.hold(cell);
          }
          addInto(mf, rf.data, rid * mf.stride, sf.data, id * mf.stride);
        }
        mf.release(cell);
      });
    }
    source.families.clear();
  }

  /** Recomputes every merged value from `sources` (first = preferred for `once`) and the retired totals. */
  merge(sources: readonly Source[]): readonly Family[] {
    const all = [...sources, this.retired];
    for (const mf of this.families.values()) {
      reset(mf);
      const pids = mf.rule === 'per-process' ? new Set<number>() : undefined;
      for (const src of all) {
        const sf = src.families.get(mf.family.entry.name);
        if (!sf) continue;
        if (pids && src !== this.retired) {
          if (pids.has(src.pid)) continue;
          pids.add(src.pid);
        }
        accumulate(mf, sf);
      }
      if (mf.rule === 'max' || mf.rule === 'min' || mf.rule === 'once') settle(mf);
    }
    return (this.sorted ??= [...this.families.values()]
      .map((m) => m.family)
      .sort((a, b) => (a.entry.name < b.entry.name ? -1 : 1)));
  }

  private family(d: FamilyDelta): MergedFamily | undefined {
    let mf = this.families.get(d.name);
    if (mf) return mf;
    const entry = d.entry ?? byName(d.name);
    if (!entry) return undefined;
    this.families.set(d.name, (mf = new MergedFamily(entry, d.consts ?? [], this.registry)));
    this.sorted = undefined;
    return mf;
  }
}

function reset(mf: MergedFamily): void {
  if (mf.kind === 'histogram') {
    for (const c of mf.refs.keys()) {
      (c as HistogramCell).reset();
    }
    return;
  }
  if (mf.kind === 'summary') return; // per-worker: each cell is copied whole from its one source
  const init = mf.rule === 'max' ? -Infinity : mf.rule === 'min' ? Infinity : mf.rule === 'once' ? NaN : 0;
  for (const c of mf.refs.keys()) {
    (c as ScalarCell).whole = 0;
    (c as ScalarCell).v = init;
  }
}

/** A max/min/once cell no source filled this time (cannot happen while it is referenced) shows 0, never ±Inf. */
function settle(mf: MergedFamily): void {
  for (const c of mf.refs.keys()) {
    const s = c as ScalarCell;
    if (!Number.isFinite(s.v)) s.v = 0;
  }
}

function accumulate(mf: MergedFamily, sf: SourceFamily): void {
  const { slots, data } = sf;
  const n = slots.length;
  if (mf.kind === 'histogram') {
    for (let id = 0; id < n; id++) {
      const c = slots[id];
      if (c !== undefined) addHistogram(c as HistogramCell, data, id * mf.stride);
    }
    return;
  }
  if (mf.kind === 'summary') {
    for (let id = 0; id < n; id++) {
      const c = slots[id] as SummaryCell | undefined;
      if (c === undefined) continue;
      const at = id * mf.stride;
      const q = c.quantileValues.length;
      c.quantileValues.set(data.subarray(at, at + q));
      c.sum = data[at + q]!;
      c.count = data[at + q + 1]!;
    }
    return;
  }
  // Scalars ship [whole, fraction] (see strideOf). Sums keep the two apart, as a counter does;
  // the other rules compare whole values, kept in `v`.
  switch (mf.rule) {
    case 'max':
      for (let id = 0; id < n; id++) {
        const c = slots[id] as ScalarCell | undefined;
        const x = data[2 * id]! + data[2 * id + 1]!;
        if (c !== undefined && x > c.v) c.v = x;
      }
      return;
    case 'min':
      for (let id = 0; id < n; id++) {
        const c = slots[id] as ScalarCell | undefined;
        const x = data[2 * id]! + data[2 * id + 1]!;
        if (c !== undefined && x < c.v) c.v = x;
      }
      return;
    case 'once':
      for (let id = 0; id < n; id++) {
        const c = slots[id] as ScalarCell | undefined;
        if (c !== undefined && c.v !== c.v) c.v = data[2 * id]! + data[2 * id + 1]!;
      }
      return;
    case 'per-worker':
      for (let id = 0; id < n; id++) {
        const c = slots[id] as ScalarCell | undefined;
        if (c === undefined) continue;
        c.whole = data[2 * id]!;
        c.v = data[2 * id + 1]!;
      }
      return;
    default:
      for (let id = 0; id < n; id++) {
        const c = slots[id] as ScalarCell | undefined;
        if (c === undefined) continue;
        c.whole += data[2 * id]!;
        c.v += data[2 * id + 1]!;
      }
  }
}

function addHistogram(h: HistogramCell, data: Float64Array, at: number): void {
  const b = h.bucketCount;
  // The count is the buckets' total (HistogramCell.count), so data[at + b + 1] needs no adding.
  for (let k = 0; k < b; k++) h.setBucket(k, h.bucket(k) + data[at + k]!);
  h.sum += data[at + b]!;
  if (data[at + b + 2]! < h.min) h.min = data[at + b + 2]!;
  if (data[at + b + 3]! > h.max) h.max = data[at + b + 3]!;
}

/** dst += src for one series' numbers (a histogram's min and max combine as min and max). */
function addInto(mf: MergedFamily, dst: Float64Array, d: number, src: Float64Array, s: number): void {
  const stride = mf.stride;
  const sums = mf.kind === 'histogram' ? stride - 2 : stride;
  for (let k = 0; k < sums; k++) dst[d + k]! += src[s + k]!;
  if (sums === stride) return;
  dst[d + sums] = Math.min(dst[d + sums]!, src[s + sums]!);
  dst[d + sums + 1] = Math.max(dst[d + sums + 1]!, src[s + sums + 1]!);
}
