/**
 * The text renderer writes bytes, not strings (exposition/text-bytes.ts): each primitive against
 * the string form it replaces (formatValue, escapeLabelValue, Buffer.from's UTF-8, all tested on
 * their own against client_golang's output), and the renderer's pieces: whole series only, at
 * most one slab each unless one series is longer.
 */
import { createInstruments } from '@teleport-otel/core';
import { backend } from '@teleport-otel/catalog';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import { escapeLabelValue, formatValue } from '../src/exposition/format';
import { renderRegistryBytes } from '../src/exposition/render-registry';
import { SLAB_BYTES } from '../src/exposition/slab-pool';
import { putLabelValue, putValue } from '../src/exposition/text-bytes';

function written(put: (buf: Buffer, pos: number) => number): Buffer {
  const buf = Buffer.alloc(1024, 0xff);
  const start = 3; // not at 0: the position is honoured
  const end = put(buf, start);
  expect(buf[start - 1]).toBe(0xff);
  expect(buf[end]).toBe(0xff); // nothing past the returned position
  return buf.subarray(start, end);
}

describe('text bytes', () => {
  it('putValue writes formatValue(v) in ASCII', () => {
    const values = [0, -0, 1, 7, 9, 10, 11, 99, 100, 101, 999, 1000, 9999, 10000, 99999, 100000, 999999, 1e6, 1e6 + 1];
    values.push(
      -1,
      -9,
      -10,
      -12345,
      -999999,
      -1e6,
      0.5,
      -0.5,
      1.5,
      123456.5,
      1e-4,
      1e-5,
      2 ** 53,
      2 ** 53 + 2,
      1e21,
      1.7976931348623157e308
    );
    values.push(NaN, Infinity, -Infinity, Number.MIN_VALUE, 0.1 + 0.2);
    for (let i = 0; i < 500; i++) values.push(Math.floor(Math.random() * 2e6) - 1e6, Math.random() * 10 ** ((i % 20) - 10));
    for (const v of values) expect([v, written((b, p) => putValue(b, p, v)).toString('latin1')]).toEqual([v, formatValue(v)]);
  });

  it('putLabelValue writes escapeLabelValue(v) in UTF-8', () => {
    const values = [
      '',
      'a',
      'plain-value_1',
      'a"b',
      'c\\d',
      'e\nf',
      '"\\\n',
      'é',
      'aé"\n\\',
      '日本語',
      '\u{1F600}x',
      'x\u{1F600}"',
      '\ud800',
      'a\udc00b',
    ];
    for (const v of values)
      expect([v, written((b, p) => putLabelValue(b, p, v))]).toEqual([v, Buffer.from(escapeLabelValue(v), 'utf8')]);
  });

  it('pieces hold whole series, at most a slab each unless one series is longer', async () => {
    const diag = createDiagMeterProvider({ maxSeries: 10_000 });
    const m = createInstruments({ c: backend.readRequestsTotal, h: backend.readSeconds }, { meterProvider: diag.meterProvider });
    const [cl] = backend.readRequestsTotal.labels;
    const [hl] = backend.readSeconds.labels;
    for (let i = 0; i < 3_000; i++) m.c.add(i, { [cl!]: `component-é-${i}` } as never);
    for (let i = 0; i < 400; i++) m.h.record(0.001 * i, { [hl!]: `h"${i}` } as never);
    // A histogram series with a label value at the 4096-unit cap: its lines take more than a slab.
    const long = 'L'.repeat(4_000);
    m.h.record(1, { [hl!]: long } as never);
    const families = diag.registry.collect();
    const pieces = [...renderRegistryBytes(families)].filter((p): p is Uint8Array => typeof p !== 'string');
    expect(pieces.length).toBeGreaterThan(5);
    const text = Buffer.concat(pieces).toString('utf8');
    for (const p of pieces) {
      expect(p[p.length - 1]).toBe(0x0a);
      const s = Buffer.from(p).toString('utf8');
      // A piece starts at a line start, never inside a histogram series' lines.
      expect(
        /^(# |[a-z_]+(_bucket)?\{[a-z_]+="[^"]*",le="0\.|[a-z_]+_total\{)/.test(s) ||
          s.startsWith(`${backend.readSeconds.name}_bucket`)
      ).toBe(true);
      if (p.length > SLAB_BYTES) expect(s).toContain(long);
    }
    expect(pieces.filter((p) => p.length > SLAB_BYTES)).toHaveLength(1);
    const parsed = parseExposition(text);
    expect(parsed.get(backend.readRequestsTotal.name)!.samples).toHaveLength(3_000);
    expect(parsed.get(backend.readSeconds.name)!.samples).toHaveLength(401 * (backend.readSeconds.buckets!.length + 3));
    await diag.shutdown();
  });
});
