/**
 * Byte comparison with client_golang 1.14 itself (the library Teleport exposes its metrics with):
 * a Go program (test-support/go/client-golang-text) records the same operations and prints its
 * text exposition; ours must be byte-identical for the family under test. Covers counters fed
 * whole and fractional deltas (client_golang sums them apart) and series order where UTF-8 and
 * UTF-16 orders differ.
 */
import { join } from 'node:path';
import { catalog, type MetricEntry } from '@teleport-otel/catalog';
import { createInstruments } from '@teleport-otel/core';
import { createDiagMeterProvider } from '@teleport-otel/diag';
import fc from 'fast-check';
import { buildGoFixture, requireGo, runGoFixture } from '../../../test-support/go';

const { skip } = requireGo();
const d = skip ? describe.skip : describe;

/** An entry of `instrument` kind with open labels only (no closed set to coerce values into). */
function openEntry(instrument: MetricEntry['instrument']): MetricEntry {
  const e = catalog.find(
    (x) => !x.observed && x.instrument === instrument && x.labels.length === 1 && !x.constLabels && !x.values
  );
  if (!e) throw new Error(`no open one-label ${instrument} in the catalog`);
  return e;
}
const counter = openEntry('counter');
const upDown = openEntry('updowncounter');

interface Op {
  op: 'inc' | 'add' | 'set';
  value?: number;
  label: string;
}

/** What client_golang prints for `entry` after `ops`. */
function golang(bin: string, entry: MetricEntry, ops: readonly Op[]): string {
  const script = {
    families: [{ name: entry.name, help: entry.help, type: entry.type, labels: entry.labels }],
    ops: ops.map((o) => ({ family: 0, labels: [o.label], op: o.op, value: o.value ?? 0 })),
  };
  return runGoFixture(bin, JSON.stringify(script));
}

/** Our text for the same family, recorded through the fast path and rendered as a scrape. */
async function ours(entry: MetricEntry, ops: readonly Op[]): Promise<string> {
  const diag = createDiagMeterProvider();
  const { m } = createInstruments({ m: entry }, { meterProvider: diag.meterProvider }) as unknown as {
    m: { inc(l: object): void; add(v: number, l: object): void; set(v: number, l: object): void };
  };
  const label = entry.labels[0]!;
  for (const o of ops) {
    if (o.op === 'inc') m.inc({ [label]: o.label });
    else if (o.op === 'add') m.add(o.value!, { [label]: o.label });
    else m.set(o.value!, { [label]: o.label });
  }
  const text = await diag.render();
  await diag.shutdown();
  return familyBlock(text, entry.name);
}

/** The `# HELP name` block of one family (through the next family's HELP), or ''. */
function familyBlock(text: string, name: string): string {
  const start = text.indexOf(`# HELP ${name} `);
  if (start < 0) return '';
  const next = text.indexOf('# HELP ', start + 1);
  return text.slice(start, next < 0 ? undefined : next);
}

d('exposition bytes equal client_golang 1.14', () => {
  let bin = '';
  beforeAll(() => {
    bin = buildGoFixture(join(__dirname, '../../../test-support/go/client-golang-text'));
  }, 300_000);

  it('a counter fed inc, add 0.1, add 0.1 reads 1.2, as client_golang shows it', async () => {
    const ops: Op[] = [
      { op: 'inc', label: 'a' },
      { op: 'add', value: 0.1, label: 'a' },
      { op: 'add', value: 0.1, label: 'a' },
    ];
    const go = golang(bin, counter, ops);
    expect(go).toContain(' 1.2\n');
    expect(await ours(counter, ops)).toBe(go);
  });

  it('random whole and fractional counter deltas render as client_golang renders them', async () => {
    const delta = fc.oneof(
      fc.integer({ min: 0, max: 10 }),
      fc.integer({ min: 0, max: 1_000_000 }),
      fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0.1, 0.2, 0.3, 0.7, 1.1, 2.25)
    );
    const op = fc.record({
      op: fc.constantFrom<'inc' | 'add'>('inc', 'add'),
      value: delta,
      label: fc.constantFrom('x', 'y'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
        expect(await ours(counter, ops)).toBe(golang(bin, counter, ops));
      }),
      { numRuns: 40 }
    );
  });

  it('an up-down counter (a Go gauge) keeps one float, as client_golang does', async () => {
    const ops: Op[] = [
      { op: 'inc', label: 'a' },
      { op: 'add', value: 0.1, label: 'a' },
      { op: 'add', value: 0.1, label: 'a' },
      { op: 'inc', label: 'b' },
    ];
    const go = golang(bin, upDown, ops);
    expect(go).toContain(' 1.2000000000000002\n');
    expect(await ours(upDown, ops)).toBe(go);
  });

  it('series are ordered by UTF-8 bytes: U+E000-U+FFFF before characters above U+FFFF', async () => {
    // At the first difference: a surrogate pair (😀 U+1F600, 𐀀 U+10000) against units in
    // U+E000-U+FFFF (private use, ＡＢ fullwidth, U+FFFD), against ASCII and Latin-1.
    const values = ['😀', '\ue000', 'ｘ', '\ufffd', 'a😀', 'a\uffee', '𐀀', 'z', 'é', '', 'a', '😀x', '\ue000x'];
    const ops: Op[] = values.map((label) => ({ op: 'inc', label }));
    const go = golang(bin, counter, ops);
    const text = await ours(counter, ops);
    expect(text).toBe(go);
    expect(text.indexOf('"\ue000"')).toBeLessThan(text.indexOf('"😀"'));
  });

  it('random label values sort as client_golang sorts them', async () => {
    const unit = fc.constantFrom('a', 'z', 'é', '\ue000', '\uffee', '\ufffd', '😀', '𐀀', '\u{10ffff}', '\ud7ff');
    const value = fc.array(unit, { maxLength: 4 }).map((u) => u.join(''));
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(value, { minLength: 2, maxLength: 25 }), async (labels) => {
        const ops: Op[] = labels.map((label) => ({ op: 'inc', label }));
        expect(await ours(counter, ops)).toBe(golang(bin, counter, ops));
      }),
      { numRuns: 40 }
    );
  });

  it('the SDK-path renderer (instruments made on the provider directly) sorts the same way', async () => {
    const diag = createDiagMeterProvider();
    const label = counter.labels[0]!;
    const c = diag.meterProvider.getMeter('direct').createCounter(counter.name, { description: counter.help });
    const values = ['😀', '\ue000', 'ｘ', '\ufffd', '𐀀', 'z', 'é', 'a', 'a!', 'a"'];
    for (const v of values) c.add(1, { [label]: v });
    const text = familyBlock(await diag.render(), counter.name);
    await diag.shutdown();
    expect(text).toBe(
      golang(
        bin,
        counter,
        values.map((l) => ({ op: 'inc', label: l }))
      )
    );
  });
});
