/**
 * Label explosion: a million distinct label sets on one metric. The lifetime cap (default 2000)
 * folds every set past it into the single overflow series, so the heap stays flat, the exposition
 * stays small, and the overflow is counted. Both backends; heap measured after a forced GC.
 */
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { catalog, type MetricEntry } from '@teleport-otel/catalog';
import { createInstruments, DEFAULT_MAX_SERIES, type Counter } from '@teleport-otel/core';
import { createDiagMeterProvider } from '@teleport-otel/diag';
import { heapMiB } from '../../../test-support/heap';
import { expectCapped, overflowSeen } from '../../../test-support/overflow';
import { TestReader } from '../../../test-support/sdk';

const SETS = 1_000_000;
const SDK_SETS = 200_000;
/** Generous: 2000 series cost well under 5 MiB; a leak of one object per set would cost > 50 MiB. */
const BOUND_MIB = 50;

/** A labelled counter without a catalog cap, so the default applies. */
const entry: MetricEntry = catalog.find(
  (e) => e.instrument === 'counter' && !e.observed && e.labels.length > 0 && !e.constLabels && !e.maxSeries
)!;
const labels = (i: number) => Object.fromEntries(entry.labels.map((n) => [n, `${n}-${i}`]));

describe('label explosion', () => {
  it(`fast path: ${SETS.toLocaleString('en')} distinct label sets keep the heap flat`, async () => {
    const p = createDiagMeterProvider();
    const { c } = createInstruments({ c: entry }, { meterProvider: p.meterProvider });
    (c as unknown as Counter).inc(labels(-1) as never); // the family exists before the baseline
    await p.render();
    const before = heapMiB();
    const t = performance.now();
    for (let i = 0; i < SETS; i++) (c as unknown as Counter).inc(labels(i) as never);
    const ms = performance.now() - t;
    const text = await p.render();
    const after = heapMiB();
    const seen = overflowSeen(text, entry);
    console.log(
      `label explosion (fast path): ${SETS} label sets in ${ms.toFixed(0)} ms; series ${seen.series}; ` +
        `heap before ${before.toFixed(1)} MiB, after ${after.toFixed(1)} MiB (+${(after - before).toFixed(1)}); exposition ${(
          text.length / 1024
        ).toFixed(0)} KiB`
    );
    expectCapped(seen, DEFAULT_MAX_SERIES, SETS);
    expect(after - before).toBeLessThan(BOUND_MIB);
    await p.shutdown();
  }, 60_000);

  it(`SDK path: ${SDK_SETS.toLocaleString(
    'en'
  )} label sets across collections stay capped for the metric's lifetime`, async () => {
    const reader = new TestReader();
    const mp = new MeterProvider({ readers: [reader] });
    const { c } = createInstruments({ c: entry }, { meterProvider: mp });
    (c as unknown as Counter).inc(labels(-1) as never);
    await reader.collect();
    const before = heapMiB();
    let points = 0;
    for (let i = 0; i < SDK_SETS; i++) {
      (c as unknown as Counter).inc(labels(i) as never);
      if (i % 50_000 === 49_999) {
        const { resourceMetrics } = await reader.collect();
        const dps = resourceMetrics.scopeMetrics
          .flatMap((s) => s.metrics)
          .find((m) => m.descriptor.name === entry.name)!.dataPoints;
        points = dps.length;
        // Within the SDK's own per-collection limit (default 2000, overflow included), so the only
        // overflow series is ours, holding every set past the cap since the start.
        expect(points).toBe(DEFAULT_MAX_SERIES);
        const overflow = dps.filter((d) => Object.keys(d.attributes).some((k) => k.includes('overflow')));
        expect(overflow).toEqual([
          expect.objectContaining({ attributes: { 'otel.metric.overflow': true }, value: i + 1 - (DEFAULT_MAX_SERIES - 2) }),
        ]);
      }
    }
    const after = heapMiB();
    console.log(
      `label explosion (SDK path): ${SDK_SETS} label sets, 4 collections; points ${points}; ` +
        `heap before ${before.toFixed(1)} MiB, after ${after.toFixed(1)} MiB (+${(after - before).toFixed(1)})`
    );
    expect(after - before).toBeLessThan(BOUND_MIB);
    await mp.shutdown();
  }, 60_000);
});
