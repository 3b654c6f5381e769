import type { Profile } from './profiles';

/** Prometheus TYPE as exposed on /metrics. */
export type PromType = 'counter' | 'gauge' | 'histogram' | 'summary';

/**
 * How the value is recorded. `updowncounter` and `gauge` both expose a Prometheus gauge:
 * the first is moved by deltas (sessions in flight), the second is set to a reading (disk used).
 */
export type InstrumentKind = 'counter' | 'updowncounter' | 'gauge' | 'histogram' | 'summary';

/** The npm package (under `@teleport-otel/`) that registers the metric. */
export type OwningPackage =
  | 'audit'
  | 'auth'
  | 'backends'
  | 'cache'
  | 'proxy'
  | 'node'
  | 'bpf'
  | 'instance'
  | 'runtime'
  | 'kube'
  | 'db'
  | 'diag'
  | 'core';

/** Where the row comes from: Teleport's metrics doc, Teleport's code only, this project's self-metrics, OTel semconv, or prom-client's names (no semconv name exists). */
export type Origin = 'doc' | 'teleport' | 'self' | 'semconv' | 'prom-client';

export interface MetricEntry {
  /** Exposed Prometheus family name, exactly (no suffix is ever appended). */
  readonly name: string;
  readonly type: PromType;
  readonly instrument: InstrumentKind;
  /** UCUM unit, used for OpenTelemetry (`s`, `By`, `%`, `1`, `{event}`). */
  readonly unit: string;
  /** HELP text: what Teleport's code registers (or, for aliases, what the value means in Node.js). */
  readonly help: string;
  /** The description column of Teleport's metrics doc (empty for rows not in the doc). */
  readonly description: string;
  /** Per-measurement label names, in Teleport's declaration order. */
  readonly labels: readonly string[];
  /** Closed sets of label values; these become TypeScript unions. */
  readonly values?: { readonly [label: string]: readonly string[] };
  /** Typical values of open labels (documentation and the demo workload). */
  readonly examples?: { readonly [label: string]: readonly string[] };
  /** Labels fixed when the metric is registered (client_golang ConstLabels), with their default values. */
  readonly constLabels?: { readonly [label: string]: string };
  /** Histogram upper bounds, without +Inf. */
  readonly buckets?: readonly number[];
  /** Summary quantiles. */
  readonly quantiles?: readonly number[];
  /** Value is read by a callback at collection time rather than recorded on a hot path. */
  readonly observed?: boolean;
  /** Lifetime cap on label sets; past it new sets fold into one overflow series. */
  readonly maxSeries?: number;
  readonly package: OwningPackage;
  /** Group inside the package (a `create*Metrics` unit), e.g. `dynamo` inside backends. */
  readonly group: string;
  /** Component column of the doc. */
  readonly component: string;
  /** Section heading of the doc. */
  readonly section: string;
  readonly origin: Origin;
  /** How many rows of the doc describe this name (dynamo_requests_total is listed twice). */
  readonly docRows?: number;
  /** What Teleport's code really exposes where it differs from the doc (null: not exposed at all). */
  readonly teleport?: { readonly name: string | null; readonly type: PromType | null };
  /** For go_* rows: how the Node.js value is derived, or why there is none. */
  readonly nodeAnalog?: string;
  /** Set when a documented row has no honest Node.js analog and is deliberately not exposed. */
  readonly noAnalog?: boolean;
  /** Where the doc and Teleport's behaviour differ, and what this project does about it. */
  readonly notes: readonly string[];
  /** The profiles that hold this entry. Absent: every profile (the page's rows that the code registers unchanged, runtime, self-metrics). */
  readonly profiles?: readonly Profile[];
  /**
   * Where Teleport defines the family, as `path@commit` (gravitational/teleport), or `docs: path@commit`
   * for a family known only from Teleport's documentation. Absent on the page's rows (the page is the source).
   */
  readonly source?: string;
  /** Facts that differ in a profile without changing the family's shape (a released HELP text, its source). */
  readonly overrides?: { readonly [P in Profile]?: ProfileOverride };
}

/** What a profile may change in an entry it holds; name, TYPE and labels never change (a different family is a different entry). */
export interface ProfileOverride {
  readonly help?: string;
  readonly source?: string;
  readonly notes?: readonly string[];
}

type ClosedValues<E extends MetricEntry, K extends string> = E['values'] extends { readonly [P in K]: readonly (infer V)[] }
  ? V
  : string;

/** The label object a caller passes for one measurement of entry E. */
export type LabelsOf<E extends MetricEntry> = {
  readonly [K in E['labels'][number]]: ClosedValues<E, K>;
};

/** The const-label object given once at registration. */
export type ConstLabelsOf<E extends MetricEntry> = E['constLabels'] extends { readonly [label: string]: string }
  ? { readonly [K in keyof E['constLabels']]?: string }
  : Record<string, never>;

/** A named group of entries: the unit a component package turns into instruments. */
export type MetricGroup = { readonly [key: string]: MetricEntry };
