/**
 * The distributed-store path, for real: Prometheus scrapes the demo and remote-writes into
 * VictoriaMetrics (Debian's package, started on loopback with a temporary data directory); the
 * same PromQL against both returns the same series with the same values.
 */
import { backend, audit, cache, process as processGroup } from '@teleport-otel/catalog';
import { startPrometheus, type PrometheusServer } from '../../../test-support/prometheus';
import { requireTool } from '../../../test-support/tools';
import {
  instantQuery,
  startVictoriaMetrics,
  type Series,
  type VictoriaMetricsServer,
} from '../../../test-support/victoria-metrics';
import type { RunningDemo } from '../src/start';
import { startTestDemo } from './support/demo';

const prometheusBin = requireTool('prometheus');
const vmBin = requireTool('victoria-metrics');
const maybe = prometheusBin.skip || vmBin.skip ? describe.skip : describe;

jest.setTimeout(120_000);

const labelKey = (s: Series) => JSON.stringify(Object.entries(s.metric).sort(([a], [b]) => (a < b ? -1 : 1)));
const labelSets = (series: Series[]) => series.map(labelKey).sort();

/** Series as comparable strings: sorted labels, then the value. */
const canonical = (series: Series[]) =>
  series.map((s) => `${JSON.stringify(Object.entries(s.metric).sort(([a], [b]) => (a < b ? -1 : 1)))} ${s.value}`).sort();

maybe('Prometheus remote write into VictoriaMetrics', () => {
  let demo: RunningDemo;
  let vm: VictoriaMetricsServer;
  let prom: PrometheusServer;
  let at: number;

  beforeAll(async () => {
    demo = await startTestDemo();
    vm = await startVictoriaMetrics(vmBin.path!);
    prom = await startPrometheus(
      prometheusBin.path!,
      [demo.diag.url.replace(/^http:\/\//, '')],
      '/metrics',
      [],
      ['remote_write:', `  - url: ${vm.writeUrl}`, '    queue_config:', '      batch_send_deadline: 1s']
    );
    // A few scrapes in, pick an instant a little in the past; wait until VictoriaMetrics has
    // every sample Prometheus has up to it (remote write ships in batches, 1 s apart here).
    await prom.waitFor('count_over_time(up[1m])', (v) => v >= 5, 60_000);
    await new Promise((r) => setTimeout(r, 2_000));
    at = Math.floor(Date.now() / 1000) - 1;
    const expr = 'count_over_time(up[1m])';
    const want = canonical(await instantQuery(prom.url, expr, at));
    const deadline = Date.now() + 60_000;
    while (JSON.stringify(canonical(await instantQuery(vm.url, expr, at))) !== JSON.stringify(want)) {
      if (Date.now() > deadline) throw new Error(`VictoriaMetrics did not catch up with Prometheus at ${at} within 60 s`);
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  afterAll(async () => {
    await prom?.stop();
    await vm?.stop();
    await demo?.stop();
  });

  const queries = [
    audit.emitEvents.name,
    `${backend.readSeconds.name}_count`,
    `sum by (component) (${backend.requests.name})`,
    `sum by (cache_component) (${cache.cacheEvents.name})`,
    `histogram_quantile(0.9, sum by (le, component) (${backend.readSeconds.name}_bucket))`,
    `${processGroup.startTimeSeconds.name}`,
    // group, not count: the families present in both. A series that leaves (backend_requests' LRU
    // evicts) ends with a staleness marker in Prometheus, which VictoriaMetrics may not honour the
    // same instant, so per-name series counts can differ by one without either store being wrong.
    'group by (__name__) ({job="teleport-otel"})',
    'up',
  ];

  // Stored samples come back exactly; computed ones (histogram_quantile's interpolation) may
  // differ in the last bits between the two engines' float arithmetic.
  const close = (a: number, b: number, exact: boolean) => (exact ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));
  const agree = (p: Series[], v: Series[], exact: boolean) => {
    const byLabels = new Map(v.map((s) => [labelKey(s), s.value]));
    return (
      v.length === p.length && p.every((s) => byLabels.has(labelKey(s)) && close(byLabels.get(labelKey(s))!, s.value, exact))
    );
  };

  test.each(queries)('%s: same series, same values', async (expr) => {
    const exact = !expr.includes('(');
    // Remote write ships in batches: a series that first appeared just before `at` may reach
    // VictoriaMetrics a moment later. What either store holds for the fixed past instant `at` only
    // grows toward the same answer, so ask again until they agree or 30 s pass, then compare.
    const deadline = Date.now() + 30_000;
    let p: Series[];
    let v: Series[];
    for (;;) {
      [p, v] = await Promise.all([instantQuery(prom.url, expr, at), instantQuery(vm.url, expr, at)]);
      if ((p.length > 0 && agree(p, v, exact)) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(p.length).toBeGreaterThan(0);
    expect(labelSets(v)).toEqual(labelSets(p));
    const byLabels = new Map(v.map((s) => [labelKey(s), s.value]));
    for (const s of p) {
      const other = byLabels.get(labelKey(s))!;
      if (exact) expect([labelKey(s), other]).toEqual([labelKey(s), s.value]);
      else expect(close(other, s.value, false)).toBe(true);
    }
  });
});
