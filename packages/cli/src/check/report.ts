import type { CheckResult, Problem, ProblemKind } from './types';

const TAG: Record<ProblemKind, string> = {
  missing: 'MISSING',
  wrong_type: 'WRONG_TYPE',
  wrong_labels: 'WRONG_LABELS',
  wrong_buckets: 'WRONG_BUCKETS',
  wrong_quantiles: 'WRONG_QUANTILES',
  unknown: 'UNKNOWN',
  teleport_variant: 'VARIANT',
  malformed: 'MALFORMED',
  optional_absent: 'OPTIONAL',
  no_series: 'NO_SERIES_YET',
};

export interface ReportOptions {
  /** Also list optional families that are absent (by default only counted). */
  readonly verbose?: boolean;
}

/** One line per problem, then one line per component, then a verdict line. */
export function formatReport(result: CheckResult, target: string, options: ReportOptions = {}): string {
  // Not Prometheus text at all: one line says so; per-family and per-component lines would only
  // bury it (every family "missing", "0/N present").
  const malformed = result.problems.find((p) => p.kind === 'malformed');
  if (malformed) return `FAIL: ${target}: ${malformed.message}\n`;
  const lines: string[] = [];
  const shown = result.problems.filter((p) => options.verbose || (p.kind !== 'optional_absent' && p.kind !== 'no_series'));
  for (const p of shown) lines.push(problemLine(p));
  if (shown.length) lines.push('');

  const width = Math.max(0, ...result.summary.map((s) => s.component.length));
  for (const s of result.summary) {
    const detail = [s.missing && `${s.missing} missing`, s.errors - s.missing && `${s.errors - s.missing} wrong`]
      .filter(Boolean)
      .join(', ');
    lines.push(
      `  ${s.component.padEnd(width)}  ${`${s.present}/${s.families}`.padStart(7)} present  ${s.ok ? 'ok' : `FAIL (${detail})`}`
    );
  }

  const count = (pred: (p: Problem) => boolean) => result.problems.filter(pred).length;
  const errors = count((p) => p.severity === 'error');
  const extras = [
    [count((p) => p.kind === 'unknown'), 'unknown families'],
    [count((p) => p.kind === 'teleport_variant'), 'Teleport variants'],
    [
      count((p) => p.kind === 'no_series'),
      `labelled families without series yet${options.verbose ? '' : ' (--verbose lists them)'}`,
    ],
    [count((p) => p.kind === 'optional_absent'), `optional families absent${options.verbose ? '' : ' (--verbose lists them)'}`],
  ] as const;
  const notes = extras
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(', ');
  const failing = result.summary.filter((s) => !s.ok).map((s) => s.component);
  const verdict = result.ok
    ? `OK: ${target} conforms to the catalog for ${result.components.length} component(s)`
    : `FAIL: ${target}: ${errors} problem(s)${failing.length ? ` in ${failing.join(', ')}` : ''}`;
  lines.push(notes ? `${verdict}; ${notes}` : verdict);
  return `${lines.join('\n')}\n`;
}

export function problemLine(p: Problem): string {
  return `${TAG[p.kind]} ${p.message}`;
}

/** The `--json` document: stable field names for machines. */
export function jsonReport(result: CheckResult, target: string): string {
  return `${JSON.stringify(
    { ok: result.ok, url: target, components: result.components, problems: result.problems, summary: result.summary },
    null,
    2
  )}\n`;
}
