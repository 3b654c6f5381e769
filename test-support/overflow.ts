import { self, type MetricEntry } from '@teleport-otel/catalog';
import { parseExposition } from '@teleport-otel/diag';

/** What one scrape says about a metric's lifetime series cap. */
export interface OverflowSeen {
  /** Series of the family, the overflow series included. */
  readonly series: number;
  /** Values of its `{otel_metric_overflow="true"}` series (one at most). */
  readonly overflow: number[];
  /** teleport_otel_cardinality_overflow_total{metric=<entry>}. */
  readonly counted: number | undefined;
}

export function overflowSeen(text: string, entry: MetricEntry): OverflowSeen {
  const families = parseExposition(text);
  const series = families.get(entry.name)?.samples ?? [];
  const [metricLabel] = self.cardinalityOverflow.labels;
  return {
    series: series.length,
    overflow: series.filter((s) => s.labels.otel_metric_overflow === 'true').map((s) => s.value),
    counted: families.get(self.cardinalityOverflow.name)?.samples.find((s) => s.labels[metricLabel] === entry.name)?.value,
  };
}

/** After `sets` distinct label sets (plus one recorded before) on a metric capped at `cap`: cap series plus the overflow, which holds and counts the rest. */
export function expectCapped(seen: OverflowSeen, cap: number, sets: number): void {
  expect(seen).toEqual({ series: cap + 1, overflow: [sets + 1 - cap], counted: sets + 1 - cap });
}
