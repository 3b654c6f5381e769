import { exemplarsOf, type Family, type HistogramCell, type ScalarCell, type SummaryCell } from '@teleport-otel/core';
import { omExemplar, omFloat, omHeader, omUint } from './openmetrics';
import { renderInChunks, type FamilyWriter, type Layout } from './render-registry';
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
export function renderOpenMetricsRegistry(
  families: readonly Family[],
  naming: Naming = 'teleport',
  chunkLines = 1_024
): Generator<string> {
  return renderInChunks(families, naming, chunkLines, openMetricsWriter);
}

function openMetricsWriter(f: Family, l: Layout): FamilyWriter {
  const om = omLayoutOf(f, l);
  const { name } = l;
  const { le } = om;
  const kind = f.entry.type;
  if (kind === 'histogram')
    return {
      header: om.header,
      linesPerSeries: le.length + 2,
      series: (c, pairs) => histogramLines(name, pairs, c as HistogramCell, le),
    };
  if (kind === 'summary')
    return {
      header: om.header,
      linesPerSeries: le.length + 2,
      series: (c, pairs) => summaryLines(name, pairs, c as SummaryCell, le),
    };
  // Only an OpenMetrics `counter` (a name ending in _total) may carry exemplars: on the
  // `unknown` a counter without the suffix is declared as, Prometheus 2.42 rejects the whole
  // scrape ("does not support exemplars"), though client_golang would write them.
  const counterExemplars = kind === 'counter' && name.endsWith('_total');
  return {
    header: om.header,
    linesPerSeries: 1,
    series: (c, pairs) => {
      const e = counterExemplars ? exemplarsOf(c)?.slots[0] : undefined;
      return `${name}${pairs === '' ? '' : `{${pairs}}`} ${omFloat((c as ScalarCell).value)}${
        e === undefined ? '' : omExemplar(e)
      }\n`;
    },
  };
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
