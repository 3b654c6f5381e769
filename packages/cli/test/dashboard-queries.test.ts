import { audit, backend } from '@teleport-otel/catalog';
import { createInstruments } from '@teleport-otel/core';
import { diagOptionsFromEnv } from '@teleport-otel/diag';
import { startDemo, type RunningDemo } from '../src/start';
import { freePort, startPrometheus, unansweredQueries, type PrometheusServer } from '../../../test-support/prometheus';
import { requireTool } from '../../../test-support/tools';
import { sleep } from './support/demo';

// The committed dashboard's queries, with Grafana's variables substituted ($__rate_interval -> 1m,
// $job/$instance -> .+), from the same generator that wrote docs/dashboards/teleport-otel.json.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { panelQueries } = require('../../../scripts/docs/dashboard') as {
  panelQueries(): { row: string; panel: string; panelId: number; refId: string; promql: string }[];
};

const prometheus = requireTool('prometheus');
const maybe = prometheus.skip ? it.skip : it;

describe('every Grafana panel returns data from the real Prometheus scraping the demo', () => {
  let demo: RunningDemo;
  let prom: PrometheusServer;

  beforeAll(async () => {
    if (prometheus.skip) return;
    // The self-metric panels show problems, so the demo gets some: pushes to a collector that is
    // not there, one invalid measurement, and one label set past backend_requests' lifetime cap.
    const deadCollector = `http://127.0.0.1:${await freePort()}`;
    const push = diagOptionsFromEnv({
      OTEL_METRICS_EXPORTER: 'prometheus,otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: deadCollector,
      OTEL_METRIC_EXPORT_INTERVAL: '1000',
      OTEL_METRIC_EXPORT_TIMEOUT: '500',
    });
    demo = await startDemo({ ...push, addr: '127.0.0.1:0', seed: 7 });
    const { meterProvider } = demo.diag;
    createInstruments(audit, { meterProvider }).emitEvents.add(NaN);
    const requests = createInstruments(backend, { meterProvider }).requests;
    for (let i = 0; i <= backend.requests.maxSeries; i++)
      requests.inc({ component: 'cache', req: `/overflow/${i}`, range: 'false' });
    prom = await startPrometheus(prometheus.path!, [`127.0.0.1:${demo.diag.address.port}`]);
    await prom.waitFor('up', (v) => v === 1);
    await sleep(8000); // several 1 s scrapes, so rate() windows hold at least two samples
  }, 60_000);
  afterAll(async () => {
    await prom?.stop();
    await demo?.stop();
  });

  maybe('has at least one panel per component row', () => {
    const rows = new Set(panelQueries().map((q) => q.row));
    expect(rows.size).toBeGreaterThanOrEqual(9);
  });

  maybe(
    'answers each panel query with a non-empty result',
    async () => {
      // Some panels show random events (a stale cache event, a lost BPF event) or need a second
      // scrape in their rate window: queries still empty are asked again until a deadline.
      const empty = await unansweredQueries(
        prom,
        panelQueries().map((q) => ({ label: `${q.row} / ${q.panel} [${q.refId}]`, promql: q.promql })),
        30_000
      );
      expect(empty).toEqual([]);
    },
    60_000
  );
});
