import { AggregationTemporality, MetricReader } from '@opentelemetry/sdk-metrics';
import type { Family } from '@teleport-otel/core';
import { OPENMETRICS_DIALECT, OPENMETRICS_EOF } from './exposition/openmetrics';
import { renderRegistryProtobuf } from './exposition/protobuf/render-registry-protobuf';
import { writeSdkFamily } from './exposition/protobuf/render-sdk-protobuf';
import { ProtoWriter } from './exposition/protobuf/writer';
import { renderOpenMetricsRegistry } from './exposition/render-openmetrics';
import { renderRegistry } from './exposition/render-registry';
import { Slicer } from './exposition/slicer';
import { familyText, sdkFamilies, type ExpositionOptions, type SdkFamily } from './exposition/render-otel';
import type { FamilySource } from './family-source';

/** The formats the pull reader renders: text 0.0.4, OpenMetrics 1.0, delimited protobuf. */
export type PullFormat = 'text' | 'openmetrics' | 'protobuf';

interface ChunkOptions {
  /** Bound on the SDK's collection (observable callbacks included), ms. */
  timeoutMillis?: number;
}

/**
 * The Prometheus pull reader. A real MetricReader, registered on the diag MeterProvider: on each
 * scrape it collects the SDK's own instruments through the OpenTelemetry pipeline and renders the
 * fast-path Registry directly, merging both into one exposition sorted by family name.
 */
export class TeleportPullReader extends MetricReader {
  /** `families`: a Registry, or an aggregating primary's merged view of its workers (provider.ts). */
  constructor(private readonly families: FamilySource, private readonly exposition: ExpositionOptions = {}) {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }

  /**
   * The exposition in chunks, giving the event loop back between slices of a large registry.
   * `openMetrics` renders OpenMetrics 1.0 (with the Registry's exemplars, ending in `# EOF`)
   * instead of text 0.0.4.
   */
  chunks(options: ChunkOptions & { openMetrics?: boolean } = {}): AsyncGenerator<string> {
    return this.formatChunks(options.openMetrics === true ? 'openmetrics' : 'text', options);
  }

  /** The exposition in `format`: text chunks, or Buffers of delimited protobuf MetricFamily messages. */
  formatChunks(format: 'text' | 'openmetrics', options?: ChunkOptions): AsyncGenerator<string>;
  formatChunks(format: 'protobuf', options?: ChunkOptions): AsyncGenerator<Buffer>;
  formatChunks(format: PullFormat, options?: ChunkOptions): AsyncGenerator<string | Buffer>;
  async *formatChunks(format: PullFormat, options: ChunkOptions = {}): AsyncGenerator<string | Buffer> {
    const slicer = new Slicer();
    const { resourceMetrics, errors } = await this.collect({ timeoutMillis: options.timeoutMillis });
    if (errors.length > 0) throw new AggregateError(errors, 'metric collection failed');
    const parts = merge(await this.families.collect(), sdkFamilies(resourceMetrics, this.exposition));
    const naming = this.exposition.naming;
    const pieces = format === 'protobuf' ? protobufPieces(parts, naming) : textPieces(parts, naming, format === 'openmetrics');
    for (const chunk of pieces) {
      if (chunk.length > 0) yield chunk;
      if (slicer.due()) await slicer.pause();
    }
    if (format === 'openmetrics') yield OPENMETRICS_EOF;
  }

  /** The whole exposition as one string (OpenMetrics with `openMetrics: true`). */
  async render(options: { openMetrics?: boolean } = {}): Promise<string> {
    let text = '';
    for await (const chunk of this.chunks(options)) text += chunk;
    return text;
  }

  /** The whole protobuf exposition (delimited MetricFamily messages) as one Buffer. */
  async renderProtobuf(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.formatChunks('protobuf')) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

type Naming = ExpositionOptions['naming'];

function* textPieces(parts: Iterable<Family[] | SdkFamily>, naming: Naming, om: boolean): Generator<string> {
  const renderFamilies = om ? renderOpenMetricsRegistry : renderRegistry;
  for (const part of parts) {
    if (Array.isArray(part)) yield* renderFamilies(part, naming);
    else yield familyText(part, om ? OPENMETRICS_DIALECT : undefined);
  }
}

function* protobufPieces(parts: Iterable<Family[] | SdkFamily>, naming: Naming): Generator<Buffer> {
  for (const part of parts) {
    if (Array.isArray(part)) yield* renderRegistryProtobuf(part, naming);
    else {
      const w = new ProtoWriter();
      writeSdkFamily(w, part);
      yield w.take();
    }
  }
}

/**
 * Registry families (already sorted) and SDK families merged by name. Runs of registry families
 * stay together so they render in one generator. A name present in both is served from the
 * registry: the catalog wins over an ad-hoc instrument of the same name.
 */
function* merge(families: readonly Family[], sdk: SdkFamily[]): Generator<Family[] | SdkFamily> {
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
