import type { AnyCell, Family, HistogramCell, Registry, ScalarCell, SummaryCell } from '@teleport-otel/core';
import { pack, strideOf, type FamilyDelta } from './protocol';

/** One family's series as last shipped: ids are small integers, reused once a series is gone. */
class Shipped {
  readonly stride: number;
  /** id -> cell (recorded families) as seen at the last diff. */
  cells: (AnyCell | undefined)[] = [];
  /** Recorded families: cell -> id. Observed families (cells rebuilt on every collect): label key -> id. */
  readonly ids = new Map<AnyCell | string, number>();
  readonly keys: (AnyCell | string | undefined)[] = [];
  readonly free: number[] = [];
  /** Numbers as last shipped, stride per id; NaN forces a send (NaN !== NaN). */
  last = new Float64Array(0);
  version = -1;
  announced = false;

  constructor(readonly family: Family) {
    this.stride = strideOf(family.entry);
  }

  alloc(key: AnyCell | string): number {
    const id = this.free.pop() ?? this.cells.length;
    this.ids.set(key, id);
    this.keys[id] = key;
    if ((id + 1) * this.stride > this.last.length) {
      const grown = new Float64Array(Math.max(16, (id + 1) * 2) * this.stride);
      grown.set(this.last);
      this.last = grown;
    }
    this.last.fill(NaN, id * this.stride, (id + 1) * this.stride);
    return id;
  }

  release(id: number): void {
    this.ids.delete(this.keys[id]!);
    this.keys[id] = undefined;
    this.cells[id] = undefined;
    this.free.push(id);
  }
}

/**
 * A worker's Registry as deltas against what it shipped before (see protocol.ts). Diffing walks
 * the family's series only when its set of series changed (SeriesIndex.version), else just the
 * numbers; an unchanged series costs a compare.
 */
export class RegistryDeltas {
  private shipped = new Map<Family, Shipped>();
  private scratchIds = new Uint32Array(1024);
  private scratchData = new Float64Array(1024);

  /** `json`: pack typed arrays as base64 (cluster IPC in its default JSON serialization). */
  constructor(private readonly registry: Registry, private readonly json: boolean) {}

  /** Forgets what was shipped: the next deltas describe everything again. */
  reset(): void {
    this.shipped = new Map();
  }

  /** Collects the registry (observed callbacks run) and returns what changed since the last call. */
  next(): FamilyDelta[] {
    const out: FamilyDelta[] = [];
    for (const f of this.registry.collect()) {
      let s = this.shipped.get(f);
      if (!s) this.shipped.set(f, (s = new Shipped(f)));
      const delta = this.diff(s);
      if (delta) out.push(delta);
    }
    return out;
  }

  private diff(s: Shipped): FamilyDelta | undefined {
    const f = s.family;
    let addedIds: number[] | undefined;
    let addedValues: (readonly string[] | null)[] | undefined;
    let removed: number[] | undefined;
    const observed = f.callbacks.length > 0;
    if (observed || s.version !== f.index.version) {
      const seen = new Uint8Array(s.cells.length + f.index.size + 1);
      for (const cell of f.index.cells()) {
        const key = observed ? keyOf(cell) : cell;
        let id = s.ids.get(key);
        if (id === undefined) {
          id = s.alloc(key);
          (addedIds ??= []).push(id);
          (addedValues ??= []).push(cell.values);
        }
        s.cells[id] = cell;
        seen[id] = 1;
      }
      for (let id = 0; id < s.cells.length; id++) {
        if (s.cells[id] !== undefined && seen[id] === 0) {
          s.release(id);
          (removed ??= []).push(id);
        }
      }
      s.version = f.index.version;
    }
    const n = this.changed(s);
    if (n === 0 && !addedIds && !removed && s.announced) return undefined;
    const delta: FamilyDelta = {
      name: f.entry.name,
      ...(s.announced ? {} : { entry: f.entry, consts: f.constLabels }),
      ...(addedIds ? { addedIds, addedValues } : {}),
      ...(removed ? { removed } : {}),
      ids: pack(this.scratchIds.slice(0, n), this.json),
      data: pack(this.scratchData.slice(0, n * s.stride), this.json),
    };
    s.announced = true;
    return delta;
  }

  /** Writes the changed series' ids and numbers into the scratch arrays; returns how many. */
  private changed(s: Shipped): number {
    const { stride, last, cells } = s;
    const kind = s.family.entry.instrument;
    let n = 0;
    for (let id = 0; id < cells.length; id++) {
      const cell = cells[id];
      if (cell === undefined) continue;
      const at = n * stride;
      while (n >= this.scratchIds.length || at + stride > this.scratchData.length) this.grow();
      const data = this.scratchData;
      read(kind, cell, data, at);
      const base = id * stride;
      let same = true;
      for (let k = 0; k < stride; k++) {
        if (data[at + k] !== last[base + k]) {
          same = false;
          break;
        }
      }
      if (same) continue;
      for (let k = 0; k < stride; k++) last[base + k] = data[at + k]!;
      this.scratchIds[n++] = id;
    }
    return n;
  }

  private grow(): void {
    const ids = new Uint32Array(this.scratchIds.length * 2);
    ids.set(this.scratchIds);
    this.scratchIds = ids;
    const data = new Float64Array(this.scratchData.length * 2 + 64);
    data.set(this.scratchData);
    this.scratchData = data;
  }
}

/** A cell's numbers, in the order strideOf describes. */
function read(kind: string, cell: AnyCell, out: Float64Array, at: number): void {
  if (kind === 'histogram') {
    const h = cell as HistogramCell;
    const b = h.bucketCount;
    for (let i = 0; i < b; i++) out[at + i] = h.bucket(i);
    const k = at + b;
    out[k] = h.sum;
    out[k + 1] = h.count;
    out[k + 2] = h.min;
    out[k + 3] = h.max;
  } else if (kind === 'summary') {
    const q = cell as SummaryCell;
    out.set(q.quantileValues, at);
    out[at + q.quantileValues.length] = q.sum;
    out[at + q.quantileValues.length + 1] = q.count;
  } else {
    out[at] = (cell as ScalarCell).whole;
    out[at + 1] = (cell as ScalarCell).v;
  }
}

function keyOf(cell: AnyCell): string {
  return cell.overflow ? '\u0001overflow' : cell.values!.join('\u0000');
}
