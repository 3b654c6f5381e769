import { entriesOf, type MetricEntry, type Profile } from '@teleport-otel/catalog';
import { parseExposition, type ParsedFamily } from '@teleport-otel/diag';
import { startDemo, type RunningDemo } from '../../src/start';

/**
 * Starts the demo service on a free loopback port and waits until it exposes a family for every
 * entry of every registered package. Label vectors appear on first use, as in Teleport, and some
 * events are random (a stale cache event, a lost BPF event), so the wait is a poll with a deadline
 * rather than a fixed sleep that a loaded machine can outrun.
 */
export async function startTestDemo(timeoutMs = 20_000, profile: Profile = 'doc'): Promise<RunningDemo> {
  const demo = await startDemo({ addr: '127.0.0.1:0', seed: 7, profile });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { families } = await scrape(demo);
    const missing = registeredEntries(demo).filter((e) => !families.has(e.name));
    if (missing.length === 0) return demo;
    if (Date.now() > deadline) {
      await demo.stop();
      throw new Error(`the demo still lacks ${missing.map((e) => e.name).join(', ')} after ${timeoutMs} ms`);
    }
    await sleep(250);
  }
}

export async function scrape(demo: RunningDemo): Promise<{ text: string; families: Map<string, ParsedFamily> }> {
  const res = await fetch(`${demo.diag.url}/metrics`);
  if (res.status !== 200) throw new Error(`scrape answered ${res.status}`);
  const text = await res.text();
  return { text, families: parseExposition(text) };
}

/**
 * Catalog entries (of the demo's profile) of every package the demo registered. Excluded: noAnalog rows (never exposed)
 * and this project's self-metrics, which only have series once something was dropped, folded or failed.
 */
export function registeredEntries(demo: RunningDemo): MetricEntry[] {
  const packages = new Set(demo.diag.registry.collect().map((f) => f.entry.package));
  return entriesOf(demo.diag.registry.profile).filter((e) => packages.has(e.package) && e.origin !== 'self' && !e.noAnalog);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Label names a series of `entry` must carry: its labels and const labels (le/quantile aside). */
function expectedLabelNames(entry: MetricEntry): string[] {
  return [...entry.labels, ...Object.keys(entry.constLabels ?? {})].sort();
}

/** Each way a scrape differs from the entries: missing family, TYPE, HELP, label names, bucket bounds. */
export function exposureProblems(entries: readonly MetricEntry[], families: Map<string, ParsedFamily>): string[] {
  const problems: string[] = [];
  for (const e of entries) {
    const f = families.get(e.name);
    if (!f) {
      problems.push(`${e.name}: missing`);
      continue;
    }
    if (f.type !== e.type) problems.push(`${e.name}: TYPE ${f.type}, catalog ${e.type}`);
    if (f.help !== e.help) problems.push(`${e.name}: HELP ${JSON.stringify(f.help)}, catalog ${JSON.stringify(e.help)}`);
    if (f.samples.length === 0) problems.push(`${e.name}: no samples`);
    for (const s of f.samples) {
      const names = Object.keys(s.labels)
        .filter((n) => n !== 'le' && n !== 'quantile')
        .sort();
      if (names.join() === 'otel_metric_overflow') continue;
      if (names.join() !== expectedLabelNames(e).join())
        problems.push(`${e.name}: labels [${names}], catalog [${expectedLabelNames(e)}]`);
    }
    if (e.type === 'histogram') {
      const series = new Map<string, number[]>();
      for (const s of f.samples.filter((x) => x.name === `${e.name}_bucket`)) {
        const key = JSON.stringify({ ...s.labels, le: undefined });
        series.set(key, [...(series.get(key) ?? []), Number(s.labels.le)]);
      }
      for (const les of series.values()) {
        if (JSON.stringify(les) !== JSON.stringify([...e.buckets!, Infinity]))
          problems.push(`${e.name}: le ${les}, catalog ${e.buckets}`);
      }
    }
  }
  return problems;
}
