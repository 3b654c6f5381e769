/**
 * A series' label values, kept as compactly as V8 allows. One label's value is kept alone: an
 * array of one string costs 56 bytes per series (a JSArray and its backing store), more than the
 * string itself, and the string is the same object as the series' key in its SeriesIndex, so a
 * single-label series pays 8 bytes for its labels. Several values stay in one array; the overflow
 * series has none (null).
 */
export abstract class LabelledCell {
  /** The one value, the values in catalog order, or null for the overflow series. */
  private readonly labelStore: string | readonly string[] | null;
  constructor(values: readonly string[] | null) {
    this.labelStore = values !== null && values.length === 1 ? values[0]! : values;
  }
  /**
   * The label values in catalog order, null for the overflow series. A single label's array is
   * built on each call: renderers read label(i) instead.
   */
  get values(): readonly string[] | null {
    const s = this.labelStore;
    return typeof s === 'string' ? [s] : s;
  }
  /** Whether this is the overflow series (no label values; exposed as otel_metric_overflow="true"). */
  get overflow(): boolean {
    return this.labelStore === null;
  }
  /** Label value i, in catalog order; '' for the overflow series. */
  label(i: number): string {
    const s = this.labelStore;
    if (typeof s === 'string') return s;
    return s === null ? '' : s[i]!;
  }
}
