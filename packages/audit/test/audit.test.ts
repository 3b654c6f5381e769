import { DataPointType } from '@opentelemetry/sdk-metrics';
import { audit, groupEntries } from '@teleport-otel/catalog';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import { countEmits, createAuditMetrics } from '@teleport-otel/audit';
import { collectMetrics, sdkPipeline } from '../../../test-support/sdk';

describe('@teleport-otel/audit over a user-built MeterProvider (SDK path)', () => {
  it('creates every audit entry with the catalog name, unit and help, and records through the SDK', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createAuditMetrics({ meterProvider });
    m.emitEvents.add(3);
    m.failedEmitEvents.inc();
    m.failedDiskMonitoring.inc();
    m.percentageDiskSpaceUsed.set(71);
    m.serverOpenFiles.add(2);
    m.serverOpenFiles.dec();
    const got = await collectMetrics(reader);
    for (const entry of groupEntries(audit, 'doc')) {
      const metric = got.get(entry.name);
      expect(metric?.descriptor).toMatchObject({ name: entry.name, unit: entry.unit, description: entry.help });
    }
    const value = (e: { name: string }) => got.get(e.name)!.dataPoints[0]!.value;
    expect(value(audit.emitEvents)).toBe(3);
    expect(value(audit.failedEmitEvents)).toBe(1);
    expect(value(audit.percentageDiskSpaceUsed)).toBe(71);
    expect(value(audit.serverOpenFiles)).toBe(1);
    expect(got.get(audit.percentageDiskSpaceUsed.name)!.dataPointType).toBe(DataPointType.GAUGE);
    expect(got.get(audit.serverOpenFiles.name)!.dataPointType).toBe(DataPointType.SUM);
  });
});

describe('@teleport-otel/audit on the diag provider (fast path)', () => {
  it('exposes every audit family with its TYPE and HELP, unlabelled ones at 0 from registration', async () => {
    const diag = createDiagMeterProvider();
    createAuditMetrics({ meterProvider: diag.meterProvider });
    const families = parseExposition(await diag.render());
    for (const entry of groupEntries(audit, 'doc')) {
      const f = families.get(entry.name);
      expect(f).toMatchObject({ type: entry.type, help: entry.help });
      expect(f!.samples).toEqual([{ name: entry.name, labels: {}, value: 0 }]);
    }
    await diag.shutdown();
  });

  it('countEmits counts every attempt and each failure, sync and async, and rethrows', async () => {
    const diag = createDiagMeterProvider();
    const m = createAuditMetrics({ meterProvider: diag.meterProvider });
    const emit = countEmits(m, (fail: boolean) => {
      if (fail) throw new Error('boom');
      return 'ok';
    });
    const emitAsync = countEmits(m, async (fail: boolean) => {
      if (fail) throw new Error('boom');
    });
    expect(emit(false)).toBe('ok');
    expect(() => emit(true)).toThrow('boom');
    await emitAsync(false);
    await expect(emitAsync(true)).rejects.toThrow('boom');
    const families = parseExposition(await diag.render());
    expect(families.get(audit.emitEvents.name)!.samples[0]!.value).toBe(4);
    expect(families.get(audit.failedEmitEvents.name)!.samples[0]!.value).toBe(2);
    await diag.shutdown();
  });

  it('two registrations on one provider share the same series, as Teleport ignores AlreadyRegistered', async () => {
    const diag = createDiagMeterProvider();
    createAuditMetrics({ meterProvider: diag.meterProvider }).emitEvents.inc();
    createAuditMetrics({ meterProvider: diag.meterProvider }).emitEvents.inc();
    const families = parseExposition(await diag.render());
    expect(families.get(audit.emitEvents.name)!.samples[0]!.value).toBe(2);
    await diag.shutdown();
  });
});
