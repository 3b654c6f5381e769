import { audit, backend } from '@teleport-otel/catalog';
import { createInstruments } from '@teleport-otel/core';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';

async function render(naming: 'teleport' | 'otel') {
  const diag = createDiagMeterProvider({ exposition: { naming } });
  const a = createInstruments(audit, { meterProvider: diag.meterProvider });
  const b = createInstruments(backend, { meterProvider: diag.meterProvider });
  a.emitEvents.inc();
  b.readSeconds.record(0.01, { component: 'cache' });
  diag.meterProvider.getMeter('app').createCounter('app_jobs', { unit: 's' }).add(1);
  const text = await diag.render();
  await diag.shutdown();
  return { text, families: parseExposition(text) };
}

describe('exposition naming', () => {
  it('teleport (default): catalog names exactly, no scope labels, no target_info', async () => {
    const { text, families } = await render('teleport');
    expect(families.get(audit.emitEvents.name)?.type).toBe('counter');
    expect(families.get(backend.readSeconds.name)?.type).toBe('histogram');
    expect(families.has('app_jobs')).toBe(true);
    expect(text).not.toMatch(/otel_scope_|target_info/);
  });

  it("otel: OpenTelemetry's Prometheus compatibility names, scope labels and target_info", async () => {
    const { families } = await render('otel');
    // A counter without _total gets it; a histogram already ending in its unit keeps its name.
    const emit = families.get(`${audit.emitEvents.name}_total`);
    expect(emit?.type).toBe('counter');
    expect(emit?.samples[0]?.labels).toEqual({
      otel_scope_name: `@teleport-otel/${audit.emitEvents.package}`,
      otel_scope_version: expect.any(String),
    });
    expect(families.get(backend.readSeconds.name)?.type).toBe('histogram');
    expect(families.get('app_jobs_seconds_total')?.type).toBe('counter');
    // Resource attribute keys are sanitized like any label name: service.name -> service_name.
    expect(families.get('target_info')?.samples[0]?.labels.service_name).toEqual(expect.any(String));
  });
});
