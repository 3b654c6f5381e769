import { diag } from '@opentelemetry/api';

/** Why a measurement was dropped, or a label value coerced. Mirrors the catalog's self.droppedMeasurements values. */
export type DropReason =
  | 'not_a_number'
  | 'nan'
  | 'infinite'
  | 'negative'
  | 'label_missing'
  | 'label_not_string'
  | 'label_unknown'
  | 'label_value_unknown'
  | 'label_too_long'
  | 'label_malformed_unicode'
  | 'callback_error';

/** Where problems are counted: the self-metrics of the backend the instrument lives in. */
export interface ProblemSink {
  dropped(metric: string, reason: DropReason): void;
  overflow(metric: string): void;
}

/**
 * Counts each problem and logs the first one of each kind per metric through OpenTelemetry's diag
 * logger, so a bad caller in a hot loop produces one line, not one per call.
 */
export class Problems {
  private readonly logged = new Set<string>();
  constructor(private readonly sink: ProblemSink) {}

  dropped(metric: string, reason: DropReason, detail?: unknown): void {
    this.sink.dropped(metric, reason);
    this.once(
      `${metric}\u0000${reason}`,
      () =>
        `teleport-otel: ${metric}: ${reason}${
          detail === undefined ? '' : ` (${describe(detail)})`
        }; counted in teleport_otel_dropped_measurements_total, logged once`
    );
  }

  overflow(metric: string, limit: number): void {
    this.sink.overflow(metric);
    this.once(
      `${metric}\u0000overflow`,
      () =>
        `teleport-otel: ${metric}: more than ${limit} label sets; new ones fold into {otel_metric_overflow="true"}, counted in teleport_otel_cardinality_overflow_total`
    );
  }

  /**
   * An operation this backend cannot perform (deleting a series from an OpenTelemetry SDK
   * instrument): no measurement is lost, so nothing is counted; it is logged once.
   */
  unsupported(metric: string, what: string): void {
    this.once(
      `${metric}\u0000${what}`,
      () => `teleport-otel: ${metric}: ${what} is not possible over a plain OpenTelemetry meter; ignored, logged once`
    );
  }

  private once(key: string, message: () => string): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    diag.warn(message());
  }
}

function describe(v: unknown): string {
  let s: string;
  try {
    s = typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : String(v);
  } catch {
    // e.g. a thrown Object.create(null): describing the problem must not become one.
    s = `a ${typeof v} that cannot be printed`;
  }
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

/**
 * For the self-metrics' own series: problems recording into them are not reported, so a bad
 * self-metric label can never recurse into counting itself.
 */
export const QUIET_PROBLEMS = new Problems({ dropped() {}, overflow() {} });
