import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildGoFixture } from './go';

/*
 * An independent judge of a text exposition: Prometheus's own text parser (expfmt.TextParser from
 * prometheus/common, Debian's golang-github-prometheus-common-dev), run by the Go program in
 * test-support/go/expfmt-text-parse. Tests that check what our renderer wrote, or what our own
 * parser (parseExposition) read, compare with this instead of with code under test.
 */

/** One sample as Prometheus's parser reads it: histograms and summaries expanded into their text lines. */
export interface OracleSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface OracleFamily {
  readonly name: string;
  readonly type: string;
  readonly help: string;
  readonly samples: readonly OracleSample[];
}

/** What Prometheus's parser made of a text, or its error. */
export type OracleResult = { ok: true; families: Map<string, OracleFamily> } | { ok: false; error: string };

const FIXTURE = join(__dirname, 'go/expfmt-text-parse');

/** The fixture prints "NaN", "+Inf", "-Inf" or Go's shortest form; Number() reads the last two alike. */
function number(v: string): number {
  return v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : Number(v);
}

/** Parses `text` with Prometheus's expfmt.TextParser (`go` from requireGo). */
export function parseWithPrometheus(text: string, go?: string): OracleResult {
  const bin = buildGoFixture(FIXTURE, go);
  const r = spawnSync(bin, [], { input: text, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status === 2) return { ok: false, error: r.stderr.trim() };
  if (r.status !== 0) throw new Error(`${bin} exited ${String(r.status)}: ${r.stderr}`);
  const raw = JSON.parse(r.stdout) as {
    name: string;
    type: string;
    help: string;
    samples: { name: string; labels: Record<string, string>; value: string }[];
  }[];
  return {
    ok: true,
    families: new Map(raw.map((f) => [f.name, { ...f, samples: f.samples.map((s) => ({ ...s, value: number(s.value) })) }])),
  };
}

/** parseWithPrometheus for a text it must accept: throws with the parser's message otherwise. */
export function prometheusFamilies(text: string, go?: string): Map<string, OracleFamily> {
  const r = parseWithPrometheus(text, go);
  if (!r.ok) throw new Error(`Prometheus's text parser rejects the exposition: ${r.error}`);
  return r.families;
}
