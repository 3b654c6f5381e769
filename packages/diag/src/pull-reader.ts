import { AggregationTemporality, MetricReader } from '@opentelemetry/sdk-metrics';
import type { Family } from '@teleport-otel/core';
import { OPENMETRICS_DIALECT, OPENMETRICS_EOF } from './exposition/openmetrics';
import { renderRegistryProtobuf } from './exposition/protobuf/render-registry-protobuf';
import { writeSdkFamily } from './exposition/protobuf/render-sdk-protobuf';
import { ProtoWriter } from './exposition/protobuf/writer';
import { renderOpenMetricsRegistry } from './exposition/render-openmetrics';
import { renderRegistryBytes, textOf } from './exposition/render-registry';
import { giveBack } from './exposition/slab-pool';
import { Slicer } from './exposition/slicer';
import { familyText, sdkFamilies, type ExpositionOptions, type SdkFamily } from './exposition/render-otel';
import type { FamilySource } from './family-source';

/** The formats the pull reader renders: text 0.0.4, OpenMetrics 1.0, delimited protobuf. */
export type PullFormat = 'text' | 'openmetrics' | 'protobuf';

interface ChunkOptions {
  /** Bound on the SDK's collection (observable callbacks included), ms. */
  timeoutMillis?: number;
  /**
   * Text: each piece's Buffer is reused by later renders as soon as the next piece is asked for,
   * for a consumer done with a piece by then (counted, copied, hashed; not a socket write, which
   * reads it later). The pieces are then not new external memory for V8 on every render.
   */
  reusePieces?: boolean;
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
    return options.openMetrics === true
      ? this.formatChunks('openmetrics', options)
      : asText(this.formatChunks('text', { ...options, reusePieces: true }));
  }

  /**
   * The exposition in `format`: text 0.0.4 as UTF-8 bytes (what /metrics sends), OpenMetrics
   * as strings, protobuf as Buffers of delimited MetricFamily messages.
   */
  formatChunks(format: 'text', options?: ChunkOptions): AsyncGenerator<Uint8Array>;
  formatChunks(format: 'openmetrics', options?: ChunkOptions): AsyncGenerator<string>;
  formatChunks(format: 'protobuf', options?: ChunkOptions): AsyncGenerator<Buffer>;
  formatChunks(format: PullFormat, options?: ChunkOptions): AsyncGenerator<string | Uint8Array>;
  async *formatChunks(format: PullFormat, options: ChunkOptions = {}): AsyncGenerator<string | Uint8Array> {
    const slicer = new Slicer();
    const { resourceMetrics, errors } = await this.collect({ timeoutMillis: options.timeoutMillis });
    if (errors.length > 0) throw new AggregateError(errors, 'metric collection failed');
    const parts = merge(await this.families.collect(), sdkFamilies(resourceMetrics, this.exposition));
    const naming = this.exposition.naming;
    const pieces =
      format === 'protobuf'
        ? protobufPieces(parts, naming)
        : format === 'text'
        ? textPieces(parts, naming)
        : openMetricsPieces(parts, naming);
    for (const chunk of pieces) {
      if (chunk.length > 0) {
        yield chunk;
        if (options.reusePieces === true && typeof chunk !== 'string') giveBack([chunk]);
      }
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

function* textPieces(parts: Iterable<Family[] | SdkFamily>, naming: Naming): Generator<Uint8Array | string> {
  for (const part of parts) {
    if (Array.isArray(part)) yield* renderRegistryBytes(part, naming);
    else yield Buffer.from(familyText(part), 'utf8');
  }
}

function* openMetricsPieces(parts: Iterable<Family[] | SdkFamily>, naming: Naming): Generator<string> {
  for (const part of parts) {
    if (Array.isArray(part)) yield* renderOpenMetricsRegistry(part, naming);
    else yield familyText(part, OPENMETRICS_DIALECT);
  }
}

async function* asText(pieces: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  for await (const piece of pieces) yield textOf(piece);
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
