/**
 * The lifetime series cap on a family with two labels, on the index itself with a small cap: past
 * the cap, a new value of the FIRST label must not create an intermediate level (one Map per
 * first-label value) either, or each refused set leaks a Map. The same property as
 * diag's explosion-multi-label.test.ts (300k sets through a real provider and scrape), in a
 * fraction of a second, so `npm run mutate` can run it for every mutant of the index.
 */
import { heapMiB } from '../../../test-support/heap';
import { Problems } from '../src/problems';
import { SeriesIndex } from '../src/series';

const CAP = 10;
const SETS = 100_000;
/** Nothing is kept past the cap; one leaked empty Map (plus its key) per refused set is ~+25 MiB at 100k. */
const BOUND_MIB = 8;

it(`${SETS.toLocaleString('en')} sets varying the first of 2 labels past a cap of ${CAP}: no new series, flat heap`, () => {
  let overflows = 0;
  const problems = new Problems({ dropped: () => {}, overflow: () => overflows++ });
  const idx = new SeriesIndex('m', ['a', 'b'], CAP, (values) => ({ values }), problems);
  for (let i = 0; i < CAP; i++) idx.get({ a: `a-${i}`, b: 'fixed' });
  expect(idx.size).toBe(CAP);
  const before = heapMiB();
  for (let i = CAP; i < CAP + SETS; i++) idx.get({ a: `a-${i}`, b: 'fixed' });
  const after = heapMiB();
  expect(idx.size).toBe(CAP);
  expect(overflows).toBe(SETS);
  expect(idx.cells()).toHaveLength(CAP + 1); // the kept sets and the overflow cell
  expect(after - before).toBeLessThan(BOUND_MIB);
});
