/**
 * The merge rules declared in the catalog (packages/catalog/src/aggregation.ts), applied to real
 * Registries' deltas (the same encoder workers use, JSON-packed and not) and read back through
 * the real text renderer.
 */
import {
  audit,
  auth,
  backend,
  nodejs,
  process as processGroup,
  WORKER_LABEL,
  aggregationOf,
  instance,
} from '@teleport-otel/catalog';
import { createInstruments, Registry } from '@teleport-otel/core';
import { parseExposition } from '@teleport-otel/diag';
import { RegistryDeltas } from '../src/aggregate/deltas';
import { MergedView, Source } from '../src/aggregate/merge';
import { renderRegistry } from '../src/exposition/render-registry';

interface Proc {
  registry: Registry;
  source: Source;
  deltas: RegistryDeltas;
}

function proc(key: string, pid: number, json = false): Proc {
  const registry = new Registry();
  return { registry, source: new Source(key, key, pid), deltas: new RegistryDeltas(registry, json) };
}

function scrape(view: MergedView, procs: Proc[]) {
  for (const p of procs) view.apply(p.source, p.deltas.next());
  const text = [...renderRegistry(view.merge(procs.map((p) => p.source)))].join('');
  return parseExposition(text);
}

const value = (families: ReturnType<typeof scrape>, sample: string, labels: Record<string, string> = {}) =>
  families
    .get(sample.replace(/_(count|sum|bucket)$/, ''))
    ?.samples.filter((s) => s.name === sample && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .map((s) => s.value);

test('counters and histograms sum; up-down counters sum; a gauge of shared state takes the max', () => {
  const view = new MergedView(new Registry());
  const procs = [proc('primary', 1), proc('w1', 2, true), proc('w2', 3)];
  procs.forEach((p, i) => {
    const a = createInstruments(audit, { registry: p.registry });
    const b = createInstruments(backend, { registry: p.registry });
    a.emitEvents.add(10 * (i + 1));
    a.serverOpenFiles.add(i + 1);
    a.percentageDiskSpaceUsed.set([40, 75, 60][i]!);
    for (let k = 0; k <= i; k++) b.readSeconds.record(0.5, { component: 'cache' });
  });
  const f = scrape(view, procs);
  expect(value(f, audit.emitEvents.name)).toEqual([60]);
  expect(value(f, audit.serverOpenFiles.name)).toEqual([6]);
  expect(value(f, audit.percentageDiskSpaceUsed.name)).toEqual([75]);
  expect(value(f, `${backend.readSeconds.name}_count`, { component: 'cache' })).toEqual([6]);
  expect(value(f, `${backend.readSeconds.name}_sum`, { component: 'cache' })).toEqual([3]);
  expect(value(f, `${backend.readSeconds.name}_bucket`, { component: 'cache', le: '+Inf' })).toEqual([6]);
});

test('per-process readings count once per OS process; start time is the earliest; build info once', () => {
  const view = new MergedView(new Registry());
  // primary and a thread share pid 1; a cluster worker is pid 2.
  const procs = [proc('primary', 1), proc('thread', 1), proc('cluster', 2)];
  const rss = [100, 100, 50];
  const start = [1000, 1000, 900];
  procs.forEach((p, i) => {
    const m = createInstruments(
      { rss: processGroup.residentMemoryBytes, start: processGroup.startTimeSeconds },
      { registry: p.registry }
    );
    m.rss.addCallback((observe) => observe(rss[i]!));
    m.start.addCallback((observe) => observe(start[i]!));
    const build = createInstruments({ buildInfo: instance.buildInfo }, { registry: p.registry, constLabels: { version: 'v1' } });
    build.buildInfo.set(1);
  });
  const f = scrape(view, procs);
  expect(value(f, processGroup.residentMemoryBytes.name)).toEqual([150]);
  expect(value(f, processGroup.startTimeSeconds.name)).toEqual([900]);
  expect(value(f, instance.buildInfo.name)).toEqual([1]);
});

test('per-worker families keep each process apart under the worker label', () => {
  const view = new MergedView(new Registry());
  const procs = [proc('primary', 1), proc('thread-7', 1)];
  procs.forEach((p, i) => {
    const m = createInstruments({ elu: nodejs.eventloopUtilization }, { registry: p.registry });
    m.elu.addCallback((observe) => observe(0.25 * (i + 1)));
  });
  const f = scrape(view, procs);
  expect(aggregationOf(nodejs.eventloopUtilization).rule).toBe('per-worker');
  const samples = f.get(nodejs.eventloopUtilization.name)!.samples.map((s) => [s.labels[WORKER_LABEL], s.value]);
  expect(samples).toEqual([
    ['primary', 0.25],
    ['thread-7', 0.5],
  ]);
});

test('a departed source: counters and histograms stay, gauges and up-down counters leave, a removed series leaves', () => {
  const view = new MergedView(new Registry());
  const procs = [proc('primary', 1), proc('w1', 2), proc('w2', 3)];
  const inst = procs.map((p) => ({
    a: createInstruments(audit, { registry: p.registry }),
    u: createInstruments(auth, { registry: p.registry }),
  }));
  inst.forEach(({ a, u }, i) => {
    a.emitEvents.add(100);
    a.serverOpenFiles.add(2);
    u.registeredServers.set(5 + i, { version: `v${i}` });
  });
  let f = scrape(view, procs);
  expect(value(f, audit.emitEvents.name)).toEqual([300]);
  expect(f.get(auth.registeredServers.name)!.samples).toHaveLength(3);

  inst[1]!.a.emitEvents.add(50);
  view.apply(procs[1]!.source, procs[1]!.deltas.next()); // its last words
  view.retire(procs[1]!.source, false);
  inst[2]!.u.registeredServers.reset(); // w2 deletes its series
  const live = [procs[0]!, procs[2]!];
  f = scrape(view, live);
  expect(value(f, audit.emitEvents.name)).toEqual([350]);
  expect(value(f, audit.serverOpenFiles.name)).toEqual([4]);
  expect(f.get(auth.registeredServers.name)!.samples.map((s) => s.labels.version)).toEqual(['v0']);

  // The survivors keep counting from the retained total.
  inst[0]!.a.emitEvents.add(1);
  f = scrape(view, live);
  expect(value(f, audit.emitEvents.name)).toEqual([351]);
});

test('unchanged series are not shipped again; a reset encoder describes everything again', () => {
  const p = proc('w', 2);
  const a = createInstruments(audit, { registry: p.registry });
  a.emitEvents.add(1);
  const first = p.deltas.next();
  expect(first.find((d) => d.name === audit.emitEvents.name)?.entry).toBeDefined();
  expect(p.deltas.next()).toEqual([]);
  a.emitEvents.add(1);
  const second = p.deltas.next();
  expect(second.map((d) => d.name)).toEqual([audit.emitEvents.name]);
  expect(second[0]!.entry).toBeUndefined();
  expect(Array.from(second[0]!.data as Float64Array)).toEqual([2, 0]); // whole, fraction
  p.deltas.reset();
  expect(p.deltas.next().length).toBe(first.length);
});

test('a worker overflow series merges into the overflow series', () => {
  const view = new MergedView(new Registry());
  const w = { registry: new Registry({ maxSeries: 1 }), source: new Source('w', 'w', 2) };
  const deltas = new RegistryDeltas(w.registry, true);
  const b = createInstruments(backend, { registry: w.registry });
  b.readRequestsTotal.inc({ component: 'a' });
  b.readRequestsTotal.inc({ component: 'b' });
  b.readRequestsTotal.inc({ component: 'c' });
  view.apply(w.source, deltas.next());
  const text = [...renderRegistry(view.merge([w.source]))].join('');
  expect(text).toContain(`${backend.readRequestsTotal.name}{component="a"} 1\n`);
  expect(text).toContain(`${backend.readRequestsTotal.name}{otel_metric_overflow="true"} 2\n`);
});

test('summed counters keep whole and fractional parts apart, as one process does', () => {
  const view = new MergedView(new Registry());
  const procs = [proc('primary', 1), proc('w1', 2, true)];
  for (const p of procs) {
    const a = createInstruments(audit, { registry: p.registry });
    a.emitEvents.inc();
    a.emitEvents.add(0.1);
    a.emitEvents.add(0.1);
  }
  expect(value(scrape(view, procs), audit.emitEvents.name)).toEqual([2.4]);
});
