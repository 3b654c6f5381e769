/**
 * The text 0.0.4 renderer of a Registry (render-registry.ts), through a real Registry and the
 * catalog's instruments, against expected text written out here from the format's rules: HELP and
 * TYPE once per family, label pairs sorted by name with const labels merged in, values escaped,
 * cumulative `le` buckets then _sum and _count, summary quantiles, the overflow series, families
 * without series left out. Names, labels and bounds come from the catalog entries.
 */
import { audit, backend, catalog, go, type MetricEntry } from '@teleport-otel/catalog';
import { createInstruments, Registry, VERSION } from '@teleport-otel/core';
import { renderRegistry } from '../src/exposition/render-registry';

const render = (registry: Registry, naming: 'teleport' | 'otel' = 'teleport') =>
  [...renderRegistry(registry.collect(), naming)].join('');

const header = (e: MetricEntry, name = e.name) =>
  `# HELP ${name} ${e.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n# TYPE ${name} ${e.type}\n`;

const counter = backend.requests; // labels component, req, range
const histogram = backend.readSeconds; // one label
const summary = go.gcDurationSeconds; // no labels
const unlabelledCounter = audit.emitEvents;
/** A labelled counter without a catalog series limit of its own (the Registry's maxSeries applies). */
const capped = catalog.find(
  (e) => e.type === 'counter' && e.labels.length > 0 && e.maxSeries === undefined && !e.observed && !e.constLabels && !e.values
)!;
const withConst = catalog.find((e) => e.constLabels && e.type === 'counter' && e.labels.length > 0 && !e.observed)!;

/** Instruments of entries found at run time (their type is not known to the compiler). */
type Counted = Record<string, { add(v: number, labels: unknown): void; record(v: number, labels: unknown): void }>;

/** A label object for `e`: a closed label's first value, any other label `${label}-${suffix}`. */
const labelsOf = (e: MetricEntry, suffix: string) =>
  Object.fromEntries(e.labels.map((l) => [l, e.values?.[l]?.[0] ?? `${l}-${suffix}`]));
/** `a="x",b="y"` with the label names sorted, as the text format's writers emit them. */
const pairs = (labels: Record<string, string>) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]}"`)
    .join(',');

describe('renderRegistry (text 0.0.4)', () => {
  it('writes a counter series per label set, pairs sorted by name, values escaped; an unused family not at all', () => {
    const registry = new Registry();
    const m = createInstruments({ counter, histogram, unlabelledCounter }, { registry });
    const [first] = counter.labels;
    m.counter.add(3, labelsOf(counter, 'a') as never);
    m.counter.add(1.5, { ...labelsOf(counter, 'b'), [first!]: 'q"\\\nz' } as never);
    const text = render(registry);
    const escaped = { ...labelsOf(counter, 'b'), [first!]: 'q\\"\\\\\\nz' };
    expect(text).toBe(
      `${header(counter)}${counter.name}{${pairs(labelsOf(counter, 'a'))}} 3\n${counter.name}{${pairs(escaped)}} 1.5\n` +
        `${header(unlabelledCounter)}${unlabelledCounter.name} 0\n`
    );
  });

  it("yields text: every piece a string, the pause markers of a long first sort among them; Teleport's names by default", () => {
    const registry = new Registry({ maxSeries: 1_000 });
    const m = createInstruments({ capped }, { registry }) as unknown as Counted;
    const expected: string[] = [];
    // zero-padded ASCII values: their byte order is their numeric order; the euro sign is 3 bytes in UTF-8
    for (let i = 0; i < 600; i++) {
      const l = labelsOf(capped, `${String(i).padStart(4, '0')}\u20ac`);
      m.capped.add(i + 1, l as never);
      expected.push(`${capped.name}{${pairs(l)}} ${i + 1}\n`);
    }
    const pieces = [...renderRegistry(registry.collect().filter((f) => f.entry.name === capped.name))];
    expect(pieces.every((p) => typeof p === 'string')).toBe(true);
    expect(pieces).toContain(''); // 600 series are sorted in slices (runs of 512), with a pause between them
    expect(pieces.join('')).toBe(`${header(capped)}${expected.join('')}`);
  });

  it('writes histogram buckets cumulatively with every catalog bound and +Inf, then _sum and _count', () => {
    const registry = new Registry();
    const m = createInstruments({ histogram }, { registry });
    const bounds = histogram.buckets!;
    // every bound prints as plain decimal text (no exponent), so String() is the format's text here
    expect(bounds.every((b) => b >= 1e-4 && b < 1e6)).toBe(true);
    const l = labelsOf(histogram, 'x');
    const p = pairs(l);
    m.histogram.record(bounds[0]!, l as never); // the first bucket (le is inclusive)
    m.histogram.record(bounds[1]! * 0.999 + bounds[0]! * 0.001, l as never); // the second
    m.histogram.record(bounds[bounds.length - 1]! * 2, l as never); // +Inf only
    const sum = bounds[0]! + (bounds[1]! * 0.999 + bounds[0]! * 0.001) + bounds[bounds.length - 1]! * 2;
    const cumulative = bounds.map((_, i) => (i === 0 ? 1 : 2));
    const lines = bounds.map((b, i) => `${histogram.name}_bucket{${p},le="${String(b)}"} ${cumulative[i]}\n`).join('');
    expect(render(registry)).toBe(
      `${header(histogram)}${lines}${histogram.name}_bucket{${p},le="+Inf"} 3\n` +
        `${histogram.name}_sum{${p}} ${String(sum)}\n${histogram.name}_count{${p}} 3\n`
    );
  });

  it('writes summary quantiles, _sum and _count; an unlabelled series without braces', () => {
    const registry = new Registry();
    const m = createInstruments({ summary }, { registry });
    const qs = summary.quantiles!;
    m.summary.addCallback((observe) => observe({ quantiles: qs.map((_, i) => i + 0.25), sum: 7.5, count: 12 }));
    const lines = qs.map((q, i) => `${summary.name}{quantile="${String(q)}"} ${i + 0.25}\n`).join('');
    expect(render(registry)).toBe(`${header(summary)}${lines}${summary.name}_sum 7.5\n${summary.name}_count 12\n`);
  });

  it('writes the overflow series with its one label, for counters and histograms', () => {
    const registry = new Registry({ maxSeries: 1 });
    const m = createInstruments({ capped, histogram }, { registry }) as unknown as Counted;
    m.capped.add(1, labelsOf(capped, 'a') as never);
    m.capped.add(2, labelsOf(capped, 'b') as never);
    m.histogram.record(0, labelsOf(histogram, 'a') as never);
    m.histogram.record(0, labelsOf(histogram, 'b') as never);
    const text = render(registry);
    expect(text).toContain(`\n${capped.name}{otel_metric_overflow="true"} 2\n`);
    expect(text).toContain(`\n${histogram.name}_bucket{otel_metric_overflow="true",le="+Inf"} 1\n`);
    expect(text).toContain(`\n${histogram.name}_count{otel_metric_overflow="true"} 1\n`);
  });

  it('merges const labels into their sorted place', () => {
    const registry = new Registry();
    const m = createInstruments({ withConst }, { registry, constLabels: { server: 'my-server' } }) as unknown as Counted;
    const l = labelsOf(withConst, 'v');
    m.withConst.add(4, l as never);
    const all = {
      ...l,
      ...Object.fromEntries(Object.entries(withConst.constLabels!).map(([k, d]) => [k, k === 'server' ? 'my-server' : d])),
    };
    expect(render(registry)).toBe(`${header(withConst)}${withConst.name}{${pairs(all)}} 4\n`);
  });

  it("keeps one layout per naming: otel adds the scope labels (sorted in) and OpenTelemetry's name", () => {
    const registry = new Registry();
    const m = createInstruments({ histogram }, { registry });
    const l = labelsOf(histogram, 'x');
    m.histogram.record(1, l as never);
    const teleport = render(registry, 'teleport');
    const otel = render(registry, 'otel');
    expect(render(registry, 'teleport')).toBe(teleport);
    expect(teleport).not.toContain('otel_scope');
    const scoped = pairs({ ...l, otel_scope_name: `@teleport-otel/${histogram.package}`, otel_scope_version: VERSION });
    // readSeconds already ends in its unit: OpenTelemetry's name is the catalog name
    expect(otel).toContain(`\n${histogram.name}_count{${scoped}} 1\n`);
    expect(otel.startsWith(header(histogram))).toBe(true);
  });
});
