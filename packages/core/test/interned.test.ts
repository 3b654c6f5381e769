/**
 * interned(): the same string back, kept where V8's scavenger does not copy it; and the series
 * index keeps label values that way (cells and Map keys), not the caller's fresh strings. Where a
 * string lives is asked of V8 itself: the second half runs the built package in a child process
 * with V8's test natives (--allow-natives-syntax, %InYoungGeneration).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { interned } from '../src/interned';

const dist = (file: string): string => JSON.stringify(join(__dirname, '..', 'dist', file));

/** Runs in the child: each string the index keeps, and whether it is in the young generation. */
const script = `
const { interned } = require(${dist('interned.js')});
const { SeriesIndex } = require(${dist('series.js')});
const { ScalarCell } = require(${dist('cells.js')});
const { Problems } = require(${dist('problems.js')});
const young = (s) => %InYoungGeneration(s);
// Fresh strings, built at run time as a caller's usually are (young until a scavenge).
const fresh = (prefix) => [prefix, Math.random().toString(36).slice(2)].join('-');
const problems = new Problems({ dropped() {}, overflow() {} });
const out = {};
const a = fresh('a');
out.fresh = young(a);
out.internedCopy = young(interned(a));
// Three labels, 'result' closed so it nests first: intermediate Maps, a leaf Map, SharedLabels.
const idx = new SeriesIndex('m', ['op', 'peer', 'result'], 10, (v, shared) => new ScalarCell(v, shared), problems, {
  result: ['ok', 'error'],
});
const labels = { op: fresh('op'), peer: fresh('peer'), result: ['o', 'k'].join('') };
out.given = Object.values(labels).map(young);
const cell = idx.get(labels);
out.cellLabels = [0, 1, 2].map((i) => young(cell.label(i)));
const keys = [];
const walk = (level) => { for (const [k, v] of level) { keys.push(young(k)); if (v instanceof Map) walk(v); } };
walk(idx.root);
out.mapKeys = keys;
out.sameValues = cell.values.join() === [labels.op, labels.peer, labels.result].join();
console.log(JSON.stringify(out));
`;

describe('interned', () => {
  it('returns an equal string for any value, those that mean something to objects included', () => {
    const values = ['', 'x', 'op-12345', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype'];
    values.push('0', '42', '4294967294', '4294967295', '-1', '1.5', '1e3', 'héllo ☃', '\u{1F600}', 'a'.repeat(10_000));
    for (const v of values) expect(interned(v)).toBe(v);
  });

  it("keeps the copy out of the young generation, and the series index keeps that copy, not the caller's string", () => {
    const r = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      fresh: true,
      internedCopy: false,
      given: [true, true, true],
      cellLabels: [false, false, false],
      mapKeys: [false, false, false],
      sameValues: true,
    });
  });
});
