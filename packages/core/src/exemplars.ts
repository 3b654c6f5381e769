import { context, trace, TraceFlags, type SpanContext } from '@opentelemetry/api';

/*
 * Exemplars: the trace and span of one recent measurement, kept next to a histogram bucket or a
 * counter series so a scraper asking for OpenMetrics can link a latency bucket to a trace. Only a
 * Registry created with `exemplars: true` records them (see fast-exemplars.ts); every other
 * Registry never loads this state, so the default recording path is untouched.
 */

/** One kept exemplar. Mutated in place by later measurements: a slot allocates once. */
export class Exemplar {
  constructor(public traceId: string, public spanId: string, public value: number, public timeMs: number) {}
}

/**
 * A series' exemplars: one slot per histogram bucket (the last is +Inf) or a single slot for a
 * counter series. Each slot holds the latest exemplar, as client_golang keeps the last one, so
 * memory is bounded by the series cap times the bucket count.
 */
export class ExemplarSlots {
  readonly slots: (Exemplar | undefined)[];
  constructor(size: number) {
    this.slots = new Array<Exemplar | undefined>(size).fill(undefined);
  }
}

/** A cell that may carry exemplars: the side object is attached on its first exemplar only. */
export interface ExemplarCarrier {
  exemplars?: ExemplarSlots;
}

/** The exemplars of a cell, if it has any. */
export function exemplarsOf(cell: object): ExemplarSlots | undefined {
  return (cell as ExemplarCarrier).exemplars;
}

const INVALID_TRACE_ID = '00000000000000000000000000000000';

/**
 * The context of the active span when it is sampled, else undefined. With no span active this
 * is one context lookup: the whole cost exemplars add to a measurement outside a trace.
 */
export function sampledSpanContext(): SpanContext | undefined {
  const span = trace.getSpan(context.active());
  if (span === undefined) return undefined;
  const sc = span.spanContext();
  // A sampled flag comes from a sampler or a validated traceparent; the id check is a cheap guard.
  return (sc.traceFlags & TraceFlags.SAMPLED) !== 0 && sc.traceId !== INVALID_TRACE_ID ? sc : undefined;
}

/** Keeps `value` as the latest exemplar of slot `slot` (of `size`) of `cell`. */
export function keepExemplar(cell: object, slot: number, size: number, value: number, sc: SpanContext): void {
  const carrier = cell as ExemplarCarrier;
  const slots = (carrier.exemplars ??= new ExemplarSlots(size)).slots;
  const now = Date.now();
  const e = slots[slot];
  if (e === undefined) slots[slot] = new Exemplar(sc.traceId, sc.spanId, value, now);
  else {
    e.traceId = sc.traceId;
    e.spanId = sc.spanId;
    e.value = value;
    e.timeMs = now;
  }
}
