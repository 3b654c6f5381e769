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
