import { exemplarsOf, type Family, type HistogramCell, type ScalarCell, type SummaryCell } from '@teleport-otel/core';
import { omExemplar, omFloat, omHeader, omUint } from './openmetrics';
import { labelPairs, layoutOf, type Layout } from './render-registry';
import { sortedSeries } from './series-order';
import type { ExpositionOptions } from './render-otel';

type Naming = NonNullable<ExpositionOptions['naming']>;

/** The OpenMetrics spelling of a layout's header and `le`/`quantile` values. */
interface OpenMetricsLayout {
  readonly header: string;
  readonly le: readonly string[];
}

const omLayouts = new WeakMap<Layout, OpenMetricsLayout>();

function omLayoutOf(f: Family, l: Layout): OpenMetricsLayout {
  let om = omLayouts.get(l);
  if (!om) {
    const le = f.entry.type === 'summary' ? f.quantiles.map(omFloat) : [...f.bounds.map(omFloat), '+Inf'];
    om = { header: omHeader(l.name, f.entry.help, f.entry.type), le };
    omLayouts.set(l, om);
  }
  return om;
}

/**
 * Registry families as OpenMetrics 1.0, in the same chunks and the same series order as the
 * text renderer (renderRegistry; both take the order from series-order.ts), with each counter series' and
 * histogram bucket's exemplar when the Registry keeps them. The caller appends `# EOF`.
 */
export function* renderOpenMetricsRegistry(
  families: readonly Family[],
  naming: Naming = 'teleport',
  chunkLines = 1_024
): Generator<string> {
  let parts: string[] = [];
  let lines = 0;
  for (const f of families) {
    const cells = yield* sortedSeries(f);
    if (cells.length === 0) continue;
    const l = layoutOf(f, naming);
    const om = omLayoutOf(f, l);
    parts.push(om.header);
    const name = l.name;
    const kind = f.entry.type;
    const perSeries = kind === 'histogram' || kind === 'summary' ? om.le.length + 2 : 1;
    // Only an OpenMetrics `counter` (a name ending in _total) may carry exemplars: on the
    // `unknown` a counter without the suffix is declared as, Prometheus 2.42 rejects the whole
    // scrape ("does not support exemplars"), though client_golang would write them.
    const counterExemplars = kind === 'counter' && name.endsWith('_total');
    for (const cell of cells) {
      const pairs = labelPairs(l, cell);
      if (kind === 'histogram') parts.push(histogramLines(name, pairs, cell as HistogramCell, om.le));
      else if (kind === 'summary') parts.push(summaryLines(name, pairs, cell as SummaryCell, om.le));
      else {
        const e = counterExemplars ? exemplarsOf(cell)?.slots[0] : undefined;
        const value = omFloat((cell as ScalarCell).value);
        parts.push(`${name}${pairs === '' ? '' : `{${pairs}}`} ${value}${e === undefined ? '' : omExemplar(e)}\n`);
      }
      lines += perSeries;
      if (lines >= chunkLines) {
        yield parts.join('');
        parts = [];
        lines = 0;
      }
    }
  }
  if (parts.length > 0) yield parts.join('');
}

function histogramLines(name: string, pairs: string, cell: HistogramCell, le: readonly string[]): string {
  const open = `${name}_bucket{${pairs === '' ? '' : `${pairs},`}le="`;
  const slots = exemplarsOf(cell)?.slots;
  let s = '';
  let cumulative = 0;
  for (let i = 0; i < le.length; i++) {
    cumulative += cell.bucket(i);
    const e = slots?.[i];
    s += `${open}${le[i]}"} ${omUint(cumulative)}${e === undefined ? '' : omExemplar(e)}\n`;
  }
  const block = pairs === '' ? '' : `{${pairs}}`;
  return `${s}${name}_sum${block} ${omFloat(cell.sum)}\n${name}_count${block} ${omUint(cumulative)}\n`;
}

function summaryLines(name: string, pairs: string, cell: SummaryCell, q: readonly string[]): string {
  const open = `${name}{${pairs === '' ? '' : `${pairs},`}quantile="`;
  let s = '';
  for (let i = 0; i < q.length; i++) s += `${open}${q[i]}"} ${omFloat(cell.quantileValues[i]!)}\n`;
  const block = pairs === '' ? '' : `{${pairs}}`;
  return `${s}${name}_sum${block} ${omFloat(cell.sum)}\n${name}_count${block} ${omUint(cell.count)}\n`;
}
