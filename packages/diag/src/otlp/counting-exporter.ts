import { diag as otelDiag } from '@opentelemetry/api';
import type {
  AggregationOption,
  AggregationTemporality,
  InstrumentType,
  PushMetricExporter,
  ResourceMetrics,
} from '@opentelemetry/sdk-metrics';

/** The result an exporter hands its callback, as the app's sdk-metrics declares it (from @opentelemetry/core). */
type ExportResult = Parameters<Parameters<PushMetricExporter['export']>[1]>[0];

/** @opentelemetry/core's ExportResultCode values, stable across the 2.x and 3.x lines; not imported so core need not be a dependency. */
const SUCCESS = 0;
const FAILED = 1;

export interface CountingExporterOptions {
  /** Counts one failed export (teleport_otel_export_failures_total, bound to this exporter). */
  countFailure: () => void;
  /** What is exporting where, for the log line, e.g. `OTLP http/protobuf export to http://127.0.0.1:4318/v1/metrics`. */
  describe: string;
  /** At most one log line per this many ms (the export interval): a dead collector is one line a minute, not one per batch. */
  logEveryMillis: number;
  /** Where failure lines go. Default: the OpenTelemetry diag logger at warn level. */
  log?: (message: string) => void;
  /** The temporality the SDK's own instruments get; default: what the wrapped exporter selects. */
  temporalitySelector?: (instrumentType: InstrumentType) => AggregationTemporality;
}

/**
 * A PushMetricExporter decorator that counts failed exports and logs them rate-limited. It adds
 * no buffering: a failed batch is dropped (cumulative temporality resends the totals next time),
 * so a collector that is down, slow or answering 5xx costs one bounded request per interval.
 */
export class CountingExporter implements PushMetricExporter {
  private lastLogAt = Number.NEGATIVE_INFINITY;
  private suppressed = 0;
  private lastWhy = '';
  readonly selectAggregationTemporality?: (instrumentType: InstrumentType) => AggregationTemporality;
  readonly selectAggregation?: (instrumentType: InstrumentType) => AggregationOption;

  constructor(readonly inner: PushMetricExporter, private readonly options: CountingExporterOptions) {
    // The reader asks the exporter which temporality the SDK's own instruments should use: the
    // exporter's own answer unless the reader says (see temporalitySelector in exporter.ts).
    this.selectAggregationTemporality = options.temporalitySelector ?? inner.selectAggregationTemporality?.bind(inner);
    this.selectAggregation = inner.selectAggregation?.bind(inner);
  }

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    let settled = false;
    const settle = (result: ExportResult) => {
      if (settled) return;
      settled = true;
      if (result.code !== SUCCESS) this.failed(result.error);
      resultCallback(result);
    };
    try {
      this.inner.export(metrics, settle);
    } catch (err) {
      settle({ code: FAILED, error: err instanceof Error ? err : new Error(String(err)) });
    }
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    // Failures since the last message (the final flush's among them) would otherwise go unsaid.
    if (this.suppressed > 0) {
      const n = this.suppressed;
      this.suppressed = 0;
      this.say(`teleport-otel: ${this.options.describe} failed ${n} more time(s) before shutdown, the last: ${this.lastWhy}`);
    }
    return this.inner.shutdown();
  }

  private say(message: string): void {
    (this.options.log ?? ((m: string) => otelDiag.warn(m)))(message);
  }

  private failed(error: Error | undefined): void {
    this.options.countFailure();
    const why = (error?.message ?? 'unknown error').replace(/\s+/g, ' ');
    this.lastWhy = why;
    const now = Date.now();
    if (now - this.lastLogAt < this.options.logEveryMillis) {
      this.suppressed++;
      return;
    }
    const more = this.suppressed > 0 ? ` (${this.suppressed} more failures since the last message)` : '';
    this.lastLogAt = now;
    this.suppressed = 0;
    this.say(`teleport-otel: ${this.options.describe} failed: ${why}${more}`);
  }
}
