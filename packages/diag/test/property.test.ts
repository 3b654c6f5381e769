/**
 * Property-based: for arbitrary label values (full Unicode, quotes, backslashes, newlines, lone
 * surrogates, empty, over the length limit) and arbitrary numbers (tiny, huge, negative, -0, and
 * NaN / +-Inf where an instrument accepts them), the /metrics text passes `promtool check metrics`
 * and Prometheus's own text parser (expfmt, run as a Go program: test-support/expfmt-parse.ts)
 * reads back the label values and numbers the test recorded. Our own parser is not the judge here;
 * it is compared with the same Go parser in parse-oracle.test.ts.
 * Both renderers are covered: the fast-path Registry and the SDK path (an ad-hoc instrument on the
 * diag MeterProvider, which passes NaN and infinities through).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { backend, catalog, type MetricEntry } from '@teleport-otel/catalog';
import { createInstruments, MAX_LABEL_VALUE_LENGTH, type Counter, type Gauge, type Histogram } from '@teleport-otel/core';
import { createDiagMeterProvider } from '@teleport-otel/diag';
import { requireGo } from '../../../test-support/go';
import { requireTool } from '../../../test-support/tools';
import { prometheusFamilies, type OracleFamily, type OracleSample } from '../../../test-support/expfmt-parse';

const withPromtool = requireTool('promtool').skip ? it.skip : it;
const { go, skip: noGo } = requireGo();
const withOracles = noGo ? it.skip : withPromtool;

// Bounded so each property stays well under 30 s on the shared 2-core machine (one promtool and
// one Go parser process per exposition).
const RUNS = 40;

/**
 * What recording keeps of a label value: over the limit, a prefix (never half a surrogate pair)
 * plus "...[sha256:<16 hex of the whole value's UTF-8>]", at most the limit in all; well-formed.
 */
function canonical(v: string): string {
  let s = v;
  if (s.length > MAX_LABEL_VALUE_LENGTH) {
    const suffix = `...[sha256:${createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 16)}]`;
    const keep = MAX_LABEL_VALUE_LENGTH - suffix.length;
    const high = s.charCodeAt(keep - 1);
    s = s.slice(0, high >= 0xd800 && high <= 0xdbff ? keep - 1 : keep) + suffix;
  }
  return s.toWellFormed();
}

/** What recording keeps for one label of an entry: outside a closed set (catalog `values`) it is "". */
function kept(entry: MetricEntry, label: string, v: string): string {
  const c = canonical(v);
  const closed = entry.values?.[label];
  return closed === undefined || c === '' || closed.includes(c) ? c : '';
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const nasty = fc.constantFrom(
  '"',
  '\\',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\\n',
  '"}',
  '} 1\n# TYPE x',
  '\u2028',
  'é',
  '世界',
  '🚀',
  '\uFEFF'
);
const labelValue = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 3, arbitrary: fc.string({ unit: fc.oneof(nasty, fc.string({ unit: 'grapheme', maxLength: 2 })), maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(loneSurrogate, fc.constant('a')), maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constant('') },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.integer({ min: MAX_LABEL_VALUE_LENGTH - 30, max: MAX_LABEL_VALUE_LENGTH + 50 }),
        fc.constantFrom('a', '"', '😀', '\\')
      )
      .map(([n, c]) => c.repeat(Math.ceil(n / c.length)).slice(0, n)),
  }
);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const nonNegative = fc.double({ noNaN: true, noDefaultInfinity: true, min: 0 });
const anyDouble = fc.double(); // NaN, +-Inf, -0, subnormals included

const counterEntry = backend.requests;
const gaugeEntry = catalog.find((e) => e.instrument === 'gauge' && !e.observed && e.labels.length > 0 && !e.constLabels)!;
const histogramEntry = catalog.find((e) => e.instrument === 'histogram' && !e.observed && e.labels.length > 0 && !e.constLabels)!;

/** The samples of family `name` as Prometheus's text parser read the exposition. */
function only(
  families: ReadonlyMap<string, OracleFamily>,
  name: string,
  pred: (s: OracleSample) => boolean = () => true
): OracleSample[] {
  return (families.get(name)?.samples ?? []).filter(pred);
}

/** Same number, the way the text format can say it (NaN equals NaN; -0 and 0 are one value). */
function sameNumber(a: number, b: number): boolean {
  return Number.isNaN(a) ? Number.isNaN(b) : a === b;
}

interface PromtoolResult {
  readonly code: number;
  readonly output: string;
}
function promtool(text: string): Promise<PromtoolResult> {
  return new Promise((resolve) => {
    const child = execFile('promtool', ['check', 'metrics'], { maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      resolve({
        code: err ? Number((err as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0,
        output: `${stdout}${stderr}`,
      });
    });
    child.stdin!.end(text);
  });
}

/**
 * promtool's exit status 3 reports lint findings only (Teleport's counters deliberately lack
 * `_total`, as client_golang exposes them); any parse error exits 1 and says so.
 */
async function expectPromtoolAccepts(expositions: readonly string[]): Promise<void> {
  const failures: string[] = [];
  for (let i = 0; i < expositions.length; i += 8) {
    const batch = await Promise.all(expositions.slice(i, i + 8).map(promtool));
    batch.forEach((r, j) => {
      const parseError = r.code !== 0 && (r.code !== 3 || /pars|error/i.test(r.output));
      if (parseError) failures.push(`exposition ${i + j}: exit ${r.code}: ${r.output.slice(0, 300)}`);
    });
  }
  expect(failures).toEqual([]);
}

describe('exposition properties', () => {
  withPromtool('the promtool check has teeth: an unescaped newline or a bad value is a failure', async () => {
    await expect(expectPromtoolAccepts(['# TYPE x gauge\nx{a="b\nc"} 1\n'])).rejects.toThrow();
    await expect(expectPromtoolAccepts(['# TYPE x gauge\nx{a="b"} one\n'])).rejects.toThrow();
  });

  withOracles(
    `fast-path registry: ${RUNS} arbitrary expositions pass promtool and Prometheus's parser reads back what was recorded`,
    async () => {
      const expositions: string[] = [];
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(labelValue, labelValue, labelValue, nonNegative), { minLength: 1, maxLength: 6 }),
          fc.array(fc.tuple(labelValue, finite, anyDouble), { minLength: 1, maxLength: 6 }),
          fc.tuple(labelValue, nonNegative),
          async (counts, gauges, [hLabel, observation]) => {
            const p = createDiagMeterProvider();
            const inst = createInstruments(
              { c: counterEntry, g: gaugeEntry, h: histogramEntry },
              { meterProvider: p.meterProvider }
            );
            const c = inst.c as unknown as Counter;
            const g = inst.g as unknown as Gauge;
            const h = inst.h as unknown as Histogram;
            const [l0, l1, l2] = counterEntry.labels;
            const expectedCounts = new Map<string, number>();
            for (const [a, b, d, v] of counts) {
              c.add(v, { [l0!]: a, [l1!]: b, [l2!]: d } as never);
              const key = JSON.stringify([kept(counterEntry, l0!, a), kept(counterEntry, l1!, b), kept(counterEntry, l2!, d)]);
              expectedCounts.set(key, (expectedCounts.get(key) ?? 0) + v);
            }
            const gl = gaugeEntry.labels;
            const expectedGauges = new Map<string, number>();
            for (const [a, v, maybeBad] of gauges) {
              const labels = Object.fromEntries(gl.map((n) => [n, a]));
              g.set(v, labels as never);
              g.set(maybeBad, labels as never); // NaN / +-Inf are dropped: the previous value stays
              expectedGauges.set(kept(gaugeEntry, gl[0]!, a), Number.isFinite(maybeBad) ? maybeBad : v);
            }
            const hl = Object.fromEntries(histogramEntry.labels.map((n) => [n, hLabel]));
            h.record(observation, hl as never);

            const text = await p.render();
            await p.shutdown();
            expositions.push(text);
            const read = prometheusFamilies(text, go);

            const gotCounts = only(read, counterEntry.name);
            expect(gotCounts).toHaveLength(expectedCounts.size);
            for (const s of gotCounts) {
              const key = JSON.stringify([s.labels[l0!], s.labels[l1!], s.labels[l2!]]);
              expect(sameNumber(s.value, expectedCounts.get(key)!)).toBe(true);
            }
            const gotGauges = only(read, gaugeEntry.name);
            expect(gotGauges).toHaveLength(expectedGauges.size);
            for (const s of gotGauges) expect(sameNumber(s.value, expectedGauges.get(s.labels[gl[0]!]!)!)).toBe(true);
            const inf = only(read, histogramEntry.name, (s) => s.labels.le === '+Inf')[0]!;
            expect(inf.labels[histogramEntry.labels[0]!]).toBe(kept(histogramEntry, histogramEntry.labels[0]!, hLabel));
            expect(inf.value).toBe(1);
            const sum = only(read, histogramEntry.name, (s) => s.name.endsWith('_sum'))[0]!;
            expect(sameNumber(sum.value, observation)).toBe(true);
            const buckets = only(read, histogramEntry.name, (s) => s.name.endsWith('_bucket')).map((s) => s.value);
            expect(buckets).toEqual([...buckets].sort((x, y) => x - y)); // cumulative
          }
        ),
        { numRuns: RUNS }
      );
      await expectPromtoolAccepts(expositions);
    },
    240_000
  );

  withOracles(
    `SDK-path instruments: ${RUNS} expositions with NaN, +-Inf and arbitrary attributes pass promtool and Prometheus's parser reads back what was recorded`,
    async () => {
      const expositions: string[] = [];
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(labelValue, anyDouble), { minLength: 1, maxLength: 8 }), async (points) => {
          const p = createDiagMeterProvider();
          // An ad-hoc instrument made straight on the provider's meter, not a catalog metric.
          const gauge = p.meterProvider.getMeter('property').createGauge('test_property_gauge');
          const expected = new Map<string, number>();
          for (const [v, x] of points) {
            gauge.record(x, { k: v });
            expected.set(v, x);
          }
          const text = await p.render();
          await p.shutdown();
          expositions.push(text);
          const got = only(prometheusFamilies(text, go), 'test_property_gauge');
          // Distinct attribute strings are distinct series (the SDK does not canonicalise them). On
          // the wire a lone surrogate is UTF-8's replacement character, so two such values may
          // read back alike: compared as sorted lists of (label, value), not as a map.
          const asRead = (pairs: [string, number][]) => pairs.map(([v, x]) => JSON.stringify([v, String(x)])).sort();
          expect(asRead(got.map((s) => [s.labels.k!, s.value]))).toEqual(
            asRead([...expected].map(([v, x]) => [v.toWellFormed(), x]))
          );
        }),
        { numRuns: RUNS }
      );
      await expectPromtoolAccepts(expositions);
    },
    240_000
  );
});
