/**
 * Delta temporality keeps levels cumulative (docs/otlp.md, "Cumulative or delta"): with
 * `temporality: 'delta'`, counters report the change since the previous export, while up-down
 * counters keep carrying their running total (temporality cumulative) and gauges their current
 * level, even in an interval where nothing was recorded. Through the official OTLP HTTP exporter to
 * a local receiver, for catalog instruments (fast path) and ad-hoc SDK instruments on the diag's
 * MeterProvider alike.
 */
import { AggregationTemporality, InstrumentType } from '@opentelemetry/sdk-metrics';
import { catalog, type MetricEntry } from '@teleport-otel/catalog';
import { createInstruments } from '@teleport-otel/core';
import { createDiagMeterProvider, otlpReader } from '@teleport-otel/diag';
import { startHttpReceiver, type ReceivedMetric, type Receiver } from '../../../test-support/otlp-receiver';
import { temporalitySelector } from '../src/otlp/exporter';
import { labelsFor } from './otlp-workload';

const NEVER = 3_600_000;
// OTLP's AggregationTemporality enum on the wire.
const DELTA = 1;
const CUMULATIVE = 2;

const recordedEntry = (instrument: MetricEntry['instrument']): MetricEntry =>
  catalog.find((e) => e.instrument === instrument && !e.observed && !e.constLabels && e.labels.length > 0)!;
const counterEntry = recordedEntry('counter');
const upDownEntry = recordedEntry('updowncounter');
const gaugeEntry = recordedEntry('gauge');

let receiver: Receiver;
beforeEach(async () => {
  receiver = await startHttpReceiver();
});
afterEach(() => receiver.close());

/** temporality, kind and value of one metric (one series) in each export. */
function seen(name: string): { kind: string; temporality: number | undefined; values: (number | undefined)[] }[] {
  return receiver.exports.map((e) => {
    const m = e.metrics.find((x) => x.name === name) as ReceivedMetric | undefined;
    return { kind: m?.kind ?? 'absent', temporality: m?.temporality, values: (m?.points ?? []).map((p) => p.value) };
  });
}

describe('delta temporality over OTLP', () => {
  it('catalog instruments: counters report the change; up-down counters the running total; gauges their level', async () => {
    const diag = createDiagMeterProvider({
      readers: [otlpReader({ url: receiver.url, exportIntervalMillis: NEVER, temporality: 'delta' })],
    });
    const inst = createInstruments(
      { c: counterEntry, u: upDownEntry, g: gaugeEntry },
      { meterProvider: diag.meterProvider }
    ) as unknown as {
      c: { add(v: number, l: object): void };
      u: { add(v: number, l: object): void };
      g: { set(v: number, l: object): void };
    };
    inst.c.add(3, labelsFor(counterEntry));
    inst.u.add(5, labelsFor(upDownEntry));
    inst.g.set(7, labelsFor(gaugeEntry));
    await diag.meterProvider.forceFlush();
    inst.c.add(1, labelsFor(counterEntry));
    inst.u.add(-2, labelsFor(upDownEntry));
    // The gauge is left alone in the second interval: its level is still 7.
    await diag.meterProvider.forceFlush();
    await diag.shutdown();

    expect(seen(counterEntry.name).slice(0, 2)).toEqual([
      { kind: 'sum', temporality: DELTA, values: [3] },
      { kind: 'sum', temporality: DELTA, values: [1] },
    ]);
    expect(seen(upDownEntry.name).slice(0, 2)).toEqual([
      { kind: 'sum', temporality: CUMULATIVE, values: [5] },
      { kind: 'sum', temporality: CUMULATIVE, values: [3] },
    ]);
    expect(
      seen(gaugeEntry.name)
        .slice(0, 2)
        .map((s) => [s.kind, s.values])
    ).toEqual([
      ['gauge', [7]],
      ['gauge', [7]],
    ]);
  });

  it('ad-hoc SDK instruments on the diag MeterProvider: the same rule, a gauge left alone included', async () => {
    const diag = createDiagMeterProvider({
      readers: [otlpReader({ url: receiver.url, exportIntervalMillis: NEVER, temporality: 'delta' })],
    });
    const meter = diag.meterProvider.getMeter('otlp-delta');
    const counter = meter.createCounter('test_delta_counter');
    const upDown = meter.createUpDownCounter('test_delta_updown');
    const observedUpDown = meter.createObservableUpDownCounter('test_delta_observed_updown');
    observedUpDown.addCallback((r) => r.observe(4));
    const gauge = meter.createGauge('test_delta_gauge');
    gauge.record(7);
    counter.add(3);
    upDown.add(5);
    await diag.meterProvider.forceFlush();
    counter.add(1);
    upDown.add(-2);
    await diag.meterProvider.forceFlush();
    await diag.shutdown();

    expect(seen('test_delta_counter').slice(0, 2)).toEqual([
      { kind: 'sum', temporality: DELTA, values: [3] },
      { kind: 'sum', temporality: DELTA, values: [1] },
    ]);
    expect(seen('test_delta_updown').slice(0, 2)).toEqual([
      { kind: 'sum', temporality: CUMULATIVE, values: [5] },
      { kind: 'sum', temporality: CUMULATIVE, values: [3] },
    ]);
    // Left alone in the second interval: the level is still there (a delta gauge would be absent).
    expect(
      seen('test_delta_gauge')
        .slice(0, 2)
        .map((s) => [s.kind, s.values])
    ).toEqual([
      ['gauge', [7]],
      ['gauge', [7]],
    ]);
    expect(seen('test_delta_observed_updown').slice(0, 2)).toEqual([
      { kind: 'sum', temporality: CUMULATIVE, values: [4] },
      { kind: 'sum', temporality: CUMULATIVE, values: [4] },
    ]);
  });

  it('the selector every push reader gives the SDK: up-down counters and gauges cumulative, counters and histograms delta', () => {
    const select = temporalitySelector('delta');
    expect({
      counter: select(InstrumentType.COUNTER),
      observableCounter: select(InstrumentType.OBSERVABLE_COUNTER),
      histogram: select(InstrumentType.HISTOGRAM),
      upDown: select(InstrumentType.UP_DOWN_COUNTER),
      observableUpDown: select(InstrumentType.OBSERVABLE_UP_DOWN_COUNTER),
      gauge: select(InstrumentType.GAUGE),
      observableGauge: select(InstrumentType.OBSERVABLE_GAUGE),
    }).toEqual({
      counter: AggregationTemporality.DELTA,
      observableCounter: AggregationTemporality.DELTA,
      histogram: AggregationTemporality.DELTA,
      upDown: AggregationTemporality.CUMULATIVE,
      observableUpDown: AggregationTemporality.CUMULATIVE,
      gauge: AggregationTemporality.CUMULATIVE,
      observableGauge: AggregationTemporality.CUMULATIVE,
    });
    expect(new Set(Object.values(InstrumentType).map((t) => temporalitySelector('cumulative')(t)))).toEqual(
      new Set([AggregationTemporality.CUMULATIVE])
    );
  });
});
