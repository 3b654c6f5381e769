import { docEntries, type MetricEntry } from '@teleport-otel/catalog';
import type { ParsedFamily } from '@teleport-otel/diag';
import type { RunningDemo } from '../src/start';
import { exposureProblems, registeredEntries, scrape, startTestDemo } from './support/demo';

describe('teleport-otel start: a scrape of the demo matches the catalog', () => {
  let demo: RunningDemo;
  let families: Map<string, ParsedFamily>;
  let text: string;

  beforeAll(async () => {
    demo = await startTestDemo();
    ({ text, families } = await scrape(demo));
  });
  afterAll(() => demo.stop());

  it('serves text format 0.0.4 with the documented content type', async () => {
    const res = await fetch(`${demo.diag.url}/metrics`);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  });

  it('exposes every entry of every registered package with its exact name, TYPE, labels and buckets', () => {
    const entries = registeredEntries(demo);
    expect(entries.length).toBeGreaterThan(0);
    expect(exposureProblems(entries, families)).toEqual([]);
  });

  // The doc's runtime rows: the "Golang runtime metrics" section and the promhttp rows after it.
  const isRuntimeRow = (e: MetricEntry) => e.package === 'runtime' || e.package === 'diag';

  it("shows every one of the doc's 78 non-runtime names with its documented TYPE", () => {
    const rows = docEntries.filter((e) => !isRuntimeRow(e));
    expect(rows).toHaveLength(78);
    expect(rows.filter((e) => families.get(e.name)?.type !== e.type).map((e) => e.name)).toEqual([]);
  });

  it("shows each of the doc's 37 runtime rows with its documented TYPE, or the catalog marks it as having no Node.js analog", () => {
    const rows = docEntries.filter(isRuntimeRow);
    expect(rows).toHaveLength(37);
    const unaccounted = rows.filter((e) => !e.noAnalog && families.get(e.name)?.type !== e.type);
    expect(unaccounted.map((e) => e.name)).toEqual([]);
    const absent = rows.filter((e) => e.noAnalog);
    expect(absent.filter((e) => families.has(e.name)).map((e) => e.name)).toEqual([]); // never faked
  });

  it('renders label pairs sorted by name and families sorted by name, with no OpenTelemetry scope labels', () => {
    expect(text).not.toMatch(/otel_scope_|target_info/);
    const names = [...text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]!);
    expect(names).toEqual([...names].sort());
    for (const line of text.split('\n').filter((l) => l.includes('{'))) {
      const keys = [...line.slice(line.indexOf('{')).matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="/g)].map((m) => m[1]!);
      const withoutSuffix = keys.filter((k) => k !== 'le' && k !== 'quantile');
      expect(withoutSuffix).toEqual([...withoutSuffix].sort());
    }
  });
});
