import { metric } from '../define';

/** What every entry of this group shares. */
const base = { group: 'self', section: 'Not in the doc' } as const;

/**
 * Rows not in Teleport's doc: Teleport's own process_state, and this project's self-metrics,
 * which make every dropped or folded measurement visible instead of silent.
 */
export const self = {
  processState: metric({
    ...base,
    package: 'diag',
    component: 'Teleport',
    origin: 'teleport',
    name: 'process_state',
    type: 'gauge',
    instrument: 'gauge',
    unit: '1',
    help: 'State of the teleport process: 0 - ok, 1 - recovering, 2 - degraded, 3 - starting',
    description: '',
    labels: [],
    notes: ['Teleport (lib/service/state.go) exposes it although the doc does not list it; kept in step with /readyz.'],
  }),
  droppedMeasurements: metric({
    ...base,
    package: 'core',
    component: 'teleport-otel',
    origin: 'self',
    name: 'teleport_otel_dropped_measurements_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{measurement}',
    help: 'Measurements dropped or label values coerced because the input was invalid, by metric and reason.',
    description: '',
    labels: ['metric', 'reason'],
    values: {
      reason: [
        'not_a_number',
        'nan',
        'infinite',
        'negative',
        'label_missing',
        'label_not_string',
        'label_unknown',
        'label_value_unknown',
        'label_too_long',
        'label_malformed_unicode',
        'callback_error',
      ],
    },
    notes: [
      'A value reason (not_a_number, nan, infinite, negative) drops the measurement; a label reason coerces the label and keeps it.',
      'label_value_unknown: a value outside a closed set (the `values` of a catalog entry) is recorded as "", so it never opens a series of its own.',
    ],
  }),
  cardinalityOverflow: metric({
    ...base,
    package: 'core',
    component: 'teleport-otel',
    origin: 'self',
    name: 'teleport_otel_cardinality_overflow_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{measurement}',
    help: 'Measurements folded into the overflow series because the metric reached its lifetime label-set limit.',
    description: '',
    labels: ['metric'],
    notes: [
      'The overflow series carries the single label otel_metric_overflow="true" on /metrics, and the attribute otel.metric.overflow=true in OTLP, as OpenTelemetry names it.',
    ],
  }),
  exportFailures: metric({
    ...base,
    package: 'diag',
    component: 'teleport-otel',
    origin: 'self',
    name: 'teleport_otel_export_failures_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{export}',
    help: 'Push exports (OTLP, console) that failed or timed out, by exporter.',
    description: '',
    labels: ['exporter'],
    examples: { exporter: ['otlp', 'console'] },
    notes: ['Failures are also logged, at most once per export interval; a failed batch is dropped, never queued.'],
  }),
} as const;
