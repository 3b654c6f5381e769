import { instance } from '@teleport-otel/catalog';
import { createInstanceMetrics, interactiveSession, setBuildInfo } from '@teleport-otel/instance';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import { collectMetrics, expectGroupExported, point, sdkPipeline, sumAt } from '../../../test-support/sdk';
import { typeErrors } from '../../../test-support/typecheck';

describe('createInstanceMetrics over a plain SDK MeterProvider', () => {
  test('every instance entry is exported with catalog name, unit and help', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createInstanceMetrics({ meterProvider });
    m.certificateMismatchTotal.inc();
    m.reversetunnelConnectedProxies.inc();
    m.rx.add(10);
    m.tx.add(20);
    interactiveSession(m);
    expectGroupExported(instance, await collectMetrics(reader), { goversion: process.version });
  });

  test('teleport_build_info is 1 at creation; goversion defaults to the Node.js version', async () => {
    const { meterProvider, reader } = sdkPipeline();
    createInstanceMetrics({ meterProvider, constLabels: { version: '1.2.3', gitref: 'v1.2.3-0-gabc' } });
    const m = (await collectMetrics(reader)).get(instance.buildInfo.name);
    expect(m!.dataPoints).toHaveLength(1);
    expect(m!.dataPoints[0]!.value).toBe(1);
    expect(m!.dataPoints[0]!.attributes).toEqual({ version: '1.2.3', gitref: 'v1.2.3-0-gabc', goversion: process.version });
  });

  test('const labels not given take the catalog defaults; goversion can be overridden', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createInstanceMetrics({ meterProvider, constLabels: { goversion: 'node-custom' } });
    setBuildInfo(m); // idempotent: still 1
    const dp = (await collectMetrics(reader)).get(instance.buildInfo.name)!.dataPoints[0]!;
    expect(dp.value).toBe(1);
    expect(dp.attributes).toEqual({ ...instance.buildInfo.constLabels, goversion: 'node-custom' });
  });

  test('interactiveSession counts sessions in flight; ending twice decrements once', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createInstanceMetrics({ meterProvider });
    const a = interactiveSession(m);
    const b = interactiveSession(m);
    interactiveSession(m);
    a();
    a();
    b();
    expect(sumAt((await collectMetrics(reader)).get(instance.serverInteractiveSessionsTotal.name))).toBe(1);
  });
});

function misuse(): void {
  const m = createInstanceMetrics();
  // @ts-expect-error rx has no labels
  m.rx.add(1, { direction: 'in' });
  // @ts-expect-error 'commit' is not a teleport_build_info label
  createInstanceMetrics({ constLabels: { commit: 'abc' } });
  // @ts-expect-error build info is a gauge: it is set, not incremented
  m.buildInfo.inc();
}
void misuse;

describe('instance typing and fast path', () => {
  test('wrong labels and wrong instrument methods are compile errors', () => {
    expect(typeErrors([__filename, `${__dirname}/bytes.test.ts`])).toEqual([]);
  }, 60_000);

  test('over @teleport-otel/diag: TYPE and HELP from the catalog, teleport_build_info = 1 with its labels', async () => {
    const diag = createDiagMeterProvider({ version: '9.9.9' });
    try {
      const m = createInstanceMetrics({ meterProvider: diag.meterProvider });
      m.rx.add(5);
      const families = parseExposition(await diag.render());
      for (const entry of Object.values(instance)) {
        const f = families.get(entry.name)!;
        expect({ name: entry.name, type: f.type, help: f.help }).toEqual({
          name: entry.name,
          type: entry.type,
          help: entry.help,
        });
      }
      const build = families.get(instance.buildInfo.name)!.samples;
      expect(build).toHaveLength(1);
      expect(build[0]!.value).toBe(1);
      expect(build[0]!.labels.goversion).toBe(process.version);
      expect(build[0]!.labels.version).toBe('9.9.9'); // diag registered it first: its labels stand
      expect(families.get(instance.rx.name)!.samples[0]!.value).toBe(5);
    } finally {
      await diag.shutdown();
    }
  });
});

void point;
