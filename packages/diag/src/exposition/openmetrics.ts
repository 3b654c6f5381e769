/*
 * OpenMetrics 1.0 text primitives, as client_golang 1.14 writes them (prometheus/common's
 * expfmt.MetricFamilyToOpenMetrics, common 0.37-0.39). Hand-written for the same reason as
 * format.ts: the point is client_golang's exact bytes. That version writes no `# UNIT` and no
 * `_created` lines, so neither do we.
 */
import type { Exemplar } from '@teleport-otel/core';
import { escapeLabelValue, formatValue } from './format';
import type { TextDialect } from './render-otel';

export const OPENMETRICS_EOF = '# EOF\n';

/**
 * A float as writeOpenMetricsFloat: Go's shortest 'g' form (formatValue) with `.0` appended when
 * it would otherwise read as an integer: `1.0`, `0.0`, `42.0`, but `1e+06` and `0.005` unchanged.
 */
export function omFloat(v: number): string {
  if (v === 0) return '0.0';
  const s = formatValue(v);
  if (v !== v || v === Infinity || v === -Infinity) return s;
  return s.includes('.') || s.includes('e') ? s : `${s}.0`;
}

/** A count as writeUint: decimal digits, never an exponent (bucket counts, _count). */
export function omUint(v: number): string {
  return v < 1e21 ? String(v) : BigInt(v).toString();
}

/** HELP text: OpenMetrics escapes the double quote too (text 0.0.4 does not). */
export function omEscapeHelp(help: string): string {
  return escapeLabelValue(help);
}

/**
 * `# HELP` and `# TYPE` of one family. A counter named `*_total` is declared without the suffix
 * (its samples keep it, as OpenMetrics requires); a counter without it, like most of Teleport's,
 * is declared `unknown` under its own name, so its samples and series names stay exactly those of
 * the text format: what client_golang does rather than emit invalid OpenMetrics.
 */
export function omHeader(name: string, help: string, type: string): string {
  let declared = name;
  let omType = type;
  if (type === 'counter') {
    if (name.endsWith('_total')) declared = name.slice(0, -'_total'.length);
    else omType = 'unknown';
  }
  return `# HELP ${declared} ${omEscapeHelp(help)}\n# TYPE ${declared} ${omType}\n`;
}

/**
 * ` # {trace_id="…",span_id="…"} value timestamp`, appended to a counter sample or a bucket.
 * The timestamp is client_golang's float64(UnixNano)/1e9, computed from milliseconds the same way.
 */
export function omExemplar(e: Exemplar): string {
  return ` # {trace_id="${escapeLabelValue(e.traceId)}",span_id="${escapeLabelValue(e.spanId)}"} ${omFloat(e.value)} ${omFloat(
    (e.timeMs * 1e6) / 1e9
  )}`;
}

/** The SDK families' renderer (render-otel) in OpenMetrics spelling. */
export const OPENMETRICS_DIALECT: TextDialect = { header: omHeader, float: omFloat, count: omUint };
