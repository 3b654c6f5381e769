import { diag, type Attributes } from '@opentelemetry/api';
import { DataPointType, type MetricData, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { escapeLabelValue, familyHeader, formatValue, sanitizeLabelName, sanitizeName } from './format';
import { compareUtf8 } from './utf8-order';

export interface ExpositionOptions {
  /**
   * 'teleport' (default): names exactly as registered, no suffixes, no scope labels, no target_info,
   * like client_golang. 'otel': OpenTelemetry's Prometheus compatibility rules: `_total` on
   * monotonic sums, unit suffixes, otel_scope_* labels and target_info.
   */
  naming?: 'teleport' | 'otel';
}

/** How a text-like exposition spells a family header and its numbers (text 0.0.4 or OpenMetrics). */
export interface TextDialect {
  header(name: string, help: string, type: string): string;
  /** Sample values, `le` labels, sums. */
  float(v: number): string;
  /** Cumulative bucket counts and `_count`. */
  count(v: number): string;
}

/** Prometheus text 0.0.4, as client_golang writes it. */
export const TEXT_DIALECT: TextDialect = { header: familyHeader, float: formatValue, count: formatValue };

/** A family rendered from the SDK's own collection (instruments created directly on the provider). */
export interface RenderedFamily {
  readonly name: string;
  readonly text: string;
}

const UNIT_SUFFIX: Record<string, string> = { s: 'seconds', ms: 'milliseconds', By: 'bytes', '%': 'percent' };

/** OpenTelemetry's Prometheus compatibility name: a unit suffix, and `_total` on monotonic sums. */
export function otelName(name: string, unit: string, monotonic: boolean): string {
  const suffix = UNIT_SUFFIX[unit];
  let out = sanitizeName(name);
  if (suffix && !out.endsWith(`_${suffix}`)) out += `_${suffix}`;
  if (monotonic && !out.endsWith('_total')) out += '_total';
  return out;
}

/** Renders the SDK's ResourceMetrics into text families, one per name. */
export function renderResourceMetrics(
  rm: ResourceMetrics,
  options: ExpositionOptions = {},
  dialect: TextDialect = TEXT_DIALECT
): RenderedFamily[] {
  const otel = options.naming === 'otel';
  const out = new Map<string, RenderedFamily>();
  for (const sm of rm.scopeMetrics) {
    const scope: Attributes = otel ? { otel_scope_name: sm.scope.name, otel_scope_version: sm.scope.version ?? '' } : {};
    for (const m of sm.metrics) {
      const rendered = renderMetric(m, scope, otel, dialect);
      if (!rendered) continue;
      if (out.has(rendered.name)) {
        diag.warn(`teleport-otel: two instruments render as ${rendered.name}; only the first is exposed`);
        continue;
      }
      out.set(rendered.name, rendered);
    }
  }
  if (otel) {
    const target = `target_info${braces(pairsOf(rm.resource.attributes))} 1\n`;
    out.set('target_info', { name: 'target_info', text: dialect.header('target_info', 'Target metadata', 'gauge') + target });
  }
  return [...out.values()];
}

function renderMetric(m: MetricData, scope: Attributes, otel: boolean, d: TextDialect): RenderedFamily | undefined {
  let name = sanitizeName(m.descriptor.name);
  const type = promType(m);
  if (!type) {
    diag.warn(`teleport-otel: ${name}: exponential histograms have no text-format equivalent; not exposed on /metrics`);
    return undefined;
  }
  if (otel) name = otelName(name, m.descriptor.unit, type === 'counter');
  const rows = m.dataPoints.map((dp) => ({ labels: sortedLabels({ ...dp.attributes, ...scope }), dp }));
  rows.sort((a, b) => compareLabels(a.labels, b.labels));
  let text = d.header(name, m.descriptor.description, type);
  for (const { labels, dp } of rows) {
    const pairs = pairsText(labels);
    if (m.dataPointType === DataPointType.HISTOGRAM) {
      const h = dp.value as { buckets: { boundaries: number[]; counts: number[] }; sum?: number; count: number };
      let cumulative = 0;
      const prefix = pairs === '' ? '' : `${pairs},`;
      h.buckets.boundaries.forEach((b, i) => {
        cumulative += h.buckets.counts[i] ?? 0;
        text += `${name}_bucket{${prefix}le="${d.float(b)}"} ${d.count(cumulative)}\n`;
      });
      text += `${name}_bucket{${prefix}le="+Inf"} ${d.count(h.count)}\n`;
      text += `${name}_sum${braces(pairs)} ${d.float(h.sum ?? 0)}\n${name}_count${braces(pairs)} ${d.count(h.count)}\n`;
    } else {
      text += `${name}${braces(pairs)} ${d.float(dp.value as number)}\n`;
    }
  }
  return { name, text };
}

function promType(m: MetricData): string | undefined {
  switch (m.dataPointType) {
    case DataPointType.SUM:
      return m.isMonotonic ? 'counter' : 'gauge';
    case DataPointType.GAUGE:
      return 'gauge';
    case DataPointType.HISTOGRAM:
      return 'histogram';
    default:
      return undefined;
  }
}

type Labels = readonly (readonly [string, string])[];

/** Label pairs sorted by name; non-string attribute values become their JSON text, as OpenTelemetry's exporter does. */
function sortedLabels(attributes: Attributes): Labels {
  return Object.entries(attributes)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => [sanitizeLabelName(k), typeof v === 'string' ? v : JSON.stringify(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** client_golang's series order: label by label, values compared as UTF-8 bytes. */
function compareLabels(a: Labels, b: Labels): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const [ka, va] = a[i]!;
    const [kb, vb] = b[i]!;
    if (ka !== kb) return ka < kb ? -1 : 1;
    if (va !== vb) return compareUtf8(va, vb);
  }
  return a.length - b.length;
}

function pairsText(labels: Labels): string {
  return labels.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',');
}

function pairsOf(attributes: Attributes): string {
  return pairsText(sortedLabels(attributes));
}

function braces(pairs: string): string {
  return pairs === '' ? '' : `{${pairs}}`;
}
