'use strict';
/*
 * Recording cases. Each tinybench iteration runs OPS calls and the result is divided by OPS, so
 * tinybench's per-iteration overhead (~30+ ns) does not swamp a ~2 ns call. Every loop cycles
 * label objects (i & MASK) and values (i & V) in the same pattern for all three libraries, so the
 * JIT cannot hoist the lookup or fold the arithmetic. Each (case, library) pair has its own loop
 * literal: sharing one loop would make its call sites polymorphic and slow everybody down.
 */
const { Bench } = require('tinybench');
const { OPS, MASK, VALUES, counterValues: cv, latencyValues: lv, gaugeValues: gv } = require('./data');

const V = VALUES - 1;

const CASES = [
  'counter add no labels',
  'counter add 2 labels',
  'histogram record 1 label',
  'gauge set',
  'bound counter add',
  'bound histogram record',
];

/** The six loops for teleport-otel's fast path. */
function teleportLoops(m, L) {
  const boundCounters = L.counter2.map((l) => m.counter2.bind(l));
  const boundHistograms = L.hist1.map((l) => m.hist1.bind(l));
  return {
    'counter add no labels': () => {
      const c = m.counter0;
      for (let i = 0; i < OPS; i++) c.add(cv[i & V]);
    },
    'counter add 2 labels': () => {
      const c = m.counter2;
      const ls = L.counter2;
      for (let i = 0; i < OPS; i++) c.add(cv[i & V], ls[i & MASK]);
    },
    'histogram record 1 label': () => {
      const h = m.hist1;
      const ls = L.hist1;
      for (let i = 0; i < OPS; i++) h.record(lv[i & V], ls[i & MASK]);
    },
    'gauge set': () => {
      const g = m.gauge1;
      const ls = L.gauge1;
      for (let i = 0; i < OPS; i++) g.set(gv[i & V], ls[i & MASK]);
    },
    'bound counter add': () => {
      const b = boundCounters;
      for (let i = 0; i < OPS; i++) b[i & MASK].add(cv[i & V]);
    },
    'bound histogram record': () => {
      const b = boundHistograms;
      for (let i = 0; i < OPS; i++) b[i & MASK].record(lv[i & V]);
    },
  };
}

/** Raw sdk-metrics. It has no bound instruments: the "bound" cases pass the same attribute objects. */
function otelLoops(m, L) {
  return {
    'counter add no labels': () => {
      const c = m.counter0;
      for (let i = 0; i < OPS; i++) c.add(cv[i & V]);
    },
    'counter add 2 labels': () => {
      const c = m.counter2;
      const ls = L.counter2;
      for (let i = 0; i < OPS; i++) c.add(cv[i & V], ls[i & MASK]);
    },
    'histogram record 1 label': () => {
      const h = m.hist1;
      const ls = L.hist1;
      for (let i = 0; i < OPS; i++) h.record(lv[i & V], ls[i & MASK]);
    },
    'gauge set': () => {
      const g = m.gauge1;
      const ls = L.gauge1;
      for (let i = 0; i < OPS; i++) g.record(gv[i & V], ls[i & MASK]);
    },
    'bound counter add': () => {
      const c = m.counter2;
      const ls = L.counter2;
      for (let i = 0; i < OPS; i++) c.add(cv[i & V], ls[i & MASK]);
    },
    'bound histogram record': () => {
      const h = m.hist1;
      const ls = L.hist1;
      for (let i = 0; i < OPS; i++) h.record(lv[i & V], ls[i & MASK]);
    },
  };
}

/** prom-client: labels first, value second; bound = the `labels()` child. */
function promLoops(m, L) {
  const boundCounters = L.counter2.map((l) => m.counter2.labels(l));
  const boundHistograms = L.hist1.map((l) => m.hist1.labels(l));
  return {
    'counter add no labels': () => {
      const c = m.counter0;
      for (let i = 0; i < OPS; i++) c.inc(cv[i & V]);
    },
    'counter add 2 labels': () => {
      const c = m.counter2;
      const ls = L.counter2;
      for (let i = 0; i < OPS; i++) c.inc(ls[i & MASK], cv[i & V]);
    },
    'histogram record 1 label': () => {
      const h = m.hist1;
      const ls = L.hist1;
      for (let i = 0; i < OPS; i++) h.observe(ls[i & MASK], lv[i & V]);
    },
    'gauge set': () => {
      const g = m.gauge1;
      const ls = L.gauge1;
      for (let i = 0; i < OPS; i++) g.set(ls[i & MASK], gv[i & V]);
    },
    'bound counter add': () => {
      const b = boundCounters;
      for (let i = 0; i < OPS; i++) b[i & MASK].inc(cv[i & V]);
    },
    'bound histogram record': () => {
      const b = boundHistograms;
      for (let i = 0; i < OPS; i++) b[i & MASK].observe(lv[i & V]);
    },
  };
}

const LOOPS = { 'teleport-otel': teleportLoops, 'otel-sdk': otelLoops, 'prom-client': promLoops };

/**
 * Runs every recording case for every implementation in one Bench; returns
 * [{ case, impl, ns_per_op }]. `instances` maps impl -> instruments from impls.create(); `wrap`
 * may wrap each timed loop (exemplars.js runs them inside an active span).
 */
async function runRecording(instances, labelSets, { timeMs = 600, warmupMs = 200, wrap = (loop) => loop } = {}) {
  const bench = new Bench({ time: timeMs, warmupTime: warmupMs, iterations: 20, throws: true });
  const keys = [];
  for (const name of CASES) {
    for (const [impl, m] of Object.entries(instances)) {
      const loops = LOOPS[impl](m, labelSets);
      bench.add(`${name} | ${impl}`, wrap(loops[name]));
      keys.push({ case: name, impl });
    }
  }
  await bench.run();
  return bench.tasks.map((task, i) => {
    const r = task.result;
    if (r.state !== 'completed') throw new Error(`${task.name}: ${r.state} ${r.error ?? ''}`);
    return { ...keys[i], ns_per_op: (r.latency.mean * 1e6) / OPS, rme: r.latency.rme };
  });
}

module.exports = { CASES, runRecording };
