/**
 * The project's own text-format parser (parse.ts), which `check` and several tests rely on, judged
 * here by hand-written expositions and their expected families (the format rules of Prometheus
 * 0.0.4: sample grammar, label escapes, HELP escapes, histogram and summary suffixes).
 */
import { parseExposition } from '../src/exposition/parse';

const parse = (text: string) => Object.fromEntries(parseExposition(text));

describe('parseExposition', () => {
  it('reads HELP, TYPE and samples into families, skipping blank lines and other comments', () => {
    const text = [
      '# HELP up Whether the target is up.',
      '# TYPE up gauge',
      '',
      '# a free comment',
      '#HELPless comment',
      'up 1',
      'up{job="a"} 0 1700000000000',
      'down -2.5',
      '',
    ].join('\n');
    expect(parse(text)).toEqual({
      up: {
        name: 'up',
        type: 'gauge',
        help: 'Whether the target is up.',
        samples: [
          { name: 'up', labels: {}, value: 1 },
          { name: 'up', labels: { job: 'a' }, value: 0 },
        ],
      },
      down: { name: 'down', type: 'untyped', help: '', samples: [{ name: 'down', labels: {}, value: -2.5 }] },
    });
  });

  it('skips blanks and tabs around the keyword and name; keeps HELP from the one separating blank on', () => {
    const text = ['#HELP a  two leading', '# \tTYPE\ta\t counter ', '#\tHELP b', '# TYPE b', '# HELP c x', '# HELP c  y'].join(
      '\n'
    );
    const got = parse(text);
    expect([got.a!.help, got.a!.type]).toEqual([' two leading', 'counter']);
    expect([got.b!.help, got.b!.type]).toEqual(['', '']);
    expect(got.c!.help).toBe(' y'); // the last HELP wins
  });

  it("takes runs of blanks and tabs between a sample's parts, and after HELP or TYPE", () => {
    const got = parse('# HELP  \t a text\n# TYPE \t a gauge\na  \t2\na{b="c"}\t 3 \t 1700000000000');
    expect(got.a).toEqual({
      name: 'a',
      type: 'gauge',
      help: 'text',
      samples: [
        { name: 'a', labels: {}, value: 2 },
        { name: 'a', labels: { b: 'c' }, value: 3 },
      ],
    });
  });

  it('gives labels as an object literal would hold them: a caller may change and delete them', () => {
    const labels = parse('m{a="1",b="2"} 1').m!.samples[0]!.labels as Record<string, string>;
    expect(Object.getOwnPropertyDescriptors(labels)).toEqual(Object.getOwnPropertyDescriptors({ a: '1', b: '2' }));
    labels.a = 'x';
    delete labels.b;
    expect(labels).toEqual({ a: 'x' });
  });

  it('ignores comments that are not a well-formed HELP or TYPE', () => {
    expect(parse('# HELP 1bad text\n# TYPE\n# HELPx y z\n# EOF')).toEqual({});
    // The keyword must follow the line's first '#', and the name must end at a blank or the line's
    // end: neither line names a family (not a_total, not the b in front of the dot).
    expect(parse('## HELP a_total text\n# TYPE b.c counter\n')).toEqual({});
  });

  it('unescapes \\\\ and \\n in HELP, keeps any other backslash', () => {
    expect(parse('# HELP h a\\\\b\\nc\\td\\\\n').h!.help).toBe('a\\b\nc\\td\\n');
  });

  it('attaches _bucket, _sum, _count to a histogram, _sum and _count to a summary, nothing to others', () => {
    const text = [
      '# TYPE h histogram',
      'h_bucket{le="1"} 2',
      'h_bucket{le="+Inf"} 3',
      'h_sum 4.5',
      'h_count 3',
      '# TYPE s summary',
      's{quantile="0.5"} 1',
      's_sum 2',
      's_count 1',
      's_bucket 9',
      '# TYPE c counter',
      'c_total 5',
      'c_sum 1',
      'u_count 7',
    ].join('\n');
    const got = parse(text);
    expect(got.h!.samples.map((s) => [s.name, s.labels, s.value])).toEqual([
      ['h_bucket', { le: '1' }, 2],
      ['h_bucket', { le: '+Inf' }, 3],
      ['h_sum', {}, 4.5],
      ['h_count', {}, 3],
    ]);
    expect(got.s!.samples.map((s) => s.name)).toEqual(['s', 's_sum', 's_count']);
    expect(Object.keys(got).sort()).toEqual(['c', 'c_sum', 'c_total', 'h', 's', 's_bucket', 'u_count']);
    expect(got.c!.samples).toEqual([]);
    expect(got.s_bucket!.type).toBe('untyped');
  });

  it('finds the family of a suffixed sample whose name holds other underscores, and only by a whole suffix', () => {
    const text = [
      '# TYPE http_request_seconds histogram',
      'http_request_seconds_bucket{le="+Inf"} 1',
      'http_request_seconds_count 1',
      '# TYPE h summary',
      'h1 2',
      'hsum 3',
      'h_sum_sum 4',
    ].join('\n');
    const got = parse(text);
    expect(got.http_request_seconds!.samples.map((s) => s.name)).toEqual([
      'http_request_seconds_bucket',
      'http_request_seconds_count',
    ]);
    expect(got.h!.samples).toEqual([]);
    expect(Object.keys(got).sort()).toEqual(['h', 'h1', 'h_sum_sum', 'hsum', 'http_request_seconds']);
  });

  it('a sample whose name is a family of its own stays there, even when it extends another', () => {
    const got = parse('# TYPE x histogram\n# TYPE x_sum gauge\nx_sum 1\nx_count 2');
    expect(got.x_sum!.samples).toEqual([{ name: 'x_sum', labels: {}, value: 1 }]);
    expect(got.x!.samples).toEqual([{ name: 'x_count', labels: {}, value: 2 }]);
  });

  it('reads special and exponent values', () => {
    const got = parse('a +Inf\nb Inf\nc -Inf\nd NaN\ne 1e+06\nf -1.5e-07\ng 0x10');
    expect(['a', 'b', 'c', 'e', 'f', 'g'].map((n) => got[n]!.samples[0]!.value)).toEqual([
      Infinity,
      Infinity,
      -Infinity,
      1e6,
      -1.5e-7,
      16,
    ]);
    expect(got.d!.samples[0]!.value).toBeNaN();
  });

  it('unescapes label values: \\\\, \\", \\n; keeps an unknown escape as written; allows \\r, U+2028, commas, braces', () => {
    const got = parse('m{a="x\\\\y",b="q\\"uote",c="l\\nf",d="t\\tab",e="cr\rls\u2028,{}",f=""} 1');
    expect(got.m!.samples[0]!.labels).toEqual({ a: 'x\\y', b: 'q"uote', c: 'l\nf', d: 't\\tab', e: 'cr\rls\u2028,{}', f: '' });
  });

  it('takes an empty label block, a trailing comma, and __proto__ or constructor as ordinary label names', () => {
    const got = parse('m{} 1\nn{a="1",} 2\np{__proto__="x",constructor="y"} 3');
    expect(got.m!.samples[0]!.labels).toEqual({});
    expect(got.n!.samples[0]!.labels).toEqual({ a: '1' });
    const labels = got.p!.samples[0]!.labels;
    expect(Object.keys(labels)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(labels, '__proto__')!.value).toBe('x');
    expect(labels.constructor).toBe('y');
  });

  it.each([
    ['no value', 'ok 1\nname_only', 'line 2: not a sample: "name_only"'],
    ['a bad timestamp', 'x 1 12.5', 'line 1: not a sample: "x 1 12.5"'],
    ['a bad name', '\n1x 1', 'line 2: not a sample: "1x 1"'],
    ['a bad value', 'x one', 'line 1: bad value "one"'],
    ['a bad label name', 'x{1a="v"} 1', 'line 1: bad label at "1a=\\"v\\"}"'],
    ['an unquoted label value', 'x{a=v} 1', 'line 1: bad label at "a=v}"'],
    ['an unterminated label value', 'x{a="v} 1', 'line 1: unterminated label value'],
    ['a duplicate label', 'x{a="1",a="2"} 1', 'line 1: duplicate label a'],
    ['a duplicate __proto__ label', 'x{__proto__="1",__proto__="2"} 1', 'line 1: duplicate label __proto__'],
    ['two labels without a comma between them', 'x{a="1"b="2"} 1', 'line 1: no comma after label a'],
  ])('throws on %s, naming the line', (_what, text, message) => {
    expect(() => parseExposition(text)).toThrow(new Error(message));
  });

  it('quotes at most 120 characters of a bad line', () => {
    const long = `bad line ${'z'.repeat(200)}`;
    expect(() => parseExposition(long)).toThrow(new Error(`line 1: not a sample: ${JSON.stringify(long.slice(0, 120))}`));
  });

  it('quotes at most 40 characters at a bad label', () => {
    const block = `{a="1",-${'q'.repeat(60)}="v"}`;
    expect(() => parseExposition(`x${block} 1`)).toThrow(new Error(`line 1: bad label at ${JSON.stringify(block.slice(7, 47))}`));
  });

  it('keeps a backslash that ends the label block as written', () => {
    // `x{a="\"} 1`: the escaped quote does not end the value, so it is unterminated
    expect(() => parseExposition('x{a="\\"} 1')).toThrow(new Error('line 1: unterminated label value'));
  });
});
