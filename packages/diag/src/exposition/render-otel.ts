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

/** One series of an SDK family: sorted label pairs and the data point. */
export interface SdkRow {
  readonly labels: Labels;
  readonly value: number | SdkHistogramValue;
}
export interface SdkHistogramValue {
  readonly boundaries: readonly number[];
  readonly counts: readonly number[];
  readonly sum: number;
  readonly count: number;
}
/** A family of the SDK's own collection, format-neutral: the text, OpenMetrics and protobuf renderers share it. */
export interface SdkFamily {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  /** In client_golang's order (label by label, values as UTF-8 bytes). */
  readonly rows: readonly SdkRow[];
}

/** Renders the SDK's ResourceMetrics into text families, one per name. */
export function renderResourceMetrics(
  rm: ResourceMetrics,
  options: ExpositionOptions = {},
  dialect: TextDialect = TEXT_DIALECT
): RenderedFamily[] {
  return sdkFamilies(rm, options).map((f) => ({ name: f.name, text: familyText(f, dialect) }));
}

/** The SDK's ResourceMetrics as families, one per name (the first instrument wins a name clash). */
export function sdkFamilies(rm: ResourceMetrics, options: ExpositionOptions = {}): SdkFamily[] {
  const otel = options.naming === 'otel';
  const out = new Map<string, SdkFamily>();
  for (const sm of rm.scopeMetrics) {
    const scope: Attributes = otel ? { otel_scope_name: sm.scope.name, otel_scope_version: sm.scope.version ?? '' } : {};
    for (const m of sm.metrics) {
      const family = sdkFamily(m, scope, otel);
      if (!family) continue;
      if (out.has(family.name)) {
        diag.warn(`teleport-otel: two instruments render as ${family.name}; only the first is exposed`);
        continue;
      }
      out.set(family.name, family);
    }
  }
  if (otel) {
    const labels = sortedLabels(rm.resource.attributes);
    out.set('target_info', { name: 'target_info', help: 'Target metadata', type: 'gauge', rows: [{ labels, value: 1 }] });
  }
  return [...out.values()];
}

function sdkFamily(m: MetricData, scope: Attributes, otel: boolean): SdkFamily | undefined {
  let name = sanitizeName(m.descriptor.name);
  const type = promType(m);
  if (!type) {
    diag.warn(`teleport-otel: ${name}: exponential histograms have no text-format equivalent; not exposed on /metrics`);
    return undefined;
  }
  if (otel) name = otelName(name, m.descriptor.unit, type === 'counter');
  const rows = m.dataPoints.map((dp): SdkRow => {
    const labels = sortedLabels({ ...dp.attributes, ...scope });
    if (m.dataPointType !== DataPointType.HISTOGRAM) return { labels, value: dp.value as number };
    const h = dp.value as { buckets: { boundaries: number[]; counts: number[] }; sum?: number; count: number };
    return { labels, value: { boundaries: h.buckets.boundaries, counts: h.buckets.counts, sum: h.sum ?? 0, count: h.count } };
  });
  rows.sort((a, b) => compareLabels(a.labels, b.labels));
  return { name, help: m.descriptor.description, type, rows };
}

/** One SDK family as text (or OpenMetrics, by its dialect). */
export function familyText(f: SdkFamily, d: TextDialect = TEXT_DIALECT): string {
  const name = f.name;
  let text = d.header(name, f.help, f.type);
  for (const { labels, value } of f.rows) {
    const pairs = pairsText(labels);
    if (typeof value === 'number') {
      text += `${name}${braces(pairs)} ${d.float(value)}\n`;
      continue;
    }
    let cumulative = 0;
    const prefix = pairs === '' ? '' : `${pairs},`;
    value.boundaries.forEach((b, i) => {
      cumulative += value.counts[i] ?? 0;
      text += `${name}_bucket{${prefix}le="${d.float(b)}"} ${d.count(cumulative)}\n`;
    });
    text += `${name}_bucket{${prefix}le="+Inf"} ${d.count(value.count)}\n`;
    text += `${name}_sum${braces(pairs)} ${d.float(value.sum)}\n${name}_count${braces(pairs)} ${d.count(value.count)}\n`;
  }
  return text;
}

function promType(m: MetricData): SdkFamily['type'] | undefined {
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

function braces(pairs: string): string {
  return pairs === '' ? '' : `{${pairs}}`;
}
