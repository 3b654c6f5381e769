import { DataPointType, type MetricData } from '@opentelemetry/sdk-metrics';
import { go, nodejs, process as processCatalog, type MetricEntry, type PromType } from '@teleport-otel/catalog';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import { createRuntimeMetrics } from '@teleport-otel/runtime';
import { collectMetrics, forceGc, sdkPipeline } from './helpers';

/** The Prometheus TYPE an SDK metric becomes (monotonic sum: counter; other sums and gauges: gauge). */
function promTypeOf(m: MetricData): PromType {
  switch (m.dataPointType) {
    case DataPointType.SUM:
      return m.isMonotonic ? 'counter' : 'gauge';
    case DataPointType.GAUGE:
      return 'gauge';
    default:
      return 'histogram';
  }
}

const goAndProcess: readonly MetricEntry[] = [...Object.values(go), ...Object.values(processCatalog)];

describe('every go_* and process_* row is exposed as documented or marked noAnalog', () => {
  it('over a plain sdk-metrics MeterProvider (the SDK path)', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const runtime = createRuntimeMetrics({ meterProvider, goAliases: true });
    try {
      await forceGc();
      const got = await collectMetrics(reader);
      for (const entry of goAndProcess) {
        const m = got.get(entry.name);
        const omitted = runtime.omitted.find((o) => o.name === entry.name);
        if (entry.noAnalog) {
          expect({ name: entry.name, exported: m !== undefined }).toEqual({ name: entry.name, exported: false });
          expect(entry.nodeAnalog).toBeTruthy();
        } else if (entry.type === 'summary') {
          // OpenTelemetry has no summary instrument: the row is left out, with the reason.
          expect(m).toBeUndefined();
          expect(omitted?.reason).toMatch(/summary/);
        } else {
          expect({ name: entry.name, type: m && promTypeOf(m) }).toEqual({ name: entry.name, type: entry.type });
          expect(m!.descriptor.unit).toBe(entry.unit);
          expect(m!.descriptor.description).toBe(entry.help);
          expect(m!.dataPoints.length).toBeGreaterThan(0);
          expect(entry.nodeAnalog ?? entry.group).toBeTruthy();
        }
      }
    } finally {
      runtime.stop();
      await meterProvider.shutdown();
    }
  });

  it('over a diag provider (the fast path), in the /metrics text', async () => {
    const provider = createDiagMeterProvider();
    const runtime = createRuntimeMetrics({ meterProvider: provider.meterProvider, goAliases: true });
    try {
      await forceGc(2);
      const families = parseExposition(await provider.render());
      for (const entry of goAndProcess) {
        const f = families.get(entry.name);
        if (entry.noAnalog) {
          expect({ name: entry.name, exposed: f !== undefined }).toEqual({ name: entry.name, exposed: false });
          continue;
        }
        expect({ name: entry.name, type: f?.type }).toEqual({ name: entry.name, type: entry.type });
        expect(f!.help).toBe(entry.help);
        expect(f!.samples.length).toBeGreaterThan(0);
      }
      expect(runtime.omitted.every((o) => goAndProcess.find((e) => e.name === o.name)?.noAnalog)).toBe(true);

      // The summary: one sample per catalog quantile, plus _sum and _count.
      const summary = families.get(go.gcDurationSeconds.name)!;
      const quantiles = summary.samples.filter((s) => s.name === go.gcDurationSeconds.name);
      expect(quantiles.map((s) => Number(s.labels.quantile))).toEqual(go.gcDurationSeconds.quantiles);
      const count = summary.samples.find((s) => s.name === `${go.gcDurationSeconds.name}_count`)!.value;
      expect(count).toBeGreaterThanOrEqual(2);
      // go_info carries the runtime version as its const label.
      const info = families.get(go.info.name)!.samples[0]!;
      expect(info.labels).toEqual({ version: process.version });
      expect(info.value).toBe(1);
    } finally {
      runtime.stop();
      await provider.shutdown();
    }
  });

  it('exposes every nodejs row on both paths, under the catalog name and TYPE', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const provider = createDiagMeterProvider();
    const sdk = createRuntimeMetrics({ meterProvider, process: false });
    const fast = createRuntimeMetrics({ meterProvider: provider.meterProvider, process: false });
    try {
      await forceGc();
      const got = await collectMetrics(reader);
      const families = parseExposition(await provider.render());
      for (const entry of Object.values(nodejs)) {
        const m = got.get(entry.name);
        expect({ name: entry.name, type: m && promTypeOf(m) }).toEqual({ name: entry.name, type: entry.type });
        expect(m!.descriptor.unit).toBe(entry.unit);
        expect({ name: entry.name, type: families.get(entry.name)?.type }).toEqual({ name: entry.name, type: entry.type });
      }
      expect(sdk.omitted).toEqual([]);
      expect(fast.omitted).toEqual([]);
    } finally {
      sdk.stop();
      fast.stop();
      await meterProvider.shutdown();
      await provider.shutdown();
    }
  });
});
