/**
 * `teleport-otel start --profile latest`: every family of the profile has data, with the TYPE,
 * HELP and label names the catalog states for it.
 */
import { entriesOf, type MetricEntry } from '@teleport-otel/catalog';
import type { ParsedFamily } from '@teleport-otel/diag';
import type { RunningDemo } from '../src/start';
import { scrape, startTestDemo } from './support/demo';

const labelNames = (e: MetricEntry) => [...e.labels, ...Object.keys(e.constLabels ?? {})].sort();

describe('the demo under --profile latest', () => {
  let demo: RunningDemo;
  let families: Map<string, ParsedFamily>;

  beforeAll(async () => {
    demo = await startTestDemo(90_000, 'latest');
    ({ families } = await scrape(demo));
  }, 120_000);
  afterAll(() => demo?.stop());

  it("exposes every family of the profile (this project's self-metrics and no-analog rows aside) as the catalog states it", () => {
    const entries = entriesOf('latest').filter((e) => e.origin !== 'self' && !e.noAnalog);
    const problems: string[] = [];
    for (const e of entries) {
      const f = families.get(e.name);
      if (!f || f.samples.length === 0) {
        problems.push(`${e.name}: no data`);
        continue;
      }
      if (f.type !== e.type) problems.push(`${e.name}: TYPE ${f.type}, catalog ${e.type}`);
      if (f.help !== e.help) problems.push(`${e.name}: HELP ${JSON.stringify(f.help)}, catalog ${JSON.stringify(e.help)}`);
      const names = Object.keys(f.samples.find((s) => s.name === e.name || s.name === `${e.name}_bucket`)?.labels ?? {})
        .filter((n) => n !== 'le' && n !== 'quantile')
        .sort();
      if (names.join() !== labelNames(e).join()) problems.push(`${e.name}: labels ${names}, catalog ${labelNames(e)}`);
    }
    expect(problems).toEqual([]);
    expect(entries.length).toBeGreaterThan(150);
  });

  it("exposes nothing of the page's names that the profile drops", () => {
    const latest = new Set(entriesOf('latest').map((e) => e.name));
    const dropped = entriesOf('doc').filter((e) => !latest.has(e.name));
    expect(dropped.filter((e) => families.has(e.name)).map((e) => e.name)).toEqual([]);
  });
});
