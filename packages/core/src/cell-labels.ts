/**
 * A series' label values, kept as compactly as V8 allows. An array of label values costs a series
 * 56-64 bytes (a JSArray and its backing store), more than the strings it holds. So a series keeps
 * only its own value: the value of its last nested label (see SeriesIndex), the same string object
 * as its key in the index's innermost Map. The other values are the same for every series under
 * that Map and are kept once there (SharedLabels). A single-label series thus pays 8 bytes for its
 * labels, a multi-label one 16; a cell made without SharedLabels keeps an array as before; the
 * overflow series has no values (null).
 */

/** The label values every series of one innermost index Map has in common. */
export interface SharedLabels {
  /** All label values in catalog order, `own`'s slot left empty. */
  readonly values: readonly string[];
  /** The catalog position of the label each series keeps itself. */
  readonly own: number;
}

export abstract class LabelledCell {
  /** This series' own value, every value in catalog order (no SharedLabels), or null (overflow). */
  private readonly labelStore: string | readonly string[] | null;
  /** The values shared with the other series of its innermost Map, when it has more than one label. */
  private readonly labelShared: SharedLabels | undefined;
  constructor(values: readonly string[] | null, shared?: SharedLabels) {
    if (values !== null && shared !== undefined) this.labelStore = values[shared.own]!;
    else this.labelStore = values !== null && values.length === 1 ? values[0]! : values;
    this.labelShared = values === null ? undefined : shared;
  }
  /**
   * The label values in catalog order, null for the overflow series: a fresh array on each call
   * when the series keeps no array (renderers read label(i) instead).
   */
  get values(): readonly string[] | null {
    const s = this.labelStore;
    if (typeof s !== 'string') return s;
    const shared = this.labelShared;
    if (shared === undefined) return [s];
    const out = shared.values.slice();
    out[shared.own] = s;
    return out;
  }
  /** Whether this is the overflow series (no label values; exposed as otel_metric_overflow="true"). */
  get overflow(): boolean {
    return this.labelStore === null;
  }
  /** Label value i, in catalog order; '' for the overflow series. */
  label(i: number): string {
    const s = this.labelStore;
    if (typeof s === 'string') {
      const shared = this.labelShared;
      return shared === undefined || i === shared.own ? s : shared.values[i]!;
    }
    return s === null ? '' : s[i]!;
  }
}
