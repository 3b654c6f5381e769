/**
 * Our text parser (parseExposition: the `check` command and many tests read /metrics with it)
 * against Prometheus's own (expfmt.TextParser, run as a Go program: test-support/expfmt-parse.ts)
 * on the same inputs: arbitrary well-formed texts written by an escaper of this test's own,
 * every catalog family as our renderer writes it, and hand-written edge cases. Both must read the
 * same families, TYPEs, HELPs, sample names, label sets and values, and reject the same broken lines.
 */
import fc from 'fast-check';
import { createDiagMeterProvider, parseExposition, type ParsedFamily } from '@teleport-otel/diag';
import { parseWithPrometheus, prometheusFamilies, type OracleFamily } from '../../../test-support/expfmt-parse';
import { requireGo } from '../../../test-support/go';
import { startWorkload } from './otlp-workload';

const { go, skip } = requireGo();
const d = skip ? describe.skip : describe;

const RUNS = 60;

/** le and quantile are numbers in a label: "1.0" and "1" are the same bucket. */
const NUMERIC_LABELS = new Set(['le', 'quantile']);

/** Families with samples, each as comparable text: samples sorted, numbers spelt one way. */
function comparable(families: ReadonlyMap<string, ParsedFamily | OracleFamily>): string[] {
  return [...families.values()]
    .filter((f) => f.samples.length > 0) // Prometheus's parser drops families without samples
    .map((f) => {
      const samples = f.samples
        .map((s) => {
          const labels = Object.keys(s.labels)
            .sort()
            .map((k) => [k, NUMERIC_LABELS.has(k) ? String(numberOf(s.labels[k]!)) : s.labels[k]]);
          return JSON.stringify([s.name, labels, String(s.value)]);
        })
        .sort();
      // Leading blanks of HELP: expfmt drops them, ours keeps them on purpose (see parse.ts and
      // the test of that difference below).
      return JSON.stringify({ name: f.name, type: f.type, help: f.help.replace(/^[ \t]+/, ''), samples });
    })
    .sort();
}

function numberOf(s: string): number {
  return s === '+Inf' ? Infinity : s === '-Inf' ? -Infinity : Number(s);
}

function expectSameReading(text: string): void {
  const theirs = prometheusFamilies(text, go);
  expect(comparable(parseExposition(text))).toEqual(comparable(theirs));
}

// --- An escaper of the test's own (the format's rules, not the renderer's code). ---
const quoteLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const quoteHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

const labelName = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', 'a', '_', 'job'),
  fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/)
);
const labelValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }).map((s) => s.toWellFormed()),
  fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\r', '\t', 'n', '}', ',', '=', ' ', '世', '🚀'), maxLength: 10 }),
  fc.constantFrom('__proto__', 'constructor', '')
);
/** A value in one of the spellings exporters write, with the number it stands for. */
const value = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => String(v)),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v.toExponential()),
  fc.constantFrom('NaN', '+Inf', '-Inf', '0', '-0', '1e+06', '1.5e-07')
);
const labelSet = fc.uniqueArray(fc.tuple(labelName, labelValue), { selector: ([k]) => k, maxLength: 4 });
const timestamp = fc.option(fc.integer({ min: -1e12, max: 1e13 }), { nil: undefined });

function block(labels: readonly (readonly [string, string])[]): string {
  return labels.length === 0 ? '' : `{${labels.map(([k, v]) => `${k}="${quoteLabel(v)}"`).join(',')}}`;
}
function line(name: string, labels: readonly (readonly [string, string])[], v: string, ts?: number): string {
  return `${name}${block(labels)} ${v}${ts === undefined ? '' : ` ${ts}`}\n`;
}

/** One family: HELP/TYPE (either may be left out), then its series; histograms and summaries complete. */
const family = fc
  .record({
    name: fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,10}$/),
    type: fc.constantFrom('counter', 'gauge', 'untyped', 'histogram', 'summary'),
    help: fc.option(fc.string({ unit: fc.constantFrom('a', ' ', '\\', '\n', '"', 'é', 'n'), maxLength: 12 })),
    typed: fc.boolean(),
    series: fc.uniqueArray(fc.tuple(labelSet, value, timestamp), {
      selector: ([l]) => JSON.stringify(l.filter(([k]) => k !== 'le' && k !== 'quantile').sort()),
      minLength: 1,
      maxLength: 3,
    }),
  })
  .map(({ name, type, help, typed, series }) => {
    let text = help === null ? '' : `# HELP ${name} ${quoteHelp(help)}\n`;
    const declared = typed || type === 'histogram' || type === 'summary';
    if (declared) text += `# TYPE ${name} ${type}\n`;
    for (const [rawLabels, v, ts] of series) {
      const labels = rawLabels.filter(([k]) => k !== 'le' && k !== 'quantile');
      if (type === 'histogram') {
        ['0.5', '1', '+Inf'].forEach((le, i) => (text += line(`${name}_bucket`, [...labels, ['le', le]], String(i + 1))));
        text += line(`${name}_sum`, labels, v) + line(`${name}_count`, labels, '3');
      } else if (type === 'summary') {
        ['0.5', '0.99'].forEach((q) => (text += line(name, [...labels, ['quantile', q]], v)));
        text += line(`${name}_sum`, labels, v) + line(`${name}_count`, labels, '2');
      } else text += line(name, labels, v, ts);
    }
    return { name, text };
  });
/** Several families with distinct names (neither a suffix-extension of another), in any order. */
const exposition = fc
  .uniqueArray(family, { selector: (f) => f.name, minLength: 1, maxLength: 4 })
  .filter((fs) => fs.every((a) => fs.every((b) => a === b || !b.name.startsWith(a.name))))
  .map((fs) => fs.map((f) => f.text).join(''));

d("parseExposition reads what Prometheus's text parser reads", () => {
  it('the comparison has teeth: a different value, label or help is told apart', () => {
    const base = comparable(prometheusFamilies('# HELP x h\n# TYPE x gauge\nx{a="1"} 2\n', go));
    for (const other of [
      '# HELP x h\n# TYPE x gauge\nx{a="1"} 3\n',
      '# HELP x h\n# TYPE x gauge\nx{a="2"} 2\n',
      '# HELP x g\n# TYPE x gauge\nx{a="1"} 2\n',
    ])
      expect(comparable(parseExposition(other))).not.toEqual(base);
  });

  it(`${RUNS} arbitrary well-formed texts (every escape, prototype-named labels, timestamps, all five types)`, () => {
    fc.assert(
      fc.property(exposition, (text) => {
        expectSameReading(text);
      }),
      { numRuns: RUNS }
    );
  }, 120_000);

  it('every catalog family as our renderer writes it', async () => {
    const diag = createDiagMeterProvider();
    startWorkload(diag.meterProvider).step();
    const text = await diag.render();
    await diag.shutdown();
    expect(prometheusFamilies(text, go).size).toBeGreaterThan(100);
    expectSameReading(text);
  });

  it.each([
    ['a label named like an Object.prototype member', '# TYPE x gauge\nx{__proto__="p",constructor="c",hasOwnProperty="h"} 1\n'],
    ['an escaped quote, backslash and newline', 'x{a="\\"\\\\\\n"} 1\n'],
    ['a trailing comma in the label block', 'x{a="1",} 1\n'],
    ['a timestamp', 'x 1 1700000000000\n'],
    ['HELP with escapes, and other comments', '# a comment\n# HELP x a\\\\b\\nc\n# TYPE x counter\nx 1\n'],
    ['blanks and tabs around HELP and TYPE', '#\tHELP x \t  two  words \n#TYPE  x\tgauge\nx 1\n'],
    [
      'a histogram with summary-like and _total neighbours',
      '# TYPE h histogram\nh_bucket{le="1.0"} 1\nh_bucket{le="+Inf"} 1\nh_sum 0.5\nh_count 1\nh_total 3\n',
    ],
  ])('%s', (_, text) => {
    expectSameReading(text);
  });

  it('the one difference, on purpose: a HELP text that begins with blanks keeps them (Teleport has one)', () => {
    const text = '# HELP x  two words\n# TYPE x gauge\nx 1\n';
    expect(prometheusFamilies(text, go).get('x')!.help).toBe('two words');
    expect(parseExposition(text).get('x')!.help).toBe(' two words');
  });

  it.each([
    ['an unescaped newline in a label value', 'x{a="b\nc"} 1\n'],
    ['an unterminated label value', 'x{a="b} 1\n'],
    ['a value that is not a number', 'x 1O\n'],
    ['a label name starting with a digit', 'x{1a="b"} 1\n'],
    ['a duplicate label name', 'x{a="1",a="2"} 1\n'],
    ['a duplicate label named constructor', 'x{constructor="1",constructor="2"} 1\n'],
    ['no value', 'x{a="1"}\n'],
  ])('both reject %s', (_, text) => {
    expect(parseWithPrometheus(text, go).ok).toBe(false);
    expect(() => parseExposition(text)).toThrow();
  });
});
