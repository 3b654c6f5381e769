import { audit, catalog } from '@teleport-otel/catalog';
import type { RunningDemo } from '../src/start';
import { startPrometheus, type PrometheusServer } from '../../../test-support/prometheus';
import { scrape, sleep, startTestDemo } from './support/demo';
import { requireTool } from '../../../test-support/tools';

const prometheus = requireTool('prometheus');
const maybe = prometheus.skip ? it.skip : it;

describe('the real Prometheus server scraping the demo', () => {
  let demo: RunningDemo;
  let prom: PrometheusServer;

  beforeAll(async () => {
    if (prometheus.skip) return;
    demo = await startTestDemo();
    const { port } = demo.diag.address;
    prom = await startPrometheus(prometheus.path!, [`127.0.0.1:${port}`]);
  }, 30_000);
  afterAll(async () => {
    await prom?.stop();
    await demo?.stop();
  });

  maybe(
    'sees the target up',
    async () => {
      await prom.waitFor('up{job="teleport-otel"}', (v) => v === 1);
    },
    30_000
  );

  maybe(
    "reads back a counter's rate()",
    async () => {
      const rates = await prom.waitFor(`rate(${audit.emitEvents.name}[5s])`, (v) => v > 0);
      expect(rates[0]).toBeGreaterThan(0);
    },
    30_000
  );

  maybe(
    'reads back a gauge',
    async () => {
      const [used] = await prom.waitFor(audit.percentageDiskSpaceUsed.name, (v) => v >= 0 && v <= 100);
      const { families } = await scrape(demo);
      const exposed = families.get(audit.percentageDiskSpaceUsed.name)!.samples[0]!.value;
      expect(Math.abs(used! - exposed)).toBeLessThanOrEqual(1);
    },
    30_000
  );

  maybe(
    'computes histogram_quantile() over a histogram with data',
    async () => {
      await sleep(1000);
      const { families } = await scrape(demo);
      const histogram = catalog.find(
        (e) =>
          e.type === 'histogram' &&
          (families.get(e.name)?.samples.some((s) => s.name === `${e.name}_count` && s.value > 0) ?? false)
      );
      expect(histogram).toBeDefined();
      const q = await prom.waitFor(`histogram_quantile(0.9, sum by (le) (rate(${histogram!.name}_bucket[10s])))`, (v) =>
        Number.isFinite(v)
      );
      expect(q[0]).toBeGreaterThan(0);
      expect(q[0]).toBeLessThanOrEqual(histogram!.buckets![histogram!.buckets!.length - 1]!);
    },
    30_000
  );
});
