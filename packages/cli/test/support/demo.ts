import { catalog, type MetricEntry } from '@teleport-otel/catalog';
import { parseExposition, type ParsedFamily } from '@teleport-otel/diag';
import { startDemo, type RunningDemo } from '../../src/start';

/** Starts the demo service on a free loopback port. */
export function startTestDemo(): Promise<RunningDemo> {
  return startDemo({ addr: '127.0.0.1:0', seed: 7 });
}

export async function scrape(demo: RunningDemo): Promise<{ text: string; families: Map<string, ParsedFamily> }> {
  const res = await fetch(`${demo.diag.url}/metrics`);
  if (res.status !== 200) throw new Error(`scrape answered ${res.status}`);
  const text = await res.text();
  return { text, families: parseExposition(text) };
}

/**
 * Catalog entries of every package the demo registered. Excluded: noAnalog rows (never exposed)
 * and this project's self-metrics, which only have series once something was dropped, folded or failed.
 */
export function registeredEntries(demo: RunningDemo): MetricEntry[] {
  const packages = new Set(demo.diag.registry.collect().map((f) => f.entry.package));
  return catalog.filter((e) => packages.has(e.package) && e.origin !== 'self' && !e.noAnalog);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
