/**
 * The order of a family's series as it is kept across renders (series-order.ts): after series
 * are added in many orders and batches, between renders, during a render and while two renders
 * are suspended at once, the exposition lists every series exactly once, sorted as client_golang
 * sorts them. The expectation is computed independently here: label values compared as UTF-8
 * bytes (Buffer.compare) in label-name order.
 */
import { proxyPeer } from '@teleport-otel/catalog';
import { createInstruments, type Family } from '@teleport-otel/core';
import { createDiagMeterProvider, parseExposition, type DiagMeterProvider } from '@teleport-otel/diag';
import { renderRegistry } from '../src/exposition/render-registry';

/** Three free-text labels whose sorted names (code, method, service) are not their catalog order (profile `latest`). */
const entry = proxyPeer.clientRpcTotal;
const names = [...entry.labels];
const sortedNames = [...names].sort();

type Labels = Record<string, string>;

/** A seeded PRNG (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values that order differently as UTF-16 units and as UTF-8 bytes, plus prefixes and plain ASCII. */
const ALPHABET = ['a', 'b', 'B', 'z', '0', '_', '\u00e9', '\ufb01', '\uffee', '\ud83d\ude00', '\u{10000}'];

function labelSet(rnd: () => number, i: number): Labels {
  const pick = () => ALPHABET[Math.floor(rnd() * ALPHABET.length)]!;
  const l: Labels = {};
  for (const n of names) l[n] = `${pick()}${pick()}`;
  l[names[1]!] += String(i); // distinct sets
  return l;
}

function key(l: Labels): string {
  return sortedNames.map((n) => `${n}=${l[n]}`).join('\u0000');
}

function expectedOrder(sets: readonly Labels[]): string[] {
  const compare = (a: Labels, b: Labels) => {
    for (const n of sortedNames) {
      const c = Buffer.compare(Buffer.from(a[n]!, 'utf8'), Buffer.from(b[n]!, 'utf8'));
      if (c !== 0) return c;
    }
    return 0;
  };
  return [...sets].sort(compare).map(key);
}

function exposedOrder(text: string): string[] {
  const f = parseExposition(text).get(entry.name);
  return (f?.samples ?? []).map((s) => key(s.labels as Labels));
}

function setup(): { diag: DiagMeterProvider; add: (l: Labels) => void; remove: (l: Labels) => void; family: () => Family } {
  const diag = createDiagMeterProvider({ maxSeries: 100_000 });
  const { c } = createInstruments({ c: entry }, { meterProvider: diag.meterProvider, profile: 'latest' });
  return {
    diag,
    add: (l) => c.add(1, l as never),
    remove: (l) => c.remove(l as never),
    family: () => diag.registry.collect().find((f) => f.entry.name === entry.name)!,
  };
}

/** Runs a render generator to its end, joined. */
function finish(g: Generator<string>, head = ''): string {
  let text = head;
  for (const chunk of g) text += chunk;
  return text;
}

describe('series order across renders', () => {
  it.each([1, 2, 3])('adds in random batches between renders keep the exposition sorted (seed %p)', async (seed) => {
    const rnd = random(seed);
    const { diag, add } = setup();
    const live: Labels[] = [];
    let next = 0;
    // Batches from 1 series to several thousand: merged one by one, in bulk, and past the sort's run size.
    for (const batch of [1, 700, 1, 3, 5_000, 2, 1, 2_500, 40, 1]) {
      for (let i = 0; i < batch; i++) {
        const l = labelSet(rnd, next++);
        add(l);
        live.push(l);
      }
      expect(exposedOrder(await diag.render())).toEqual(expectedOrder(live));
    }
    await diag.shutdown();
  });

  it('removals and re-adds between renders rebuild the order', async () => {
    const rnd = random(7);
    const { diag, add, remove } = setup();
    let live: Labels[] = Array.from({ length: 3_000 }, (_, i) => labelSet(rnd, i));
    live.forEach(add);
    await diag.render();
    const gone = live.filter((_, i) => i % 3 === 0);
    gone.forEach(remove);
    live = live.filter((_, i) => i % 3 !== 0);
    expect(exposedOrder(await diag.render())).toEqual(expectedOrder(live));
    gone.slice(0, 100).forEach(add);
    live.push(...gone.slice(0, 100));
    expect(exposedOrder(await diag.render())).toEqual(expectedOrder(live));
    await diag.shutdown();
  });

  it('series added while a render is suspended show from the next render on, never twice', async () => {
    const rnd = random(11);
    const { diag, add, family } = setup();
    const before = Array.from({ length: 6_000 }, (_, i) => labelSet(rnd, i));
    before.forEach(add);
    // The first render lists and sorts in steps: add series at every step of it.
    const during: Labels[] = [];
    const g = renderRegistry([family()]);
    let text = '';
    let steps = 0;
    for (let r = g.next(); !r.done; r = g.next()) {
      text += r.value;
      if (steps++ % 3 === 0) {
        const l = labelSet(rnd, 10_000 + during.length);
        add(l);
        during.push(l);
      }
    }
    expect(during.length).toBeGreaterThan(5);
    const first = exposedOrder(text);
    // Sorted, each series once, every series from before the render; of those added during it, some.
    const shown = new Set(first);
    expect(shown.size).toBe(first.length);
    expect(first).toEqual(expectedOrder([...before, ...during].filter((l) => shown.has(key(l)))));
    for (const l of before) expect(shown.has(key(l))).toBe(true);
    // The next render has every series exactly once.
    expect(exposedOrder(await diag.render())).toEqual(expectedOrder([...before, ...during]));
    await diag.shutdown();
  });

  it('two renders suspended at once, with series added between their steps, both stay consistent', async () => {
    const rnd = random(23);
    const { diag, add, family } = setup();
    const live = Array.from({ length: 4_000 }, (_, i) => labelSet(rnd, i));
    live.forEach(add);
    await diag.render();
    let n = 10_000;
    const more = (count: number) => {
      for (let i = 0; i < count; i++) {
        const l = labelSet(rnd, n++);
        add(l);
        live.push(l);
      }
    };
    more(3_000); // enough to merge in steps
    const a = renderRegistry([family()]);
    const aFirst = a.next(); // A has taken the new series and is merging them
    more(50);
    const b = renderRegistry([family()]);
    const bText = finish(b); // B takes the 50 as well, finishes and commits
    more(7);
    const aText = finish(a, aFirst.done ? '' : aFirst.value);
    const full = expectedOrder(live);
    const withoutLast7 = expectedOrder(live.slice(0, -7));
    const without57 = expectedOrder(live.slice(0, -57));
    expect(exposedOrder(bText)).toEqual(withoutLast7);
    expect(exposedOrder(aText)).toEqual(without57);
    expect(exposedOrder(await diag.render())).toEqual(full);
    await diag.shutdown();
  });
});
