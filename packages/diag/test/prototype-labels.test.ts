/**
 * Names of Object.prototype members as label values and label keys (docs/security.md, note 3:
 * "keys such as `__proto__` or `constructor` are ordinary values"): recorded as their own series,
 * rendered as written (read back by Prometheus's own text parser, and by ours, which `check`
 * uses), an unknown key of that name dropped and counted like any other, and nothing reaches
 * Object.prototype. Fast path (a catalog counter) and SDK path (an ad-hoc instrument).
 */
import { catalog, self } from '@teleport-otel/catalog';
import { createInstruments, type Counter } from '@teleport-otel/core';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import { prometheusFamilies } from '../../../test-support/expfmt-parse';
import { requireGo } from '../../../test-support/go';

const { go, skip } = requireGo();
const d = skip ? describe.skip : describe;

const NAMES = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__'];

/** A counter with one open label (no closed set, no const labels). */
const entry = catalog.find(
  (e) => e.instrument === 'counter' && !e.observed && e.labels.length === 1 && !e.values && !e.constLabels
)!;
const label = entry.labels[0]!;
const [metricLabel, reasonLabel] = self.droppedMeasurements.labels;

const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  expect({}.constructor).toBe(Object);
});

/** Per family, per sample name, `label value -> value`, as a parser read the text. */
function seriesOf(
  families: ReadonlyMap<
    string,
    { samples: readonly { name: string; labels: Readonly<Record<string, string>>; value: number }[] }
  >,
  name: string,
  key: string
) {
  const out: [string, number][] = (families.get(name)?.samples ?? []).map((s) => [s.labels[key]!, s.value]);
  return out.sort(([a], [b]) => (a < b ? -1 : 1));
}

d('Object.prototype member names in labels', () => {
  it('as label values: each is its own series, rendered as written, nothing dropped', async () => {
    const diag = createDiagMeterProvider();
    const { c } = createInstruments({ c: entry }, { meterProvider: diag.meterProvider }) as unknown as { c: Counter };
    NAMES.forEach((n, i) => c.add(i + 1, { [label]: n } as never));
    c.add(10, { [label]: '__proto__' } as never);
    const text = await diag.render();
    await diag.shutdown();

    const want = NAMES.map((n, i) => [n, i + 1 + (n === '__proto__' ? 10 : 0)] as [string, number]).sort(([a], [b]) =>
      a < b ? -1 : 1
    );
    const theirs = prometheusFamilies(text, go);
    expect(seriesOf(theirs, entry.name, label)).toEqual(want);
    expect(seriesOf(parseExposition(text), entry.name, label)).toEqual(want);
    expect(theirs.get(self.droppedMeasurements.name)?.samples.filter((s) => s.labels[metricLabel!] === entry.name) ?? []).toEqual(
      []
    );
  });

  it('as label keys the catalog does not have: recorded under the real label, each unknown key dropped and counted once', async () => {
    const diag = createDiagMeterProvider();
    const { c } = createInstruments({ c: entry }, { meterProvider: diag.meterProvider }) as unknown as { c: Counter };
    // Own properties named like prototype members (JSON.parse makes `__proto__` an own key, and
    // its object value is what a pollution attempt would carry).
    c.add(1, JSON.parse(`{"${label}":"a","__proto__":{"polluted":"yes"}}`) as never);
    c.add(2, { [label]: 'b', constructor: 'x' } as never);
    c.add(3, { [label]: 'c', hasOwnProperty: 'x' } as never);
    const text = await diag.render();
    await diag.shutdown();

    const theirs = prometheusFamilies(text, go);
    expect(seriesOf(theirs, entry.name, label)).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    const drops = theirs
      .get(self.droppedMeasurements.name)!
      .samples.filter((s) => s.labels[metricLabel!] === entry.name)
      .map((s) => [s.labels[reasonLabel!], s.value]);
    expect(drops).toEqual([['label_unknown', 3]]);
  });

  it('as attribute keys and values of an ad-hoc SDK instrument: rendered as written and read back by both parsers', async () => {
    const diag = createDiagMeterProvider();
    const counter = diag.meterProvider.getMeter('prototype-labels').createCounter('test_prototype_labels');
    const attributes = JSON.parse('{"__proto__":"p","constructor":"constructor","hasOwnProperty":"__proto__"}') as Record<
      string,
      string
    >;
    counter.add(5, attributes);
    const text = await diag.render();
    await diag.shutdown();

    const read = (
      families: ReadonlyMap<string, { samples: readonly { labels: Readonly<Record<string, string>>; value: number }[] }>
    ) => {
      const s = [...families.values()].flatMap((f) => f.samples).find((x) => Object.hasOwn(x.labels, 'hasOwnProperty'));
      return (
        s && {
          labels: Object.entries(s.labels)
            .filter(([k]) => NAMES.includes(k))
            .sort(),
          value: s.value,
        }
      );
    };
    const want = {
      labels: [
        ['__proto__', 'p'],
        ['constructor', 'constructor'],
        ['hasOwnProperty', '__proto__'],
      ],
      value: 5,
    };
    expect(read(prometheusFamilies(text, go))).toEqual(want);
    expect(read(parseExposition(text))).toEqual(want);
  });
});
