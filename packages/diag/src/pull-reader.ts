import { AggregationTemporality, MetricReader } from '@opentelemetry/sdk-metrics';
import type { Family } from '@teleport-otel/core';
import { OPENMETRICS_DIALECT, OPENMETRICS_EOF } from './exposition/openmetrics';
import { renderOpenMetricsRegistry } from './exposition/render-openmetrics';
import { renderRegistry } from './exposition/render-registry';
import { renderResourceMetrics, type ExpositionOptions, type RenderedFamily } from './exposition/render-otel';
import type { FamilySource } from './family-source';

/** Longest stretch a render keeps the event loop before yielding: a chunk may overrun it by 1-3 ms, and the target for a 100k-series scrape is 20 ms. */
const SLICE_MS = 4;

/**
 * The Prometheus pull reader. A real MetricReader, registered on the diag MeterProvider: on each
 * scrape it collects the SDK's own instruments through the OpenTelemetry pipeline and renders the
 * fast-path Registry directly, merging both into one text exposition sorted by family name.
 */
export class TeleportPullReader extends MetricReader {
  /** `families`: a Registry, or an aggregating primary's merged view of its workers (provider.ts). */
  constructor(private readonly families: FamilySource, private readonly exposition: ExpositionOptions = {}) {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }

  /**
   * The exposition in chunks, giving the event loop back between slices of a large registry.
   * `timeoutMillis` bounds the SDK's collection (observable callbacks included). `openMetrics`
   * renders OpenMetrics 1.0 (with the Registry's exemplars, ending in `# EOF`) instead of text 0.0.4.
   */
  async *chunks(options: { timeoutMillis?: number; openMetrics?: boolean } = {}): AsyncGenerator<string> {
    const { resourceMetrics, errors } = await this.collect({ timeoutMillis: options.timeoutMillis });
    if (errors.length > 0) throw new AggregateError(errors, 'metric collection failed');
    const om = options.openMetrics === true;
    const sdk = renderResourceMetrics(resourceMetrics, this.exposition, om ? OPENMETRICS_DIALECT : undefined);
    const renderFamilies = om ? renderOpenMetricsRegistry : renderRegistry;
    const families = await this.families.collect();
    let last = performance.now();
    for (const part of merge(families, sdk)) {
      const pieces = Array.isArray(part) ? renderFamilies(part, this.exposition.naming) : [part.text];
      for (const chunk of pieces) {
        yield chunk;
        if (performance.now() - last > SLICE_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          last = performance.now();
        }
      }
    }
    if (om) yield OPENMETRICS_EOF;
  }

  /** The whole exposition as one string (OpenMetrics with `openMetrics: true`). */
  async render(options: { openMetrics?: boolean } = {}): Promise<string> {
    let text = '';
    for await (const chunk of this.chunks(options)) text += chunk;
    return text;
  }

  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

/**
 * Registry families (already sorted) and SDK families merged by name. Runs of registry families
 * stay together so they render in one generator. A name present in both is served from the
 * registry: the catalog wins over an ad-hoc instrument of the same name.
 */
function* merge(families: readonly Family[], sdk: RenderedFamily[]): Generator<Family[] | RenderedFamily> {
  const taken = new Set(families.map((f) => f.entry.name));
  const others = sdk.filter((r) => !taken.has(r.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  let run: Family[] = [];
  let j = 0;
  for (const f of families) {
    while (j < others.length && others[j]!.name < f.entry.name) {
      if (run.length > 0) yield run;
      run = [];
      yield others[j++]!;
    }
    run.push(f);
  }
  if (run.length > 0) yield run;
  while (j < others.length) yield others[j++]!;
}
