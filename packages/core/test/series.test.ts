import { Problems } from '../src/problems';
import { compileLookup } from '../src/lookup';
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

  it('gives make() the values shared by the series of one innermost Map: all but the last nested, kept once', () => {
    const problems = new Problems({ dropped: () => {}, overflow: () => {} });
    // c is closed, so the index nests c, a, b: b is the value each series keeps itself.
    const idx = new SeriesIndex('m', ['a', 'b', 'c'], 10, (values, shared) => ({ values, shared }), problems, {
      c: ['yes', 'no'],
    });
    const x1 = idx.get({ a: 'x', b: '1', c: 'yes' });
    const x2 = idx.get({ a: 'x', b: '2', c: 'yes' });
    const y1 = idx.get({ a: 'y', b: '1', c: 'yes' });
    const no = idx.get({ a: 'x', b: '1', c: 'no' });
    expect(x1.shared).toEqual({ values: ['x', '', 'yes'], own: 1 });
    expect(x2.shared).toBe(x1.shared);
    expect(y1.shared).toEqual({ values: ['y', '', 'yes'], own: 1 });
    expect(no.shared).toEqual({ values: ['x', '', 'no'], own: 1 });
    // Catalog order when nothing is closed: the last label is each series' own.
    const plain = new SeriesIndex('m', ['a', 'b'], 10, (values, shared) => ({ values, shared }), problems);
    expect(plain.get({ a: 'x', b: 'y' }).shared).toEqual({ values: ['x', ''], own: 1 });
    // One label: nothing to share.
    const one = new SeriesIndex('m', ['a'], 10, (values, shared) => ({ values, shared }), problems);
    expect(one.get({ a: 'x' })).toEqual({ values: ['x'], shared: undefined });
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

  it('a new label set bumps the version by one, so a removal after it never brings an earlier version back', () => {
    const { idx } = index(['a'], 10);
    idx.get({ a: 'x' });
    const v = idx.version;
    idx.get({ a: 'x' });
    expect(idx.version).toBe(v);
    idx.get({ a: 'y' });
    expect(idx.version).toBe(v + 1);
    // {x} became {y}: a reader caching per version must see a change.
    idx.remove({ a: 'x' });
    expect(idx.version).toBe(v + 2);
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

  it("takeAll(): every cell made, in creation order, to the first reader only; then that reader's increments", () => {
    const { idx } = index(['a', 'b'], 2);
    const x = idx.get({ a: '1', b: '1' });
    const y = idx.get({ a: '2', b: '1' });
    idx.get({ a: '1', b: '1' }); // existing: not listed again
    const overflow = idx.get({ a: '3', b: '3' }); // past the cap of 2
    const z = idx.get({ a: '9', b: '9' }); // the same overflow cell
    expect(z).toBe(overflow);
    const me = {};
    expect(idx.takeAll(me)).toEqual([x, y, overflow]);
    expect(idx.takeAll(me)).toBeNull(); // handed over once
    expect(idx.takeAll({})).toBeNull();
    expect(idx.takeAdded(me)).toEqual([]); // me's increments started at takeAll
  });

  it('takeAll(): the unlabelled cell is in the list; nothing after a removal, a clear or a first takeAdded', () => {
    const unlabelled = index([], 3).idx;
    expect(unlabelled.takeAll({})).toEqual(unlabelled.cells());
    expect(unlabelled.cells()).toHaveLength(1);

    const removed = index(['a'], 5).idx;
    removed.get({ a: '1' });
    removed.get({ a: '2' });
    removed.remove({ a: '1' });
    removed.get({ a: '3' });
    expect(removed.takeAll({})).toBeNull();

    const cleared = index(['a'], 5).idx;
    cleared.get({ a: '1' });
    cleared.clear();
    expect(cleared.takeAll({})).toBeNull();

    const taken = index(['a'], 5).idx;
    taken.get({ a: '1' });
    expect(taken.takeAdded({})).toBeNull();
    expect(taken.takeAll({})).toBeNull();
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

/** An index whose problems are captured with their details (a stand-in for Problems, same calls). */
function detailed(names: string[], max = 10, closed: Record<string, readonly string[]> = {}) {
  const reports: string[] = [];
  const removed: unknown[] = [];
  let cleared = 0;
  const problems = {
    dropped: (m: string, r: string, d?: unknown) => reports.push(`${m}:${r}:${String(d)}`),
    overflow: (m: string, limit: number) => reports.push(`${m}:overflow:${limit}`),
  } as unknown as Problems;
  const idx = new SeriesIndex('m', names, max, (values) => ({ values }), problems, closed, {
    removed: (c) => removed.push(c),
    cleared: () => cleared++,
  });
  /** The index's first nesting level (a private Map): intermediate levels must not outlive their series. */
  const root = () => (idx as unknown as { root: Map<string, Map<string, unknown>> }).root;
  return { idx, reports, removed, cleared: () => cleared, root };
}

describe('SeriesIndex details', () => {
  it('nests closed-set labels first: cells() walks them outermost', () => {
    const { idx } = detailed(['a', 'r'], 10, { r: ['ok', 'err'] });
    const x = idx.get({ a: '1', r: 'ok' });
    const y = idx.get({ a: '2', r: 'ok' });
    const z = idx.get({ a: '1', r: 'err' });
    // r outermost: ok -> {1, 2}, err -> {1}; in catalog order it would be 1 -> {ok, err}, 2 -> {ok}
    expect(idx.cells()).toEqual([x, y, z]);
    expect(idx.get({ a: '1', r: 'err' })).toBe(z);
    expect(z.values).toEqual(['1', 'err']);
    expect(idx.remove({ a: '2', r: 'ok' })).toBe(true);
    expect(idx.cells()).toEqual([x, z]);
  });

  it('keeps catalog order when no label has a closed set', () => {
    const { idx } = detailed(['a', 'b']);
    const x = idx.get({ a: '1', b: 'p' });
    const y = idx.get({ a: '2', b: 'p' });
    const z = idx.get({ a: '1', b: 'q' });
    expect(idx.cells()).toEqual([x, z, y]);
  });

  it('nests closed-first even when a label keeps its place (b closed in a, b, c: b, a, c), so swapped values stay apart', () => {
    // c sits third in both orders. Were the index to store catalog order (a, b, c) while its
    // compiled lookup reads b, a, c, {a: x, b: y} and {a: y, b: x} would meet in one cell.
    const { idx } = detailed(['a', 'b', 'c'], 10, { b: ['x', 'y'] });
    const first = idx.get({ a: 'x', b: 'y', c: 'z' });
    const swapped = idx.get({ a: 'y', b: 'x', c: 'z' });
    expect(first.values).toEqual(['x', 'y', 'z']);
    expect(swapped).not.toBe(first);
    expect(swapped.values).toEqual(['y', 'x', 'z']);
    expect(idx.size).toBe(2);
  });

  it('a hit reads each label once (the compiled lookup); a miss reads them again on the slow path', () => {
    const { idx } = detailed(['a', 'b']);
    const reads: string[] = [];
    const counting = (a: string, b: string) => ({
      get a() {
        reads.push('a');
        return a;
      },
      get b() {
        reads.push('b');
        return b;
      },
    });
    const c = idx.get(counting('1', '2'));
    expect(reads).toEqual(['a', 'a', 'b']); // hot path stops at the first miss (a), slow reads a and b
    reads.length = 0;
    expect(idx.get(counting('1', '2'))).toBe(c);
    expect(reads).toEqual(['a', 'b']);
  });

  it('counts a labels object that throws when read as missing labels, naming the error', () => {
    const { idx, reports } = detailed(['a']);
    const throwing = {
      get a(): string {
        throw new Error('boom');
      },
    };
    expect(idx.get(throwing).values).toEqual(['']);
    expect(reports).toEqual(['m:label_missing:the labels object threw when read: boom']);
    reports.length = 0;
    const throwsString = {
      get a(): string {
        throw 'plain'; // eslint-disable-line @typescript-eslint/only-throw-error
      },
    };
    idx.get(throwsString);
    expect(reports).toEqual(['m:label_missing:the labels object threw when read: plain']);
    reports.length = 0;
    const unprintable = Object.create(null) as object; // String() of it throws
    const throwsUnprintable = {
      get a(): string {
        throw unprintable; // eslint-disable-line @typescript-eslint/only-throw-error
      },
    };
    idx.get(throwsUnprintable);
    expect(reports).toEqual(['m:label_missing:the labels object threw when read: an unprintable value']);
  });

  it('treats null and primitive label arguments as no labels at all (missing, never unknown)', () => {
    const { idx, reports } = detailed(['a', 'length']);
    expect(idx.get(null).values).toEqual(['', '']);
    expect(reports).toEqual(['m:label_missing:a, length']);
    reports.length = 0;
    expect(idx.get('xyz').values).toEqual(['', '']); // not read as {length: 3, 0: 'x', ...}
    expect(reports).toEqual(['m:label_missing:a, length']);
    reports.length = 0;
    expect(idx.get({ a: null, length: '1' }).values).toEqual(['', '1']);
    expect(reports).toEqual(['m:label_missing:a']);
  });

  it('accepts "" in a closed set silently; names an unknown value, shortening it past 40 characters', () => {
    const { idx, reports } = detailed(['a', 'c'], 10, { c: ['yes', 'no'] });
    expect(idx.get({ a: 'x', c: '' }).values).toEqual(['x', '']);
    expect(reports).toEqual([]);
    const forty = 'v'.repeat(40);
    idx.get({ a: 'x', c: forty });
    idx.get({ a: 'x', c: `${forty}w` });
    expect(reports).toEqual([`m:label_value_unknown:c="${forty}"`, `m:label_value_unknown:c="${forty}…"`]);
    reports.length = 0;
    idx.get({ a: 'x', c: 'no', d: 1, e: 2 });
    expect(reports).toEqual(['m:label_unknown:d', 'm:label_unknown:e']);
  });

  it('overflows at the cap without building a level for the new prefix (memory stays flat)', () => {
    const { idx, reports, root } = detailed(['a', 'b'], 2);
    const kept = [idx.get({ a: '1', b: '1' }), idx.get({ a: '2', b: '1' })];
    const o = idx.get({ a: '3', b: '1' });
    expect(o.values).toBeNull();
    expect(reports).toEqual(['m:overflow:2']);
    expect([...root().keys()]).toEqual(['1', '2']);
    // an existing prefix: the leaf check overflows too
    expect(idx.get({ a: '1', b: '2' })).toBe(o);
    expect([...root().get('1')!.keys()]).toEqual(['1']);
    expect(idx.size).toBe(2);
    expect(idx.cells()).toEqual([...kept, o]);
  });

  it('a cap of 3 takes exactly 3 label sets', () => {
    const { idx } = detailed(['a'], 3);
    expect(['1', '2', '3'].map((a) => idx.get({ a }).values)).toEqual([['1'], ['2'], ['3']]);
    expect(idx.get({ a: '4' }).values).toBeNull();
  });

  it('remove() drops emptied levels, tells the hook, bumps the version; unlabelled and unknown sets are not removed', () => {
    const { idx, removed, root } = detailed(['a', 'b', 'c'], 10);
    const x = idx.get({ a: '1', b: '1', c: '1' });
    const y = idx.get({ a: '1', b: '2', c: '1' });
    const v = idx.version;
    expect(idx.remove({ a: '1', b: '2', c: '2' })).toBe(false);
    expect(idx.remove({ a: '9', b: '2', c: '1' })).toBe(false);
    expect(idx.remove({ a: '1', b: '9', c: '1' })).toBe(false);
    expect(idx.version).toBe(v);
    expect(removed).toEqual([]);
    expect(idx.remove({ a: '1', b: '2', c: '1' })).toBe(true);
    expect(idx.version).toBe(v + 1);
    expect(removed).toEqual([y]);
    expect([...root().get('1')!.keys()]).toEqual(['1']);
    expect(idx.remove({ a: '1', b: '1', c: '1' })).toBe(true);
    expect(root().size).toBe(0);
    expect(removed).toEqual([y, x]);
    expect(idx.size).toBe(0);
    const single = detailed([]);
    const cell = single.idx.get(undefined);
    expect(single.idx.remove(undefined)).toBe(false);
    expect(single.idx.remove({})).toBe(false);
    expect(single.idx.cells()).toEqual([cell]);
  });

  it('remove() keeps a level still holding other series', () => {
    const { idx, root } = detailed(['a', 'b'], 10);
    idx.get({ a: '1', b: '1' });
    idx.get({ a: '1', b: '2' });
    idx.get({ a: '2', b: '1' });
    idx.remove({ a: '1', b: '1' });
    expect([...root().keys()]).toEqual(['1', '2']);
    idx.remove({ a: '2', b: '1' });
    expect([...root().keys()]).toEqual(['1']);
  });

  it('clear() drops the overflow cell too, tells the hook and bumps the version', () => {
    const { idx, cleared } = detailed(['a'], 1);
    idx.get({ a: '1' });
    const o = idx.get({ a: '2' });
    expect(idx.cells()).toEqual([{ values: ['1'] }, o]);
    const v = idx.version;
    idx.clear();
    expect(idx.version).toBe(v + 1);
    expect(cleared()).toBe(1);
    expect(idx.cells()).toEqual([]);
    expect(idx.get({ a: '3' }).values).toEqual(['3']);
    expect(idx.size).toBe(1);
  });

  it('overflowed() makes the overflow cell once, without counting, and bumps the version', () => {
    const { idx, reports } = detailed(['a'], 5);
    const v = idx.version;
    const o = idx.overflowed();
    expect(o.values).toBeNull();
    expect(idx.version).toBe(v + 1);
    expect(idx.overflowed()).toBe(o);
    expect(idx.version).toBe(v + 1);
    expect(reports).toEqual([]);
    expect(idx.size).toBe(0);
  });

  it('an unlabelled index counts stray labels on each call but never on a plain call', () => {
    const { idx, reports } = detailed([]);
    const [made] = idx.cells(); // there from creation, before any call
    expect(made).toEqual({ values: [] });
    const c = idx.get(undefined);
    expect(c).toBe(made);
    expect(idx.size).toBe(1);
    expect(idx.get(null)).toBe(c);
    expect(idx.get({})).toBe(c);
    expect(reports).toEqual([]);
    expect(idx.get({ x: 1 })).toBe(c);
    expect(idx.get({ x: 1 })).toBe(c);
    expect(reports).toEqual(['m:label_unknown:x', 'm:label_unknown:x']);
    expect(idx.cells()).toEqual([c]);
  });

  it('cellsInSteps() over one label and over none', () => {
    const one = detailed(['a'], 10).idx;
    const cells = ['1', '2', '3'].map((a) => one.get({ a }));
    const g = one.cellsInSteps(2);
    expect(g.next()).toEqual({ done: false, value: undefined });
    expect(g.next()).toEqual({ done: true, value: cells });
    const none = detailed([]).idx;
    const c = none.get(undefined);
    expect(none.cellsInSteps(1).next()).toEqual({ done: true, value: [c] });
  });
});

describe('compileLookup', () => {
  const tree = () => new Map<string, unknown>([['x', new Map([['y', 'cell-xy']])]]);

  it('walks one Map per label name, in the given order, and takes `slow` on any miss', () => {
    const misses: unknown[] = [];
    const lookup = compileLookup<string>(['a', 'b'], tree(), (l) => {
      misses.push(l);
      return 'slow';
    });
    expect(lookup({ a: 'x', b: 'y' })).toBe('cell-xy');
    expect(lookup({ b: 'y', a: 'x' })).toBe('cell-xy');
    expect(misses).toEqual([]);
    const partial = { a: 'x', b: 'z' };
    expect(lookup(partial)).toBe('slow');
    expect(lookup({ a: 'q', b: 'y' })).toBe('slow');
    expect(lookup(null)).toBe('slow');
    expect(lookup(undefined)).toBe('slow');
    expect(misses).toEqual([partial, { a: 'q', b: 'y' }, null, undefined]);
  });

  it('hands a labels object whose getter throws to `slow` instead of throwing', () => {
    const throwing = {
      get a(): string {
        throw new Error('boom');
      },
    };
    const lookup = compileLookup<string>(['a'], new Map([['x', 'cell']]), () => 'slow');
    expect(lookup(throwing)).toBe('slow');
    expect(lookup({ a: 'x' })).toBe('cell');
  });

  it.each(['a', '_', 'A1', 'grpc_method', 'Z_9'])('accepts the identifier %p', (name) => {
    expect(compileLookup<string>([name], new Map([['v', 'cell']]), () => 'slow')({ [name]: 'v' })).toBe('cell');
  });

  it.each(['', '1a', 'a-b', '-a', 'a-', 'a b', 'a.b', 'a;b', 'é', 'a\nb'])('refuses %p, which is not an identifier', (name) => {
    expect(() => compileLookup<string>(['ok', name], new Map(), () => 'slow')).toThrow(
      `teleport-otel: label name ${JSON.stringify(name)} is not an identifier`
    );
  });
});
