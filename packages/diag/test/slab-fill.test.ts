/**
 * renderRegistryBytes writes straight into 64 KB slabs and starts the next slab when its bound on
 * the next series' bytes does not fit. That bound must never fall short of a series' real size
 * (bytes written past a Buffer's end are lost) and must not hand out nearly empty slabs. Here every
 * series sits at the bound's worst case — label values of 3-byte UTF-8 units, values that print in
 * 23-24 characters — across many slab boundaries, and the bytes must be exactly the lines this
 * test writes out from the format's rules (const labels and the overflow series: render-registry.test.ts).
 */
import { backend, catalog, type MetricEntry } from '@teleport-otel/catalog';
import { createInstruments, Registry } from '@teleport-otel/core';
import { renderRegistryBytes } from '../src/exposition/render-registry';
import { SLAB_BYTES } from '../src/exposition/slab-pool';

/** A counter with two or more labels, no series limit of its own, in the default profile. */
const counter = catalog.find(
  (e) => e.type === 'counter' && e.labels.length >= 2 && !e.constLabels && !e.observed && e.maxSeries === undefined && !e.profiles
)!;
/** A closed label (`values`) takes its first value, a free-text one `free`. */
const labelsOf = (e: MetricEntry, free: (k: number) => string) =>
  Object.fromEntries(e.labels.map((n, k) => [n, e.values?.[n]?.[0] ?? free(k)]));
const histogram = backend.readSeconds; // one label
/** A labelled gauge (values may be negative): the longest value, -1.1111111111111111e-300, is 24 characters. */
const gauge = catalog.find(
  (e) => e.type === 'gauge' && e.instrument === 'gauge' && e.labels.length > 0 && !e.observed && !e.values && !e.constLabels
)!;

/** A counter with const labels: their values, set when its instruments are made, may be of any length. */
const withConst = catalog.find((e) => e.constLabels && e.type === 'counter' && e.labels.length > 0 && !e.observed)!;
/** A gauge with one free-text label and nothing else, to fill a slab up to a chosen byte. */
const filler = catalog.find(
  (e) =>
    e.type === 'gauge' &&
    e.instrument === 'gauge' &&
    e.labels.length === 1 &&
    !e.observed &&
    !e.values &&
    !e.constLabels &&
    e.maxSeries === undefined &&
    !e.profiles
)!;
/** `# HELP` and `# TYPE` of the text format. */
const header = (e: MetricEntry) =>
  `# HELP ${e.name} ${e.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n# TYPE ${e.name} ${e.type}\n`;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** The text format's label value escaping. */
const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const block = (e: MetricEntry, l: Record<string, string>, extra = '') => {
  const p = Object.keys(l)
    .sort()
    .map((k) => `${k}="${escape(l[k]!)}"`);
  if (extra !== '') p.push(extra);
  return p.length === 0 ? '' : `{${p.join(',')}}`;
};

/** A label value of n units, each 3 bytes in UTF-8 (the bound's per-unit worst case). */
const wide = (i: number, n: number) => '\u20ac'.repeat(n) + String.fromCharCode(0x4e00 + i); // distinct per series;

/** Series of `filler` whose lines take exactly `fillerBytes` bytes; returns the lines. */
function fillLines(f: { set(v: number, l: object): void }, fillerBytes: number): string[] {
  const lineOf = (v: string) => `${filler.name}{${filler.labels[0]}="${v}"} 1\n`;
  const n = Math.ceil(fillerBytes / 12_000); // label values stay under the 4,096-unit limit
  const valueBytes = fillerBytes - n * bytes(lineOf(''));
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    // a distinct 3-byte first unit (ascending: the series' order), 3-byte euro signs, 0-2 ASCII bytes
    const w = Math.floor(valueBytes / n) + (i < valueBytes % n ? 1 : 0) - 3;
    const v = String.fromCharCode(0x4e00 + i) + '\u20ac'.repeat(Math.floor(w / 3)) + 'a'.repeat(w % 3);
    f.set(1, { [filler.labels[0]!]: v });
    lines.push(lineOf(v));
  }
  return lines;
}

/**
 * Fills the first slab with `filler` series up to exactly where `last`, the one series of
 * `second`, would need one byte more, and checks the render starts the next slab with it, whole.
 */
function expectNextSlabStartsWith(
  registry: Registry,
  f: { set(v: number, l: object): void },
  second: MetricEntry,
  last: string
): void {
  const firstSlab = SLAB_BYTES - (bytes(last) - 1);
  const lines = fillLines(f, firstSlab - bytes(header(filler)) - bytes(header(second)));
  const families = registry.collect();
  const order = [filler, second].map((e) => families.find((fam) => fam.entry.name === e.name)!);
  const pieces = [...renderRegistryBytes(order)].filter((p): p is Uint8Array => typeof p !== 'string');
  expect(pieces.map((p) => p.length)).toEqual([firstSlab, bytes(last)]);
  expect(Buffer.concat(pieces).toString('utf8')).toBe(`${header(filler)}${lines.join('')}${header(second)}${last}`);
}

describe('slab fill', () => {
  it('a series one byte longer than the room left, its const labels long, starts the next slab whole', () => {
    const registry = new Registry();
    const consts = Object.fromEntries(Object.keys(withConst.constLabels!).map((k) => [k, `${k}-${'c'.repeat(400)}`]));
    const m = createInstruments({ f: filler, t: withConst }, { registry, constLabels: consts }) as never as {
      f: { set(v: number, l: object): void };
      t: { add(v: number, l: object): void };
    };
    const tl = labelsOf(withConst, (k) => `v${k}`);
    m.t.add(1, tl);
    expectNextSlabStartsWith(registry, m.f, withConst, `${withConst.name}${block(withConst, { ...tl, ...consts })} 1\n`);
  });

  it('a series whose value prints in 24 characters, one byte longer than the room left, starts the next slab whole', () => {
    const registry = new Registry();
    const m = createInstruments({ f: filler, g: gauge }, { registry }) as never as {
      f: { set(v: number, l: object): void };
      g: { set(v: number, l: object): void };
    };
    const gl = labelsOf(gauge, (k) => wide(k, 40));
    m.g.set(-1.1111111111111111e-300, gl);
    expectNextSlabStartsWith(registry, m.f, gauge, `${gauge.name}${block(gauge, gl)} -1.1111111111111111e-300\n`);
  });

  it('series at the size bound, across many slabs, come out whole and exact', () => {
    const registry = new Registry({ maxSeries: 3_000 });
    const m = createInstruments({ c: counter, h: histogram, g: gauge }, { registry }) as never as {
      c: { add(v: number, l: object): void };
      h: { record(v: number, l: object): void };
      g: { set(v: number, l: object): void };
    };
    const expected: string[] = [];
    for (let i = 0; i < 900; i++) {
      const l = labelsOf(counter, (k) => wide(i, (i * (k + 3)) % 37));
      m.c.add(1.2345678901234567e300, l);
      expected.push(`${counter.name}${block(counter, l)} 1.2345678901234567e+300`);
    }
    // Long values too: a series' 16 lines then outweigh any fixed slack in the per-line bound.
    for (let i = 0; i < 700; i++) {
      const l = { [histogram.labels[0]!]: wide(i, i % 10 === 0 ? 300 + i : i % 41) };
      m.h.record(1.2345678901234567e300, l);
      const b = block(histogram, l);
      for (const le of [...histogram.buckets!.map(String), '+Inf']) {
        const n = le === '+Inf' ? 1 : 0;
        expected.push(`${histogram.name}_bucket${b.slice(0, -1)},le="${le}"} ${n}`);
      }
      expected.push(`${histogram.name}_sum${b} 1.2345678901234567e+300`, `${histogram.name}_count${b} 1`);
    }
    for (let i = 0; i < 400; i++) {
      const l = labelsOf(gauge, (k) => wide(i, (i + k * 7) % 29));
      m.g.set(-1.1111111111111111e-300, l);
      expected.push(`${gauge.name}${block(gauge, l)} -1.1111111111111111e-300`);
    }
    const pieces = [...renderRegistryBytes(registry.collect())].filter((p): p is Uint8Array => typeof p !== 'string');
    const text = Buffer.concat(pieces).toString('utf8');
    const samples = text.split('\n').filter((s) => s !== '' && !s.startsWith('#'));
    expect(samples.sort()).toEqual(expected.sort());
    expect([...renderRegistryBytes(new Registry().collect().slice(0, 0))]).toEqual([]);
    // Slabs are handed out nearly full: only the room for one more series is left unused.
    const longest = Math.max(...expected.map((s) => Buffer.byteLength(s) + 1)) * (histogram.buckets!.length + 3);
    expect(pieces.length).toBeGreaterThan(10);
    for (const p of pieces.slice(0, -1)) {
      expect(p.length).toBeLessThanOrEqual(SLAB_BYTES);
      expect(p.length).toBeGreaterThan(SLAB_BYTES - 2 * longest);
    }
  });
});
