import type { LabelsOf, MetricEntry, MetricGroup } from '@teleport-otel/catalog';

/** The label argument of entry E: required and typed when E has labels, absent when it has none. */
export type LabelArg<E extends MetricEntry> = E['labels'] extends readonly [] ? [labels?: undefined] : [labels: LabelsOf<E>];

export interface BoundCounter {
  add(value: number): void;
  inc(): void;
}
export interface Counter<E extends MetricEntry = MetricEntry> {
  readonly entry: E;
  /** Adds a non-negative finite value; anything else is dropped and counted. */
  add(value: number, ...labels: LabelArg<E>): void;
  inc(...labels: LabelArg<E>): void;
  /** A handle for one label set, resolved once (client_golang's WithLabelValues). */
  bind(...labels: LabelArg<E>): BoundCounter;
  /**
   * Deletes one series (DeleteLabelValues), as Teleport's Reporter does for backend_requests keys
   * leaving its LRU. Registry pipelines only; over a plain SDK meter it is a no-op, logged once.
   */
  remove(...labels: LabelArg<E>): void;
}

export interface BoundUpDownCounter extends BoundCounter {
  dec(): void;
}
export interface UpDownCounter<E extends MetricEntry = MetricEntry> {
  readonly entry: E;
  add(value: number, ...labels: LabelArg<E>): void;
  inc(...labels: LabelArg<E>): void;
  dec(...labels: LabelArg<E>): void;
  bind(...labels: LabelArg<E>): BoundUpDownCounter;
  /** Deletes one series (DeleteLabelValues). Registry pipelines only; a no-op over a plain SDK meter, logged once. */
  remove(...labels: LabelArg<E>): void;
}

export interface BoundGauge {
  set(value: number): void;
}
export interface Gauge<E extends MetricEntry = MetricEntry> {
  readonly entry: E;
  set(value: number, ...labels: LabelArg<E>): void;
  bind(...labels: LabelArg<E>): BoundGauge;
  remove(...labels: LabelArg<E>): void;
  /**
   * Deletes every series (client_golang's Reset), e.g. before re-setting per-version counts. Over
   * a plain SDK meter, where series cannot be deleted, every series it has shown is set to 0.
   */
  reset(): void;
}

export interface BoundHistogram {
  record(value: number): void;
}
export interface Histogram<E extends MetricEntry = MetricEntry> {
  readonly entry: E;
  record(value: number, ...labels: LabelArg<E>): void;
  bind(...labels: LabelArg<E>): BoundHistogram;
  /** Starts a timer; calling the returned function records the elapsed seconds and returns them. */
  startTimer(...labels: LabelArg<E>): () => number;
}

/** A summary reading, as go_gc_duration_seconds reports it. */
export interface SummaryValue {
  /** One value per catalog quantile, in the catalog's order. */
  readonly quantiles: readonly number[];
  readonly sum: number;
  readonly count: number;
}
export type ObserveFn<E extends MetricEntry> = (
  value: E['instrument'] extends 'summary' ? SummaryValue : number,
  ...labels: LabelArg<E>
) => void;

/** A metric read at collection time: callbacks run once per collection (scrape or export). */
export interface Observed<E extends MetricEntry = MetricEntry> {
  readonly entry: E;
  addCallback(callback: (observe: ObserveFn<E>) => void): void;
}

export type InstrumentFor<E extends MetricEntry> = E['observed'] extends true
  ? Observed<E>
  : E['instrument'] extends 'counter'
  ? Counter<E>
  : E['instrument'] extends 'updowncounter'
  ? UpDownCounter<E>
  : E['instrument'] extends 'gauge'
  ? Gauge<E>
  : E['instrument'] extends 'histogram'
  ? Histogram<E>
  : Observed<E>;

/** The instruments of a catalog group, under the group's keys. */
export type Instruments<G extends MetricGroup> = { readonly [K in keyof G]: InstrumentFor<G[K]> };
