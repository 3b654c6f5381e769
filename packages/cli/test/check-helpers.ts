import type { MeterProvider } from '@opentelemetry/api';
import { groups, type MetricEntry } from '@teleport-otel/catalog';
import { createInstruments } from '@teleport-otel/core';
import { createDiagMeterProvider, type DiagProviderOptions } from '@teleport-otel/diag';

/** A value for one label of an entry: its first closed value, else its first example. */
export function labelValue(entry: MetricEntry, label: string): string {
  return entry.values?.[label]?.[0] ?? entry.examples?.[label]?.[0] ?? `${label}-1`;
}

export function labelsOf(entry: MetricEntry): Record<string, string> {
  return Object.fromEntries(entry.labels.map((l) => [l, labelValue(entry, l)]));
}

type AnyInstrument = {
  add?(v: number, l?: object): void;
  set?(v: number, l?: object): void;
  record?(v: number, l?: object): void;
  addCallback?(cb: (observe: (v: unknown, l?: object) => void) => void): void;
};

/**
 * Registers every entry of the named catalog groups on `meterProvider` and records one
 * measurement into each, so labelled families have a series and appear in the exposition
 * (empty vectors are omitted, as client_golang does).
 */
export function recordEvery(groupNames: readonly string[], meterProvider: MeterProvider): void {
  for (const name of groupNames) {
    const group = groups[name]!;
    const instruments = createInstruments(group, { meterProvider }) as unknown as Record<string, AnyInstrument>;
    for (const [key, entry] of Object.entries(group)) {
      const inst = instruments[key]!;
      const labels = entry.labels.length ? labelsOf(entry) : undefined;
      if (entry.observed) {
        const value =
          entry.instrument === 'summary' ? { quantiles: (entry.quantiles ?? []).map(() => 0.001), sum: 0.01, count: 3 } : 1;
        inst.addCallback!((observe) => observe(value, labels));
      } else if (entry.instrument === 'histogram') inst.record!(entry.buckets![0]!, labels);
      else if (entry.instrument === 'gauge') inst.set!(1, labels);
      else inst.add!(1, labels);
    }
  }
}

/** The real diag exposition of the named groups (plus what diag always registers). */
export async function exposition(groupNames: readonly string[], options: DiagProviderOptions = {}): Promise<string> {
  const diag = createDiagMeterProvider(options);
  try {
    recordEvery(groupNames, diag.meterProvider);
    return await diag.render();
  } finally {
    await diag.shutdown();
  }
}

/** Sample names of a family: the family name, plus _bucket/_sum/_count for histograms and summaries. */
function sampleNames(name: string, type: string): string[] {
  if (type === 'histogram') return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
  if (type === 'summary') return [name, `${name}_sum`, `${name}_count`];
  return [name];
}

const sampleName = (line: string) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];

/** True for the HELP/TYPE lines and the sample lines of family `name`. */
export function isFamilyLine(line: string, name: string, type: string): boolean {
  if (line.startsWith(`# HELP ${name} `) || line.startsWith(`# TYPE ${name} `)) return true;
  const s = sampleName(line);
  return s !== undefined && !line.startsWith('#') && sampleNames(name, type).includes(s);
}

/** Removes a family entirely. */
export function dropFamily(text: string, entry: MetricEntry): string {
  return text
    .split('\n')
    .filter((l) => !isFamilyLine(l, entry.name, entry.type))
    .join('\n');
}

/** Applies `edit` to the sample lines of a family only. */
export function editSamples(text: string, entry: MetricEntry, edit: (line: string, index: number) => string | null): string {
  let i = 0;
  const out: string[] = [];
  for (const l of text.split('\n')) {
    if (!l.startsWith('#') && isFamilyLine(l, entry.name, entry.type)) {
      const e = edit(l, i++);
      if (e !== null) out.push(e);
    } else out.push(l);
  }
  return out.join('\n');
}

/** Replaces the TYPE line of a family. */
export function retype(text: string, name: string, type: string): string {
  return text.replace(new RegExp(`^# TYPE ${name} \\S+$`, 'm'), `# TYPE ${name} ${type}`);
}

/** Renames a family (HELP, TYPE and sample lines), as if the service used another name. */
export function renameFamily(text: string, entry: MetricEntry, to: string, type: string): string {
  return text
    .split('\n')
    .map((l) => {
      if (!isFamilyLine(l, entry.name, entry.type)) return l;
      if (l.startsWith('# TYPE ')) return `# TYPE ${to} ${type}`;
      if (l.startsWith('# HELP ')) return `# HELP ${to} ${l.slice(`# HELP ${entry.name} `.length)}`;
      return to + l.slice(entry.name.length);
    })
    .join('\n');
}

/** Adds a label pair to a sample line (first position). */
export function addLabel(line: string, pair: string): string {
  const s = sampleName(line)!;
  const rest = line.slice(s.length);
  return rest.startsWith('{') ? `${s}{${pair},${rest.slice(1)}` : `${s}{${pair}}${rest}`;
}
