import { startDemo, type RunningDemo } from '../src/start';
import { startPrometheus, type PrometheusServer } from '../../../test-support/prometheus';
import { requireTool } from '../../../test-support/tools';
import { sleep } from './support/demo';

// Teleport's Key Metrics guide, its queries corrected to parse (scripts/docs/key-metrics.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { keyMetricQueries } = require('../../../scripts/docs/key-metrics') as {
  keyMetricQueries(): { title: string; promql: string }[];
};

const prometheus = requireTool('prometheus');
const maybe = prometheus.skip ? it.skip : it;

describe("the Key Metrics guide's queries return data from the real Prometheus scraping `start --profile latest`", () => {
  let demo: RunningDemo;
  let prom: PrometheusServer;

  beforeAll(async () => {
    if (prometheus.skip) return;
    demo = await startDemo({ addr: '127.0.0.1:0', seed: 7, profile: 'latest' });
    prom = await startPrometheus(prometheus.path!, [`127.0.0.1:${demo.diag.address.port}`]);
    await prom.waitFor('up', (v) => v === 1);
    await sleep(5000); // several 1 s scrapes, so rate() windows hold at least two samples
  }, 60_000);
  afterAll(async () => {
    await prom?.stop();
    await demo?.stop();
  });

  maybe(
    'answers every query with a non-empty, finite result',
    async () => {
      let pending = keyMetricQueries();
      expect(pending.length).toBeGreaterThanOrEqual(12);
      const deadline = Date.now() + 40_000;
      for (;;) {
        const still = [];
        for (const q of pending) {
          const result = await prom.query(q.promql);
          if (result.length === 0 || !result.every((r) => Number.isFinite(Number(r.value[1])))) still.push(q);
        }
        pending = still;
        if (pending.length === 0 || Date.now() > deadline) break;
        await sleep(1000);
      }
      expect(pending.map((q) => `${q.title}: ${q.promql}`)).toEqual([]);
    },
    60_000
  );

  maybe('reads backend write availability as a ratio in (0, 1]', async () => {
    const [availability] = keyMetricQueries();
    const [r] = await prom.query(availability!.promql);
    expect(Number(r!.value[1])).toBeGreaterThan(0);
    expect(Number(r!.value[1])).toBeLessThanOrEqual(1);
  });
});
