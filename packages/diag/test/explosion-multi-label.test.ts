/**
 * Label explosion on a family with two or more labels: 300k distinct sets that differ only in the
 * FIRST label, so it is the series index's intermediate level (one Map per first-label value)
 * that would grow. The lifetime cap must refuse new intermediate levels too, not only new cells:
 * the exposition stays at the cap plus one overflow series and the heap stays flat (after a forced GC).
 */
import { catalog, type MetricEntry } from '@teleport-otel/catalog';
import { createInstruments, DEFAULT_MAX_SERIES, type Counter } from '@teleport-otel/core';
import { createDiagMeterProvider } from '@teleport-otel/diag';
import { heapMiB } from '../../../test-support/heap';
import { expectCapped, overflowSeen } from '../../../test-support/overflow';

const SETS = 300_000;
/** 2000 series cost a few MiB; one leaked Map per refused set costs ~+75 MiB at 300k. */
const BOUND_MIB = 20;

/**
 * A counter with two or more open labels: closed labels are nested first, open ones after in
 * catalog order, so varying the first open label grows a non-last (intermediate) level.
 */
const isClosed = (e: MetricEntry, l: string) => Boolean(e.values && (e.values as Record<string, unknown>)[l]);
const entry: MetricEntry = catalog.find(
  (e) => e.instrument === 'counter' && !e.observed && !e.constLabels && e.labels.filter((l) => !isClosed(e, l)).length >= 2
)!;
const CAP = entry.maxSeries ?? DEFAULT_MAX_SERIES;
const varying = entry.labels.find((l) => !isClosed(entry, l))!;
const fixedValue = (l: string) =>
  isClosed(entry, l) ? (entry.values as Record<string, readonly string[]>)[l]![0]! : `${l}-fixed`;
const labels = (i: number) => Object.fromEntries(entry.labels.map((l) => [l, l === varying ? `${l}-${i}` : fixedValue(l)]));

it(`${SETS.toLocaleString('en')} label sets varying the first of ${
  entry.labels.length
} labels stay capped with a flat heap`, async () => {
  expect(entry).toBeDefined();
  const p = createDiagMeterProvider();
  const { c } = createInstruments({ c: entry }, { meterProvider: p.meterProvider });
  const counter = c as unknown as Counter;
  counter.inc(labels(-1) as never); // the family exists before the baseline
  await p.render();
  const before = heapMiB();
  for (let i = 0; i < SETS; i++) counter.inc(labels(i) as never);
  const text = await p.render();
  const after = heapMiB();
  const seen = overflowSeen(text, entry);
  console.log(
    `multi-label explosion (${entry.name}, ${entry.labels.join(',')}): ${SETS} sets; series ${seen.series}; ` +
      `heap +${(after - before).toFixed(1)} MiB`
  );
  expectCapped(seen, CAP, SETS);
  expect(after - before).toBeLessThan(BOUND_MIB);
  await p.shutdown();
}, 120_000);
