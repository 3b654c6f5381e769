/*
 * Teleport-exact text primitives. Hand-written because no library renders client_golang's exact
 * bytes: OpenTelemetry's PrometheusSerializer always appends `_total`, adds otel_scope_* labels
 * and formats numbers the JavaScript way; prom-client has its own registry model.
 */

/**
 * A float as Go's strconv.AppendFloat(f, 'g', -1, 64), which client_golang's text format uses:
 * shortest round-trip digits, in exponent form when the decimal exponent is < -4 or >= 6
 * (so 1000000 is "1e+06" and a start time is "1.7e+09"), with at least two exponent digits.
 */
export function formatValue(v: number): string {
  const abs = v < 0 ? -v : v;
  if (abs >= 1e-4 && abs < 1e6) return String(v);
  if (v === 0) return '0';
  if (v !== v) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return goExponent(v.toExponential());
}

/** "1.5e-7" -> "1.5e-07": Go prints at least two exponent digits. */
function goExponent(s: string): string {
  const e = s.indexOf('e');
  const sign = s[e + 1];
  const digits = s.slice(e + 2);
  return `${s.slice(0, e)}e${sign}${digits.length < 2 ? `0${digits}` : digits}`;
}

const LABEL_ESCAPE = /[\\"\n]/;
/** Label value escaping of the text format: backslash, double quote, line feed. */
export function escapeLabelValue(v: string): string {
  if (!LABEL_ESCAPE.test(v)) return v;
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

const HELP_ESCAPE = /[\\\n]/;
/** HELP escaping: backslash and line feed only. */
export function escapeHelp(v: string): string {
  if (!HELP_ESCAPE.test(v)) return v;
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** `# HELP` and `# TYPE` lines of one family. */
export function familyHeader(name: string, help: string, type: string): string {
  return `# HELP ${name} ${escapeHelp(help)}\n# TYPE ${name} ${type}\n`;
}

/** Invalid name characters become `_`, as every Prometheus bridge does. */
export function sanitizeName(name: string): string {
  const s = name.replace(/[^a-zA-Z0-9_:]/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

/** Invalid label name characters become `_`; a leading digit gets a `_` prefix. */
export function sanitizeLabelName(name: string): string {
  const s = name.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}
