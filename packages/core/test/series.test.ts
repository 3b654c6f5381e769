import { Problems } from '../src/problems';
import { SeriesIndex } from '../src/series';

function index(names: string[], max = 3) {
  const dropped: string[] = [];
  const overflowed: string[] = [];
  const problems = new Problems({ dropped: (m, r) => dropped.push(`${m}:${r}`), overflow: (m) => overflowed.push(m) });
  let made = 0;
  const idx = new SeriesIndex('m', names, max, (values) => ({ id: made++, values }), problems);
  return { idx, dropped, overflowed };
}

describe('SeriesIndex', () => {
  it('returns the same cell for equal label values, whatever the key order or object identity', () => {
    const { idx } = index(['a', 'b']);
    const c = idx.get({ a: 'x', b: 'y' });
    expect(idx.get({ b: 'y', a: 'x' })).toBe(c);
    expect(idx.get({ a: 'x', b: 'z' })).not.toBe(c);
    expect(c.values).toEqual(['x', 'y']);
    expect(idx.size).toBe(2);
  });

  it('coerces odd values into canonical ones (counted) without inserting the raw key', () => {
    const { idx, dropped } = index(['a', 'b'], 10);
    const c = idx.get({ a: 5, b: true });
    expect(c.values).toEqual(['5', 'true']);
    expect(idx.get({ a: '5', b: 'true' })).toBe(c);
    expect(idx.get({ a: 'x' }).values).toEqual(['x', '']);
    expect(idx.get(undefined).values).toEqual(['', '']);
    expect(idx.get({ a: 'x', b: 'y', c: 'extra' }).values).toEqual(['x', 'y']);
    expect(dropped).toEqual(expect.arrayContaining(['m:label_not_string', 'm:label_missing', 'm:label_unknown']));
  });

  it('counts several missing labels once per call, and a value outside a closed set as label_value_unknown', () => {
    const dropped: string[] = [];
    const problems = new Problems({ dropped: (m, r) => dropped.push(`${m}:${r}`), overflow: () => {} });
    const idx = new SeriesIndex('m', ['a', 'b', 'c'], 10, (values) => ({ values }), problems, { c: ['yes', 'no'] });
    expect(idx.get({ a: 'x' }).values).toEqual(['x', '', '']);
    expect(dropped).toEqual(['m:label_missing']);
    dropped.length = 0;
    const maybe = idx.get({ a: 'x', b: 'y', c: 'maybe' });
    expect(maybe.values).toEqual(['x', 'y', '']);
    expect(idx.get({ a: 'x', b: 'y', c: 'maybe' })).toBe(maybe);
    expect(dropped).toEqual(['m:label_value_unknown', 'm:label_value_unknown']);
    dropped.length = 0;
    expect(idx.get({ a: 'x', b: 'y', c: 'no' }).values).toEqual(['x', 'y', 'no']);
    expect(dropped).toEqual([]);
  });

  it('caps label sets over the lifetime: new sets fold into one overflow cell, counted per measurement', () => {
    const { idx, overflowed } = index(['a'], 3);
    const kept = ['1', '2', '3'].map((a) => idx.get({ a }));
    const o1 = idx.get({ a: '4' });
    const o2 = idx.get({ a: '5' });
    expect(o1).toBe(o2);
    expect(o1.values).toBeNull();
    expect(idx.get({ a: '2' })).toBe(kept[1]);
    expect(idx.size).toBe(3);
    expect(overflowed).toEqual(['m', 'm']);
    expect([...idx.cells()]).toEqual([...kept, o1]);
  });

  it('remove() frees a label set (room for a new one) and clear() drops all, bumping the version', () => {
    const { idx } = index(['a', 'b'], 2);
    idx.get({ a: 'x', b: '1' });
    idx.get({ a: 'x', b: '2' });
    const v = idx.version;
    expect(idx.remove({ a: 'x', b: '1' })).toBe(true);
    expect(idx.remove({ a: 'x', b: '1' })).toBe(false);
    expect(idx.version).toBeGreaterThan(v);
    expect(idx.get({ a: 'y', b: '3' }).values).toEqual(['y', '3']);
    idx.clear();
    expect(idx.size).toBe(0);
    expect([...idx.cells()]).toEqual([]);
  });

  it('keeps one cell for an unlabelled metric from creation, and counts stray labels', () => {
    const { idx, dropped } = index([]);
    const c = idx.get(undefined);
    expect([...idx.cells()]).toEqual([c]);
    expect(dropped).toEqual([]);
    expect(idx.get({ stray: 'x' })).toBe(c);
    expect(dropped).toEqual(['m:label_unknown']);
    idx.clear();
    expect([...idx.cells()]).toEqual([c]);
  });

  it('takeAdded(): null first (nothing kept before), then the cells created since; null after a removal or another reader', () => {
    const { idx } = index(['a', 'b'], 3);
    const x = idx.get({ a: '1', b: '1' });
    const me = {};
    const takeAdded = () => idx.takeAdded(me);
    expect(takeAdded()).toBeNull();
    expect(takeAdded()).toEqual([]);
    const y = idx.get({ a: '2', b: '1' });
    idx.get({ a: '1', b: '1' }); // existing: not added again
    const z = idx.get({ a: '2', b: '2' });
    expect(takeAdded()).toEqual([y, z]);
    const overflow = idx.get({ a: '3', b: '3' }); // past the cap of 3
    expect(overflow.values).toBeNull();
    expect(takeAdded()).toEqual([overflow]);
    idx.remove({ a: '2', b: '1' });
    idx.get({ a: '4', b: '4' });
    expect(takeAdded()).toBeNull();
    idx.clear();
    expect(takeAdded()).toBeNull();
    expect(takeAdded()).toEqual([]);
    idx.get({ a: '5', b: '5' });
    expect(idx.takeAdded({})).toBeNull(); // another reader: no increment to hand it
    expect(takeAdded()).toBeNull(); // nor back to the first one
    expect(x.values).toEqual(['1', '1']);
  });

  it('cellsInSteps() lists what cells() lists, stopping every `step` cells', () => {
    const { idx } = index(['a', 'b'], 100);
    for (let i = 0; i < 10; i++) for (let j = 0; j < 5; j++) idx.get({ a: String(i), b: String(j) });
    idx.overflowed();
    const g = idx.cellsInSteps(7);
    let stops = 0;
    let r = g.next();
    for (; !r.done; r = g.next()) stops++;
    expect(stops).toBe(Math.floor(50 / 7));
    expect(r.value).toEqual(idx.cells());
    expect(r.value.length).toBe(51);
  });
});
