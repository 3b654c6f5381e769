import { bpf, groupEntries } from '@teleport-otel/catalog';
import { createBpfMetrics, lostEventsTracker } from '@teleport-otel/bpf';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import { collectMetrics, expectGroupExported, sdkPipeline, sumAt } from '../../../test-support/sdk';
import { typeErrors } from '../../../test-support/typecheck';

describe('createBpfMetrics over a plain SDK MeterProvider', () => {
  test('every bpf_lost_* entry is exported with catalog name, unit and help', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createBpfMetrics({ meterProvider });
    lostEventsTracker(m.commandEvents).update(2);
    lostEventsTracker(m.diskEvents).update(3);
    lostEventsTracker(m.networkEvents).update(5);
    const got = await collectMetrics(reader);
    expectGroupExported(bpf, got);
    expect(sumAt(got.get(bpf.commandEvents.name))).toBe(2);
    expect(sumAt(got.get(bpf.diskEvents.name))).toBe(3);
    expect(sumAt(got.get(bpf.networkEvents.name))).toBe(5);
  });

  test('the tracker adds only the growth between readings, so the counter equals the last reading', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createBpfMetrics({ meterProvider });
    const t = lostEventsTracker(m.diskEvents);
    const readings = [0, 0, 4, 4, 9, 10, 10, 25];
    const deltas = readings.map((r) => t.update(r));
    expect(deltas).toEqual([0, 0, 4, 0, 5, 1, 0, 15]);
    expect(t.last).toBe(25);
    expect(sumAt((await collectMetrics(reader)).get(bpf.diskEvents.name))).toBe(25);
  });

  test('a reading below the last is a reset: the new reading is added, never a negative or wrapped delta', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createBpfMetrics({ meterProvider });
    const t = lostEventsTracker(m.networkEvents, 100); // attached to a map that already held 100
    expect(t.update(130)).toBe(30);
    expect(t.update(7)).toBe(7); // program reloaded, map restarted from 0
    expect(t.update(9)).toBe(2);
    expect(t.update(Number.NaN)).toBe(0);
    expect(t.update(-1)).toBe(0);
    expect(t.last).toBe(9);
    expect(sumAt((await collectMetrics(reader)).get(bpf.networkEvents.name))).toBe(39);
  });

  test('single lost events (an exec whose args were evicted) are plain increments', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createBpfMetrics({ meterProvider });
    const t = lostEventsTracker(m.commandEvents);
    t.update(3);
    m.commandEvents.inc();
    expect(sumAt((await collectMetrics(reader)).get(bpf.commandEvents.name))).toBe(4);
  });
});

function misuse(): void {
  const m = createBpfMetrics();
  // @ts-expect-error bpf_lost_* counters have no labels
  m.diskEvents.inc({ cgroup: '1' });
  // @ts-expect-error no such metric in the bpf group
  m.restrictedEvents.inc();
}
void misuse;

describe('bpf typing and fast path', () => {
  test('labels on unlabelled counters and unknown metrics are compile errors', () => {
    expect(typeErrors([__filename])).toEqual([]);
  }, 60_000);

  test('over @teleport-otel/diag the counters exist at 0 before any loss, with catalog TYPE and HELP', async () => {
    const diag = createDiagMeterProvider();
    try {
      const m = createBpfMetrics({ meterProvider: diag.meterProvider });
      lostEventsTracker(m.commandEvents).update(6);
      const families = parseExposition(await diag.render());
      for (const entry of groupEntries(bpf, 'doc')) {
        const f = families.get(entry.name)!;
        expect(f.type).toBe(entry.type);
        expect(f.help).toBe(entry.help);
        expect(f.samples).toEqual([{ name: entry.name, labels: {}, value: entry === bpf.commandEvents ? 6 : 0 }]);
      }
    } finally {
      await diag.shutdown();
    }
  });
});
