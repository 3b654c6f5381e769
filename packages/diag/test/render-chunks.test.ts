/**
 * The OpenMetrics renderer hands the scrape its body in chunks of about `chunkLines` sample lines,
 * so the server can give the event loop back between them (render-registry.ts renderInChunks). A
 * chunk must close at the first series boundary at or past `chunkLines`: never before it (chunks
 * too small cost a yield each) and never a whole series after it (chunks too large block longer and
 * leave the nursery). Lines per series are worked out here from the catalog entry's own bucket and
 * quantile lists, not from the renderer.
 */
import { backend, go } from '@teleport-otel/catalog';
import { createInstruments, Registry } from '@teleport-otel/core';
import { createDiagMeterProvider } from '@teleport-otel/diag';
import { renderOpenMetricsRegistry } from '../src/exposition/render-openmetrics';

const counter = backend.readRequestsTotal;
const histogram = backend.readSeconds;
const summary = go.gcDurationSeconds;

/** Sample lines one series of each family writes: one per bucket (+Inf too) or quantile, then _sum and _count. */
const LINES: Record<string, number> = {
  [counter.name]: 1,
  [histogram.name]: histogram.buckets!.length + 1 + 2,
  [summary.name]: summary.quantiles!.length + 2,
};

function familyOf(line: string): string {
  const name = line.slice(0, line.search(/[{ ]/));
  return LINES[name] !== undefined ? name : name.replace(/_(bucket|sum|count)$/, '');
}

/** Each chunk's sample lines, and the lines of the series it ends with. */
function chunkShapes(chunks: string[]): { lines: number; last: number }[] {
  return chunks
    .filter((c) => c !== '')
    .map((c) => {
      const samples = c.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
      return { lines: samples.length, last: LINES[familyOf(samples[samples.length - 1]!)]! };
    });
}

async function setup(counterSeries: number, histogramSeries: number) {
  const diag = createDiagMeterProvider();
  const m = createInstruments({ c: counter, h: histogram, s: summary }, { meterProvider: diag.meterProvider });
  const [cl] = counter.labels;
  const [hl] = histogram.labels;
  for (let i = 0; i < counterSeries; i++) m.c.add(1, { [cl!]: `c${i}` } as never);
  for (let i = 0; i < histogramSeries; i++) m.h.record(0.01 * i, { [hl!]: `h${i}` } as never);
  m.s.addCallback((observe) => observe({ quantiles: summary.quantiles!.map((_, i) => 0.001 * (i + 1)), sum: 0.015, count: 5 }));
  await diag.render(); // runs the summary's callback
  const families = diag.registry.collect().filter((f) => LINES[f.entry.name] !== undefined);
  return { diag, families };
}

describe('render chunks', () => {
  it.each([7, 20, 64, 1_000])(
    'every chunk but the last closes at the first series boundary at or past %p lines',
    async (chunkLines) => {
      const { diag, families } = await setup(300, 120);
      const shapes = chunkShapes([...renderOpenMetricsRegistry(families, 'teleport', chunkLines)]);
      const total = 300 * LINES[counter.name]! + 120 * LINES[histogram.name]! + LINES[summary.name]!;
      expect(shapes.reduce((n, s) => n + s.lines, 0)).toBe(total);
      expect(shapes.length).toBeGreaterThanOrEqual(Math.floor(total / (chunkLines + LINES[histogram.name]!)));
      for (const s of shapes.slice(0, -1)) {
        expect(s.lines).toBeGreaterThanOrEqual(chunkLines);
        expect(s.lines - s.last).toBeLessThan(chunkLines);
      }
      expect(shapes[shapes.length - 1]!.lines).toBeGreaterThan(0);
      await diag.shutdown();
    }
  );

  it('writes the overflow series with its one label, leaves a family without series out, ends on a series', () => {
    const registry = new Registry({ maxSeries: 1 });
    const m = createInstruments({ c: counter, h: histogram }, { registry });
    const [cl] = counter.labels;
    m.c.add(1, { [cl!]: 'a' } as never);
    m.c.add(2, { [cl!]: 'b' } as never); // over maxSeries: the overflow series
    const families = registry.collect().filter((f) => f.entry.name === counter.name || f.entry.name === histogram.name);
    expect(families).toHaveLength(2);
    // OpenMetrics declares a `_total` counter without the suffix; HELP escapes as a label value does.
    expect(counter.name.endsWith('_total') && !/[\\"\n]/.test(counter.help)).toBe(true);
    const declared = counter.name.slice(0, -'_total'.length);
    const header = `# HELP ${declared} ${counter.help}\n# TYPE ${declared} counter\n`;
    // one line per chunk: each series closes its own, and nothing (not even '') follows the last
    expect([...renderOpenMetricsRegistry(families, 'teleport', 1)]).toEqual([
      `${header}${counter.name}{${cl}="a"} 1.0\n`,
      `${counter.name}{otel_metric_overflow="true"} 2.0\n`,
    ]);
  });

  it('a single summary series as long as the chunk closes its own chunk', async () => {
    const { diag, families } = await setup(5, 0);
    const order = families.map((f) => f.entry.name);
    const summaryFirst = [families[order.indexOf(summary.name)]!, families[order.indexOf(counter.name)]!];
    const chunks = [...renderOpenMetricsRegistry(summaryFirst, 'teleport', LINES[summary.name]!)].filter((c) => c !== '');
    expect(chunkShapes(chunks).map((s) => s.lines)).toEqual([LINES[summary.name]!, 5]);
    await diag.shutdown();
  });
});
